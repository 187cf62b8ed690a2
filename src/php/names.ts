/**
 * PHP name resolution: turns a name as written (`Foo`, `Bar\Foo`, `\Baz\Foo`, `namespace\Foo`, an alias) into a fully
 * qualified name without leading backslash, following PHP's rules for the namespace and `use` imports in effect.
 */

/** Type keywords that are never class names (compared lowercase). `self`/`parent`/`static` are handled apart. */
const BUILTIN_TYPES = new Set([
  'int',
  'float',
  'bool',
  'string',
  'array',
  'callable',
  'iterable',
  'mixed',
  'void',
  'never',
  'null',
  'false',
  'true',
  'object',
]);

/** Names that refer to a class relative to the one being declared. */
const SPECIAL_CLASS_NAMES = new Set(['self', 'static', 'parent']);

export function isBuiltinType(name: string): boolean {
  return BUILTIN_TYPES.has(name.toLowerCase());
}

export function isSpecialClassName(name: string): boolean {
  return SPECIAL_CLASS_NAMES.has(name.toLowerCase());
}

export type ImportKind = 'class' | 'function' | 'const';

/**
 * The name context of one point in a file: the current namespace and the imports declared so far in it.
 * A new namespace (`namespace X;` or `namespace X { }`) starts with no imports, as in PHP.
 */
export class NameScope {
  namespace = '';
  /** Lowercased alias → FQCN. Class aliases are case-insensitive in PHP. */
  private classes = new Map<string, string>();
  /** Lowercased alias → function FQN. */
  private functions = new Map<string, string>();
  /** Alias (case-sensitive, like constants) → constant FQN. */
  private constants = new Map<string, string>();

  enterNamespace(name: string): void {
    this.namespace = trimLeadingBackslash(name);
    this.classes = new Map();
    this.functions = new Map();
    this.constants = new Map();
  }

  /** Registers `use [function|const] Name [as Alias]`. `name` is fully qualified (a leading `\` is allowed). */
  addImport(kind: ImportKind, name: string, alias?: string): void {
    const fqn = trimLeadingBackslash(name);
    const short = alias ?? fqn.slice(fqn.lastIndexOf('\\') + 1);
    if (kind === 'class') this.classes.set(short.toLowerCase(), fqn);
    else if (kind === 'function') this.functions.set(short.toLowerCase(), fqn);
    else this.constants.set(short, fqn);
  }

  /** Prefixes a declared name with the current namespace. */
  declare(name: string): string {
    return this.namespace ? `${this.namespace}\\${name}` : name;
  }

  /**
   * Resolves a class name as written. Builtin type keywords and `self`/`static`/`parent` are NOT handled here:
   * callers check them first (their meaning depends on where they appear).
   */
  resolveClass(written: string): string {
    if (written.startsWith('\\')) return written.slice(1);
    const lower = written.toLowerCase();
    if (lower.startsWith('namespace\\')) return this.declare(written.slice('namespace\\'.length));
    const sep = written.indexOf('\\');
    const first = sep < 0 ? lower : lower.slice(0, sep);
    const imported = this.classes.get(first);
    if (imported !== undefined) return sep < 0 ? imported : imported + written.slice(sep);
    return this.declare(written);
  }

  /**
   * Resolves a function name as called. Qualified names resolve like classes. An unqualified name that is not
   * imported resolves to the namespaced function if the caller knows it exists, else PHP falls back to the global
   * one at run time: `{ name: global, namespaced: candidate }` leaves that choice to the caller.
   */
  resolveFunction(written: string): { name: string; namespaced?: string } {
    if (written.startsWith('\\')) return { name: written.slice(1) };
    const lower = written.toLowerCase();
    if (lower.startsWith('namespace\\')) return { name: this.declare(written.slice('namespace\\'.length)) };
    const sep = written.indexOf('\\');
    if (sep >= 0) {
      // Qualified: the first segment may be a class/namespace alias.
      const imported = this.classes.get(lower.slice(0, sep));
      return { name: imported !== undefined ? imported + written.slice(sep) : this.declare(written) };
    }
    const imported = this.functions.get(lower);
    if (imported !== undefined) return { name: imported };
    return this.namespace ? { name: written, namespaced: this.declare(written) } : { name: written };
  }

  /** Resolves a constant name (for `use const`), with the same global fallback as functions. */
  resolveConstant(written: string): { name: string; namespaced?: string } {
    if (written.startsWith('\\')) return { name: written.slice(1) };
    if (written.indexOf('\\') >= 0) return { name: this.resolveClass(written) };
    const imported = this.constants.get(written);
    if (imported !== undefined) return { name: imported };
    return this.namespace ? { name: written, namespaced: this.declare(written) } : { name: written };
  }
}

function trimLeadingBackslash(name: string): string {
  return name.startsWith('\\') ? name.slice(1) : name;
}
