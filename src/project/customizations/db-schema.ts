import type { DbColumn, DbConstraint, DbIndex, DbTable } from '../model.js';
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
    };
    if (el.attrs.resource) table.resource = el.attrs.resource;
    if (el.attrs.engine) table.engine = el.attrs.engine;
    for (const child of el.children) {
      if (child.name === 'column') table.columns.push(column(child));
      else if (child.name === 'constraint') table.constraints.push(constraint(child));
      else if (child.name === 'index') table.indexes.push(index(child));
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
  };
  if (el.attrs.referenceTable) c.referenceTable = el.attrs.referenceTable;
  return c;
}

function index(el: XmlElement): DbIndex {
  const i: DbIndex = {
    referenceId: el.attrs.referenceId ?? '',
    line: el.line,
    columns: columnNames(el),
    disabled: xmlBool(el.attrs.disabled),
  };
  if (el.attrs.indexType) i.indexType = el.attrs.indexType;
  return i;
}

function columnNames(el: XmlElement): string[] {
  return el.children.filter((c) => c.name === 'column' && c.attrs.name).map((c) => c.attrs.name ?? '');
}
