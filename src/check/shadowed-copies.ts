// Copies of a class file kept beside it (`AppState-original.php`, `AppState-29-12-2020.php`, `AppStateOld.php`).
import type { Problem } from '../core/problem.js';
import type { CodeUnit } from '../rules/rule.js';

/** The file name without directory and `.php`: what Composer's PSR-0/PSR-4 autoloader maps a class's short name to. */
const stem = (file: string): string => (file.split('/').pop() ?? '').replace(/\.php$/i, '');
const shortName = (cls: string): string => cls.slice(cls.lastIndexOf('\\') + 1);

/**
 * Leaves out the PHP files whose every class is also declared by another file named after that class: the autoloader
 * only ever loads `AppState.php` for `…\AppState`, so a dated or `-original` copy beside it is code Magento never
 * runs. Kept, it is reported on as if it ran, and, sorting first, it hid the real declaration from the class lookups
 * (a property the real file declares was called dynamic). A copy with no autoloadable twin stays: it may be required
 * by hand. One problem per file left out says so.
 */
export function withoutShadowedCopies(units: CodeUnit[], problems: Problem[]): CodeUnit[] {
  const autoloadable = new Map<string, string>();
  for (const unit of units)
    for (const decl of unit.analysis.classes)
      if (stem(unit.analysis.file) === shortName(decl.name))
        autoloadable.set(decl.name.toLowerCase(), unit.analysis.file);
  return units.filter((unit) => {
    const { classes, file } = unit.analysis;
    const twins = classes.map((c) =>
      stem(file) === shortName(c.name) ? undefined : autoloadable.get(c.name.toLowerCase()),
    );
    if (classes.length === 0 || twins.some((t) => t === undefined)) return true;
    problems.push({
      code: 'shadowed-copy',
      level: 'warning',
      file,
      message: `${file} declares ${classes.map((c) => c.name).join(', ')}, which ${[...new Set(twins)].join(', ')} declares under the name the autoloader loads: a copy Magento never runs, so it is not checked`,
    });
    return false;
  });
}
