import { parse } from 'acorn';
import type { Node as AcornNode } from 'acorn';
import type { Problem } from '../../core/problem.js';
import type { JsSource } from '../model.js';

/** Minified bundles and vendored libraries are not the project's RequireJS code. */
export function isProjectJs(path: string): boolean {
  return path.endsWith('.js') && !/\.min\.js$/.test(path) && !/(^|\/)(node_modules|Test|tests?)\//.test(path);
}

/** Bigger files are bundled libraries, not hand-written modules: not parsed. */
const MAX_BYTES = 512 * 1024;

/**
 * Dependencies and removed-jQuery-API uses of one JS file, from its syntax tree (acorn; the file is never run). A file
 * that does not parse is reported and yields nothing.
 */
export function readJsSource(source: string, file: string, area: string, problems: Problem[]): JsSource {
  const result: JsSource = { file, area, dependencies: [], jqueryApis: [] };
  if (source.length > MAX_BYTES) return result;
  let program: AcornNode;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'script', locations: true, allowHashBang: true });
  } catch {
    try {
      program = parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
    } catch (e) {
      const loc = (e as { loc?: { line: number } }).loc;
      problems.push({
        code: 'js-syntax',
        level: 'warning',
        file,
        ...(loc ? { line: loc.line } : {}),
        message: `${file}${loc ? `:${loc.line}` : ''}: not valid JavaScript (${e instanceof Error ? e.message : String(e)}); its RequireJS dependencies are not checked`,
      });
      return result;
    }
  }
  const apis: JsSource['jqueryApis'] = [];
  let usesJquery = false;
  walk(program, (node) => {
    if (node.type === 'Identifier' && (node as unknown as { name: string }).name === 'jQuery') usesJquery = true;
    if (node.type === 'CallExpression') {
      const call = node as unknown as { callee: AcornNode; arguments: AcornNode[] };
      const callee = call.callee as AcornNode & { name?: string };
      const name = callee.type === 'Identifier' ? callee.name : undefined;
      if (name === 'define' || name === 'require' || name === 'requirejs') {
        for (const arg of call.arguments) {
          if (arg.type === 'ArrayExpression') {
            for (const e of (arg as unknown as { elements: (AcornNode | null)[] }).elements) addDependency(result, e);
            break;
          }
          // CommonJS sugar inside a define: `require('jquery')`.
          if (name === 'require' && call.arguments.length === 1) addDependency(result, arg);
        }
      }
      const method = memberName(callee);
      const object = (callee as unknown as { object?: AcornNode }).object;
      if (method === 'andSelf' || (method === 'size' && call.arguments.length === 0))
        apis.push({ api: method, line: lineOf(node) });
      else if ((method === 'live' || method === 'die') && call.arguments.length > 0)
        apis.push({ api: method, line: lineOf(node) });
      else if (method === 'sub' && object && isJqueryGlobal(object)) apis.push({ api: 'sub', line: lineOf(node) });
    } else if (node.type === 'MemberExpression') {
      const object = (node as unknown as { object: AcornNode }).object;
      if (memberName(node) === 'browser' && isJqueryGlobal(object)) apis.push({ api: 'browser', line: lineOf(node) });
    }
  });
  usesJquery ||= result.dependencies.some((d) => d.id === 'jquery');
  // `.size()` or `.live()` on anything else (a Backbone collection, a custom object) is not jQuery's.
  if (usesJquery) result.jqueryApis = apis;
  return result;
}

function addDependency(result: JsSource, node: AcornNode | null | undefined): void {
  const value = (node as { value?: unknown } | null)?.value;
  if (node?.type === 'Literal' && typeof value === 'string' && value !== '')
    result.dependencies.push({ id: value, line: lineOf(node) });
}

function isJqueryGlobal(node: AcornNode): boolean {
  const name = (node as unknown as { name?: string }).name;
  return node.type === 'Identifier' && (name === '$' || name === 'jQuery');
}

function memberName(node: AcornNode): string | undefined {
  if (node.type !== 'MemberExpression') return undefined;
  const m = node as unknown as { computed: boolean; property: { type: string; name?: string; value?: unknown } };
  if (!m.computed && m.property.type === 'Identifier') return m.property.name;
  return typeof m.property.value === 'string' ? m.property.value : undefined;
}

/** Every node of an acorn tree, depth first (`loc` skipped); the build script of the JS index walks the same way. */
export function walk(node: unknown, visit: (n: AcornNode) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const c of node) walk(c, visit);
    return;
  }
  const n = node as AcornNode & Record<string, unknown>;
  if (typeof n.type === 'string') visit(n);
  for (const [k, v] of Object.entries(n)) if (k !== 'loc' && v && typeof v === 'object') walk(v, visit);
}

function lineOf(node: AcornNode): number {
  return node.loc?.start.line ?? 0;
}
