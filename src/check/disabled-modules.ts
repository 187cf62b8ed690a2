// A module disabled in app/etc/config.php: its configuration is not loaded and its code runs only if enabled code
// uses its classes (the autoloader still finds them), so what its code or configuration would break is not work the
// upgrade requires (the conflict rules already leave disabled modules out). Its findings stay listed, as info with a
// note. What is about its package (Composer constraints, the package's releases, the module's own lifecycle finding)
// still counts: the package still installs with the target.
import type { Finding, FindingCategory } from '../core/finding.js';
import type { ProjectModel } from '../project/model.js';

/** Categories about what a module's code or configuration does when loaded. */
const CODE_CATEGORIES: ReadonlySet<FindingCategory> = new Set<FindingCategory>([
  'php-api',
  'php-version',
  'overrides',
  'conflicts',
  'db-schema',
  'graphql',
  'security',
]);

/** Lowers to info, with a note, the code findings of non-core modules disabled in app/etc/config.php. */
export function lowerDisabledModules(findings: Finding[], model: Pick<ProjectModel, 'modules'>): Finding[] {
  const disabled = new Set(model.modules.filter((m) => !m.core && m.enabled === false).map((m) => m.name));
  if (disabled.size === 0) return findings;
  return findings.map((f) => {
    if (!f.module || !disabled.has(f.module) || f.severity === 'info' || !CODE_CATEGORIES.has(f.category)) return f;
    // Only a finding about the module's code: a package-level advisory (no file in the module) keeps its severity.
    if (f.ruleId === 'security/package-advisory') return f;
    const note =
      `module disabled in config.php: ${f.module} is disabled in app/etc/config.php, so its configuration is not ` +
      `loaded and its code runs only if enabled code uses its classes (the autoloader still finds them; not verified ` +
      `here); not required for the upgrade (${f.severity} if the module is enabled again).`;
    return { ...f, severity: 'info', details: f.details ? `${note}\n\n${f.details}` : note };
  });
}
