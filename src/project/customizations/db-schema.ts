import type { Problem } from '../../core/problem.js';
import type { DbChildElement, DbColumn, DbConstraint, DbIndex, DbSchemaWhitelist, DbTable } from '../model.js';
import { xmlBool } from '../xml.js';
import type { XmlElement } from '../xml.js';

/** Tables of one db_schema.xml, with columns, constraints and indexes (declarative schema). */
export function readDbSchemaXml(root: XmlElement, file: string, into: DbTable[]): void {
  for (const el of root.children.filter((c) => c.name === 'table')) {
    const table: DbTable = {
      name: el.attrs.name ?? '',
      disabled: xmlBool(el.attrs.disabled),
      columns: [],
      constraints: [],
      indexes: [],
      file,
      line: el.line,
      attributes: { ...el.attrs },
    };
    if (el.attrs.resource) table.resource = el.attrs.resource;
    if (el.attrs.engine) table.engine = el.attrs.engine;
    for (const child of el.children) {
      if (child.name === 'column') table.columns.push(column(child));
      else if (child.name === 'constraint') table.constraints.push(constraint(child));
      else if (child.name === 'index') table.indexes.push(index(child));
      else (table.otherChildren ??= []).push(childElement(child));
    }
    into.push(table);
  }
}

function column(el: XmlElement): DbColumn {
  const col: DbColumn = {
    name: el.attrs.name ?? '',
    type: el.attrs['xsi:type'] ?? '',
    line: el.line,
    disabled: xmlBool(el.attrs.disabled),
    attributes: { ...el.attrs },
  };
  if (el.attrs.nullable !== undefined) col.nullable = xmlBool(el.attrs.nullable);
  if (el.attrs.length !== undefined) col.length = el.attrs.length;
  return col;
}

function constraint(el: XmlElement): DbConstraint {
  // Foreign keys name their column in an attribute; primary and unique keys list <column name=""/> children.
  const columns = el.attrs.column ? [el.attrs.column] : columnNames(el);
  const c: DbConstraint = {
    referenceId: el.attrs.referenceId ?? '',
    type: el.attrs['xsi:type'] ?? '',
    line: el.line,
    columns,
    disabled: xmlBool(el.attrs.disabled),
    attributes: { ...el.attrs },
    children: el.children.map(childElement),
  };
  if (el.attrs.referenceTable) c.referenceTable = el.attrs.referenceTable;
  if (el.attrs.referenceColumn) c.referenceColumn = el.attrs.referenceColumn;
  return c;
}

function index(el: XmlElement): DbIndex {
  const i: DbIndex = {
    referenceId: el.attrs.referenceId ?? '',
    line: el.line,
    columns: columnNames(el),
    disabled: xmlBool(el.attrs.disabled),
    attributes: { ...el.attrs },
    children: el.children.map(childElement),
  };
  if (el.attrs.indexType) i.indexType = el.attrs.indexType;
  return i;
}

function childElement(el: XmlElement): DbChildElement {
  return { name: el.name, line: el.line, attributes: { ...el.attrs } };
}

function columnNames(el: XmlElement): string[] {
  return el.children.filter((c) => c.name === 'column' && c.attrs.name).map((c) => c.attrs.name ?? '');
}

/**
 * A db_schema_whitelist.json: `{ table: { column|index|constraint: { name: true } } }`. Anything else is reported as a
 * problem and read as no whitelist.
 */
export function readDbSchemaWhitelist(
  source: string,
  file: string,
  problems: Problem[],
): DbSchemaWhitelist | undefined {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    problems.push({
      code: 'json-invalid',
      level: 'warning',
      file,
      message: `not valid JSON: ${(error as Error).message}`,
    });
    return undefined;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    problems.push({ code: 'json-invalid', level: 'warning', file, message: 'not a JSON object of tables' });
    return undefined;
  }
  const tables: DbSchemaWhitelist['tables'] = {};
  for (const [table, parts] of Object.entries(json as Record<string, unknown>)) {
    tables[table] = {};
    if (!parts || typeof parts !== 'object') continue;
    for (const [type, names] of Object.entries(parts as Record<string, unknown>)) {
      if (!names || typeof names !== 'object') continue;
      tables[table][type] = Object.fromEntries(Object.keys(names as object).map((n) => [n, true]));
    }
  }
  return { file, tables };
}
