import type { ProjectModel } from '../project/model.js';
import type { Net } from './net.js';
import type { ApiResult } from './types.js';

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
/** Enough of the standard introspection query to compare schemas: types, fields, arguments, input fields, enum values. */
export const INTROSPECTION_QUERY = `query MageupIntrospection { __schema { types { kind name
  fields(includeDeprecated: true) { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } }
  inputFields { name type { ${TYPE_REF} } }
  enumValues(includeDeprecated: true) { name } } } }`;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType?: TypeRef | null;
}
interface IntrospectedType {
  kind: string;
  name: string;
  fields?: { name: string; args: { name: string; type: TypeRef }[]; type: TypeRef }[] | null;
  inputFields?: { name: string; type: TypeRef }[] | null;
  enumValues?: { name: string }[] | null;
}

/** Core REST routes any storefront answers anonymously: tell whether REST works at all. */
const CORE_ANONYMOUS_GETS = ['/V1/directory/countries', '/V1/directory/currency', '/V1/store/storeConfigs'];

/**
 * The GraphQL schema as a sorted list of `Type.field(arg: T): T` lines (what a client can rely on), and the status of
 * the project's GET REST routes without parameters (from its webapi.xml files) and of a few core anonymous routes.
 */
export async function probeApi(net: Net, origin: string, project: ProjectModel | undefined): Promise<ApiResult> {
  const url = `${origin}/graphql`;
  const result: ApiResult = { graphql: { url, status: null, introspection: 'error', fields: [] }, rest: [] };
  try {
    const res = await net.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: INTROSPECTION_QUERY }),
    });
    result.graphql.status = res.status;
    const body = JSON.parse(res.body.toString('utf8')) as {
      data?: { __schema?: { types: IntrospectedType[] } };
      errors?: { message: string }[];
    };
    if (body.data?.__schema) {
      result.graphql.introspection = 'ok';
      result.graphql.fields = schemaLines(body.data.__schema.types);
    } else {
      const message = body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`;
      result.graphql.introspection = /introspection/i.test(message) ? 'disabled' : 'error';
      result.graphql.error = message.slice(0, 300);
    }
  } catch (error) {
    result.graphql.error = error instanceof Error ? error.message : String(error);
  }
  const routes: { method: string; path: string; source: string }[] = CORE_ANONYMOUS_GETS.map((path) => ({
    method: 'GET',
    path,
    source: 'core',
  }));
  for (const module of project?.modules ?? []) {
    if (module.core) continue;
    for (const r of module.customizations.webapiRoutes) {
      if (r.method.toUpperCase() !== 'GET' || r.url.includes(':')) continue;
      routes.push({ method: 'GET', path: r.url, source: `${module.name} (${r.file}:${r.line})` });
    }
  }
  for (const r of routes) {
    const res = await net
      .fetch(`${origin}/rest${r.path.startsWith('/') ? '' : '/'}${r.path}`, {
        headers: { accept: 'application/json' },
        stopAfter: 256 * 1024,
      })
      .catch(() => null);
    const status = res?.status ?? null;
    result.rest.push({ ...r, status, anonymous: status === 401 || status === 403 ? 'refused' : 'answered' });
  }
  return result;
}

export function schemaLines(types: IntrospectedType[]): string[] {
  const lines: string[] = [];
  for (const t of types) {
    if (t.name.startsWith('__')) continue;
    lines.push(`${t.name}: ${t.kind}`);
    for (const f of t.fields ?? []) {
      const args = f.args.length > 0 ? `(${f.args.map((a) => `${a.name}: ${typeName(a.type)}`).join(', ')})` : '';
      lines.push(`${t.name}.${f.name}${args}: ${typeName(f.type)}`);
    }
    for (const f of t.inputFields ?? []) lines.push(`${t.name}.${f.name}: ${typeName(f.type)}`);
    for (const v of t.enumValues ?? []) lines.push(`${t.name}.${v.name}`);
  }
  return lines.sort();
}

function typeName(t: TypeRef): string {
  if (t.kind === 'NON_NULL') return `${typeName(t.ofType!)}!`;
  if (t.kind === 'LIST') return `[${typeName(t.ofType!)}]`;
  return t.name ?? '?';
}

/** Lines of the baseline schema that are gone now, with the line that replaced a changed field when there is one. */
export function schemaDiff(
  before: string[],
  after: string[],
): { removed: string[]; changed: { before: string; after: string }[]; added: number } {
  const now = new Set(after);
  const was = new Set(before);
  const key = (line: string): string => line.replace(/[(:].*$/, '');
  const afterByKey = new Map(after.map((l) => [key(l), l]));
  const removed: string[] = [];
  const changed: { before: string; after: string }[] = [];
  for (const line of before) {
    if (now.has(line)) continue;
    const replacement = afterByKey.get(key(line));
    if (replacement) changed.push({ before: line, after: replacement });
    else removed.push(line);
  }
  return { removed, changed, added: after.filter((l) => !was.has(l)).length };
}
