// What changed in a core class (with its parents) between the current and the target API index.
import type { ClassDecl, MethodDecl } from '../../php/types.js';
import type { SymbolIndex } from '../../knowledge/types.js';

export function methodsWithParents(
  symbols: SymbolIndex,
  fqcn: string,
): Map<string, MethodDecl & { owner: string }> | undefined {
  const out = new Map<string, MethodDecl & { owner: string }>();
  let cls: ClassDecl | undefined = symbols.getClass(fqcn);
  if (!cls) return undefined;
  const seen = new Set<string>();
  while (cls && !seen.has(cls.name)) {
    seen.add(cls.name);
    for (const m of cls.methods)
      if (!out.has(m.name.toLowerCase())) out.set(m.name.toLowerCase(), { ...m, owner: cls.name });
    cls = cls.extends ? symbols.getClass(cls.extends) : undefined;
  }
  return out;
}

/** `T $x = null` is `?T $x = null` (implicitly nullable): the same signature, spelled differently. */
function normalType(type: string | undefined, defaultValue: string | undefined): string {
  if (!type) return '';
  const t = type.replace(/^\\/, '');
  if (defaultValue?.toLowerCase() === 'null' && !t.startsWith('?') && !/\bnull\b/i.test(t) && !t.includes('|'))
    return `?${t}`;
  return t;
}

export function signatureOf(m: MethodDecl): string {
  const params = m.params.map((p) =>
    `${normalType(p.type, p.default)} ${p.variadic ? '...' : ''}$${p.name}${p.default !== undefined ? ` = ${p.default}` : ''}`.trim(),
  );
  return `${m.visibility}${m.static ? ' static' : ''}${m.final ? ' final' : ''} ${m.name}(${params.join(', ')})${m.returnType ? `: ${m.returnType}` : ''}`;
}

export interface MethodChange {
  name: string;
  owner: string;
  how: 'removed' | 'signature' | 'body' | 'added';
}

export function classChanges(
  current: SymbolIndex,
  target: SymbolIndex,
  fqcn: string,
): MethodChange[] | 'removed' | undefined {
  const before = methodsWithParents(current, fqcn);
  if (!before) return undefined;
  const after = methodsWithParents(target, fqcn);
  if (!after) return 'removed';
  const out: MethodChange[] = [];
  for (const [key, m] of before) {
    const n = after.get(key);
    if (!n) out.push({ name: m.name, owner: m.owner, how: 'removed' });
    else if (signatureOf(n) !== signatureOf(m)) out.push({ name: m.name, owner: n.owner, how: 'signature' });
    else if (m.bodyHash && n.bodyHash && m.bodyHash !== n.bodyHash)
      out.push({ name: m.name, owner: n.owner, how: 'body' });
  }
  for (const [key, n] of after) if (!before.has(key)) out.push({ name: n.name, owner: n.owner, how: 'added' });
  return out;
}

/** Only optional parameters appended at the end (callers and before/around plugins keep working). */
export function onlyOptionalParamsAdded(before: MethodDecl, after: MethodDecl): boolean {
  if (after.params.length <= before.params.length) return false;
  const head = { ...after, params: after.params.slice(0, before.params.length) };
  return (
    signatureOf(head) === signatureOf(before) &&
    after.params.slice(before.params.length).every((p) => p.default !== undefined || p.variadic)
  );
}
