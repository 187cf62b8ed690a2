import type { MessagePart } from '../../core/finding.js';
import type { MethodDecl, ParamDecl } from '../../php/types.js';
import type { ClassWorld } from '../../check/class-world.js';

/** A declared type as a set of lower-cased members (`?Foo` → foo|null); intersections stay one member. */
export interface TypeSet {
  members: string[];
  nullable: boolean;
}

const SCALARS = new Set([
  'int',
  'float',
  'string',
  'bool',
  'true',
  'false',
  'array',
  'iterable',
  'callable',
  'object',
  'mixed',
  'void',
  'never',
  'null',
  'static',
  'self',
  'parent',
]);

export function parseType(type: string | undefined, selfName?: string): TypeSet | undefined {
  if (type === undefined || type.trim() === '') return undefined;
  let text = type.trim();
  let nullable = false;
  if (text.startsWith('?')) {
    nullable = true;
    text = text.slice(1);
  }
  const members: string[] = [];
  for (const raw of text.replace(/[()]/g, '').split('|')) {
    let member = raw.trim().replace(/^\\/, '').toLowerCase();
    member = member
      .split('&')
      .map((part) => part.replace(/^\\/, ''))
      .join('&');
    if (member === 'null') nullable = true;
    else if (member === 'self' && selfName) members.push(selfName.toLowerCase());
    // `iterable` is `Traversable|array` (an alias since PHP 8.2): compare its parts so both spellings match.
    else if (member === 'iterable') members.push('array', 'traversable');
    else if (member) members.push(member);
  }
  if (members.includes('mixed')) nullable = true;
  return { members: [...new Set(members)], nullable };
}

/**
 * The type a parameter accepts: its declared type, made nullable when its default is `null` (`Foo $x = null` is
 * implicitly `?Foo`; only php-version/implicit-nullable cares how it is spelled).
 */
export function paramType(param: ParamDecl, selfName?: string): TypeSet | undefined {
  const type = parseType(param.type, selfName);
  if (type && param.default !== undefined && /^\\?null$/i.test(param.default.trim()))
    return { ...type, nullable: true };
  return type;
}

function isClassName(member: string): boolean {
  return !SCALARS.has(member) && !member.includes('&');
}

/** Is the single type `child` a subtype of `parent`? undefined when the class hierarchy is not known. */
function memberSubtype(child: string, parent: string, world: ClassWorld): boolean | undefined {
  if (child === parent) return true;
  if (parent === 'mixed') return child !== 'void';
  if (child === 'never') return true;
  if (parent === 'bool' && (child === 'true' || child === 'false')) return true;
  if (parent === 'object') return isClassName(child) || child === 'static';
  if (parent === 'callable') return child === 'closure';
  if (child === 'static') return isClassName(parent) ? undefined : false;
  if (isClassName(child) && isClassName(parent)) return world.isSubtypeOf(child, parent);
  if (child.includes('&'))
    return child.split('&').some((part) => memberSubtype(part, parent, world) === true) ? true : undefined;
  return false;
}

/** Every member of `child` fits some member of `parent`: true, false, or undefined when it cannot be told. */
export function typeSubsumed(child: TypeSet, parent: TypeSet, world: ClassWorld): boolean | undefined {
  if (child.nullable && !parent.nullable) return false;
  let unknown = false;
  for (const member of child.members) {
    const answers = parent.members.map((p) => memberSubtype(member, p, world));
    if (answers.includes(true)) continue;
    if (answers.includes(undefined)) unknown = true;
    else return false;
  }
  return unknown ? undefined : true;
}

const VISIBILITY_RANK = { public: 0, protected: 1, private: 2 } as const;

function required(params: ParamDecl[]): number {
  return params.filter((p) => p.default === undefined && !p.variadic).length;
}

/** The reasons `incompatibilities()` gives, as messages of php-api/signature-mismatch (mine: the child's; theirs: the parent's). */
export const incompatibilityMessages = {
  parentFinal: 'the parent method is final',
  parentStatic: 'the parent method is static',
  parentNotStatic: 'the parent method is not static',
  visibilityNarrower: 'visibility {{mine}} is narrower than {{theirs}}',
  fewerParams: 'it takes {{mine}} parameter(s), the parent {{theirs}}',
  moreRequired: 'it requires {{mine}} argument(s), the parent only {{theirs}}',
  paramByRef: 'parameter #{{index}} must be passed by reference',
  paramNotByRef: 'parameter #{{index}} must not be passed by reference',
  paramTypedParentAny: 'parameter #{{index}} is typed {{mine}} but the parent accepts any value',
  paramType: "parameter #{{index}} type {{mine}} does not accept the parent's {{theirs}}",
  returnByRef: 'the parent returns by reference',
  returnTypeMissing: 'it declares no return type, the parent returns {{theirs}}',
  returnType: 'return type {{mine}} is not compatible with {{theirs}}',
};

type Incompatibility = keyof typeof incompatibilityMessages;

/** One reason a method no longer fits the one it overrides: a message id of `incompatibilityMessages` with its values. */
export interface IncompatibilityReason extends MessagePart {
  messageId: Incompatibility;
}

/**
 * Why `child` cannot override/implement `parent` under PHP's inheritance rules (LSP: contravariant parameters,
 * covariant return, same static-ness and by-reference passing, no narrower visibility, no final parent). Empty when
 * compatible or when the answer depends on classes the indexes do not know.
 */
export function incompatibilities(
  child: MethodDecl,
  childClass: string,
  parent: MethodDecl,
  parentClass: string,
  world: ClassWorld,
): IncompatibilityReason[] {
  const reasons: IncompatibilityReason[] = [];
  const reason = (messageId: Incompatibility, data?: Record<string, string | number>): void =>
    void reasons.push(data ? { messageId, data } : { messageId });
  if (parent.final) reason('parentFinal');
  if (!!parent.static !== !!child.static) reason(parent.static ? 'parentStatic' : 'parentNotStatic');
  if (VISIBILITY_RANK[child.visibility] > VISIBILITY_RANK[parent.visibility])
    reason('visibilityNarrower', { mine: child.visibility, theirs: parent.visibility });
  const childVariadic = child.params.some((p) => p.variadic);
  if (child.params.length < parent.params.length && !childVariadic)
    reason('fewerParams', { mine: child.params.length, theirs: parent.params.length });
  if (required(child.params) > required(parent.params))
    reason('moreRequired', { mine: required(child.params), theirs: required(parent.params) });
  parent.params.forEach((parentParam, index) => {
    const childParam = child.params[index] ?? (childVariadic ? child.params.at(-1) : undefined);
    if (!childParam) return;
    if (!!childParam.byRef !== !!parentParam.byRef)
      reason(parentParam.byRef ? 'paramByRef' : 'paramNotByRef', { index: index + 1 });
    const childType = paramType(childParam, childClass);
    if (!childType) return; // untyped accepts anything
    const parentType = paramType(parentParam, parentClass);
    if (!parentType) {
      if (!childType.members.includes('mixed'))
        reason('paramTypedParentAny', { index: index + 1, mine: childParam.type! });
      return;
    }
    if (typeSubsumed(parentType, childType, world) === false)
      reason('paramType', { index: index + 1, mine: childParam.type!, theirs: parentParam.type! });
  });
  if (parent.byRefReturn && !child.byRefReturn) reason('returnByRef');
  const parentReturn = parseType(parent.returnType, parentClass);
  if (parentReturn) {
    const childReturn = parseType(child.returnType, childClass);
    if (!childReturn) reason('returnTypeMissing', { theirs: parent.returnType! });
    else if (parentReturn.members.includes('void') !== childReturn.members.includes('void'))
      reason('returnType', { mine: child.returnType!, theirs: parent.returnType! });
    else if (!parentReturn.members.includes('void') && typeSubsumed(childReturn, parentReturn, world) === false) {
      reason('returnType', { mine: child.returnType!, theirs: parent.returnType! });
    }
  }
  return reasons;
}
