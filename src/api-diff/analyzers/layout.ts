/**
 * Layout XML as magento-semver reports it (src/Analyzer/Layout/Analyzer.php, src/Scanner/LayoutConfigScanner.php):
 * per module, every `<block>` and `<container>` by name and every `<update>` by handle of the module's changed
 * `view/…/*.xml` files (ui_component excepted); one that is gone from the module is MAJOR (M220, M221, M222).
 */
import { readFileSync } from 'node:fs';
import { descendants, parseXml } from '../../project/xml.js';
import type { ChangedFiles, FileOperation } from './types.js';

type Kind = 'block' | 'container' | 'update';
const REMOVED: Record<Kind, [string, string]> = {
  block: ['M220', 'Block was removed'],
  container: ['M221', 'Container was removed'],
  update: ['M222', 'An Update was removed'],
};

/** Per module, per unique key (a name, or an update's handle): the node's kind and the file it was last read from. */
function scan(files: Map<string, string>): Map<string, Map<string, { kind: Kind; file: string }>> {
  const modules = new Map<string, Map<string, { kind: Kind; file: string }>>();
  for (const abs of files.values()) {
    if (!/\/view\/.*\.xml$/.test(abs) || abs.includes('ui_component')) continue;
    const parsed = parseXml(readFileSync(abs, 'utf8'));
    if (!parsed.ok) continue;
    const m = /(\w*)\/(\w*)\/view/.exec(abs);
    const module = `${m?.[1] ?? ''}_${m?.[2] ?? ''}`;
    const nodes = modules.get(module) ?? new Map<string, { kind: Kind; file: string }>();
    modules.set(module, nodes);
    const all = [...descendants(parsed.root)];
    // SVC registers containers, then blocks, then updates: a later kind with the same key replaces an earlier one
    for (const kind of ['container', 'block', 'update'] as Kind[])
      for (const e of all)
        if (e.name === kind) nodes.set((kind === 'update' ? e.attrs.handle : e.attrs.name) ?? '', { kind, file: abs });
  }
  return modules;
}

export function analyzeLayout(files: ChangedFiles): FileOperation[] {
  const before = scan(files.before);
  const after = scan(files.after);
  const out: FileOperation[] = [];
  for (const [module, nodes] of before)
    for (const [key, { kind, file }] of nodes) {
      if (after.get(module)?.has(key)) continue;
      const [code, reason] = REMOVED[kind];
      out.push({ context: 'layout', level: 'MAJOR', code, reason, target: key, location: file });
    }
  return out;
}
