import { parse } from 'acorn';
import type { Node as AcornNode } from 'acorn';
import type { Problem } from '../../core/problem.js';
import type { JsSource } from '../model.js';

/** Minified bundles and vendored libraries are not the project's RequireJS code. */
export function isProjectJs(path: string): boolean {
  return path.endsWith('.js') && !/\.min\.js$/.test(path) && !/(^|\/)(node_modules|Test|tests?)\//.test(path);
}

/** Bigger files are bundled libraries, not hand-written modules: not parsed. */
export const JS_SOURCE_MAX_BYTES = 512 * 1024;

/**
 * The banner of a copy of jQuery itself (`/*! jQuery JavaScript Library v1.11.0`, `/*! jQuery v3.7.1 | (c) …`): its
 * `.complete()`, `.andSelf()` and `.size()` are the APIs its own version defines, run on itself, not on Magento's jQuery.
 */
const JQUERY_BUILD = /^\s*\/\*!?\s*\*?\s*jQuery (?:JavaScript Library )?v\d/;

/**
 * Dependencies and removed-jQuery-API uses of one JS file, from its syntax tree (acorn; the file is never run). A file
 * that does not parse is reported and yields nothing.
 */
export function readJsSource(source: string, file: string, area: string, problems: Problem[]): JsSource {
  const result: JsSource = { file, area, dependencies: [], jqueryApis: [], methods: [], thisCalls: [] };
  if (source.length > JS_SOURCE_MAX_BYTES) return result;
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
  // `.size()` calls with the root of their receiver chain, judged once the names bound to jQuery are known.
  const sizeCalls: { line: number; root: AcornNode }[] = [];
  const jqueryNames = new Set(['jQuery']);
  const aliases: { name: string; init: string }[] = [];
  let usesJquery = false;
  let usesPrototype = false;
  const methods = new Set<string>();
  // Calls on `this` or on a name that may hold it, resolved once the names assigned `this` are known.
  const memberCalls: { receiver: string; name: string; line: number }[] = [];
  const thisNames = new Set(['this']);
  const xhrVars = new KeptJqXhrs(program);
  walkWithAncestors(program, [], (node, ancestors) => {
    xhrVars.visit(node, ancestors);
    const defined = definedMethod(node);
    if (defined) methods.add(defined);
    const holder = thisHolder(node);
    if (holder) thisNames.add(holder);
    if (node.type === 'Identifier') {
      const id = (node as unknown as { name: string }).name;
      if (id === 'jQuery') usesJquery = true;
      else if (PROTOTYPE_GLOBALS.has(id)) usesPrototype = true;
    }
    if (node.type === 'VariableDeclarator') {
      const d = node as unknown as { id: { type: string; name?: string }; init?: AcornNode & { name?: string } };
      if (d.id.type === 'Identifier' && d.init?.type === 'Identifier' && d.id.name && d.init.name)
        aliases.push({ name: d.id.name, init: d.init.name });
    }
    if (node.type === 'CallExpression') {
      const call = node as unknown as { callee: AcornNode; arguments: AcornNode[] };
      const callee = call.callee as AcornNode & { name?: string };
      const name = callee.type === 'Identifier' ? callee.name : undefined;
      if (name === 'define' || name === 'require' || name === 'requirejs') {
        for (const arg of call.arguments) {
          if (arg.type === 'ArrayExpression') {
            const ids = (arg as unknown as { elements: (AcornNode | null)[] }).elements;
            for (const e of ids) addDependency(result, e);
            bindJqueryParams(ids, call.arguments, jqueryNames);
            break;
          }
          // CommonJS sugar inside a define: `require('jquery')`.
          if (name === 'require' && call.arguments.length === 1) addDependency(result, arg);
        }
      }
      const method = memberName(callee);
      const object = (callee as unknown as { object?: AcornNode }).object;
      const receiver =
        object?.type === 'ThisExpression'
          ? 'this'
          : object?.type === 'Identifier'
            ? (object as { name?: string }).name
            : undefined;
      if (method && receiver) memberCalls.push({ receiver, name: method, line: lineOf(node) });
      if (method === 'size' && call.arguments.length === 0 && object) {
        if (!guarded(node, ancestors, 'size')) sizeCalls.push({ line: lineOf(node), root: receiverRoot(object) });
      } else if (
        (method === 'andSelf' ||
          ((method === 'live' || method === 'die') && call.arguments.length > 0) ||
          (method === 'sub' && object && isJqueryGlobal(object))) &&
        !guarded(node, ancestors, method)
      )
        apis.push({ api: method, line: lineOf(node) });
      else if (method && JQXHR_CALLBACKS.has(method) && object && !guarded(node, ancestors, method)) {
        if (isJqXhr(object)) apis.push({ api: `jqXHR.${method}`, line: lineOf(node) });
        else xhrVars.call(jqXhrChainRoot(object), ancestors, { api: `jqXHR.${method}`, line: lineOf(node) });
      }
    } else if (node.type === 'MemberExpression') {
      const object = (node as unknown as { object: AcornNode }).object;
      const parent = ancestors.at(-1) as (AcornNode & { object?: AcornNode }) | undefined;
      // Only reading a property of `$.browser` throws once it is gone: `if (!$.browser)`, `$.browser = …` do not.
      if (
        memberName(node) === 'browser' &&
        isJqueryGlobal(object) &&
        parent?.type === 'MemberExpression' &&
        parent.object === node &&
        !guarded(node, ancestors, 'browser')
      )
        apis.push({ api: 'browser', line: lineOf(node) });
    }
  });
  result.methods = [...methods].sort();
  const called = new Map<string, number>();
  for (const c of memberCalls) if (thisNames.has(c.receiver) && !called.has(c.name)) called.set(c.name, c.line);
  result.thisCalls = [...called].map(([name, line]) => ({ name, line }));
  usesJquery ||= result.dependencies.some((d) => d.id === 'jquery');
  usesPrototype ||= result.dependencies.some((d) => PROTOTYPE_IDS.has(d.id));
  for (const a of aliases) if (jqueryNames.has(a.init)) jqueryNames.add(a.name);
  // Prototype.js gives arrays, hashes and enumerables a `size()` (Magento's own lib/web/mage/adminhtml/grid.js calls
  // `url.split('?').size()`): in a file that loads it, `.size()` is jQuery's only on a receiver built by jQuery.
  for (const c of sizeCalls)
    if (!usesPrototype || isJqueryCall(c.root, jqueryNames)) apis.push({ api: 'size', line: c.line });
  apis.push(...xhrVars.uses());
  // `.size()` or `.live()` on anything else (a Backbone collection, a custom object) is not jQuery's.
  if (usesJquery && !JQUERY_BUILD.test(source.slice(0, 200))) result.jqueryApis = apis.sort((a, b) => a.line - b.line);
  return result;
}

const FUNCTION_TYPES = new Set(['FunctionExpression', 'ArrowFunctionExpression']);

/** `name: function () {}`, `name() {}`, `name: () => …`, `X.prototype.name = function`, `this.name = function`. */
function definedMethod(node: AcornNode): string | undefined {
  const n = node as unknown as {
    key?: { type: string; name?: string; value?: unknown };
    computed?: boolean;
    value?: AcornNode;
    left?: AcornNode;
    right?: AcornNode;
  };
  if (node.type === 'Property' || node.type === 'MethodDefinition') {
    if (!n.value || !FUNCTION_TYPES.has(n.value.type) || n.computed || !n.key) return undefined;
    return n.key.type === 'Identifier' ? n.key.name : typeof n.key.value === 'string' ? n.key.value : undefined;
  }
  if (node.type === 'AssignmentExpression' && n.right && FUNCTION_TYPES.has(n.right.type) && n.left) {
    const object = (n.left as { object?: AcornNode }).object;
    if (object?.type === 'ThisExpression' || (object && memberName(object) === 'prototype')) return memberName(n.left);
  }
  return undefined;
}

/** `var self = this` / `self = this`: the name now holds `this`. */
function thisHolder(node: AcornNode): string | undefined {
  const n = node as unknown as {
    id?: { type: string; name?: string };
    init?: AcornNode | null;
    left?: { type: string; name?: string };
    right?: AcornNode;
  };
  if (node.type === 'VariableDeclarator' && n.init?.type === 'ThisExpression' && n.id?.type === 'Identifier')
    return n.id.name;
  if (node.type === 'AssignmentExpression' && n.right?.type === 'ThisExpression' && n.left?.type === 'Identifier')
    return n.left.name;
  return undefined;
}

/** RequireJS ids that load Prototype.js (Magento's theme requirejs-config maps `prototype` to `legacy-build.min`). */
const PROTOTYPE_IDS = new Set(['prototype', 'legacy-build.min', 'legacy-build', 'prototype/prototype']);
/** Globals only Prototype.js defines: a file using them runs with Prototype loaded. */
const PROTOTYPE_GLOBALS = new Set(['Class', 'Ajax', '$H', '$A', 'Prototype', 'Enumerable']);

/** What a feature test names before calling the old API (`$.fn.on ? … : ….live(…)`, `$.fn.addBack || …`). */
const FEATURE_NAMES: Record<string, string[]> = {
  size: ['size'],
  andSelf: ['andSelf', 'addBack'],
  live: ['live', 'on'],
  die: ['die', 'off'],
  browser: ['browser'],
  sub: ['sub'],
};

/**
 * A use that cannot break the script: inside a `try` block, or in a branch (of `if`, `?:`, `&&`/`||`) whose test
 * checks that the API or its replacement exists.
 */
function guarded(node: AcornNode, ancestors: AcornNode[], api: string): boolean {
  const names = FEATURE_NAMES[api] ?? [api];
  return ancestors.some((a, i) => {
    const child = ancestors[i + 1] ?? node;
    const n = a as AcornNode & Record<string, AcornNode | undefined>;
    if (a.type === 'TryStatement') return child === n.block;
    if (a.type === 'IfStatement' || a.type === 'ConditionalExpression')
      return child !== n.test && !!n.test && mentions(n.test, names);
    if (a.type === 'LogicalExpression') return child === n.right && !!n.left && mentions(n.left, names);
    return false;
  });
}

function mentions(test: AcornNode, names: string[]): boolean {
  let found = false;
  walk(test, (n) => {
    const name = n.type === 'MemberExpression' ? memberName(n) : undefined;
    if (name && names.includes(name)) found = true;
  });
  return found;
}

/** `walk` with the chain of parents of each node (root first; one stack, valid during the visit only). */
function walkWithAncestors(
  node: unknown,
  ancestors: AcornNode[],
  visit: (n: AcornNode, ancestors: AcornNode[]) => void,
): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const c of node) walkWithAncestors(c, ancestors, visit);
    return;
  }
  const n = node as AcornNode & Record<string, unknown>;
  const isNode = typeof n.type === 'string';
  if (isNode) {
    visit(n, ancestors);
    ancestors.push(n);
  }
  for (const [k, v] of Object.entries(n))
    if (k !== 'loc' && v && typeof v === 'object') walkWithAncestors(v, ancestors, visit);
  if (isNode) ancestors.pop();
}

/** `define(['jquery', …], function ($, …) {…})`: the callback parameter bound to jquery is jQuery. */
function bindJqueryParams(ids: (AcornNode | null)[], args: AcornNode[], names: Set<string>): void {
  const fn = args.find((a) => a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression');
  const params = (fn as unknown as { params?: { type: string; name?: string }[] } | undefined)?.params ?? [];
  ids.forEach((e, i) => {
    const param = params[i];
    if ((e as { value?: unknown } | null)?.value === 'jquery' && param?.type === 'Identifier' && param.name)
      names.add(param.name);
  });
}

/** The start of a call chain: `a` in `a.b(…).c`, the call `$(…)` in `$(…).find(…).size`. */
function receiverRoot(node: AcornNode): AcornNode {
  let n = node as AcornNode & { object?: AcornNode; callee?: AcornNode };
  for (;;) {
    if (n.type === 'MemberExpression' && n.object) n = n.object as typeof n;
    else if (n.type === 'CallExpression' && n.callee?.type === 'MemberExpression') n = n.callee as typeof n;
    else return n;
  }
}

/** `jQuery(…)` or `$(…)` where `$` is bound to jquery: an object jQuery built. */
function isJqueryCall(node: AcornNode, names: Set<string>): boolean {
  const callee = (node as unknown as { callee?: { type: string; name?: string } }).callee;
  return node.type === 'CallExpression' && callee?.type === 'Identifier' && names.has(callee.name ?? '');
}

function addDependency(result: JsSource, node: AcornNode | null | undefined): void {
  const value = (node as { value?: unknown } | null)?.value;
  if (node?.type === 'Literal' && typeof value === 'string' && value !== '')
    result.dependencies.push({ id: value, line: lineOf(node) });
}

/** jqXHR callbacks jQuery 3.0 removed (`.done()`, `.fail()`, `.always()` remain). */
const JQXHR_CALLBACKS = new Set(['success', 'error', 'complete']);
const AJAX_CALLS = new Set(['ajax', 'get', 'post', 'getJSON', 'getScript']);
const JQXHR_CHAIN = new Set(['done', 'fail', 'always', 'then', 'catch', 'progress', ...JQXHR_CALLBACKS]);

/** `$.ajax(…)`, `$.post(…)` or a chain of their promise methods: what returns a jqXHR. */
function isJqXhr(node: AcornNode): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = (node as unknown as { callee: AcornNode }).callee;
  const name = memberName(callee);
  const object = (callee as unknown as { object?: AcornNode }).object;
  if (!name || !object) return false;
  if (AJAX_CALLS.has(name) && isJqueryGlobal(object)) return true;
  return JQXHR_CHAIN.has(name) && isJqXhr(object);
}

/** `xhr` in `xhr.done(…).success`: the start of a chain of jqXHR promise methods. */
function jqXhrChainRoot(node: AcornNode): AcornNode {
  let n = node;
  for (;;) {
    const callee = (n as unknown as { callee?: AcornNode }).callee;
    const object = callee && (callee as unknown as { object?: AcornNode }).object;
    const name = callee && memberName(callee);
    if (n.type !== 'CallExpression' || !object || !name || !JQXHR_CHAIN.has(name)) return n;
    n = object;
  }
}

const SCOPE_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * A jqXHR kept in a variable (`var xhr = $.ajax(…); xhr.success(…)`) or on `this` (`this.xhr = $.ajax(…)`). Judged
 * only where nothing else can be in it: the name is written once in the whole function scope that declares it (an
 * initialiser or an assignment, never a parameter), by `$.ajax()`/`$.get()`/`$.post()`…, in that same function scope,
 * and the callback is called there too; a property of `this` is written once in the file. `let`/`const` count as
 * function-scoped: a name declared in two blocks of one function is written twice, so not judged.
 */
class KeptJqXhrs {
  private readonly declared = new Map<AcornNode, Set<string>>();
  private readonly writes: { scopes: AcornNode[]; name: string; ajax: boolean }[] = [];
  private readonly calls: { scopes: AcornNode[]; name: string; api: string; line: number }[] = [];
  private readonly propertyWrites = new Map<string, boolean[]>();
  private readonly propertyCalls: { name: string; api: string; line: number }[] = [];

  constructor(private readonly program: AcornNode) {}

  visit(node: AcornNode, ancestors: AcornNode[]): void {
    const n = node as unknown as {
      id?: AcornNode & { name?: string };
      init?: AcornNode | null;
      params?: (AcornNode & { name?: string })[];
      left?: AcornNode & { name?: string; object?: AcornNode };
      right?: AcornNode;
    };
    if (SCOPE_TYPES.has(node.type)) {
      const scopes = [...this.scopesOf(ancestors), node];
      for (const p of n.params ?? []) if (p.type === 'Identifier' && p.name) this.write(scopes, p.name, false, true);
    } else if (node.type === 'VariableDeclarator' && n.id?.type === 'Identifier' && n.id.name) {
      const scopes = this.scopesOf(ancestors);
      this.declare(scopes.at(-1)!, n.id.name);
      // `for (var x of list)` writes x without an initialiser.
      const loop = ancestors.at(-2);
      const iterated = loop?.type === 'ForInStatement' || loop?.type === 'ForOfStatement';
      if (n.init || iterated) this.write(scopes, n.id.name, !!n.init && isJqXhr(n.init), false);
    } else if (node.type === 'AssignmentExpression' && n.left && n.right) {
      if (n.left.type === 'Identifier' && n.left.name)
        this.write(this.scopesOf(ancestors), n.left.name, isJqXhr(n.right), false);
      const property = memberName(n.left);
      if (property) {
        const list = this.propertyWrites.get(property) ?? [];
        list.push(n.left.object?.type === 'ThisExpression' && isJqXhr(n.right));
        this.propertyWrites.set(property, list);
      }
    } else if (node.type === 'UpdateExpression') {
      const arg = (node as unknown as { argument: AcornNode & { name?: string } }).argument;
      if (arg.type === 'Identifier' && arg.name) this.write(this.scopesOf(ancestors), arg.name, false, false);
    }
  }

  /** A removed callback called on `root`: kept until the file's writes are all known. */
  call(root: AcornNode, ancestors: AcornNode[], use: { api: string; line: number }): void {
    const r = root as unknown as { name?: string; object?: AcornNode };
    if (root.type === 'Identifier' && r.name && r.name !== '$' && r.name !== 'jQuery')
      this.calls.push({ scopes: this.scopesOf(ancestors), name: r.name, ...use });
    else if (r.object?.type === 'ThisExpression') {
      const name = memberName(root);
      if (name) this.propertyCalls.push({ name, ...use });
    }
  }

  uses(): { api: string; line: number }[] {
    const out: { api: string; line: number }[] = [];
    const byVariable = new Map<AcornNode, Map<string, { count: number; ajaxHere: boolean }>>();
    for (const w of this.writes) {
      const scope = this.declaringScope(w.scopes, w.name);
      const names = byVariable.get(scope) ?? new Map<string, { count: number; ajaxHere: boolean }>();
      const seen = names.get(w.name) ?? { count: 0, ajaxHere: false };
      seen.count++;
      seen.ajaxHere = w.ajax && w.scopes.at(-1) === scope;
      names.set(w.name, seen);
      byVariable.set(scope, names);
    }
    for (const c of this.calls) {
      const scope = this.declaringScope(c.scopes, c.name);
      const seen = byVariable.get(scope)?.get(c.name);
      if (seen?.count === 1 && seen.ajaxHere && c.scopes.at(-1) === scope) out.push({ api: c.api, line: c.line });
    }
    for (const c of this.propertyCalls) {
      const writes = this.propertyWrites.get(c.name);
      if (writes?.length === 1 && writes[0]) out.push({ api: c.api, line: c.line });
    }
    return out;
  }

  private scopesOf(ancestors: AcornNode[]): AcornNode[] {
    return [this.program, ...ancestors.filter((a) => SCOPE_TYPES.has(a.type))];
  }

  private declare(scope: AcornNode, name: string): void {
    const names = this.declared.get(scope) ?? new Set<string>();
    names.add(name);
    this.declared.set(scope, names);
  }

  private write(scopes: AcornNode[], name: string, ajax: boolean, declares: boolean): void {
    if (declares) this.declare(scopes.at(-1)!, name);
    this.writes.push({ scopes, name, ajax });
  }

  /** The innermost function in `scopes` declaring `name` (the program for globals). */
  private declaringScope(scopes: AcornNode[], name: string): AcornNode {
    for (let i = scopes.length - 1; i >= 0; i--) if (this.declared.get(scopes[i]!)?.has(name)) return scopes[i]!;
    return this.program;
  }
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
