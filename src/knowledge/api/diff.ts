import type {
  ClassDecl,
  ClassKind,
  ConstantDecl,
  MethodDecl,
  ParamDecl,
  PropertyDecl,
  Visibility,
} from '../../php/types.js';
import type { SymbolIndex } from '../types.js';

export type ApiChangeKind =
  | 'class-removed'
  | 'class-added'
  | 'kind-changed'
  | 'extends-changed'
  | 'implements-removed'
  | 'implements-added'
  | 'trait-removed'
  | 'trait-added'
  | 'became-final'
  | 'became-abstract'
  | 'api-added'
  | 'api-removed'
  | 'deprecated-added'
  | 'deprecated-removed'
  | 'method-removed'
  | 'method-added'
  | 'method-changed'
  | 'property-removed'
  | 'property-added'
  | 'property-changed'
  | 'constant-removed'
  | 'constant-added'
  | 'constant-changed';

/** What about a member changed. `body` only when the diff is asked for body changes. */
export type ApiChangeAspect =
  | 'param-added-required'
  | 'param-added-optional'
  | 'param-removed'
  | 'param-renamed'
  | 'param-type-added'
  | 'param-type-removed'
  | 'param-type-changed'
  | 'param-default-changed'
  | 'param-became-required'
  | 'param-became-optional'
  | 'param-by-ref-changed'
  | 'param-variadic-changed'
  | 'return-type-added'
  | 'return-type-removed'
  | 'return-type-changed'
  | 'doc-return-type-changed'
  | 'doc-param-type-changed'
  | 'doc-throws-changed'
  | 'visibility-reduced'
  | 'visibility-widened'
  | 'static-changed'
  | 'became-final'
  | 'final-removed'
  | 'became-abstract'
  | 'abstract-removed'
  | 'type-changed'
  | 'readonly-changed'
  | 'api-added'
  | 'api-removed'
  | 'deprecated-added'
  | 'deprecated-removed'
  | 'body';

export interface ApiChange {
  kind: ApiChangeKind;
  /** `Foo\Bar` for class-level changes, `Foo\Bar::baz` for members (properties without `$`). */
  symbol: string;
  classKind: ClassKind;
  /** Package declaring the symbol (after the change, or before for removals). */
  package?: string;
  member?: string;
  memberKind?: 'method' | 'property' | 'constant';
  /** Visibility of the member before the change (after, for additions). */
  visibility?: Visibility;
  aspects?: ApiChangeAspect[];
  /** Readable before/after, e.g. a signature, a parent class, an interface name. */
  before?: string;
  after?: string;
  /** The class or member carries `@api` (before, or after for additions). */
  api?: boolean;
}

/** An index that can list its classes (ApiIndex from loadSymbolIndex, or any SymbolIndex with `classNames`). */
export type EnumerableSymbolIndex = SymbolIndex & { classNames(): string[] };

export interface DiffOptions {
  /** Report methods whose body hash changed (for "did this method change"; off by default: most changes are bodies). */
  bodies?: boolean;
  /** Only classes whose FQCN passes this filter. */
  filter?: (fqcn: string) => boolean;
}

/**
 * Every API change between two package sets, as typed records ordered by symbol: what removed, added or changed in
 * classes, interfaces, traits and enums and in their declared members (not inherited ones: a member moving to a parent
 * is reported as removed from the child, as PHP-level breaks are judged per declaration by rules that resolve parents).
 */
export function diffPackageApis(
  a: EnumerableSymbolIndex,
  b: EnumerableSymbolIndex,
  options: DiffOptions = {},
): ApiChange[] {
  const filter = options.filter ?? (() => true);
  const before = new Map(
    a
      .classNames()
      .filter(filter)
      .map((n) => [n.toLowerCase(), n]),
  );
  const after = new Map(
    b
      .classNames()
      .filter(filter)
      .map((n) => [n.toLowerCase(), n]),
  );
  const changes: ApiChange[] = [];
  for (const [key, name] of before) {
    const old = a.getClass(name)!;
    if (!after.has(key)) {
      changes.push(classLevel('class-removed', old, old.package, { api: !!old.api }));
      continue;
    }
    const now = b.getClass(after.get(key)!)!;
    changes.push(...diffClassDecls(old, now, { ...options, package: now.package }));
  }
  for (const [key, name] of after) {
    if (before.has(key)) continue;
    const now = b.getClass(name)!;
    changes.push(classLevel('class-added', now, now.package, { api: !!now.api }));
  }
  return changes.sort((x, y) =>
    x.symbol < y.symbol ? -1 : x.symbol > y.symbol ? 1 : x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0,
  );
}

function classLevel(
  kind: ApiChangeKind,
  decl: ClassDecl,
  pkg: string | undefined,
  extra: Partial<ApiChange> = {},
): ApiChange {
  return { kind, symbol: decl.name, classKind: decl.kind, ...(pkg ? { package: pkg } : {}), ...extra };
}

/** Changes between two declarations of the same class. */
export function diffClassDecls(
  old: ClassDecl,
  now: ClassDecl,
  options: DiffOptions & { package?: string } = {},
): ApiChange[] {
  const out: ApiChange[] = [];
  const pkg = options.package;
  const at = (kind: ApiChangeKind, extra: Partial<ApiChange> = {}): void => {
    out.push(classLevel(kind, now, pkg, { api: !!(old.api || now.api), ...extra }));
  };
  if (old.kind !== now.kind) at('kind-changed', { before: old.kind, after: now.kind });
  if (lower(old.extends) !== lower(now.extends))
    at('extends-changed', { before: old.extends ?? '', after: now.extends ?? '' });
  setDiff(
    old.implements,
    now.implements,
    (name) => at('implements-removed', { before: name }),
    (name) => at('implements-added', { after: name }),
  );
  setDiff(
    old.traits,
    now.traits,
    (name) => at('trait-removed', { before: name }),
    (name) => at('trait-added', { after: name }),
  );
  if (!old.final && now.final) at('became-final');
  if (!old.abstract && now.abstract) at('became-abstract');
  if (!old.api && now.api) at('api-added');
  if (old.api && !now.api) at('api-removed');
  if (old.deprecated === undefined && now.deprecated !== undefined) at('deprecated-added', { after: now.deprecated });
  if (old.deprecated !== undefined && now.deprecated === undefined)
    at('deprecated-removed', { before: old.deprecated });

  const member = (
    kind: ApiChangeKind,
    memberKind: 'method' | 'property' | 'constant',
    m: { name: string; visibility: Visibility; api?: boolean },
    extra: Partial<ApiChange> = {},
  ): void => {
    out.push({
      kind,
      symbol: `${now.name}::${m.name}`,
      classKind: now.kind,
      ...(pkg ? { package: pkg } : {}),
      member: m.name,
      memberKind,
      visibility: m.visibility,
      api: !!(old.api || now.api || m.api),
      ...extra,
    });
  };

  const oldMethods = byName(old.methods);
  const newMethods = byName(now.methods);
  for (const [key, m] of oldMethods) {
    const n = newMethods.get(key);
    if (!n) {
      member('method-removed', 'method', m, { before: methodSignature(m) });
      continue;
    }
    const aspects = methodAspects(m, n, options.bodies === true);
    if (aspects.length > 0) {
      member('method-changed', 'method', m, { aspects, before: methodSignature(m), after: methodSignature(n) });
    }
  }
  for (const [key, n] of newMethods)
    if (!oldMethods.has(key)) member('method-added', 'method', n, { after: methodSignature(n) });

  const oldProps = byName(old.properties, true);
  const newProps = byName(now.properties, true);
  for (const [key, p] of oldProps) {
    const n = newProps.get(key);
    if (!n) member('property-removed', 'property', p, { before: propertySignature(p) });
    else {
      const aspects = propertyAspects(p, n);
      if (aspects.length > 0) {
        member('property-changed', 'property', p, {
          aspects,
          before: propertySignature(p),
          after: propertySignature(n),
        });
      }
    }
  }
  for (const [key, n] of newProps)
    if (!oldProps.has(key)) member('property-added', 'property', n, { after: propertySignature(n) });

  const oldConsts = byName(old.constants, true);
  const newConsts = byName(now.constants, true);
  for (const [key, c] of oldConsts) {
    const n = newConsts.get(key);
    if (!n) member('constant-removed', 'constant', c);
    else {
      const aspects = constantAspects(c, n);
      if (aspects.length > 0) member('constant-changed', 'constant', c, { aspects });
    }
  }
  for (const [key, n] of newConsts) if (!oldConsts.has(key)) member('constant-added', 'constant', n);
  return out;
}

function methodAspects(a: MethodDecl, b: MethodDecl, bodies: boolean): ApiChangeAspect[] {
  const out: ApiChangeAspect[] = [];
  const count = Math.max(a.params.length, b.params.length);
  for (let i = 0; i < count; i++) {
    const p = a.params[i];
    const q = b.params[i];
    if (!p && q) out.push(q.default !== undefined || q.variadic ? 'param-added-optional' : 'param-added-required');
    else if (p && !q) out.push('param-removed');
    else if (p && q) out.push(...paramAspects(p, q));
  }
  const rt = typeChange(a.returnType, b.returnType);
  if (rt) out.push(`return-type-${rt}`);
  const docA = a as MethodDecl & { docReturnType?: string };
  const docB = b as MethodDecl & { docReturnType?: string };
  if (docTypeChanged(docA.docReturnType, docB.docReturnType)) out.push('doc-return-type-changed');
  if (throwsChanged(a, b)) out.push('doc-throws-changed');
  out.push(...memberFlagAspects(a, b));
  if (!!a.static !== !!b.static) out.push('static-changed');
  if (!a.abstract && b.abstract) out.push('became-abstract');
  if (a.abstract && !b.abstract) out.push('abstract-removed');
  if (bodies && a.bodyHash !== b.bodyHash) out.push('body');
  return unique(out);
}

function paramAspects(p: ParamDecl, q: ParamDecl): ApiChangeAspect[] {
  const out: ApiChangeAspect[] = [];
  if (p.name !== q.name) out.push('param-renamed');
  const t = typeChange(p.type, q.type);
  if (t) out.push(`param-type-${t}`);
  const pOptional = p.default !== undefined || !!p.variadic;
  const qOptional = q.default !== undefined || !!q.variadic;
  if (pOptional && !qOptional) out.push('param-became-required');
  else if (!pOptional && qOptional) out.push('param-became-optional');
  else if (
    p.default !== undefined &&
    q.default !== undefined &&
    normaliseDefault(p.default) !== normaliseDefault(q.default)
  ) {
    out.push('param-default-changed');
  }
  if (docTypeChanged((p as { docType?: string }).docType, (q as { docType?: string }).docType))
    out.push('doc-param-type-changed');
  if (!!p.byRef !== !!q.byRef) out.push('param-by-ref-changed');
  if (!!p.variadic !== !!q.variadic) out.push('param-variadic-changed');
  return out;
}

function propertyAspects(a: PropertyDecl, b: PropertyDecl): ApiChangeAspect[] {
  const out: ApiChangeAspect[] = [];
  if (typeChange(a.type, b.type)) out.push('type-changed');
  out.push(...memberFlagAspects(a, b));
  if (!!a.static !== !!b.static) out.push('static-changed');
  if (!!a.readonly !== !!b.readonly) out.push('readonly-changed');
  return out;
}

function constantAspects(a: ConstantDecl, b: ConstantDecl): ApiChangeAspect[] {
  const out = memberFlagAspects(a, b);
  if (!a.final && b.final) out.push('became-final');
  return out;
}

const VISIBILITY_RANK: Record<Visibility, number> = { public: 3, protected: 2, private: 1 };

function memberFlagAspects(
  a: { visibility: Visibility; final?: boolean; api?: boolean; deprecated?: string },
  b: { visibility: Visibility; final?: boolean; api?: boolean; deprecated?: string },
): ApiChangeAspect[] {
  const out: ApiChangeAspect[] = [];
  if (VISIBILITY_RANK[b.visibility] < VISIBILITY_RANK[a.visibility]) out.push('visibility-reduced');
  if (VISIBILITY_RANK[b.visibility] > VISIBILITY_RANK[a.visibility]) out.push('visibility-widened');
  if (!a.final && b.final) out.push('became-final');
  if (a.final && !b.final) out.push('final-removed');
  if (!a.api && b.api) out.push('api-added');
  if (a.api && !b.api) out.push('api-removed');
  if (a.deprecated === undefined && b.deprecated !== undefined) out.push('deprecated-added');
  if (a.deprecated !== undefined && b.deprecated === undefined) out.push('deprecated-removed');
  return out;
}

/** Compares two written types, ignoring case, a leading backslash and the order of union members. */
function typeChange(a: string | undefined, b: string | undefined): 'added' | 'removed' | 'changed' | undefined {
  if (!a && !b) return undefined;
  if (!a) return 'added';
  if (!b) return 'removed';
  return normaliseType(a) === normaliseType(b) ? undefined : 'changed';
}

export function normaliseType(type: string): string {
  const t = type
    .replace(/\s+/g, '')
    .replace(/(^|[|&(?])\\/g, '$1')
    .toLowerCase();
  const nullable = t.startsWith('?');
  const parts = (nullable ? t.slice(1) : t).split('|');
  if (nullable) parts.push('null');
  return [...new Set(parts)].sort().join('|');
}

/**
 * Docblock types are compared as written (ignoring case, spaces, a leading backslash and union order), as Adobe's
 * own lists do: `\\Foo\\Bar` becoming `Bar` after an import counts, and so does a docblock type that appears or
 * disappears (`{@inheritdoc}` replaced by a written type). Rules judging compatibility look at declared types.
 */
function docTypeChanged(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined && b === undefined) return false;
  if (a === undefined || b === undefined) return true; // `@inheritdoc` ↔ a written type: Adobe's lists count it
  const written = (t: string): string => {
    const parts = t
      .toLowerCase()
      .replace(/\s+/g, '')
      .split('|')
      .flatMap((part) => (part.startsWith('?') ? ['null', part.slice(1)] : [part]))
      .map((part) => part.replace(/^\\/, ''));
    return [...new Set(parts)].sort().join('|');
  };
  return written(a) !== written(b);
}

/** `@throws` lists, compared only when both sides read them (source trees do; the shipped index does not). */
function throwsChanged(a: MethodDecl, b: MethodDecl): boolean {
  const x = (a as { docThrows?: string[] }).docThrows;
  const y = (b as { docThrows?: string[] }).docThrows;
  if (!x || !y) return false;
  const key = (list: string[]): string => [...new Set(list.map((n) => n.toLowerCase()))].sort().join('|');
  return key(x) !== key(y);
}

function normaliseDefault(value: string): string {
  return value.replace(/\s+/g, '').replace(/^\\/, '').toLowerCase();
}

export function methodSignature(m: MethodDecl): string {
  const flags = [m.final ? 'final' : '', m.abstract ? 'abstract' : '', m.visibility, m.static ? 'static' : '']
    .filter(Boolean)
    .join(' ');
  const params = m.params
    .map(
      (p) =>
        `${p.type ? `${p.type} ` : ''}${p.byRef ? '&' : ''}${p.variadic ? '...' : ''}$${p.name}${p.default !== undefined ? ` = ${p.default}` : ''}`,
    )
    .join(', ');
  return `${flags} function ${m.byRefReturn ? '&' : ''}${m.name}(${params})${m.returnType ? `: ${m.returnType}` : ''}`;
}

function propertySignature(p: PropertyDecl): string {
  return [p.visibility, p.static ? 'static' : '', p.readonly ? 'readonly' : '', p.type ?? '', `$${p.name}`]
    .filter(Boolean)
    .join(' ');
}

function byName<T extends { name: string }>(items: T[], caseSensitive = false): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = caseSensitive ? item.name : item.name.toLowerCase();
    if (!map.has(key)) map.set(key, item);
  }
  return map;
}

function setDiff(a: string[], b: string[], removed: (name: string) => void, added: (name: string) => void): void {
  const left = new Set(a.map((x) => x.toLowerCase()));
  const right = new Set(b.map((x) => x.toLowerCase()));
  for (const name of a) if (!right.has(name.toLowerCase())) removed(name);
  for (const name of b) if (!left.has(name.toLowerCase())) added(name);
}

function lower(value: string | undefined): string {
  return (value ?? '').replace(/^\\/, '').toLowerCase();
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
