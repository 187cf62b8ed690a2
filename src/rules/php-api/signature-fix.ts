// The mechanical part of php-api/signature-mismatch: an override whose core parent gained a return type or made a
// parameter nullable. The fixer rewrites the override's signature only where the new one cannot change what the
// method does:
//   - a return type the parent added, when every `return` of the body is known to fit it (a literal of that type, or
//     the parent's own result `return parent::sameMethod(…)` when the parent class is the one that declares it), the
//     body ends in return/throw (no implicit null), and it is no generator; `void` when no return gives a value;
//   - a parameter the parent made nullable (`Foo $x` → `?Foo $x`): the override only widens what it accepts;
//   - a parameter the parent widened (`int $level` → `int|\Monolog\Level $level`, Monolog 3's addRecord()) when the
//     body only hands it on to `parent::sameMethod()` at the same position;
//   - Monolog 3's `array $record` → `LogRecord $record` where the body cannot tell (monolog-record-fix.ts).
// Anything else the finding lists (a parameter added, a type narrowed, static-ness, visibility…) declines the fix:
// those need a decision about what the method does. The fixer reads what the target declares from the finding's
// message id and data (the reasons, with the types the check compared), never from the disk nor the English text.
import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../core/finding.js';
import { nodesOnLine } from '../../fix/locate.js';
import { findNodes, NESTED_SCOPES } from '../../fix/walk.js';
import { formatMessage, type FixOutcome, type FixSource, type TextEdit } from '../rule.js';
import { isLogRecordChange, logRecordParamFix } from './monolog-record-fix.js';
import { incompatibilityMessages, type IncompatibilityReason } from './type-compat.js';

const OVERRIDE = new Set(['override', 'overrideNoBaseline']);

/**
 * Only override findings (messages `override`, `overrideNoBaseline`) have a fix; calls, plugins and missing methods do
 * not. The method and the class that declares the method it overrides, lower-cased.
 */
export function overrideOf(finding: Finding): { method: string; owner: string } | undefined {
  if (finding.ruleId !== 'php-api/signature-mismatch' || !OVERRIDE.has(finding.messageId ?? '')) return undefined;
  const { method, owner } = finding.data ?? {};
  if (typeof method !== 'string' || typeof owner !== 'string') return undefined;
  return { method: method.toLowerCase(), owner: strip(owner) };
}

export function fixOverrideSignature(finding: Finding, source: FixSource): FixOutcome {
  const override = overrideOf(finding);
  if (!override || !finding.line) return { decline: 'not an override finding with a line' };
  const reasons = finding.data?.reasons;
  if (!Array.isArray(reasons) || reasons.length === 0) return { decline: 'the finding does not list what differs' };
  const methods = nodesOnLine(source.tree.rootNode, finding.line, METHOD).filter(
    (n) => n.childForFieldName('name')?.text.toLowerCase() === override.method,
  );
  if (methods.length !== 1) return { decline: `cannot find ${override.method}() on line ${finding.line} for sure` };
  const method = methods[0]!;
  const params = method.childForFieldName('parameters');
  if (!params) return { decline: `cannot read the parameters of ${override.method}()` };
  const list = params.namedChildren.filter((p): p is Node => p !== null && PARAMS.has(p.type));
  const edits: TextEdit[] = [];
  const done: string[] = [];
  for (const reason of reasons as IncompatibilityReason[]) {
    const data = reason.data ?? {};
    if (reason.messageId === 'returnTypeMissing') {
      const outcome = returnTypeEdit(method, params, String(data.theirs), override.owner, source.text);
      if ('decline' in outcome) return outcome;
      edits.push(outcome.edit);
      done.push(outcome.description);
    } else if (reason.messageId === 'paramType') {
      const { index, mine, theirs } = data;
      if (isLogRecordChange(String(mine), String(theirs))) {
        const outcome = logRecordParamFix(method, Number(index), source, override.owner);
        if ('decline' in outcome) return outcome;
        edits.push(...outcome.edits);
        done.push(outcome.description);
        continue;
      }
      const param = list[Number(index) - 1];
      if (nullableOf(String(theirs)) !== strip(String(mine))) {
        const widened = param
          ? widenedParamEdit(method, param, Number(index), String(mine), String(theirs))
          : undefined;
        if (!widened || 'decline' in widened)
          return {
            decline: `parameter #${index}: ${theirs} is not the nullable form of ${mine}${widened ? ` and ${widened.decline}` : ''}: not mechanical`,
          };
        edits.push(widened.edit);
        done.push(widened.description);
        continue;
      }
      const type = list[Number(index) - 1]?.childForFieldName('type');
      if (!type || (type.type !== 'named_type' && type.type !== 'primitive_type'))
        return { decline: `parameter #${index}: cannot rewrite its type ${type?.text ?? '(none)'} for sure` };
      edits.push({ start: type.startIndex, end: type.startIndex, text: '?' });
      done.push(`parameter #${index} ${type.text} → ?${type.text}`);
    } else {
      const text = formatMessage(REASONS, reason.messageId, data);
      return { decline: `${text}: not mechanical (it changes what the method does or who may call it)` };
    }
  }
  return { edits, description: `${override.method}(): ${done.join(', ')}` };
}

const REASONS = { id: 'php-api/signature-mismatch', messages: incompatibilityMessages };

/**
 * A parameter whose type the parent widened (`int` → `int|\\Monolog\\Level`, Monolog 3's Logger::addRecord()): the
 * override takes the parent's type when its body does nothing with the parameter but hand it to
 * `parent::sameMethod()` at the same position — the value then meets the parent's own type, as it did before.
 */
function widenedParamEdit(
  method: Node,
  param: Node,
  index: number,
  mine: string,
  theirs: string,
): { edit: TextEdit; description: string } | { decline: string } | undefined {
  const union = (t: string): string[] | undefined =>
    /[&()]/.test(t) ? undefined : (t.startsWith('?') ? [t.slice(1), 'null'] : t.split('|')).map(strip);
  const mineParts = union(mine);
  const theirParts = union(theirs);
  // `self`/`static`/`parent` would name another class in the override.
  if (theirParts?.some((p) => /^(self|static|parent)$/.test(p))) return undefined;
  if (
    !mineParts ||
    !theirParts ||
    !mineParts.every((p) => theirParts.includes(p)) ||
    theirParts.length <= mineParts.length
  )
    return undefined;
  const type = param.childForFieldName('type');
  const variable = param.childForFieldName('name')?.text;
  if (
    param.type !== 'simple_parameter' ||
    !type ||
    !variable ||
    param.children.some((c) => c?.type === 'reference_modifier')
  )
    return { decline: 'the parameter is variadic, promoted or by reference' };
  const body = method.childForFieldName('body');
  const shown = method.childForFieldName('name')?.text;
  const name = shown?.toLowerCase();
  if (!body || !name) return { decline: 'the method has no body' };
  const stack: Node[] = [body];
  let forwarded = false;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (
      node.type === 'dynamic_variable_name' ||
      (node.type === 'function_call_expression' && HIDDEN_ACCESS.test(node.childForFieldName('function')?.text ?? ''))
    )
      return { decline: `line ${node.startPosition.row + 1} may reach ${variable} without naming it` };
    if (node.type === 'variable_name' && node.text === variable) {
      const argument = node.parent;
      const call = argument?.parent?.parent;
      const position =
        argument?.parent?.namedChildren.filter((a) => a?.type === 'argument').findIndex((a) => a!.equals(argument)) ??
        -1;
      if (
        argument?.type !== 'argument' ||
        argument.namedChildCount !== 1 ||
        call?.type !== 'scoped_call_expression' ||
        call.childForFieldName('scope')?.text.toLowerCase() !== 'parent' ||
        call.childForFieldName('name')?.text.toLowerCase() !== name ||
        position !== index - 1
      )
        return {
          decline: `line ${node.startPosition.row + 1} uses ${variable} other than handing it to parent::${shown}()`,
        };
      forwarded = true;
    }
    for (const child of node.namedChildren) if (child) stack.push(child);
  }
  if (!forwarded) return { decline: `the body does not hand ${variable} to parent::${shown}()` };
  const written = theirs
    .replace(/^\?/, '')
    .split('|')
    .map((p) =>
      BUILTIN.has(p.toLowerCase()) || /^(null|false|true|callable)$/i.test(p) ? p : `\\${p.replace(/^\\/, '')}`,
    )
    .join('|');
  const nullable = theirs.startsWith('?') ? `${written}|null` : written;
  return {
    edit: { start: type.startIndex, end: type.endIndex, text: nullable },
    description: `parameter #${index} ${type.text} → ${nullable} (as the parent's: the body only hands it to parent::${shown}())`,
  };
}

/** Calls that see a method's variables without naming them. */
const HIDDEN_ACCESS = /^\\?(compact|extract|get_defined_vars|func_get_args|func_get_arg|eval)$/i;

function strip(type: string): string {
  return type.replace(/^\\/, '').toLowerCase();
}

/** `X` when `type` is `?X`, `X|null` or `null|X`. */
function nullableOf(type: string): string | undefined {
  if (type.startsWith('?')) return strip(type.slice(1));
  const parts = type.split('|');
  if (parts.length !== 2) return undefined;
  const rest = parts.filter((p) => p.toLowerCase() !== 'null');
  return rest.length === 1 ? strip(rest[0]!) : undefined;
}

const BUILTIN = new Set(['array', 'bool', 'float', 'int', 'string', 'iterable', 'object', 'mixed', 'void', 'static']);

/** `: T` after the parameter list when every return is known to fit T. */
function returnTypeEdit(
  method: Node,
  params: Node,
  parentType: string,
  owner: string,
  text: string,
): { edit: TextEdit; description: string } | { decline: string } {
  const body = method.childForFieldName('body');
  if (!body) return { decline: 'an abstract override: add the return type by hand' };
  const nullable = nullableOf(parentType);
  const base = nullable ?? strip(parentType);
  if (base.includes('|') || base.includes('&') || base.includes('('))
    return { decline: `the parent returns ${parentType}: a union or intersection type is not added mechanically` };
  if (/^(self|parent|never|false|true|null)$/.test(base))
    return { decline: `the parent returns ${parentType}: not added mechanically` };
  const returns = returnsOf(body);
  if (returns === 'generator') return { decline: 'a generator: its return type is not the parent’s to copy' };
  const named = parentType
    .replace(/^\?/, '')
    .split('|')
    .find((p) => p.toLowerCase() !== 'null')!;
  const written = `${nullable ? '?' : ''}${BUILTIN.has(base) ? base : `\\${named.replace(/^\\/, '')}`}`;
  if (base === 'void') {
    const valued = returns.find((r) => r.namedChildren.some((n) => n !== null && n.type !== 'comment'));
    if (valued) return { decline: `line ${valued.startPosition.row + 1} returns a value: void would not compile` };
  } else {
    const statements = body.namedChildren.filter((n) => n !== null && n.type !== 'comment');
    const last = statements.at(-1);
    const ends =
      last?.type === 'return_statement' ||
      (last?.type === 'expression_statement' && last.namedChild(0)?.type === 'throw_expression');
    if (!ends)
      return { decline: `the body may end without a return (an implicit null): not sure it fits ${parentType}` };
    for (const r of returns) {
      const value = r.namedChildren.find((n) => n !== null && n.type !== 'comment');
      if (!value || !fits(value, base, nullable !== undefined, owner, method, text))
        return {
          decline: `line ${r.startPosition.row + 1} returns ${value ? `\`${value.text.slice(0, 60)}\`` : 'nothing'}, not known to fit ${parentType}`,
        };
    }
  }
  return {
    edit: { start: params.endIndex, end: params.endIndex, text: `: ${written}` },
    description: `return type ${written} (as the parent's)`,
  };
}

/** A returned expression that is certainly of the type: a literal of it, or the parent's own result. */
function fits(value: Node, base: string, nullable: boolean, owner: string, method: Node, text: string): boolean {
  if (value.type === 'parenthesized_expression' && value.namedChild(0))
    return fits(value.namedChild(0)!, base, nullable, owner, method, text);
  if (nullable && value.type === 'null') return true;
  if (value.type === 'scoped_call_expression') {
    const scope = value.childForFieldName('scope')?.text.toLowerCase();
    const name = value.childForFieldName('name')?.text.toLowerCase();
    const own = method.childForFieldName('name')?.text.toLowerCase();
    return scope === 'parent' && name === own && parentClassOf(method, text) === owner;
  }
  switch (base) {
    case 'bool':
      return value.type === 'boolean';
    case 'int':
      return value.type === 'integer';
    case 'float':
      return value.type === 'float';
    case 'string':
      return value.type === 'string' || value.type === 'encapsed_string';
    case 'array':
    case 'iterable':
      return value.type === 'array_creation_expression';
    case 'mixed':
      return true;
    default:
      return false;
  }
}

/** Return statements of a body, outside nested functions and classes; 'generator' when it yields. */
function returnsOf(body: Node): Node[] | 'generator' {
  const found = findNodes(body, (n) => n.type === 'yield_expression' || n.type === 'return_statement', {
    skip: NESTED_SCOPES,
  });
  return found.some((n) => n.type === 'yield_expression') ? 'generator' : found;
}

/** The fully qualified name (lower case) of the class the method's class extends, resolved through the imports. */
function parentClassOf(method: Node, text: string): string | undefined {
  let cls: Node | null = method.parent;
  while (cls && cls.type !== 'class_declaration') cls = cls.parent;
  const base = cls?.namedChildren.find((n) => n?.type === 'base_clause')?.namedChildren.find((n) => n !== null);
  if (!base) return undefined;
  const written = base.text;
  if (written.startsWith('\\')) return strip(written);
  const first = written.split('\\')[0]!.toLowerCase();
  const rest = written.includes('\\') ? written.slice(written.indexOf('\\')) : '';
  // The file's imports (`use A\B;`, `use A\B as C;`) and namespace, read from the text before the class.
  const head = text.slice(0, cls!.startIndex);
  for (const m of head.matchAll(/^\s*use\s+\\?([\w\\]+)(?:\s+as\s+(\w+))?\s*;/gim)) {
    const alias = (m[2] ?? m[1]!.slice(m[1]!.lastIndexOf('\\') + 1)).toLowerCase();
    if (alias === first) return strip(m[1]! + rest);
  }
  const ns = /^\s*namespace\s+([\w\\]+)\s*;/im.exec(head)?.[1];
  return strip(ns ? `${ns}\\${written}` : written);
}

const METHOD = new Set(['method_declaration']);
const PARAMS = new Set(['simple_parameter', 'variadic_parameter', 'property_promotion_parameter']);
