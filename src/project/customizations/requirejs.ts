import { parse } from 'acorn';
import type { Expression, Node as AcornNode, ObjectExpression, Pattern, Property } from 'acorn';
import type { Problem } from '../../core/problem.js';
import type { RequireJsConfig } from '../model.js';

/**
 * Mixins, map and paths of a requirejs-config.js, read from its syntax tree: the file is parsed, never executed.
 * Magento merges these files as `var config = {...}`; `require.config({...})` is understood too.
 */
export function readRequireJsConfig(source: string, file: string, problems: Problem[]): RequireJsConfig {
  const result: RequireJsConfig = { file, mixins: [], map: [], paths: [] };
  let program: AcornNode;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'script', locations: true, allowHashBang: true });
  } catch (e) {
    const loc = (e as { loc?: { line: number } }).loc;
    problems.push({
      code: 'js-syntax',
      level: 'error',
      file,
      ...(loc ? { line: loc.line } : {}),
      message: `${file}${loc ? `:${loc.line}` : ''}: not valid JavaScript (${e instanceof Error ? e.message : String(e)}); its mixins and maps are not listed`,
    });
    return result;
  }
  const config = findConfigObject(program);
  if (!config) return result;
  for (const [key, value] of entries(config)) {
    if (key === 'map' && value.type === 'ObjectExpression') {
      for (const [, contextMap] of entries(value)) {
        if (contextMap.type !== 'ObjectExpression') continue;
        for (const [from, to, prop] of entries(contextMap)) {
          const target = literalString(to);
          if (target !== undefined) result.map.push({ from, to: target, line: lineOf(prop) });
        }
      }
    } else if (key === 'paths' && value.type === 'ObjectExpression') {
      for (const [from, to, prop] of entries(value)) {
        const [target, ...fallbacks] = literalString(to) !== undefined ? [literalString(to)!] : arrayStrings(to);
        if (target === undefined || target === null) continue;
        result.paths.push({ from, to: target, line: lineOf(prop), ...(fallbacks.length > 0 ? { fallbacks } : {}) });
      }
    } else if (key === 'config' && value.type === 'ObjectExpression') {
      const mixins = entries(value).find(([k]) => k === 'mixins')?.[1];
      if (mixins?.type !== 'ObjectExpression') continue;
      for (const [target, list, targetProp] of entries(mixins)) {
        if (list.type !== 'ObjectExpression') continue;
        for (const [mixin, enabled, prop] of entries(list)) {
          // `false` switches off a mixin declared elsewhere: it adds nothing.
          if (enabled.type === 'Literal' && enabled.value === false) continue;
          result.mixins.push({ target, mixin, line: lineOf(prop), targetLine: lineOf(targetProp) });
        }
      }
    }
  }
  return result;
}

type Expr = Expression | Pattern;

function findConfigObject(program: AcornNode): ObjectExpression | undefined {
  let fallback: ObjectExpression | undefined;
  const visit = (node: unknown): ObjectExpression | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    const n = node as AcornNode & Record<string, unknown>;
    if (n.type === 'VariableDeclarator') {
      const id = n.id as { type: string; name?: string };
      const init = n.init as AcornNode | null;
      if (id.type === 'Identifier' && id.name === 'config' && init?.type === 'ObjectExpression') {
        return init as unknown as ObjectExpression;
      }
    }
    if (n.type === 'CallExpression') {
      const callee = n.callee as { type: string; object?: { name?: string }; property?: { name?: string } };
      const arg = (n.arguments as AcornNode[])[0];
      if (
        callee.type === 'MemberExpression' &&
        (callee.object?.name === 'require' || callee.object?.name === 'requirejs') &&
        callee.property?.name === 'config' &&
        arg?.type === 'ObjectExpression'
      ) {
        return arg as unknown as ObjectExpression;
      }
    }
    if (n.type === 'ObjectExpression' && !fallback) {
      const obj = n as unknown as ObjectExpression;
      const keys = entries(obj).map(([k]) => k);
      if (keys.some((k) => k === 'map' || k === 'paths' || k === 'config')) fallback = obj;
    }
    for (const [key, child] of Object.entries(n)) {
      if (key === 'loc' || key === 'start' || key === 'end') continue;
      if (Array.isArray(child)) {
        for (const c of child) {
          const found = visit(c);
          if (found) return found;
        }
      } else if (child && typeof child === 'object') {
        const found = visit(child);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(program) ?? fallback;
}

/** Key/value pairs of an object literal whose keys are identifiers or string literals. */
function entries(obj: ObjectExpression): [string, Expr, Property][] {
  const out: [string, Expr, Property][] = [];
  for (const prop of obj.properties) {
    if (prop.type !== 'Property' || prop.computed) continue;
    const key = prop.key as { type: string; name?: string; value?: unknown };
    const name = key.type === 'Identifier' ? key.name : typeof key.value === 'string' ? key.value : undefined;
    if (name !== undefined) out.push([name, prop.value, prop]);
  }
  return out;
}

function literalString(node: Expr | undefined): string | undefined {
  if (node?.type !== 'Literal') return undefined;
  return typeof node.value === 'string' ? node.value : undefined;
}

/** The elements of an array value, in order: their strings, null for an element that is not a string literal. */
function arrayStrings(node: Expr): (string | null)[] {
  if (node.type !== 'ArrayExpression') return [];
  return node.elements.map((e) => (e && e.type !== 'SpreadElement' ? (literalString(e) ?? null) : null));
}

function lineOf(node: AcornNode): number {
  return node.loc?.start.line ?? 0;
}
