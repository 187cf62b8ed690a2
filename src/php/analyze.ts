/**
 * One PHP file → its declarations and references (PhpFileAnalysis), with tree-sitter.
 *
 * - Declarations: classes, interfaces, traits, enums, functions, members, with names resolved (see names.ts) and
 *   docblock flags; read by DeclarationReader (declarations.ts).
 * - References: what the code names or calls, each resolved to a fully qualified name, found by one cursor walk of the
 *   tree. Calls on objects are recorded only when the receiver's class is known for sure (`$this`, `parent::`/
 *   `self::`/`static::`, typed or constructor-assigned properties, typed parameters, `$x = new X()`, template
 *   `@var` blocks); nothing is guessed.
 * - Magento's generated classes (`Foo\BarFactory`, `Foo\Bar\Proxy`, `…\Interceptor`) are references like any other:
 *   nothing here knows about code generation, the consumer decides (typically: a `XFactory` exists when `X` does).
 * - Syntax errors are listed (errors[]) and the rest of the file is analysed; nothing here throws on bad input.
 */
import { createHash } from 'node:crypto';
import type { Language, Node, Tree, TreeCursor } from 'web-tree-sitter';
import { curlyOffsets } from './curly-offsets.js';
import { classKindOf, compactName, DeclarationReader, line, singleClassOf, type ClassFrame } from './declarations.js';
import { parseVarTags } from './docblock.js';
import { isBuiltinType, NameScope, type ImportKind } from './names.js';
import { sharedPhpParser, type PhpParser } from './parser.js';
import { maskReservedClassNames, unmaskClassNames } from './reserved-names.js';
import { functionSkeleton } from './skeleton.js';
import type {
  ClassDecl,
  DeprecatedSyntax,
  FunctionDecl,
  MethodDecl,
  PhpFileAnalysis,
  PhpSyntaxError,
  Reference,
  ReferenceKind,
} from './types.js';

export interface AnalyzeOptions {
  /** Skip references and method bodies (except their hash): what the API indexer needs, several times faster. */
  declarationsOnly?: boolean;
}

/** At most this many syntax errors are listed per file: past a few, more say nothing new. */
const MAX_ERRORS = 50;

/** Analyses one PHP (or .phtml) file. Never throws on bad syntax: errors are listed and the rest is analysed. */
export async function analyzePhp(source: string, file: string, options: AnalyzeOptions = {}): Promise<PhpFileAnalysis> {
  return analyzePhpWith(await sharedPhpParser(), source, file, options);
}

/** Synchronous variant for workers that hold a parser already. */
export function analyzePhpWith(
  parser: PhpParser,
  source: string,
  file: string,
  options: AnalyzeOptions = {},
  hash?: string,
): PhpFileAnalysis {
  const contentHash = hash ?? createHash('sha1').update(source).digest('hex');
  const analysis = analyzeParsed(parser, source, file, options, contentHash);
  if (analysis.errors.length === 0) return analysis;
  // A class named after a word a later PHP reserves (`class Match`) does not parse: read it from a masked copy.
  const masked = maskReservedClassNames(source);
  if (!masked) return analysis;
  const retry = analyzeParsed(parser, masked.source, file, options, contentHash);
  if (retry.errors.length >= analysis.errors.length) return analysis;
  const declared = unmaskClassNames(retry.classes, masked.masked);
  const uses = masked.uses.filter((use) => declared.has(use.line));
  if (uses.length > 0) retry.deprecatedSyntax = [...uses, ...(retry.deprecatedSyntax ?? [])];
  return retry;
}

function analyzeParsed(
  parser: PhpParser,
  source: string,
  file: string,
  options: AnalyzeOptions,
  contentHash: string,
): PhpFileAnalysis {
  if (options.declarationsOnly === true) return analyzeDeclarations(parser, source, file, contentHash);
  const full = analyzeText(parser, source, file, false, contentHash);
  if (full.errors.length === 0) return full;
  // One construct the grammar cannot read inside a body (PHP 5's `$str{$i}`, say) can swallow a whole class into an
  // ERROR node. The skeleton has no bodies: when it parses cleanly, its declarations are the complete ones.
  const declared = analyzeDeclarations(parser, source, file, contentHash);
  if (declared.errors.length === 0) {
    full.namespaces = declared.namespaces;
    full.classes = declared.classes;
    full.functions = declared.functions;
  }
  return full;
}

/**
 * Declarations do not need function bodies: parse a skeleton without them (several times faster), hashing bodies
 * from the original text. Syntax errors inside bodies are then not seen.
 */
function analyzeDeclarations(parser: PhpParser, source: string, file: string, hash: string): PhpFileAnalysis {
  const skeleton = functionSkeleton(source);
  if (!skeleton) return analyzeText(parser, source, file, true, hash);
  const bodyText = (start: number, end: number): string =>
    source.slice(skeleton.toOriginal(start), skeleton.toOriginal(end));
  return analyzeText(parser, skeleton.text, file, true, hash, bodyText);
}

function analyzeText(
  parser: PhpParser,
  text: string,
  file: string,
  declarationsOnly: boolean,
  hash: string,
  bodyText?: (start: number, end: number) => string,
): PhpFileAnalysis {
  const tree = parser.parse(text);
  try {
    return new FileAnalyzer(text, file, declarationsOnly, bodyText).run(tree, hash);
  } finally {
    tree.delete();
  }
}

/** How the type of a variable is known. */
interface KnownVar {
  type: string;
  via: 'param' | 'new' | 'template';
}

/** A function, method or closure body: its variables of known class type. */
interface FunctionScope {
  /** Method or function name for `inMethod` (closures report their enclosing method). */
  name: string | undefined;
  vars: Map<string, KnownVar>;
}

/** Node types whose children are walked for declarations even when only declarations are wanted. */
const DECLARATION_CONTAINERS = new Set([
  'program',
  'namespace_definition',
  'compound_statement',
  'if_statement',
  'else_clause',
  'else_if_clause',
  'colon_block',
]);

const NAME_TYPES = new Set(['name', 'qualified_name', 'relative_name']);

/** Conditions that test what the running platform provides (see `enterGuard`). */
const VERSION_GUARD =
  /\b(class_exists|interface_exists|trait_exists|enum_exists|method_exists|property_exists|function_exists|is_callable|defined|version_compare)\s*\(/i;

/** Cast names PHP 8.5 deprecates in favour of (bool), (int), (float), (string). */
const NON_CANONICAL_CASTS = new Set(['boolean', 'integer', 'double', 'binary']);

class FileAnalyzer {
  private readonly names = new NameScope();
  private readonly refs: Reference[] | undefined;
  private readonly reader: DeclarationReader;
  private readonly classes: ClassDecl[] = [];
  private readonly functions: FunctionDecl[] = [];
  private readonly namespaces: string[] = [];
  private readonly dollarBrace: { line: number; column: number }[] = [];
  private readonly deprecatedSyntax: DeprecatedSyntax[] = [];
  private readonly isTemplate: boolean;
  private templateBlockClass: string | undefined;

  private classFrame: ClassFrame | undefined;
  private methodsByStart = new Map<number, MethodDecl>();
  private scope: FunctionScope = { name: undefined, vars: new Map() };
  /** How many version-guarded `if`/ternaries enclose the walk's position. */
  private guardDepth = 0;
  /** `start:end` of member-access nodes that are assignment targets (`$this->x = …`). */
  private readonly writeTargets = new Set<string>();

  constructor(
    private readonly source: string,
    private readonly file: string,
    private readonly declarationsOnly: boolean,
    bodyText?: (start: number, end: number) => string,
  ) {
    this.refs = declarationsOnly ? undefined : [];
    this.reader = new DeclarationReader(source, this.names, this.refs, bodyText);
    this.isTemplate = file.toLowerCase().endsWith('.phtml');
  }

  run(tree: Tree, hash: string): PhpFileAnalysis {
    const cursor = tree.walk();
    try {
      this.walk(cursor, typeTable(tree.language));
    } finally {
      cursor.delete();
    }
    const references = this.refs ?? [];
    this.settleFunctionFallbacks(references);
    const result: PhpFileAnalysis = {
      file: this.file,
      hash,
      namespaces: this.namespaces,
      classes: this.classes,
      functions: this.functions,
      references,
      errors: tree.rootNode.hasError ? collectErrors(tree.rootNode, this.source) : [],
    };
    if (this.dollarBrace.length > 0) result.dollarBraceInterpolations = this.dollarBrace;
    // Curly offsets do not parse in PHP 8's grammar: only a file with syntax errors can hold one.
    if (tree.rootNode.hasError)
      for (const { open } of curlyOffsets(this.source)) {
        const start = this.source.lastIndexOf('\n', open - 1) + 1;
        const lineNo = (this.source.slice(0, start).match(/\n/g)?.length ?? 0) + 1;
        this.deprecatedSyntax.push({ kind: 'curly-offset', line: lineNo, column: open - start + 1 });
      }
    if (this.deprecatedSyntax.length > 0) result.deprecatedSyntax = this.deprecatedSyntax;
    if (this.templateBlockClass !== undefined) result.templateBlockClass = this.templateBlockClass;
    return result;
  }

  /**
   * Depth-first walk with a cursor (no node objects for the bulk of the tree). `enter` decides whether to descend and
   * may register an exit action, run when the walk leaves that node (restores class and function scopes).
   */
  private walk(cursor: TreeCursor, table: TypeTable): void {
    const exits: { depth: number; run: () => void }[] = [];
    let depth = 0;
    let lastDoc: { text: string; depth: number } | undefined;
    for (;;) {
      const id = cursor.nodeTypeId;
      let descend = false;
      // Anonymous nodes (punctuation, keywords) are leaves with nothing to find: skip them at the cost of one call.
      if (table.named[id] === 1) {
        const type = table.names[id] ?? 'ERROR';
        if (type === 'comment') {
          const text = this.source.slice(cursor.startIndex, cursor.endIndex);
          if (text.startsWith('/**')) lastDoc = { text, depth };
          if (this.isTemplate && !this.declarationsOnly) this.readTemplateVars(text);
        } else {
          const doc = lastDoc !== undefined && lastDoc.depth === depth ? lastDoc.text : undefined;
          if (lastDoc !== undefined && lastDoc.depth >= depth) lastDoc = undefined;
          descend = this.enter(cursor, type, depth, doc, (run) => exits.push({ depth, run }));
        }
      }
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        while (exits.length > 0 && exits[exits.length - 1]!.depth >= depth) exits.pop()!.run();
        if (cursor.gotoNextSibling()) break;
        if (depth === 0 || !cursor.gotoParent()) return;
        depth--;
      }
    }
  }

  private enter(
    cursor: TreeCursor,
    type: string,
    depth: number,
    doc: string | undefined,
    onExit: (run: () => void) => void,
  ): boolean {
    const classKind = classKindOf(type);
    if (classKind) {
      const reading = this.reader.readClass(cursor.currentNode, classKind, doc);
      this.classes.push(reading.decl);
      if (this.declarationsOnly) return false;
      this.enterClass(reading.frame, reading.methodsByStart, onExit);
      return true;
    }
    switch (type) {
      case 'namespace_definition': {
        const nameNode = cursor.currentNode.childForFieldName('name');
        const name = nameNode ? compactName(this.reader.text(nameNode)) : '';
        this.names.enterNamespace(name);
        if (name !== '' && !this.namespaces.includes(name)) this.namespaces.push(name);
        return true;
      }
      case 'namespace_use_declaration':
        this.readUse(cursor.currentNode);
        return false;
      case 'function_definition': {
        const node = cursor.currentNode;
        const decl = this.reader.readFunction(node, doc);
        if (this.scope.name === undefined && this.classFrame === undefined) this.functions.push(decl);
        if (this.declarationsOnly) return false;
        this.enterFunction(decl.name, this.varsFromParams(decl.params), onExit);
        return true;
      }
    }
    if (this.declarationsOnly) return DECLARATION_CONTAINERS.has(type) && depth < 64;
    return this.enterCode(cursor, type, onExit);
  }

  /** Expression-level handling, only when references are wanted. */
  private enterCode(cursor: TreeCursor, type: string, onExit: (run: () => void) => void): boolean {
    switch (type) {
      case 'method_declaration': {
        const method = this.methodsByStart.get(cursor.startIndex);
        this.enterFunction(method?.name, method ? this.varsFromParams(method.params) : new Map(), onExit);
        return true;
      }
      case 'anonymous_function':
      case 'arrow_function':
        this.enterClosure(cursor.currentNode, type === 'arrow_function', onExit);
        return true;
      case 'anonymous_class': {
        const { frame, methodsByStart } = this.reader.readAnonymousClass(
          cursor.currentNode,
          this.classFrame?.name,
          this.scope.name,
        );
        this.enterClass(frame, methodsByStart, onExit);
        return true;
      }
      case 'if_statement':
      case 'conditional_expression':
        this.enterGuard(cursor.currentNode, onExit);
        return true;
      case 'object_creation_expression':
        this.onNew(cursor.currentNode);
        return true;
      case 'scoped_call_expression':
        this.onScopedCall(cursor.currentNode);
        return true;
      case 'class_constant_access_expression':
        this.onClassConstant(cursor.currentNode);
        return true;
      case 'scoped_property_access_expression':
        this.onStaticProperty(cursor.currentNode);
        return true;
      case 'binary_expression':
        this.onBinary(cursor.currentNode);
        return true;
      case 'catch_clause':
        this.onCatch(cursor.currentNode);
        return true;
      case 'function_call_expression':
        this.onFunctionCall(cursor.currentNode);
        return true;
      case 'member_call_expression':
      case 'nullsafe_member_call_expression':
        this.onMemberCall(cursor.currentNode);
        return true;
      case 'member_access_expression':
      case 'nullsafe_member_access_expression':
        this.onPropertyFetch(cursor.currentNode);
        return true;
      case 'assignment_expression':
      case 'augmented_assignment_expression':
      case 'reference_assignment_expression':
        this.onAssignment(cursor.currentNode, type);
        return true;
      case 'dynamic_variable_name':
        this.onDynamicVariable(cursor);
        return true;
      case 'shell_command_expression':
      case 'cast_expression':
      case 'case_statement':
      case 'default_statement':
      case 'subscript_expression':
        this.onPhp85Syntax(cursor.currentNode, type);
        return true;
      // Nothing to find below these: names and literals (handled by their parent), modifiers, inline HTML, and
      // types (read with their declarations).
      case 'name':
      case 'variable_name':
      case 'qualified_name':
      case 'relative_name':
      case 'namespace_name':
      case 'relative_scope':
      case 'string':
      case 'string_content':
      case 'escape_sequence':
      case 'nowdoc':
      case 'text':
      case 'text_interpolation':
      case 'php_tag':
      case 'integer':
      case 'float':
      case 'boolean':
      case 'null':
      case 'cast_type':
      case 'visibility_modifier':
      case 'static_modifier':
      case 'final_modifier':
      case 'abstract_modifier':
      case 'readonly_modifier':
      case 'var_modifier':
      case 'reference_modifier':
      case 'base_clause':
      case 'class_interface_clause':
      case 'named_type':
      case 'primitive_type':
      case 'optional_type':
      case 'union_type':
      case 'intersection_type':
      case 'disjunctive_normal_form_type':
      case 'namespace_use_declaration':
      case 'use_declaration':
      case 'attribute_list':
        return false;
    }
    return true;
  }

  /**
   * `if (class_exists(New::class)) { new New } else { new \\Zend_Old }` is the usual backward-compatible code: both
   * branches (and the condition) of an `if`/ternary whose condition tests for a class, method, function or version are
   * marked `guarded`, so rules can tell a missing class there from one used unconditionally.
   */
  private enterGuard(node: Node, onExit: (run: () => void) => void): void {
    const condition = node.childForFieldName('condition');
    if (!condition || !VERSION_GUARD.test(this.reader.text(condition))) return;
    this.guardDepth++;
    onExit(() => {
      this.guardDepth--;
    });
  }

  private enterClass(frame: ClassFrame, methods: Map<number, MethodDecl>, onExit: (run: () => void) => void): void {
    const saved = { frame: this.classFrame, methods: this.methodsByStart, scope: this.scope };
    this.classFrame = frame;
    this.methodsByStart = methods;
    this.scope = { name: undefined, vars: new Map() };
    onExit(() => {
      this.classFrame = saved.frame;
      this.methodsByStart = saved.methods;
      this.scope = saved.scope;
    });
  }

  private enterFunction(
    name: string | undefined,
    vars: Map<string, KnownVar>,
    onExit: (run: () => void) => void,
  ): void {
    const saved = this.scope;
    this.scope = { name, vars };
    onExit(() => {
      this.scope = saved;
    });
  }

  /** Closures see their parameters and `use`d variables; arrow functions capture the whole enclosing scope. */
  private enterClosure(node: Node, isArrow: boolean, onExit: (run: () => void) => void): void {
    const inClass = this.classFrame?.name;
    const params = this.reader.readParams(
      node.childForFieldName('parameters'),
      this.classFrame,
      this.scope.name,
      false,
    );
    const returnType = node.childForFieldName('return_type');
    if (returnType) this.reader.renderType(returnType, this.classFrame, 'return-type', inClass, this.scope.name);
    const vars = isArrow ? new Map(this.scope.vars) : new Map<string, KnownVar>();
    if (!isArrow) {
      for (const child of node.namedChildren) {
        if (child?.type !== 'anonymous_function_use_clause') continue;
        for (const v of child.descendantsOfType('variable_name')) {
          if (!v) continue;
          const name = this.reader.text(v).slice(1);
          const known = this.scope.vars.get(name);
          if (known) vars.set(name, known);
        }
      }
    }
    for (const [name, known] of this.varsFromParams(params)) vars.set(name, known);
    const saved = this.scope;
    this.scope = { name: saved.name, vars };
    onExit(() => {
      this.scope = saved;
    });
  }

  private varsFromParams(params: { name: string; type?: string }[]): Map<string, KnownVar> {
    const vars = new Map<string, KnownVar>();
    for (const p of params) {
      const single = p.type !== undefined ? singleClassOf(p.type) : undefined;
      if (single) vars.set(p.name, { type: single, via: 'param' });
    }
    return vars;
  }

  /** `use A\B [as C], …;`, `use function …;`, `use const …;`, group use `use A\{B, C as D};`. */
  private readUse(node: Node): void {
    const declKind = importKindOf(node.childForFieldName('type'), this.source);
    const group = node.childForFieldName('body');
    let prefix = '';
    if (group) {
      for (const child of node.namedChildren) {
        if (child && (child.type === 'namespace_name' || NAME_TYPES.has(child.type))) {
          prefix = compactName(this.reader.text(child)).replace(/^\\/, '') + '\\';
          break;
        }
      }
    }
    for (const clause of (group ?? node).namedChildren) {
      if (clause?.type !== 'namespace_use_clause') continue;
      const kind = importKindOf(clause.childForFieldName('type'), this.source, declKind);
      let nameNode: Node | null = null;
      for (const child of clause.namedChildren) {
        if (child && NAME_TYPES.has(child.type)) {
          nameNode = child;
          break;
        }
      }
      if (!nameNode) continue;
      const aliasNode = clause.childForFieldName('alias');
      const fqn = prefix + compactName(this.reader.text(nameNode)).replace(/^\\/, '');
      this.names.addImport(kind, fqn, aliasNode ? this.reader.text(aliasNode) : undefined);
      // Function and constant imports are checked where they are used (function-call), not as class references.
      if (kind === 'class') this.addRef('import', fqn, nameNode);
    }
  }

  private onNew(node: Node): void {
    const classNode = node.namedChild(0);
    if (!classNode || !NAME_TYPES.has(classNode.type)) return;
    const name = this.resolveClassRef(classNode);
    if (name === undefined) return;
    const ref = this.addRef('new', name, classNode);
    if (ref) addArgs(ref, findChild(node, 'arguments'), this.source);
  }

  private onScopedCall(node: Node): void {
    const scope = node.childForFieldName('scope');
    const member = node.childForFieldName('name');
    if (!scope || !member || member.type !== 'name') return;
    const target = this.resolveScope(scope);
    if (!target) return;
    const ref = this.addRef('static-call', target.name, member, this.reader.text(member));
    if (!ref) return;
    if (target.via) ref.via = target.via;
    addArgs(ref, node.childForFieldName('arguments'), this.source);
    if (target.via === 'parent') addArgVars(ref, node.childForFieldName('arguments'), this.source);
  }

  private onClassConstant(node: Node): void {
    const scope = node.namedChild(0);
    const member = node.namedChild(1);
    if (!scope || !member) return;
    const target = this.resolveScope(scope);
    if (!target) return;
    const memberName = this.reader.text(member);
    if (memberName.toLowerCase() === 'class') {
      // `static::class` is the runtime class: nothing to check.
      if (target.via !== 'static') this.addRef('class-string', target.name, scope);
      return;
    }
    const ref = this.addRef('class-constant', target.name, member, memberName);
    if (ref && target.via) ref.via = target.via;
  }

  private onStaticProperty(node: Node): void {
    const scope = node.childForFieldName('scope');
    const member = node.childForFieldName('name');
    if (!scope || !member || member.type !== 'variable_name') return;
    const target = this.resolveScope(scope);
    if (!target) return;
    const ref = this.addRef('static-property', target.name, member, this.reader.text(member).slice(1));
    if (ref && target.via) ref.via = target.via;
  }

  private onBinary(node: Node): void {
    const operator = node.childForFieldName('operator');
    if (operator?.type !== 'instanceof') return;
    const right = node.childForFieldName('right');
    if (!right || !NAME_TYPES.has(right.type)) return;
    const name = this.resolveClassRef(right);
    if (name !== undefined) this.addRef('instanceof', name, right);
  }

  private onCatch(node: Node): void {
    const types = node.childForFieldName('type');
    if (types) this.reader.renderType(types, this.classFrame, 'catch', this.classFrame?.name, this.scope.name);
  }

  private onFunctionCall(node: Node): void {
    const fn = node.childForFieldName('function');
    if (!fn || !NAME_TYPES.has(fn.type)) return;
    const resolved = this.names.resolveFunction(compactName(this.reader.text(fn)));
    const ref = this.addRef('function-call', resolved.name, fn);
    if (!ref) return;
    if (resolved.namespaced !== undefined) ref.namespacedName = resolved.namespaced;
    const args = node.childForFieldName('arguments');
    addArgs(ref, args, this.source);
    if (resolved.name.toLowerCase() === 'array_key_exists' && args?.namedChild(0)?.namedChild(0)?.type === 'null') {
      const key = args.namedChild(0)!;
      this.deprecatedSyntax.push({
        kind: 'array-key-exists-null',
        line: line(key),
        column: key.startPosition.column + 1,
      });
    }
  }

  private onMemberCall(node: Node): void {
    const member = node.childForFieldName('name');
    const object = node.childForFieldName('object');
    if (!member || member.type !== 'name' || !object) return;
    const receiver = this.receiverType(object);
    if (!receiver) return;
    const ref = this.addRef('method-call', receiver.type, member, this.reader.text(member));
    if (!ref) return;
    ref.via = receiver.via;
    addArgs(ref, node.childForFieldName('arguments'), this.source);
  }

  private onPropertyFetch(node: Node): void {
    const member = node.childForFieldName('name');
    const object = node.childForFieldName('object');
    if (!member || member.type !== 'name' || !object) return;
    const receiver = this.receiverType(object);
    if (!receiver) return;
    const ref = this.addRef('property-fetch', receiver.type, member, this.reader.text(member));
    if (!ref) return;
    ref.via = receiver.via;
    if (this.writeTargets.has(spanKey(node))) ref.write = true;
  }

  /** Marks property writes, and tracks `$var = new X()` for later `$var->m()`. */
  private onAssignment(node: Node, type: string): void {
    const left = node.childForFieldName('left');
    if (!left) return;
    this.markWriteTargets(left);
    if (type !== 'assignment_expression' || left.type !== 'variable_name') return;
    const name = this.reader.text(left).slice(1);
    const right = node.childForFieldName('right');
    const created = right ? this.newClassOf(right) : undefined;
    if (created !== undefined) this.scope.vars.set(name, { type: created, via: 'new' });
    else this.scope.vars.delete(name);
  }

  private markWriteTargets(left: Node): void {
    let target: Node | null = left;
    // `$this->list[] = …` and `$this->map['k'] = …` create the property too.
    while (target?.type === 'subscript_expression') target = target.namedChild(0);
    if (!target) return;
    if (target.type === 'member_access_expression' || target.type === 'nullsafe_member_access_expression') {
      this.writeTargets.add(spanKey(target));
    } else if (target.type === 'list_literal' || target.type === 'array_creation_expression') {
      for (const element of target.descendantsOfType(['member_access_expression'])) {
        if (element) this.writeTargets.add(spanKey(element));
      }
    }
  }

  /** Syntax PHP 8.5 deprecates (its "Deprecations for PHP 8.5" RFC); `array_key_exists(null, …)` is read in onFunctionCall. */
  private onPhp85Syntax(node: Node, type: string): void {
    const at = { line: line(node), column: node.startPosition.column + 1 };
    if (type === 'shell_command_expression') {
      this.deprecatedSyntax.push({ kind: 'backtick', ...at });
    } else if (type === 'cast_expression') {
      const castType = node.childForFieldName('type');
      const cast = castType
        ? this.reader
            .text(castType)
            .replace(/[\s()]/g, '')
            .toLowerCase()
        : '';
      if (NON_CANONICAL_CASTS.has(cast)) this.deprecatedSyntax.push({ kind: 'non-canonical-cast', ...at, cast });
    } else if (type === 'case_statement' || type === 'default_statement') {
      // `case X;` parses like `case X:`: the terminator is the first anonymous `:` or `;` child.
      for (let i = 0; i < node.childCount; i++) {
        const child = node.child(i);
        if (!child || child.isNamed) continue;
        if (child.type === ';') this.deprecatedSyntax.push({ kind: 'case-semicolon', ...at });
        if (child.type === ';' || child.type === ':') break;
      }
    } else if (type === 'subscript_expression') {
      const index = node.namedChild(1);
      if (index?.type === 'null')
        this.deprecatedSyntax.push({ kind: 'null-offset', line: line(index), column: index.startPosition.column + 1 });
    }
  }

  /** `"${var}"` / `"${expr}"` inside a string: deprecated in PHP 8.2 (unlike `{$var}`). */
  private onDynamicVariable(cursor: TreeCursor): void {
    const start = cursor.startIndex;
    if (this.source.charCodeAt(start) !== 36 || this.source.charCodeAt(start + 1) !== 123) return;
    const node = cursor.currentNode;
    const parentType = node.parent?.type;
    if (parentType !== 'encapsed_string' && parentType !== 'heredoc_body') return;
    // `"{${expr}}"` is the complex syntax holding a variable variable: the form PHP 8.2 recommends, not deprecated.
    const before = node.previousSibling;
    if (before && !before.isNamed && before.type === '{') return;
    this.dollarBrace.push({ line: line(node), column: node.startPosition.column + 1 });
  }

  /** `/** @var \Foo\Block $block *\/` in a template types `$block` for the whole file. */
  private readTemplateVars(comment: string): void {
    if (this.scope.name !== undefined || this.classFrame !== undefined || !comment.includes('@var')) return;
    for (const { type, variable } of parseVarTags(comment)) {
      const written = compactName(type);
      if (isBuiltinType(written)) continue;
      const resolved = this.names.resolveClass(written);
      this.scope.vars.set(variable, { type: resolved, via: 'template' });
      if (variable === 'block' && this.templateBlockClass === undefined) this.templateBlockClass = resolved;
    }
  }

  /** The class of an expression used as a receiver, when it is known for sure. */
  private receiverType(object: Node): { type: string; via: string } | undefined {
    switch (object.type) {
      case 'variable_name': {
        const name = this.reader.text(object).slice(1);
        if (name === 'this') {
          const cls = this.classFrame?.name;
          if (cls !== undefined) return { type: cls, via: '$this' };
          // In a template, `$this` is the template engine, which forwards unknown calls to the block.
          const block = this.isTemplate && !this.classFrame ? this.scope.vars.get('block') : undefined;
          return block?.via === 'template' ? { type: block.type, via: 'template' } : undefined;
        }
        const known = this.scope.vars.get(name);
        return known ? { type: known.type, via: known.via } : undefined;
      }
      case 'member_access_expression':
      case 'nullsafe_member_access_expression': {
        const inner = object.childForFieldName('object');
        const prop = object.childForFieldName('name');
        if (!inner || !prop || prop.type !== 'name' || this.reader.text(inner) !== '$this') return undefined;
        const type = this.classFrame?.propertyTypes.get(this.reader.text(prop));
        return type !== undefined ? { type, via: 'property' } : undefined;
      }
      case 'parenthesized_expression': {
        const inner = object.namedChild(0);
        const created = inner ? this.newClassOf(inner) : undefined;
        return created !== undefined ? { type: created, via: 'new' } : undefined;
      }
    }
    return undefined;
  }

  /** The class of `new X(...)` when X is a name (not `new $class`, not an anonymous class). */
  private newClassOf(node: Node): string | undefined {
    if (node.type !== 'object_creation_expression') return undefined;
    const classNode = node.namedChild(0);
    if (!classNode || !NAME_TYPES.has(classNode.type)) return undefined;
    return this.resolveClassRef(classNode);
  }

  /** Resolves a class name in an expression; `self`/`static` → the current class, `parent` → its parent. */
  private resolveClassRef(node: Node): string | undefined {
    const written = compactName(this.reader.text(node));
    const lower = written.toLowerCase();
    if (lower === 'self' || lower === 'static') return this.classFrame?.name;
    if (lower === 'parent') return this.classFrame?.parent;
    return this.names.resolveClass(written);
  }

  /** The class named by the left side of `::`, with how it was named for self/static/parent. */
  private resolveScope(scope: Node): { name: string; via?: string } | undefined {
    if (scope.type === 'relative_scope') {
      const keyword = this.reader.text(scope).toLowerCase();
      const name = keyword === 'parent' ? this.classFrame?.parent : this.classFrame?.name;
      return name !== undefined ? { name, via: keyword } : undefined;
    }
    if (!NAME_TYPES.has(scope.type)) return undefined;
    const name = this.resolveClassRef(scope);
    return name !== undefined ? { name } : undefined;
  }

  private addRef(kind: ReferenceKind, name: string, node: Node, member?: string): Reference | undefined {
    if (!this.refs) return undefined;
    const ref: Reference = { kind, name, line: line(node), column: node.startPosition.column + 1 };
    if (member !== undefined) ref.member = member;
    if (this.classFrame?.name !== undefined) ref.inClass = this.classFrame.name;
    if (this.scope.name !== undefined) ref.inMethod = this.scope.name;
    if (this.guardDepth > 0) ref.guarded = true;
    this.refs.push(ref);
    return ref;
  }

  /** An unqualified call to a function this file declares in its namespace is that function, not the global one. */
  private settleFunctionFallbacks(references: Reference[]): void {
    if (this.functions.length === 0) return;
    const declared = new Set(this.functions.map((f) => f.name.toLowerCase()));
    for (const ref of references) {
      if (ref.namespacedName !== undefined && declared.has(ref.namespacedName.toLowerCase())) {
        ref.name = ref.namespacedName;
        delete ref.namespacedName;
      }
    }
  }
}

/** Node type names and named-ness by type id, computed once per grammar (the cursor gives ids cheaply). */
interface TypeTable {
  names: string[];
  /** 1 for named node types (ERROR included), 0 for anonymous tokens. */
  named: Uint8Array;
}

const typeTables = new WeakMap<Language, TypeTable>();

function typeTable(language: Language): TypeTable {
  let table = typeTables.get(language);
  if (!table) {
    const count = language.nodeTypeCount;
    const names: string[] = [];
    // ERROR is 65535, past nodeTypeCount.
    const named = new Uint8Array(65536);
    for (let id = 0; id < count; id++) {
      names[id] = language.nodeTypeForId(id) ?? '';
      named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
    }
    named[65535] = 1;
    names[65535] = 'ERROR';
    table = { names, named };
    typeTables.set(language, table);
  }
  return table;
}

function spanKey(node: Node): string {
  return `${node.startIndex}:${node.endIndex}`;
}

function importKindOf(node: Node | null, source: string, fallback: ImportKind = 'class'): ImportKind {
  if (!node) return fallback;
  const text = source.slice(node.startIndex, node.endIndex).toLowerCase();
  return text === 'function' ? 'function' : text === 'const' ? 'const' : fallback;
}

function findChild(node: Node, type: string): Node | null {
  for (const child of node.namedChildren) if (child?.type === type) return child;
  return null;
}

const MAYBE_SPECIAL_ARGS = /null|\/\/|\/\*|#|\.\.\./i;

/** Argument count and the positions of literal `null` arguments. */
function addArgs(ref: Reference, args: Node | null, source: string): void {
  if (!args) return;
  // Fast path, most calls: no `null`, no comment, no `...` in the argument list: count without visiting arguments.
  if (!MAYBE_SPECIAL_ARGS.test(source.slice(args.startIndex, args.endIndex))) {
    ref.argCount = args.namedChildCount;
    return;
  }
  let count = 0;
  const nulls: number[] = [];
  for (const arg of args.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    // `f(...)` makes a closure (first-class callable syntax): no call, no argument count.
    if (arg.type === 'variadic_placeholder') return;
    if (arg.type === 'argument') {
      const value = arg.namedChild(arg.namedChildCount - 1);
      if (value?.type === 'null' && !arg.childForFieldName('name')) nulls.push(count);
      else if (value?.type === 'name' && source.slice(value.startIndex, value.endIndex).toLowerCase() === 'null') {
        nulls.push(count);
      }
    }
    count++;
  }
  ref.argCount = count;
  if (nulls.length > 0) ref.nullArgs = nulls;
}

/**
 * For `parent::…(…)` calls: which arguments are plain variables (`$context`), by position, so rules can type them with
 * the enclosing method's parameters. Named and unpacked arguments stop the list (positions after them are unknown).
 */
function addArgVars(ref: Reference, args: Node | null, source: string): void {
  if (!args) return;
  const vars: (string | null)[] = [];
  for (const arg of args.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type !== 'argument' || arg.childForFieldName('name') || source[arg.startIndex] === '.') break;
    const value = arg.namedChild(arg.namedChildCount - 1);
    vars.push(value?.type === 'variable_name' ? source.slice(value.startIndex + 1, value.endIndex) : null);
  }
  if (vars.some((v) => v !== null)) ref.argVars = vars;
}

/** ERROR and MISSING nodes, found by descending only into subtrees that contain errors. */
function collectErrors(root: Node, source: string): PhpSyntaxError[] {
  const errors: PhpSyntaxError[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const node = stack.pop()!;
    if (node.isMissing) {
      errors.push({ ...position(node), message: `missing ${describe(node.type)}` });
      continue;
    }
    if (node.isError) {
      const snippet = source.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 40)).replace(/\s+/g, ' ');
      errors.push({ ...position(node), message: `syntax error near "${snippet.trim()}"` });
      continue;
    }
    // Children in reverse so errors come out in source order.
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child && (child.hasError || child.isMissing)) stack.push(child);
    }
  }
  return errors;
}

function position(node: Node): { line: number; column: number } {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

function describe(type: string): string {
  return /^[a-z_]+$/.test(type) ? type.replace(/_/g, ' ') : `"${type}"`;
}
