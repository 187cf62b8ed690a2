/**
 * di.xml virtual types as magento-semver reports them (src/Analyzer/DiXml/VirtualTypeAnalyzer.php,
 * src/Scanner/DiConfigScanner.php): a virtual type removed (M200, MAJOR) or whose type or scope changed (M201, MAJOR).
 * The scope is the folder of the di.xml (`etc` is global, `etc/frontend` is frontend); a virtual type that moved to
 * another module keeps its name and is compared there.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { descendants, parseXml } from '../../project/xml.js';
import type { ChangedFiles, FileOperation } from './types.js';

interface VirtualType {
  name: string;
  type: string;
  scope: string;
}

const MODULE = /(\w*)\/(\w*)\/etc/;

function scan(files: Map<string, string>): { nodes: Map<string, Map<string, VirtualType>>; file: Map<string, string> } {
  const nodes = new Map<string, Map<string, VirtualType>>();
  const file = new Map<string, string>();
  for (const abs of files.values()) {
    if (basename(abs) !== 'di.xml') continue;
    const parsed = parseXml(readFileSync(abs, 'utf8'));
    if (!parsed.ok) continue;
    const m = MODULE.exec(abs);
    const module = `${m?.[1] ?? ''}_${m?.[2] ?? ''}`;
    file.set(module, abs);
    const folder = basename(dirname(abs));
    const scope = folder === 'etc' ? 'global' : folder;
    const types = nodes.get(module) ?? new Map<string, VirtualType>();
    nodes.set(module, types);
    for (const e of descendants(parsed.root))
      if (e.name === 'virtualType')
        types.set(e.attrs.name ?? '', { name: e.attrs.name ?? '', type: e.attrs.type ?? '', scope });
  }
  return { nodes, file };
}

const bare = (type: string): string => type.trim().replace(/^\\+/, '');

export function analyzeDiXml(files: ChangedFiles): FileOperation[] {
  const before = scan(files.before);
  const after = scan(files.after);
  const out: FileOperation[] = [];
  const changed = (b: VirtualType, a: VirtualType, location: string): void => {
    // SVC: an unchanged type declared globally after the change is no change
    if (b.type === a.type && a.scope === 'global') return;
    for (const field of ['type', 'scope'] as const)
      if (field === 'type' ? bare(b.type) !== bare(a.type) : b.scope !== a.scope)
        out.push({
          context: 'di',
          level: 'MAJOR',
          code: 'M201',
          reason: 'Virtual Type was changed',
          target: field,
          location,
        });
  };
  for (const [module, types] of before.nodes) {
    const location = before.file.get(module)!;
    for (const [name, b] of types) {
      const a = after.nodes.get(module)?.get(name) ?? [...after.nodes.values()].find((t) => t.has(name))?.get(name);
      if (a) changed(b, a, location);
      else
        out.push({
          context: 'di',
          level: 'MAJOR',
          code: 'M200',
          reason: 'Virtual Type was removed',
          target: name,
          location,
        });
    }
  }
  return out;
}
