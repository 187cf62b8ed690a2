import { emptyClassDecl } from '../php/class-decl.js';
import type { ClassDecl, ConstantDecl, MethodDecl, PropertyDecl } from '../php/types.js';
import type { SymbolIndex } from '../knowledge/types.js';
import { isPhpInternalClass } from '../knowledge/php-versions/internal-classes.js';
import type { CodeUnit } from '../rules/rule.js';

/** Where a class declaration was found. */
export interface ResolvedClass {
  decl: ClassDecl;
  /** `code`: declared by the code under check; `index`: by a package of the release; `generated`: Magento generates it. */
  source: 'code' | 'index' | 'generated';
  /** Composer package declaring it (index), or holding the code unit (code). */
  package: string | null;
  /** File of the code unit declaring it, for `code`. */
  file?: string;
  /** For generated classes: the class it is generated from (`Foo` for `FooFactory`). */
  generatedFrom?: string;
  /** Generated classes whose members come from configuration (extension attributes): members cannot be checked. */
  openMembers?: boolean;
}

export interface MemberLookup<T> {
  /** The member, and the class declaring it. */
  found?: { member: T; owner: ResolvedClass };
  /** A `__call`/`__callStatic`/`__get` in the hierarchy, or an open generated class: absence proves nothing. */
  magic: boolean;
  /** Every ancestor resolved: when false, an absent member may live in the unresolved part. */
  complete: boolean;
}

type MemberKind = 'method' | 'property' | 'constant';

/**
 * One view of all classes: the code under check first (it may declare shims for removed classes), then the release's
 * symbol index, then Magento's generated classes (factories, proxies, interceptors, extension attributes) derived from
 * the class they are generated from. Lookups are cached; names are case-insensitive like PHP's.
 */
export class ClassWorld {
  private readonly codeClasses = new Map<string, ResolvedClass>();
  private readonly cache = new Map<string, ResolvedClass | null>();
  private readonly memberCache = new Map<string, MemberLookup<MethodDecl | PropertyDecl | ConstantDecl>>();

  constructor(
    code: readonly CodeUnit[],
    readonly index: SymbolIndex | null,
  ) {
    for (const unit of code) {
      for (const decl of unit.analysis.classes) {
        const key = normalise(decl.name);
        if (!this.codeClasses.has(key)) {
          this.codeClasses.set(key, { decl, source: 'code', package: unit.package, file: unit.analysis.file });
        }
      }
    }
  }

  /** True when the code under check declares the class. */
  declaredByCode(name: string): boolean {
    return this.codeClasses.has(normalise(name));
  }

  codeClass(name: string): ResolvedClass | undefined {
    return this.codeClasses.get(normalise(name));
  }

  get(name: string): ResolvedClass | undefined {
    const key = normalise(name);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const resolved = this.resolve(key, name.startsWith('\\') ? name.slice(1) : name);
    this.cache.set(key, resolved ?? null);
    return resolved;
  }

  /** Known at all: declared by code, the index, generated, or a PHP internal class. */
  knows(name: string): boolean {
    return isPhpInternalClass(name) || this.get(name) !== undefined;
  }

  private resolve(key: string, name: string): ResolvedClass | undefined {
    const code = this.codeClasses.get(key);
    if (code) return code;
    const indexed = this.index?.getClass(name);
    if (indexed) return { decl: indexed, source: 'index', package: indexed.package, file: indexed.file };
    return this.generated(name);
  }

  /** Magento's code generator: what `name` is generated from, when it follows one of its naming patterns. */
  private generated(name: string): ResolvedClass | undefined {
    const synthetic = (base: ResolvedClass, decl: Partial<ClassDecl>, openMembers = false): ResolvedClass => ({
      decl: { ...emptyClassDecl(name, 'class', 0), ...decl },
      source: 'generated',
      package: base.package,
      generatedFrom: base.decl.name,
      openMembers,
    });
    let match: RegExpExecArray | null;
    if ((match = /^(.+)\\(Proxy|Interceptor)$/i.exec(name))) {
      const base = this.get(match[1]!);
      if (!base) return undefined;
      return synthetic(
        base,
        base.decl.kind === 'interface' ? { implements: [base.decl.name] } : { extends: base.decl.name },
      );
    }
    if ((match = /^(.+)Factory$/i.exec(name))) {
      const base = this.get(match[1]!);
      if (!base) return undefined;
      const create: MethodDecl = {
        name: 'create',
        visibility: 'public',
        params: [{ name: 'data', type: 'array', default: '[]' }],
        line: 0,
      };
      return synthetic(base, { methods: [create] });
    }
    if ((match = /^(.+)Extension(Interface)?$/i.exec(name))) {
      const base = this.get(`${match[1]}Interface`);
      if (!base) return undefined;
      return synthetic(base, { kind: match[2] ? 'interface' : 'class' }, true);
    }
    if ((match = /^(.+SearchResults)$/i.exec(name))) {
      const base = this.get(`${match[1]}Interface`);
      if (!base) return undefined;
      return synthetic(base, { implements: [base.decl.name] }, true);
    }
    return undefined;
  }

  /** The class and all its ancestors (parents, interfaces, traits), each once, nearest first. */
  ancestors(name: string): { classes: ResolvedClass[]; unresolved: string[] } {
    const classes: ResolvedClass[] = [];
    const unresolved: string[] = [];
    const seen = new Set<string>();
    const queue = [name];
    while (queue.length > 0) {
      const next = queue.shift()!;
      const key = normalise(next);
      if (seen.has(key)) continue;
      seen.add(key);
      const resolved = this.get(next);
      if (!resolved) {
        if (!isPhpInternalClass(next)) unresolved.push(next);
        continue;
      }
      classes.push(resolved);
      // Traits first: their members take precedence over the parent's, as in PHP.
      queue.push(...resolved.decl.traits);
      if (resolved.decl.extends) queue.push(resolved.decl.extends);
      queue.push(...resolved.decl.implements);
    }
    return { classes, unresolved };
  }

  /** True when `name` is `ancestor` or inherits from it; undefined when the hierarchy is not fully known. */
  isSubtypeOf(name: string, ancestor: string): boolean | undefined {
    if (normalise(name) === normalise(ancestor)) return true;
    const { classes, unresolved } = this.ancestors(name);
    if (classes.some((c) => normalise(c.decl.name) === normalise(ancestor))) return true;
    return unresolved.length > 0 || classes.length === 0 ? undefined : false;
  }

  findMethod(className: string, method: string): MemberLookup<MethodDecl> {
    return this.findMember(className, method, 'method') as MemberLookup<MethodDecl>;
  }

  findProperty(className: string, property: string): MemberLookup<PropertyDecl> {
    return this.findMember(className, property, 'property') as MemberLookup<PropertyDecl>;
  }

  findConstant(className: string, constant: string): MemberLookup<ConstantDecl> {
    return this.findMember(className, constant, 'constant') as MemberLookup<ConstantDecl>;
  }

  private findMember(
    className: string,
    rawMember: string,
    kind: MemberKind,
  ): MemberLookup<MethodDecl | PropertyDecl | ConstantDecl> {
    const member = kind === 'property' ? rawMember.replace(/^\$/, '') : rawMember;
    const cacheKey = `${kind}\0${normalise(className)}\0${kind === 'method' ? member.toLowerCase() : member}`;
    const cached = this.memberCache.get(cacheKey);
    if (cached) return cached;
    const { classes, unresolved } = this.ancestors(className);
    let result: MemberLookup<MethodDecl | PropertyDecl | ConstantDecl> = {
      magic: false,
      complete: unresolved.length === 0 && classes.length > 0,
    };
    const magicNames = kind === 'method' ? ['__call', '__callstatic'] : kind === 'property' ? ['__get', '__set'] : [];
    for (const owner of classes) {
      if (owner.openMembers) result.magic = true;
      if (owner.decl.methods.some((m) => magicNames.includes(m.name.toLowerCase()))) result.magic = true;
      if (result.found) continue;
      const list: (MethodDecl | PropertyDecl | ConstantDecl)[] =
        kind === 'method' ? owner.decl.methods : kind === 'property' ? propertiesOf(owner.decl) : owner.decl.constants;
      const hit = list.find((m) =>
        kind === 'method' ? m.name.toLowerCase() === member.toLowerCase() : m.name === member,
      );
      if (hit) result = { ...result, found: { member: hit, owner } };
    }
    this.memberCache.set(cacheKey, result);
    return result;
  }
}

/** Declared properties, counting promoted constructor parameters. */
export function propertiesOf(decl: ClassDecl): PropertyDecl[] {
  const promoted = decl.methods
    .find((m) => m.name.toLowerCase() === '__construct')
    ?.params.filter((p) => p.promoted)
    .map((p): PropertyDecl => ({ name: p.name.replace(/^\$/, ''), visibility: p.promoted!, type: p.type, line: 0 }));
  const declared = decl.properties.map((p) => ({ ...p, name: p.name.replace(/^\$/, '') }));
  return promoted && promoted.length > 0 ? [...declared, ...promoted] : declared;
}

export function normalise(name: string): string {
  return (name.startsWith('\\') ? name.slice(1) : name).toLowerCase();
}

/** Core Magento packages: never reported as the user's problem, and the only ones whose `@api` marks matter. */
export function isCorePackage(pkg: string | null | undefined): boolean {
  return !!pkg && pkg.startsWith('magento/');
}
