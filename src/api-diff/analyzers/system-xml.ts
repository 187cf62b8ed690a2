/**
 * adminhtml system.xml as magento-semver reports it (src/Analyzer/SystemXml/Analyzer.php,
 * src/Scanner/SystemXmlScanner.php): per module, its sections, groups and fields by path (`section/group/field`); the
 * file added (M300, MINOR) or removed (M301, MAJOR), a node added (MINOR) or removed (MAJOR). SVC's messages are kept
 * as written, including M301's "was added" and M307's code `MM307`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { descendants, parseXml } from '../../project/xml.js';
import type { XmlElement } from '../../project/xml.js';
import type { ChangedFiles, FileOperation } from './types.js';

type Kind = 'section' | 'group' | 'field';
const OPS: Record<Kind, { added: [string, string]; removed: [string, string] }> = {
  section: { added: ['M306', 'A section-node was added'], removed: ['MM307', 'a section-node was removed'] },
  group: { added: ['M304', 'A group-node was added'], removed: ['M305', 'A group-node was removed'] },
  field: { added: ['M302', 'A field-node was added'], removed: ['M303', 'A field-node was removed'] },
};

interface Module {
  file: string;
  /** `kind:path` → kind and path, in SVC's unique-key form. */
  nodes: Map<string, { kind: Kind; path: string }>;
}

function scan(files: Map<string, string>): Map<string, Module> {
  const modules = new Map<string, Module>();
  for (const abs of files.values()) {
    if (basename(abs) !== 'system.xml') continue;
    const m = /(\w*)\/(\w*)\/etc/.exec(abs);
    const name = `${m?.[1] ?? ''}_${m?.[2] ?? ''}`;
    const module: Module = modules.get(name) ?? { file: abs, nodes: new Map() };
    module.file = abs;
    modules.set(name, module);
    const parsed = parseXml(readFileSync(abs, 'utf8'));
    if (!parsed.ok) continue;
    const add = (kind: Kind, path: string) => module.nodes.set(`${kind}:${path}`, { kind, path });
    const groups = (parent: XmlElement, path: string): void => {
      for (const g of parent.children.filter((c) => c.name === 'group')) {
        const at = `${path}/${g.attrs.id ?? ''}`;
        add('group', at);
        groups(g, at);
        for (const f of g.children.filter((c) => c.name === 'field')) add('field', `${at}/${f.attrs.id ?? ''}`);
      }
    };
    for (const s of descendants(parsed.root))
      if (s.name === 'section') {
        add('section', s.attrs.id ?? '');
        groups(s, s.attrs.id ?? '');
      }
  }
  return modules;
}

export function analyzeSystemXml(files: ChangedFiles): FileOperation[] {
  const before = scan(files.before);
  const after = scan(files.after);
  const out: FileOperation[] = [];
  const push = (level: 'MAJOR' | 'MINOR', [code, reason]: [string, string], target: string, location: string) =>
    out.push({ context: 'system', level, code, reason, target, location });
  for (const [name, module] of after)
    if (!before.has(name)) push('MINOR', ['M300', 'System configuration file was added'], 'system.xml', module.file);
  for (const [name, module] of before)
    if (!after.has(name)) push('MAJOR', ['M301', 'System configuration file was added'], 'system.xml', module.file);
  for (const [name, b] of before) {
    const a = after.get(name);
    if (!a) continue;
    for (const [key, { kind, path }] of b.nodes) if (!a.nodes.has(key)) push('MAJOR', OPS[kind].removed, path, b.file);
    for (const [key, { kind, path }] of a.nodes) if (!b.nodes.has(key)) push('MINOR', OPS[kind].added, path, a.file);
  }
  return out;
}
