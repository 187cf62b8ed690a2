/**
 * XSD schemas as magento-semver reports them (src/Analyzer/Xsd/Analyzer.php, src/Scanner/XsdScanner.php): per module
 * and schema file (its path inside the module), every `element` (keyed by type and name; required when minOccurs is
 * not 0) and `attribute` (required when use="required"). A schema added is MINOR (M0140), removed MAJOR (M0139); an
 * element or attribute removed is MAJOR, added is MAJOR when required and MINOR when optional.
 */
import { readFileSync } from 'node:fs';
import { descendants, parseXml } from '../../project/xml.js';
import type { SemverLevel } from '../svc.js';
import type { ChangedFiles, FileOperation } from './types.js';

interface XsdNode {
  attribute: boolean;
  name: string;
  required: boolean;
}
/** Per module, per schema path inside the module: the full path and its nodes by SVC's unique key. */
type Schemas = Map<string, Map<string, { file: string; nodes: Map<string, XsdNode> }>>;

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

function scan(files: Map<string, string>): Schemas {
  const schemas: Schemas = new Map();
  for (const abs of files.values()) {
    if (!abs.endsWith('.xsd')) continue;
    const parsed = parseXml(readFileSync(abs, 'utf8'));
    if (!parsed.ok) continue;
    const m = /(\w*)\/(\w*)\/etc/.exec(abs);
    const sub = `${m?.[1] ?? ''}/${m?.[2] ?? ''}`;
    const module = `${m?.[1] ?? ''}_${m?.[2] ?? ''}`;
    const relative = abs.slice(abs.indexOf(sub) + sub.length);
    const nodes = new Map<string, XsdNode>();
    const all = [...descendants(parsed.root)];
    for (const e of all)
      if (local(e.name) === 'element') {
        const name = e.attrs.name ?? '';
        const min = e.attrs.minOccurs ? Number.parseInt(e.attrs.minOccurs, 10) || 0 : 1;
        nodes.set(`${e.attrs.type ?? ''}/${name}`, { attribute: false, name, required: min > 0 });
      }
    for (const e of all)
      if (local(e.name) === 'attribute') {
        const name = e.attrs.name ?? '';
        nodes.set(`@${e.attrs.type ?? ''}/${name}`, { attribute: true, name, required: e.attrs.use === 'required' });
      }
    if (nodes.size === 0) continue; // SVC registers a schema through its nodes
    const perModule = schemas.get(module) ?? new Map<string, { file: string; nodes: Map<string, XsdNode> }>();
    schemas.set(module, perModule);
    perModule.set(relative, { file: abs, nodes });
  }
  return schemas;
}

export function analyzeXsd(files: ChangedFiles): FileOperation[] {
  const before = scan(files.before);
  const after = scan(files.after);
  const out: FileOperation[] = [];
  const push = (level: SemverLevel, code: string, reason: string, target: string, location: string) =>
    out.push({ context: 'xsd', level, code, reason, target, location });
  const declared = (from: Schemas, to: Schemas, added: boolean) => {
    for (const [module, schemaFiles] of from)
      for (const [relative, { file }] of schemaFiles)
        if (!to.get(module)?.has(relative))
          if (added) push('MINOR', 'M0140', 'A schema declaration was added', relative, file);
          else push('MAJOR', 'M0139', 'A schema declaration was removed', relative, file);
  };
  declared(after, before, true);
  declared(before, after, false);
  for (const [module, schemaFiles] of before)
    for (const [relative, b] of schemaFiles) {
      const a = after.get(module)?.get(relative);
      if (!a) continue;
      for (const [key, n] of a.nodes)
        if (!b.nodes.has(key)) {
          if (n.attribute)
            push(
              n.required ? 'MAJOR' : 'MINOR',
              n.required ? 'M0136' : 'M0134',
              n.required ? 'A required attribute was added' : 'An optional attribute was added',
              n.name,
              a.file,
            );
          else
            push(
              n.required ? 'MAJOR' : 'MINOR',
              n.required ? 'M0135' : 'M0133',
              n.required ? 'A required node was added' : 'An optional node was added',
              n.name,
              a.file,
            );
        }
      for (const [key, n] of b.nodes)
        if (!a.nodes.has(key))
          push(
            'MAJOR',
            n.attribute ? 'M0138' : 'M0137',
            n.attribute ? 'An attribute was removed' : 'A node was removed',
            n.name,
            b.file,
          );
    }
  return out;
}
