/**
 * What the PHP layer extracts from source. The same declaration shapes serve the knowledge-base index (what Magento
 * and libraries declare) and the code under check (what custom code declares and overrides).
 */

export type ClassKind = 'class' | 'interface' | 'trait' | 'enum';
export type Visibility = 'public' | 'protected' | 'private';

export interface DocFlags {
  /** Docblock carries `@api`. */
  api?: boolean;
  /** Docblock `@deprecated` text ('' when bare). */
  deprecated?: string;
  /** Docblock `@see` targets. */
  see?: string[];
}

export interface ParamDecl {
  name: string;
  /** Type as written, resolved to FQCNs where it names classes (`?\Foo\Bar`, `int|string`). */
  type?: string;
  /** Default value source text, when present. */
  default?: string;
  byRef?: boolean;
  variadic?: boolean;
  /** Constructor property promotion visibility. */
  promoted?: Visibility;
}

export interface MethodDecl extends DocFlags {
  name: string;
  visibility: Visibility;
  static?: boolean;
  abstract?: boolean;
  final?: boolean;
  params: ParamDecl[];
  returnType?: string;
  byRefReturn?: boolean;
  line: number;
  /** Has the `#[\ReturnTypeWillChange]` attribute (silences PHP 8.1 tentative return type deprecations). */
  returnTypeWillChange?: boolean;
  /** Hash of the normalised body (whitespace/comments stripped), for "did this method change". */
  bodyHash?: string;
  /** around* methods only: parameters (names without `$`) the body never mentions; absent when all are used. */
  unusedParams?: string[];
  /**
   * The body starts by refusing every request that is not a POST (`if (!$this->getRequest()->isPost()) { return …; }`):
   * what php-api/legacy-action-controller's fixer needs, known at check time. Absent otherwise and in skeletons.
   */
  refusesNonPost?: true;
  /** `execute()` only: the body does nothing but forward to another action (`onlyForwards` in forwards-only.ts). */
  forwardsOnly?: true;
}

export interface PropertyDecl extends DocFlags {
  name: string;
  visibility: Visibility;
  static?: boolean;
  readonly?: boolean;
  type?: string;
  line: number;
}

export interface ConstantDecl extends DocFlags {
  name: string;
  visibility: Visibility;
  final?: boolean;
  line: number;
}

export interface ClassDecl extends DocFlags {
  /** Fully qualified name without leading backslash: `Magento\Catalog\Model\Product`. */
  name: string;
  kind: ClassKind;
  abstract?: boolean;
  final?: boolean;
  readonly?: boolean;
  extends?: string;
  /** For interfaces, `extends` lists go here too. */
  implements: string[];
  traits: string[];
  methods: MethodDecl[];
  properties: PropertyDecl[];
  constants: ConstantDecl[];
  /** For backed enums: the backing type (`int` or `string`). */
  backedType?: string;
  /** Has the `#[\AllowDynamicProperties]` attribute. */
  allowDynamicProperties?: boolean;
  line: number;
  endLine?: number;
}

export interface FunctionDecl extends DocFlags {
  name: string;
  params: ParamDecl[];
  returnType?: string;
  line: number;
}

export type ReferenceKind =
  | 'import' // use Foo\Bar;
  | 'new' // new Foo()
  | 'static-call' // Foo::bar()
  | 'class-constant' // Foo::BAR
  | 'static-property' // Foo::$bar
  | 'class-string' // Foo::class
  | 'extends'
  | 'implements'
  | 'use-trait'
  | 'instanceof'
  | 'catch'
  | 'param-type'
  | 'return-type'
  | 'property-type'
  | 'method-call' // $x->foo() where the receiver type is known (receiverType set)
  | 'property-fetch' // $x->foo where the receiver type is known
  | 'function-call' // foo()
  | 'constructor-dependency'; // constructor parameter typed with a class: the object DI injects

export interface Reference {
  kind: ReferenceKind;
  /** The class/interface/function referenced, fully qualified, no leading backslash. */
  name: string;
  /** Method, constant or property name for member references. */
  member?: string;
  /** 1-based line and column (columns count UTF-16 code units) of the name the reference is about. */
  line: number;
  column: number;
  /** For method-call/property-fetch: how the receiver type was known (`$this`, `parent`, `property`, `param`, `new`). */
  via?: string;
  /** Number of arguments at a call site, when relevant. */
  argCount?: number;
  /** For property-fetch: the property is assigned (`$this->x = …`), which creates it when undeclared. */
  write?: boolean;
  /** For `parent::` calls: per argument position, the variable passed (`context` for `$context`), or null. */
  argVars?: (string | null)[];
  /** For calls: 0-based positions of arguments that are the literal `null`. */
  nullArgs?: number[];
  /**
   * For an unqualified function call inside a namespace (`foo()` in `namespace A;`), the namespaced function PHP tries
   * first (`A\foo`); `name` then holds the global function it falls back to. Absent when the name is unambiguous
   * (qualified, imported with `use function`, or the file itself declares the namespaced function).
   */
  namespacedName?: string;
  /** Class (FQCN) and method the reference sits in, when inside one. */
  inClass?: string;
  inMethod?: string;
  /**
   * Inside an `if`/ternary whose condition tests for a class, method, function or version (`class_exists(…)`,
   * `method_exists(…)`, `version_compare(…)`…): code written to run on several releases, where a missing class may be
   * the branch that is never taken.
   */
  guarded?: boolean;
}

export interface PhpSyntaxError {
  line: number;
  column: number;
  message: string;
}

/**
 * One use of syntax PHP 8.5 deprecates: the backtick operator, `(boolean)`/`(integer)`/`(double)`/`(binary)` casts,
 * `case …;` / `default;`, a literal `null` array offset, `array_key_exists(null, …)`.
 */
export interface DeprecatedSyntax {
  /** `curly-offset`: `$str{0}`, removed in PHP 8.0 (found only in files that do not parse). */
  /** `reserved-name`: a class, interface or trait named `fn`, `match`, `mixed` or `never` (see php/reserved-names.ts). */
  kind:
    | 'backtick'
    | 'non-canonical-cast'
    | 'case-semicolon'
    | 'null-offset'
    | 'array-key-exists-null'
    | 'curly-offset'
    | 'reserved-name';
  line: number;
  column: number;
  /** The cast as written, lower-cased without spaces (`boolean`), for non-canonical casts. */
  cast?: string;
  /** The reserved word as written (`Match`), for reserved names. */
  name?: string;
}

/** Everything extracted from one PHP file. */
export interface PhpFileAnalysis {
  /** Path relative to the analysed root. */
  file: string;
  /** sha1 of the content, for caching. */
  hash: string;
  namespaces: string[];
  classes: ClassDecl[];
  functions: FunctionDecl[];
  references: Reference[];
  /** Syntax error locations: the file is still analysed in part. */
  errors: PhpSyntaxError[];
  /** `"${var}"` / `"${expr}"` string interpolations (deprecated in PHP 8.2). */
  dollarBraceInterpolations?: { line: number; column: number }[];
  /** Syntax PHP 8.5 deprecates (RFC "Deprecations for PHP 8.5"), where it is written. */
  deprecatedSyntax?: DeprecatedSyntax[];
  /** For templates (.phtml): the block class declared by `/** @var \Foo\Block $block *\/`, when present. */
  templateBlockClass?: string;
}
