import { parseXml } from '../../project/xml.js';
import type { XmlElement } from '../../project/xml.js';
import type { XsdAttribute, XsdElementShape, XsdSimpleType } from './declaration-types.js';

/**
 * Flattens Magento's declarative schema XSD files (Setup/Declaration/Schema/etc/**.xsd) into per-element-type
 * attribute and child tables. Understands exactly the XSD constructs those files use (complexType with
 * complexContent/extension, attributeGroup refs, attributes with a named or inline simpleType restriction or union,
 * sequence/choice of elements); anything else throws, naming the construct and the file, so a release whose XSD
 * grows a construct this reader does not know is never flattened into a wrong table.
 */
export interface FlattenedXsd {
  /** Global complex type name → shape, with extension bases and attribute groups resolved. */
  complexTypes: Record<string, XsdElementShape>;
  /** Complex type name → the base it extends (complexContent/extension), when any. */
  bases: Record<string, string>;
  /** Complex type name → attribute groups it refers to (transitively). */
  groups: Record<string, string[]>;
}

const XS = 'xs:';

export function flattenXsd(files: Record<string, string>): FlattenedXsd {
  const simpleTypes = new Map<string, { el: XmlElement; file: string }>();
  const attributeGroups = new Map<string, { el: XmlElement; file: string }>();
  const complexTypes = new Map<string, { el: XmlElement; file: string }>();
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseXml(text);
    if (!parsed.ok) throw new Error(`${file}:${parsed.line}: ${parsed.message}`);
    if (parsed.root.name !== `${XS}schema`) throw new Error(`${file}: root is <${parsed.root.name}>, not <xs:schema>`);
    for (const el of parsed.root.children) {
      const name = el.attrs.name;
      if (el.name === `${XS}simpleType` && name) simpleTypes.set(name, { el, file });
      else if (el.name === `${XS}attributeGroup` && name) attributeGroups.set(name, { el, file });
      else if (el.name === `${XS}complexType` && name) complexTypes.set(name, { el, file });
      else if (el.name === `${XS}include` || el.name === `${XS}element` || el.name === `${XS}annotation`) continue;
      else throw new Error(`${file}:${el.line}: unknown top-level construct <${el.name}>`);
    }
  }

  const simpleCache = new Map<string, XsdSimpleType>();
  const namedSimple = (name: string, where: string): XsdSimpleType => {
    if (name.startsWith(XS)) return { base: name.slice(XS.length) };
    const cached = simpleCache.get(name);
    if (cached) return cached;
    const def = simpleTypes.get(name);
    if (!def) throw new Error(`${where}: simple type ${name} is not declared`);
    const type = simple(def.el, def.file);
    simpleCache.set(name, type);
    return type;
  };
  const simple = (el: XmlElement, file: string): XsdSimpleType => {
    const body = meaningful(el.children);
    if (body.length !== 1) throw new Error(`${file}:${el.line}: simpleType with ${body.length} parts`);
    const part = body[0]!;
    if (part.name === `${XS}restriction`) {
      const base = namedSimple(part.attrs.base ?? '', `${file}:${part.line}`);
      if (base.union || base.enumeration || base.pattern || base.minInclusive !== undefined)
        throw new Error(`${file}:${part.line}: restriction of a restricted type is not supported`);
      const type: XsdSimpleType = { base: base.base };
      for (const facet of meaningful(part.children)) {
        const value = facet.attrs.value ?? '';
        if (facet.name === `${XS}enumeration`) (type.enumeration ??= []).push(value);
        else if (facet.name === `${XS}pattern`) (type.pattern ??= []).push(value);
        else if (facet.name === `${XS}minInclusive`) type.minInclusive = Number(value);
        else if (facet.name === `${XS}maxInclusive`) type.maxInclusive = Number(value);
        else if (facet.name === `${XS}maxLength`) type.maxLength = Number(value);
        else throw new Error(`${file}:${facet.line}: facet <${facet.name}> is not supported`);
      }
      return type;
    }
    if (part.name === `${XS}union`) {
      const members = (part.attrs.memberTypes ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((n) => namedSimple(n, `${file}:${part.line}`));
      for (const inner of meaningful(part.children)) {
        if (inner.name !== `${XS}simpleType`) throw new Error(`${file}:${inner.line}: <${inner.name}> in a union`);
        members.push(simple(inner, file));
      }
      return { base: 'string', union: members };
    }
    throw new Error(`${file}:${part.line}: <${part.name}> in a simpleType is not supported`);
  };

  const attribute = (el: XmlElement, file: string): [string, XsdAttribute] => {
    const name = el.attrs.name;
    if (!name) throw new Error(`${file}:${el.line}: attribute without a name (ref= is not supported)`);
    const inline = meaningful(el.children);
    let type: XsdSimpleType;
    if (el.attrs.type) {
      if (inline.length) throw new Error(`${file}:${el.line}: attribute with both type= and an inline type`);
      type = namedSimple(el.attrs.type, `${file}:${el.line}`);
    } else if (inline.length === 1 && inline[0]!.name === `${XS}simpleType`) type = simple(inline[0]!, file);
    else if (inline.length === 0)
      type = { base: 'string' }; // anySimpleType: any text
    else throw new Error(`${file}:${el.line}: attribute ${name} has an unsupported body`);
    return [name, { required: el.attrs.use === 'required', type }];
  };

  const groupCache = new Map<string, { attributes: Record<string, XsdAttribute>; groups: string[] }>();
  const group = (name: string, where: string): { attributes: Record<string, XsdAttribute>; groups: string[] } => {
    const cached = groupCache.get(name);
    if (cached) return cached;
    const def = attributeGroups.get(name);
    if (!def) throw new Error(`${where}: attribute group ${name} is not declared`);
    const result = { attributes: {} as Record<string, XsdAttribute>, groups: [name] };
    for (const child of meaningful(def.el.children)) {
      if (child.name === `${XS}attribute`) {
        const [n, a] = attribute(child, def.file);
        result.attributes[n] = a;
      } else if (child.name === `${XS}attributeGroup` && child.attrs.ref) {
        const inner = group(child.attrs.ref, `${def.file}:${child.line}`);
        Object.assign(result.attributes, inner.attributes);
        result.groups.push(...inner.groups);
      } else throw new Error(`${def.file}:${child.line}: <${child.name}> in an attribute group is not supported`);
    }
    groupCache.set(name, result);
    return result;
  };

  const out: FlattenedXsd = { complexTypes: {}, bases: {}, groups: {} };
  const resolving = new Set<string>();
  const complex = (name: string): XsdElementShape => {
    const done = out.complexTypes[name];
    if (done) return done;
    const def = complexTypes.get(name);
    if (!def) throw new Error(`complex type ${name} is not declared`);
    if (resolving.has(name)) throw new Error(`${def.file}: complex type ${name} extends itself`);
    resolving.add(name);
    const shape: XsdElementShape = { attributes: {}, children: {} };
    const groups: string[] = [];
    const addBody = (parts: XmlElement[], file: string): void => {
      for (const part of parts) {
        if (part.name === `${XS}attribute`) {
          const [n, a] = attribute(part, file);
          shape.attributes[n] = a;
        } else if (part.name === `${XS}attributeGroup` && part.attrs.ref) {
          const g = group(part.attrs.ref, `${file}:${part.line}`);
          Object.assign(shape.attributes, g.attributes);
          groups.push(...g.groups);
        } else if (part.name === `${XS}sequence` || part.name === `${XS}choice`) {
          // A choice (or a sequence) repeated any number of times: each element is optional unless the particle
          // and the element both require it.
          const particleMin = Number(part.attrs.minOccurs ?? '1');
          const inChoice = part.name === `${XS}choice`;
          for (const item of meaningful(part.children)) {
            if (item.name !== `${XS}element` || !item.attrs.name)
              throw new Error(`${file}:${item.line}: <${item.name}> in a ${part.name} is not supported`);
            const min = inChoice || particleMin === 0 ? 0 : Number(item.attrs.minOccurs ?? '1');
            shape.children[item.attrs.name] = min;
          }
        } else if (part.name === `${XS}complexContent`) {
          const ext = meaningful(part.children);
          if (ext.length !== 1 || ext[0]!.name !== `${XS}extension` || !ext[0]!.attrs.base)
            throw new Error(`${file}:${part.line}: complexContent other than one extension is not supported`);
          const baseName = ext[0]!.attrs.base;
          const base = complex(baseName);
          out.bases[name] = baseName;
          Object.assign(shape.attributes, base.attributes);
          Object.assign(shape.children, base.children);
          groups.push(...(out.groups[baseName] ?? []));
          addBody(meaningful(ext[0]!.children), file);
        } else throw new Error(`${file}:${part.line}: <${part.name}> in a complexType is not supported`);
      }
    };
    addBody(meaningful(def.el.children), def.file);
    resolving.delete(name);
    out.groups[name] = [...new Set(groups)];
    out.complexTypes[name] = shape;
    return shape;
  };
  for (const name of complexTypes.keys()) complex(name);
  return out;
}

/** Whether `name` is `ancestor` or extends it, directly or not. */
export function derivesFrom(xsd: FlattenedXsd, name: string, ancestor: string): boolean {
  for (let n: string | undefined = name; n; n = xsd.bases[n]) if (n === ancestor) return true;
  return false;
}

function meaningful(children: XmlElement[]): XmlElement[] {
  return children.filter((c) => c.name !== `${XS}annotation`);
}
