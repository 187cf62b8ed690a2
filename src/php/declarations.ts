import type { Node } from 'web-tree-sitter';
import { bodyHash } from './body-hash.js';
import { onlyForwards } from './forwards-only.js';
import { startsByRefusingNonPost } from './refuses-non-post.js';
import { emptyClassDecl } from './class-decl.js';
import { parseDocFlags } from './docblock.js';
import { isBuiltinType, type NameScope } from './names.js';
import type {
  ClassDecl,
  ClassKind,
  ConstantDecl,
  FunctionDecl,
  MethodDecl,
  ParamDecl,
  PropertyDecl,
  Reference,
  ReferenceKind,
  Visibility,
} from './types.js';

/** The class whose body is being read: `self` and `parent` in types resolve against it. */
export interface ClassFrame {
  /** FQCN; undefined for anonymous classes. */
  name: string | undefined;
  parent: string | undefined;
  /** Property name → the single class its declared (or constructor-assigned) type names, for `$this->p->m()`. */
  propertyTypes: Map<string, string>;
}

/** What reading a class declaration yields beyond the ClassDecl. */
export interface ClassReading {
  decl: ClassDecl;
  frame: ClassFrame;
  /** Method declarations by the start index of their node, so the body walker finds each method's parameters. */
  methodsByStart: Map<number, MethodDecl>;
}

const CLASS_KINDS: Record<string, ClassKind> = {
  class_declaration: 'class',
  interface_declaration: 'interface',
  trait_declaration: 'trait',
  enum_declaration: 'enum',
};

export function classKindOf(nodeType: string): ClassKind | undefined {
  return CLASS_KINDS[nodeType];
}

/**
 * Reads declarations (classes, members, functions, parameters, types) from tree-sitter nodes, resolving names in the
 * current NameScope. When `refs` is given, the types it meets become references (param/return/property types,
 * constructor dependencies, extends/implements/trait use).
 */
export class DeclarationReader {
  constructor(
    private readonly source: string,
    private readonly names: NameScope,
    private readonly refs: Reference[] | undefined,
    /** Source of a body by offsets, when the parsed text is a skeleton without bodies (see skeleton.ts). */
    private readonly bodyText?: (start: number, end: number) => string,
  ) {}

  text(node: Node): string {
    return this.source.slice(node.startIndex, node.endIndex);
  }

  /** A class-like declaration (class, interface, trait, enum) with its members. */
  readClass(node: Node, kind: ClassKind, doc: string | undefined): ClassReading {
    const nameNode = node.childForFieldName('name');
    const shortName = nameNode ? this.text(nameNode) : '';
    const decl: ClassDecl = {
      ...emptyClassDecl(this.names.declare(shortName), kind, line(nameNode ?? node)),
      endLine: node.endPosition.row + 1,
      ...parseDocFlags(doc),
    };
    const frame: ClassFrame = { name: decl.name, parent: undefined, propertyTypes: new Map() };
    let body: Node | null = null;
    for (const child of node.namedChildren) {
      if (!child) continue;
      switch (child.type) {
        case 'abstract_modifier':
          decl.abstract = true;
          break;
        case 'final_modifier':
          decl.final = true;
          break;
        case 'readonly_modifier':
          decl.readonly = true;
          break;
        case 'attribute_list':
          if (this.hasAttribute(child, 'allowdynamicproperties')) decl.allowDynamicProperties = true;
          break;
        case 'primitive_type':
          if (kind === 'enum') decl.backedType = this.text(child).toLowerCase();
          break;
        case 'base_clause':
          for (const base of this.classNamesIn(child)) {
            if (kind === 'interface') decl.implements.push(base.name);
            else {
              decl.extends = base.name;
              frame.parent = base.name;
            }
            this.addRef('extends', base.name, base.node, decl.name);
          }
          break;
        case 'class_interface_clause':
          for (const iface of this.classNamesIn(child)) {
            decl.implements.push(iface.name);
            this.addRef('implements', iface.name, iface.node, decl.name);
          }
          break;
        case 'declaration_list':
        case 'enum_declaration_list':
          body = child;
          break;
      }
    }
    const methodsByStart = new Map<number, MethodDecl>();
    if (body) this.readMembers(body, decl, frame, methodsByStart);
    return { decl, frame, methodsByStart };
  }

  /** Header of an anonymous class (`new class(...) extends A implements B {}`): references and a frame. */
  readAnonymousClass(
    node: Node,
    inClass: string | undefined,
    inMethod: string | undefined,
  ): { frame: ClassFrame; methodsByStart: Map<number, MethodDecl> } {
    const frame: ClassFrame = { name: undefined, parent: undefined, propertyTypes: new Map() };
    const methodsByStart = new Map<number, MethodDecl>();
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'base_clause') {
        for (const base of this.classNamesIn(child)) {
          frame.parent = base.name;
          this.addRef('extends', base.name, base.node, inClass, inMethod);
        }
      } else if (child.type === 'class_interface_clause') {
        for (const iface of this.classNamesIn(child))
          this.addRef('implements', iface.name, iface.node, inClass, inMethod);
      } else if (child.type === 'declaration_list') {
        // Members of an anonymous class: read for their types only (the class is not declared by name).
        const scratch = emptyClassDecl('', 'class', line(node));
        this.readMembers(child, scratch, frame, methodsByStart);
      }
    }
    return { frame, methodsByStart };
  }

  /** A named function (`function foo() {}`), top level or conditional. */
  readFunction(node: Node, doc: string | undefined): FunctionDecl {
    const nameNode = node.childForFieldName('name');
    const name = this.names.declare(nameNode ? this.text(nameNode) : '');
    const params = this.readParams(node.childForFieldName('parameters'), undefined, name, false);
    const decl: FunctionDecl = { name, params, line: line(nameNode ?? node), ...parseDocFlags(doc) };
    const returnType = node.childForFieldName('return_type');
    if (returnType) decl.returnType = this.renderType(returnType, undefined, 'return-type', undefined, name);
    return decl;
  }

  /**
   * Parameters of a function, method or closure. `isConstructor` turns class-typed parameters into
   * constructor-dependency references (the objects DI injects).
   */
  readParams(
    formal: Node | null,
    frame: ClassFrame | undefined,
    inMethod: string | undefined,
    isConstructor: boolean,
  ): ParamDecl[] {
    const params: ParamDecl[] = [];
    if (!formal) return params;
    for (const p of formal.namedChildren) {
      if (!p) continue;
      const kind = p.type;
      if (kind !== 'simple_parameter' && kind !== 'variadic_parameter' && kind !== 'property_promotion_parameter') {
        continue;
      }
      const nameNode = p.childForFieldName('name');
      const param: ParamDecl = { name: nameNode ? this.text(nameNode).replace(/^&?\$/, '') : '' };
      const typeNode = p.childForFieldName('type');
      if (typeNode) {
        const classes: TypeUse[] = [];
        param.type = this.renderType(typeNode, frame, 'param-type', frame?.name, inMethod, classes);
        if (isConstructor) {
          for (const use of classes) this.addRef('constructor-dependency', use.name, use.node, frame?.name, inMethod);
        }
      }
      const def = p.childForFieldName('default_value');
      if (def) param.default = this.text(def).replace(/\s+/g, ' ');
      if (kind === 'variadic_parameter') param.variadic = true;
      if (p.childForFieldName('reference_modifier') || hasChildOfType(p, 'reference_modifier')) param.byRef = true;
      if (kind === 'property_promotion_parameter') {
        const vis = p.childForFieldName('visibility');
        param.promoted = vis ? (this.text(vis).toLowerCase() as Visibility) : 'public';
      }
      params.push(param);
    }
    return params;
  }

  /**
   * Renders a type with class names resolved (`?\Foo\Bar` → `?Foo\Bar`, `self` → the class, builtins lowercased,
   * `static` kept as the keyword it is), in source order. Every class it names becomes a `refKind` reference and,
   * when `uses` is given, is appended to it.
   */
  renderType(
    node: Node,
    frame: ClassFrame | undefined,
    refKind: ReferenceKind,
    inClass: string | undefined,
    inMethod: string | undefined,
    uses?: TypeUse[],
  ): string {
    switch (node.type) {
      case 'primitive_type':
        return this.text(node).toLowerCase();
      case 'optional_type': {
        const inner = node.namedChild(0);
        return '?' + (inner ? this.renderType(inner, frame, refKind, inClass, inMethod, uses) : '');
      }
      case 'union_type':
      case 'type_list':
      case 'intersection_type':
      case 'disjunctive_normal_form_type': {
        const sep = node.type === 'intersection_type' ? '&' : '|';
        const parts: string[] = [];
        for (const member of node.namedChildren) {
          if (!member || member.type === 'comment') continue;
          const rendered = this.renderType(member, frame, refKind, inClass, inMethod, uses);
          parts.push(
            node.type === 'disjunctive_normal_form_type' && member.type === 'intersection_type'
              ? `(${rendered})`
              : rendered,
          );
        }
        return parts.join(sep);
      }
      case 'named_type': {
        const inner = node.namedChild(0);
        return inner ? this.renderType(inner, frame, refKind, inClass, inMethod, uses) : this.text(node);
      }
      case 'name':
      case 'qualified_name':
      case 'relative_name': {
        const written = compactName(this.text(node));
        const lower = written.toLowerCase();
        if (isBuiltinType(lower)) return lower;
        if (lower === 'static') return 'static';
        if (lower === 'self') return frame?.name ?? 'self';
        if (lower === 'parent') {
          if (!frame?.parent) return 'parent';
          this.addRef(refKind, frame.parent, node, inClass, inMethod);
          uses?.push({ name: frame.parent, node });
          return frame.parent;
        }
        const resolved = this.names.resolveClass(written);
        this.addRef(refKind, resolved, node, inClass, inMethod);
        uses?.push({ name: resolved, node });
        return resolved;
      }
      default:
        // A grammar shape we do not model (or an ERROR node): keep the source text rather than lose the type.
        return compactName(this.text(node));
    }
  }

  /** Class names listed in an extends/implements clause, resolved. */
  classNamesIn(clause: Node): TypeUse[] {
    const out: TypeUse[] = [];
    for (const child of clause.namedChildren) {
      if (!child) continue;
      if (child.type === 'name' || child.type === 'qualified_name' || child.type === 'relative_name') {
        out.push({ name: this.names.resolveClass(compactName(this.text(child))), node: child });
      }
    }
    return out;
  }

  addRef(kind: ReferenceKind, name: string, node: Node, inClass: string | undefined, inMethod?: string): void {
    if (!this.refs) return;
    const ref: Reference = { kind, name, line: line(node), column: node.startPosition.column + 1 };
    if (inClass !== undefined) ref.inClass = inClass;
    if (inMethod !== undefined) ref.inMethod = inMethod;
    this.refs.push(ref);
  }

  private readMembers(body: Node, decl: ClassDecl, frame: ClassFrame, methodsByStart: Map<number, MethodDecl>): void {
    let doc: string | undefined;
    let constructorNode: Node | undefined;
    let constructorDecl: MethodDecl | undefined;
    for (const member of body.namedChildren) {
      if (!member) continue;
      const type = member.type;
      if (type === 'comment') {
        const text = this.text(member);
        doc = text.startsWith('/**') ? text : doc;
        continue;
      }
      switch (type) {
        case 'use_declaration':
          for (const trait of this.classNamesIn(member)) {
            decl.traits.push(trait.name);
            this.addRef('use-trait', trait.name, trait.node, decl.name || frame.name);
          }
          break;
        case 'const_declaration':
          this.readConstants(member, decl, doc);
          break;
        case 'enum_case': {
          const nameNode = member.childForFieldName('name');
          if (nameNode) {
            decl.constants.push({
              name: this.text(nameNode),
              visibility: 'public',
              line: line(nameNode),
              ...parseDocFlags(doc),
            });
          }
          break;
        }
        case 'property_declaration':
          this.readProperties(member, decl, frame, doc);
          break;
        case 'method_declaration': {
          const method = this.readMethod(member, decl, frame, doc);
          decl.methods.push(method);
          methodsByStart.set(member.startIndex, method);
          if (method.name.toLowerCase() === '__construct') {
            constructorNode = member;
            constructorDecl = method;
          }
          break;
        }
      }
      doc = undefined;
    }
    if (constructorNode && constructorDecl) this.inferConstructorAssignments(constructorNode, constructorDecl, frame);
  }

  private readConstants(node: Node, decl: ClassDecl, doc: string | undefined): void {
    let visibility: Visibility = 'public';
    let final = false;
    const flags = parseDocFlags(doc);
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'visibility_modifier') visibility = this.text(child).toLowerCase() as Visibility;
      else if (child.type === 'final_modifier') final = true;
      else if (child.type === 'const_element') {
        const nameNode = child.namedChild(0);
        if (!nameNode) continue;
        const constant: ConstantDecl = { name: this.text(nameNode), visibility, line: line(nameNode), ...flags };
        if (final) constant.final = true;
        decl.constants.push(constant);
      }
    }
  }

  private readProperties(node: Node, decl: ClassDecl, frame: ClassFrame, doc: string | undefined): void {
    let visibility: Visibility = 'public';
    let isStatic = false;
    let readonly = decl.readonly === true;
    let type: string | undefined;
    const flags = parseDocFlags(doc);
    const typeNode = node.childForFieldName('type');
    if (typeNode) type = this.renderType(typeNode, frame, 'property-type', decl.name || frame.name, undefined);
    for (const child of node.namedChildren) {
      if (!child) continue;
      switch (child.type) {
        case 'visibility_modifier':
          visibility = this.text(child).toLowerCase() as Visibility;
          break;
        case 'static_modifier':
          isStatic = true;
          break;
        case 'readonly_modifier':
          readonly = true;
          break;
        case 'property_element': {
          const nameNode = child.childForFieldName('name');
          if (!nameNode) break;
          const property: PropertyDecl = {
            name: this.text(nameNode).slice(1),
            visibility,
            line: line(nameNode),
            ...flags,
          };
          if (isStatic) property.static = true;
          if (readonly) property.readonly = true;
          if (type !== undefined) {
            property.type = type;
            const single = singleClassOf(type);
            if (single && !isStatic) frame.propertyTypes.set(property.name, single);
          }
          decl.properties.push(property);
          break;
        }
      }
    }
  }

  private readMethod(node: Node, decl: ClassDecl, frame: ClassFrame, doc: string | undefined): MethodDecl {
    const nameNode = node.childForFieldName('name');
    const name = nameNode ? this.text(nameNode) : '';
    const isConstructor = name.toLowerCase() === '__construct';
    const inClass = decl.name || frame.name;
    const method: MethodDecl = {
      name,
      visibility: 'public',
      params: this.readParams(node.childForFieldName('parameters'), frame, name, isConstructor),
      line: line(nameNode ?? node),
      ...parseDocFlags(doc),
    };
    for (const child of node.namedChildren) {
      if (!child) continue;
      switch (child.type) {
        case 'visibility_modifier':
          method.visibility = this.text(child).toLowerCase() as Visibility;
          break;
        case 'static_modifier':
          method.static = true;
          break;
        case 'abstract_modifier':
          method.abstract = true;
          break;
        case 'final_modifier':
          method.final = true;
          break;
        case 'reference_modifier':
          method.byRefReturn = true;
          break;
        case 'attribute_list':
          if (this.hasAttribute(child, 'returntypewillchange')) method.returnTypeWillChange = true;
          break;
      }
    }
    const returnType = node.childForFieldName('return_type');
    if (returnType) method.returnType = this.renderType(returnType, frame, 'return-type', inClass, name);
    const body = node.childForFieldName('body');
    if (body) {
      const bodySource = this.bodyText ? this.bodyText(body.startIndex, body.endIndex) : this.text(body);
      method.bodyHash = bodyHash(bodySource);
      // Parameters the body never mentions, for around plugin methods only (a body that never names `$proceed`
      // cannot call it); kept off other methods so the API index does not grow.
      const unused = (/^around./i.test(name) ? method.params : [])
        .map((p) => p.name.replace(/^\$/, ''))
        .filter((n) => n !== '' && !new RegExp(`\\$${n}\\b`).test(bodySource));
      if (unused.length > 0) method.unusedParams = unused;
      if (startsByRefusingNonPost(body)) method.refusesNonPost = true;
      if (name.toLowerCase() === 'execute' && onlyForwards(body)) method.forwardsOnly = true;
    }
    // Promoted constructor parameters declare properties.
    if (isConstructor) {
      for (const param of method.params) {
        if (!param.promoted) continue;
        const property: PropertyDecl = { name: param.name, visibility: param.promoted, line: method.line };
        if (param.type !== undefined) {
          property.type = param.type;
          const single = singleClassOf(param.type);
          if (single) frame.propertyTypes.set(param.name, single);
        }
        if (decl.readonly || /\breadonly\b/i.test(this.promotedModifiers(node, param.name))) property.readonly = true;
        decl.properties.push(property);
      }
    }
    return method;
  }

  /** The modifier text of a promoted parameter (before its type), to see `readonly`. */
  private promotedModifiers(methodNode: Node, paramName: string): string {
    const formal = methodNode.childForFieldName('parameters');
    if (!formal) return '';
    for (const p of formal.namedChildren) {
      if (p?.type !== 'property_promotion_parameter') continue;
      const nameNode = p.childForFieldName('name');
      if (nameNode && this.text(nameNode).replace(/^&?\$/, '') === paramName) {
        return p.childForFieldName('readonly') ? 'readonly' : '';
      }
    }
    return '';
  }

  /**
   * `$this->x = $x;` at the top of a constructor whose `$x` is typed with a class: `$this->x` holds that class
   * (the usual pre-PHP-8 DI style). A declared single class type on the property wins.
   */
  private inferConstructorAssignments(node: Node, method: MethodDecl, frame: ClassFrame): void {
    const body = node.childForFieldName('body');
    if (!body) return;
    const paramTypes = new Map<string, string>();
    for (const p of method.params) {
      const single = p.type !== undefined ? singleClassOf(p.type) : undefined;
      if (single) paramTypes.set(p.name, single);
    }
    if (paramTypes.size === 0) return;
    for (const statement of body.namedChildren) {
      if (statement?.type !== 'expression_statement') continue;
      const assignment = statement.namedChild(0);
      if (assignment?.type !== 'assignment_expression') continue;
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      if (left?.type !== 'member_access_expression' || right?.type !== 'variable_name') continue;
      const object = left.childForFieldName('object');
      const prop = left.childForFieldName('name');
      if (!object || !prop || prop.type !== 'name' || this.text(object) !== '$this') continue;
      const type = paramTypes.get(this.text(right).slice(1));
      const propName = this.text(prop);
      if (type && !frame.propertyTypes.has(propName)) frame.propertyTypes.set(propName, type);
    }
  }

  /** Whether an attribute list holds the given global attribute (lower-cased FQCN, e.g. `returntypewillchange`). */
  private hasAttribute(attributes: Node, lowerName: string): boolean {
    for (const attribute of attributes.descendantsOfType('attribute')) {
      const nameNode = attribute?.namedChild(0);
      if (!nameNode) continue;
      const resolved = this.names.resolveClass(compactName(this.text(nameNode)));
      if (resolved.toLowerCase() === lowerName) return true;
    }
    return false;
  }
}

export interface TypeUse {
  name: string;
  node: Node;
}

/**
 * The one class a rendered type names, ignoring `null` (`?Foo`, `Foo|null` → `Foo`); undefined for builtins,
 * `static`, unions of several classes and intersections: the receiver type is then not known for sure.
 */
export function singleClassOf(type: string): string | undefined {
  if (type.includes('&') || type.includes('(')) return undefined;
  const members = (type.startsWith('?') ? type.slice(1) : type).split('|').filter((m) => m.toLowerCase() !== 'null');
  if (members.length !== 1) return undefined;
  const only = members[0]!;
  if (isBuiltinType(only) || only === 'static' || only === 'self' || only === 'parent') return undefined;
  return only;
}

/** Removes whitespace and comments a name could contain (`Foo \ Bar` is legal in old PHP). */
export function compactName(written: string): string {
  return /[\s/#]/.test(written) ? written.replace(/\/\*.*?\*\/|\s+/gs, '') : written;
}

export function line(node: Node): number {
  return node.startPosition.row + 1;
}

function hasChildOfType(node: Node, type: string): boolean {
  for (let i = 0; i < node.childCount; i++) if (node.child(i)?.type === type) return true;
  return false;
}
