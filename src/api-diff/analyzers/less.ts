/**
 * LESS files as magento-semver reports them (src/Analyzer/Less/Analyzer.php, src/Scanner/LessScanner.php): the
 * top-level rules of each changed `view/…/*.less` file, parsed by less (the reference parser less.php ports). When a
 * file loses rules, each lost variable (M400), mixin (M401) or import (M402) is MAJOR; when it keeps the same rules,
 * each parameter a mixin gained is MAJOR (M403). Rules are keyed as SVC keys them (a name, or an import's path).
 */
import { readFileSync } from 'node:fs';
import less from 'less';
import type { ChangedFiles, FileOperation } from './types.js';

type LessNode = { type: string; name?: unknown; path?: { value?: unknown }; params?: { name?: string }[] };

/** The top-level rules of a LESS source by SVC's key, or undefined when less cannot parse it. */
function rules(source: string): Map<string, LessNode> | undefined {
  let result: Map<string, LessNode> | undefined;
  // less parses synchronously when imports are not followed
  less.parse(source, { processImports: false }, (error, root) => {
    if (error || !root) return;
    result = new Map();
    for (const node of root.rules) {
      if (node.type === 'Comment') continue;
      const key =
        typeof node.name === 'string'
          ? node.name
          : node.type === 'Import'
            ? `Import with value: '${String(node.path?.value ?? '')}'`
            : node.type;
      result.set(key, node);
    }
  });
  return result;
}

function scan(files: Map<string, string>): Map<string, { file: string; rules: Map<string, LessNode> }> {
  const out = new Map<string, { file: string; rules: Map<string, LessNode> }>();
  for (const abs of files.values()) {
    if (!abs.endsWith('.less')) continue;
    const m = /(\w*)\/(\w*)\/view/.exec(abs);
    if (!m) continue;
    const parsed = rules(readFileSync(abs, 'utf8'));
    if (!parsed) continue;
    const sub = `${m[1]}/${m[2]}`;
    out.set(`${m[1]}_${m[2]}:${abs.slice(abs.indexOf(sub) + sub.length)}`, { file: abs, rules: parsed });
  }
  return out;
}

const REMOVED: Record<string, [string, string]> = {
  Declaration: ['M400', 'A less variable-node was removed'],
  MixinDefinition: ['M401', 'A less mixin-node was removed'],
  Import: ['M402', 'A less import-node was removed'],
};

export function analyzeLess(files: ChangedFiles): FileOperation[] {
  const before = scan(files.before);
  const after = scan(files.after);
  const out: FileOperation[] = [];
  for (const [key, b] of before) {
    const a = after.get(key);
    if (!a) continue;
    const removed = [...b.rules].filter(([name]) => !a.rules.has(name));
    const added = [...a.rules.keys()].filter((name) => !b.rules.has(name));
    if (removed.length > 0) {
      for (const [name, node] of removed) {
        const op = REMOVED[node.type];
        if (op)
          out.push({ context: 'less', level: 'MAJOR', code: op[0], reason: op[1], target: name, location: b.file });
      }
    } else if (added.length === 0) {
      for (const [name, node] of a.rules) {
        if (node.type !== 'MixinDefinition') continue;
        const names = (n: LessNode | undefined) => (n?.params ?? []).map((p) => p.name ?? '');
        const was = names(b.rules.get(name));
        const now = names(node);
        const gained = was.length === 0 ? now : now.length >= was.length ? now.filter((p) => !was.includes(p)) : [];
        if (gained.length > 0)
          out.push({
            context: 'less',
            level: 'MAJOR',
            code: 'M403',
            reason: 'A parameter was added to the mixin-node',
            target: `${name}:${gained.join(', ')}`,
            location: a.file,
          });
      }
    }
  }
  return out;
}
