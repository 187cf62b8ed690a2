import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readChecksummedJson } from '../integrity.js';
import { rangesContain } from '../ranges.js';
import type {
  BuilderFact,
  DeclarationRules,
  DeclarationRulesDocument,
  XsdElementShape,
  XsdSimpleType,
} from './declaration-types.js';
import { derivesFrom, flattenXsd } from './xsd-flatten.js';

export type { DeclarationRules, DeclarationRulesDocument } from './declaration-types.js';

export const DECLARATION_FILE = 'db-schema/declaration.json.gz';
export const DECLARATION_SCHEMA = 1;

/** Where a release's facts come from, relative to the Magento root. */
export const XSD_DIR = 'vendor/magento/framework/Setup/Declaration/Schema/etc/';
export const DB_SCHEMA_BUILDER = 'vendor/magento/framework/Setup/Declaration/Schema/Db/SchemaBuilder.php';
export const ROOT_DI = 'app/etc/di.xml';

/**
 * One release's declaration rules from its own files: the XSD files (path → text, any paths), app/etc/di.xml and
 * Db/SchemaBuilder.php. Throws when the XSD cannot be flattened faithfully or lacks the elements every release has.
 */
export function declarationRulesFrom(
  xsdFiles: Record<string, string>,
  di: string,
  dbSchemaBuilder: string,
): DeclarationRules {
  const xsd = flattenXsd(xsdFiles);
  const need = (name: string): XsdElementShape => {
    const shape = xsd.complexTypes[name];
    if (!shape) throw new Error(`the XSD has no complex type ${name}`);
    return shape;
  };
  const names = Object.keys(xsd.complexTypes).sort();
  const columnTypes: Record<string, XsdElementShape> = {};
  const constraintTypes: Record<string, XsdElementShape> = {};
  for (const name of names) {
    if (name !== 'abstractColumnType' && derivesFrom(xsd, name, 'abstractColumnType'))
      columnTypes[name] = xsd.complexTypes[name]!;
    else if (xsd.groups[name]?.includes('baseConstraint')) constraintTypes[name] = xsd.complexTypes[name]!;
  }
  return {
    columnBase: need('abstractColumnType'),
    columnTypes,
    constraintTypes,
    complexTypes: names,
    index: need('index'),
    table: need('table'),
    factories: elementFactoryTypes(di),
    readsEveryDeclaredColumnType: readsEveryDeclaredColumnType(dbSchemaBuilder),
  };
}

/** The keys of Dto\ElementFactory's `typeFactories` argument in app/etc/di.xml. */
function elementFactoryTypes(di: string): string[] {
  const type =
    /<type\s+name="Magento\\Framework\\Setup\\Declaration\\Schema\\Dto\\ElementFactory"\s*>([\s\S]*?)<\/type>/.exec(di);
  const argument = type && /<argument\s+name="typeFactories"[^>]*>([\s\S]*?)<\/argument>/.exec(type[1]!);
  if (!argument) return [];
  return [...argument[1]!.matchAll(/<item\s+name="([^"]+)"/g)].map((m) => m[1]!).sort();
}

/**
 * Whether Db\SchemaBuilder::build() reads `$tableColumns['column']` and `$columnData['type']` of every merged
 * declaration without a guard (2.4.7-p5 … : a declared table with no column, or a column no declaration gives an
 * xsi:type, stops setup:upgrade with "Undefined array key"). 'no' when build() does not read the declarations at all,
 * 'unknown' when it does but not in this exact shape.
 */
function readsEveryDeclaredColumnType(source: string): BuilderFact {
  const code = source.replace(/\s+/g, ' ');
  if (!code.includes('$this->readerComposite->read(')) return 'no';
  const loop = code.includes("foreach ($tableColumns['column'] as");
  const type = code.includes("$columnData['type'] ==");
  const guarded =
    /isset\(\$tableColumns\['column'\]\)|\$tableColumns\['column'\] \?\?|isset\(\$columnData\['type'\]\)|\$columnData\['type'\] \?\?|array_key_exists\('(?:column|type)'/.test(
      code,
    );
  return loop && type && !guarded ? 'yes' : 'unknown';
}

/** What an element of a db_schema.xml is, for validation against the XSD. */
export type DeclarationElement = 'table' | 'column' | 'index' | 'constraint';

export type Violation =
  | { kind: 'unknown-type'; type: string }
  | { kind: 'attribute-not-allowed'; attribute: string; type: string }
  | { kind: 'attribute-value'; attribute: string; value: string; expected: string }
  | { kind: 'attribute-required'; attribute: string }
  | { kind: 'child-not-allowed'; child: string; line: number }
  | { kind: 'child-required'; child: string };

/**
 * What the target's XSD rejects in one element (libxml2 validation as Magento runs it in developer mode): an
 * xsi:type that names no type of the element's kind, attributes the type does not declare, values outside the
 * attribute's type, required attributes missing, child elements the type does not allow or requires.
 * Constraints without xsi:type are anyType to the XSD (nothing is checked); a constraint xsi:type naming some other
 * complex type is left alone (the XSD accepts any type there).
 */
export function xsdViolations(
  rules: DeclarationRules,
  element: DeclarationElement,
  attributes: Record<string, string>,
  children: { name: string; line: number }[],
): Violation[] {
  const xsiType = attributes['xsi:type'];
  let shape: XsdElementShape | undefined;
  let typeName = element as string;
  if (element === 'table') shape = rules.table;
  else if (element === 'index') shape = rules.index;
  else if (element === 'column') {
    if (xsiType === undefined) {
      shape = rules.columnBase;
      typeName = 'abstractColumnType';
    } else {
      shape = rules.columnTypes[xsiType];
      if (!shape) return [{ kind: 'unknown-type', type: xsiType }];
      typeName = xsiType;
    }
  } else {
    if (xsiType === undefined) return [];
    shape = rules.constraintTypes[xsiType];
    if (!shape) return rules.complexTypes.includes(xsiType) ? [] : [{ kind: 'unknown-type', type: xsiType }];
    typeName = xsiType;
  }
  return checkShape(shape, typeName, attributes, children);
}

function checkShape(
  shape: XsdElementShape,
  typeName: string,
  attributes: Record<string, string>,
  children: { name: string; line: number }[],
): Violation[] {
  const out: Violation[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('xsi:') || name === 'xmlns' || name.startsWith('xmlns:')) continue;
    if (name.includes(':')) continue; // another namespace: not judged
    const declared = shape.attributes[name];
    if (!declared) {
      out.push({ kind: 'attribute-not-allowed', attribute: name, type: typeName });
      continue;
    }
    if (!valueMatches(declared.type, value))
      out.push({ kind: 'attribute-value', attribute: name, value, expected: describeType(declared.type) });
  }
  for (const [name, a] of Object.entries(shape.attributes))
    if (a.required && !(name in attributes)) out.push({ kind: 'attribute-required', attribute: name });
  for (const child of children)
    if (!(child.name in shape.children)) out.push({ kind: 'child-not-allowed', child: child.name, line: child.line });
  for (const [name, min] of Object.entries(shape.children))
    if (min > 0 && !children.some((c) => c.name === name)) out.push({ kind: 'child-required', child: name });
  return out;
}

const BUILTIN: Record<string, RegExp> = {
  integer: /^[+-]?\d+$/,
  decimal: /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/,
  float: /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|-?INF|NaN)$/,
  double: /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|-?INF|NaN)$/,
  boolean: /^(?:true|false|1|0)$/,
};

/** Whether a lexical value is valid for the type, with XSD whitespace handling (collapse for non-string bases). */
export function valueMatches(type: XsdSimpleType, raw: string): boolean {
  if (type.union) return type.union.some((member) => valueMatches(member, raw));
  const value = type.base === 'string' ? raw : raw.replace(/[\t\n\r ]+/g, ' ').trim();
  const lexical = BUILTIN[type.base];
  if (lexical && !lexical.test(value)) return false;
  if (!lexical && type.base !== 'string') return true; // a built-in this table does not know: not judged
  if (type.enumeration && !type.enumeration.includes(value)) return false;
  if (type.pattern && !type.pattern.some((p) => xsdPattern(p).test(value))) return false;
  if (type.maxLength !== undefined && [...value].length > type.maxLength) return false;
  if (type.minInclusive !== undefined && Number(value) < type.minInclusive) return false;
  if (type.maxInclusive !== undefined && Number(value) > type.maxInclusive) return false;
  return true;
}

/** An XSD pattern as an anchored JavaScript regex (\d is any Unicode decimal digit in XSD). */
function xsdPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern.replace(/\\d/g, '\\p{Nd}')})$`, 'u');
}

/** A short human description: `integer 2…255`, `one of CASCADE, SET NULL, NO ACTION`, `boolean`. */
export function describeType(type: XsdSimpleType): string {
  if (type.union) return type.union.map(describeType).join(' or ');
  if (type.enumeration) return `one of ${type.enumeration.join(', ')}`;
  const parts = [type.base];
  if (type.pattern) parts.push(`matching ${type.pattern.join(' or ')}`);
  if (type.minInclusive !== undefined && type.maxInclusive !== undefined)
    parts.push(`${type.minInclusive}…${type.maxInclusive}`);
  else if (type.maxInclusive !== undefined) parts.push(`≤ ${type.maxInclusive}`);
  else if (type.minInclusive !== undefined) parts.push(`≥ ${type.minInclusive}`);
  if (type.maxLength !== undefined) parts.push(`of at most ${type.maxLength} characters`);
  return parts.join(' ');
}

export interface DeclarationRulesIndex {
  releases: readonly string[];
  source: string;
  /** The rules of exactly this release, or undefined when it is not indexed (never a nearest release). */
  at(version: string): DeclarationRules | undefined;
}

export function createDeclarationRulesIndex(document: DeclarationRulesDocument): DeclarationRulesIndex {
  return {
    releases: document.releases,
    source: document.source,
    at(version) {
      const index = document.releases.indexOf(version);
      if (index < 0) return undefined;
      return document.variants.find((v) => rangesContain(v.in, index))?.rules;
    },
  };
}

let shipped: DeclarationRulesIndex | undefined;
let shippedDir: string | undefined;

/** The shipped data (data/db-schema/declaration.json.gz), checksum-verified, loaded once. */
export function loadDeclarationRules(
  dataDir: string = fileURLToPath(new URL('../../../data/', import.meta.url)),
): DeclarationRulesIndex {
  if (!shipped || dataDir !== shippedDir) {
    shipped = createDeclarationRulesIndex(
      readChecksummedJson(join(dataDir, DECLARATION_FILE), DECLARATION_SCHEMA) as DeclarationRulesDocument,
    );
    shippedDir = dataDir;
  }
  return shipped;
}
