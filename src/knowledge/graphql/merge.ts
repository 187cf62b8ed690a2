// Magento's schema stitching (GraphQlReader): every module's schema.graphqls merged by type name with
// array_replace_recursive, so a later declaration adds fields and replaces a field's type, resolver and arguments.
import type { GraphqlTypeDef } from './format.js';
import type { SchemaDeclaration } from './read-schema.js';

/** Merges one declaration into the release's schema as GraphQlReader's array_replace_recursive does. */
export function mergeDeclaration(
  schema: Map<string, GraphqlTypeDef>,
  d: SchemaDeclaration,
  module: string,
  warn: (message: string) => void,
): void {
  let def = schema.get(d.name);
  if (!def) schema.set(d.name, (def = { k: d.kind, m: [] }));
  else if (def.k !== d.kind) warn(`declares ${d.kind} ${d.name}, already a ${def.k}: kept ${def.k}`);
  if (!def.m.includes(module)) def.m = [...def.m, module].sort();
  if (d.implements.length > 0) def.i = [...new Set([...(def.i ?? []), ...d.implements.map((i) => i.name)])].sort();
  if (d.members.length > 0) def.u = [...new Set([...(def.u ?? []), ...d.members.map((m) => m.name)])].sort();
  if (d.typeResolver) def.r = d.typeResolver;
  if (d.deprecated !== undefined) def.d = d.deprecated;
  for (const f of d.fields) {
    const before = def.f?.[f.name];
    const a = { ...before?.a, ...f.args };
    const r = f.resolver ?? before?.r;
    const dep = f.deprecated ?? before?.d;
    (def.f ??= {})[f.name] = {
      t: f.type,
      ...(Object.keys(a).length > 0 ? { a } : {}),
      ...(r ? { r } : {}),
      ...(dep !== undefined ? { d: dep } : {}),
    };
  }
  if (Object.keys(d.values).length > 0) def.v = { ...def.v, ...d.values };
}
