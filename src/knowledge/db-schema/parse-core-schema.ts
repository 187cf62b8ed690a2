import { SaxesParser } from 'saxes';
import type { CoreColumn, CoreConstraint, CoreIndex, CoreTable } from './types.js';

/** One `<table>` of one db_schema.xml, with its `disabled` markers kept so merging can apply them. */
interface DeclaredTable {
  name: string;
  disabled: boolean;
  resource?: string;
  engine?: string;
  columns: { name: string; disabled: boolean; column: CoreColumn }[];
  indexes: { id: string; disabled: boolean; index: CoreIndex }[];
  constraints: { id: string; disabled: boolean; constraint: CoreConstraint }[];
}

/** Parses a db_schema.xml into its table declarations. Throws with the file name when the XML is broken. */
export function parseSchemaXml(xml: string, file: string): DeclaredTable[] {
  const parser = new SaxesParser({ xmlns: false });
  const tables: DeclaredTable[] = [];
  let table: DeclaredTable | undefined;
  let members: string[] | undefined;
  parser.on('opentag', (node) => {
    const a = node.attributes as Record<string, string>;
    const disabled = a.disabled === 'true';
    if (node.name === 'table') {
      table = {
        name: a.name ?? '',
        disabled,
        resource: a.resource,
        engine: a.engine,
        columns: [],
        indexes: [],
        constraints: [],
      };
      tables.push(table);
    } else if (table && node.name === 'column' && members) {
      if (a.name) members.push(a.name);
    } else if (table && node.name === 'column') {
      table.columns.push({ name: a.name ?? '', disabled, column: columnOf(a) });
    } else if (table && node.name === 'index') {
      members = [];
      table.indexes.push({
        id: a.referenceId ?? '',
        disabled,
        index: { ...(a.indexType ? { indexType: a.indexType } : {}), columns: members },
      });
    } else if (table && node.name === 'constraint') {
      const type = a['xsi:type'] ?? '';
      if (type === 'foreign') {
        table.constraints.push({
          id: a.referenceId ?? '',
          disabled,
          constraint: {
            type,
            columns: a.column ? [a.column] : [],
            ...(a.referenceTable ? { referenceTable: a.referenceTable } : {}),
            ...(a.referenceColumn ? { referenceColumn: a.referenceColumn } : {}),
            ...(a.onDelete ? { onDelete: a.onDelete } : {}),
          },
        });
      } else {
        members = [];
        table.constraints.push({ id: a.referenceId ?? '', disabled, constraint: { type, columns: members } });
      }
    }
  });
  parser.on('closetag', (node) => {
    if (node.name === 'table') table = undefined;
    if (node.name === 'index' || node.name === 'constraint') members = undefined;
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    throw new Error(`${file}: invalid XML: ${(error as Error).message}`);
  }
  return tables;
}

function columnOf(a: Record<string, string>): CoreColumn {
  const column: CoreColumn = { type: a['xsi:type'] ?? '', nullable: a.nullable !== 'false' };
  if (a.length !== undefined) column.length = a.length;
  if (a.precision !== undefined) column.precision = a.precision;
  if (a.scale !== undefined) column.scale = a.scale;
  if (a.unsigned !== undefined) column.unsigned = a.unsigned === 'true';
  if (a.identity === 'true') column.identity = true;
  if (a.default !== undefined) column.default = a.default;
  return column;
}

/** Merges the declarations of one release's files (in a stable order) into final tables, applying `disabled`. */
export function mergeDeclarations(files: { package: string; tables: DeclaredTable[] }[]): Map<string, CoreTable> {
  const merged = new Map<string, CoreTable>();
  for (const { package: pkg, tables } of files) {
    for (const declared of tables) {
      if (!declared.name) continue;
      if (declared.disabled) {
        merged.delete(declared.name);
        continue;
      }
      let table = merged.get(declared.name);
      if (!table) {
        table = { packages: [], columns: {}, indexes: {}, constraints: {} };
        merged.set(declared.name, table);
      }
      if (!table.packages.includes(pkg)) table.packages.push(pkg);
      if (declared.resource) table.resource = declared.resource;
      if (declared.engine) table.engine = declared.engine;
      for (const c of declared.columns) {
        if (c.disabled) delete table.columns[c.name];
        else table.columns[c.name] = { ...table.columns[c.name], ...c.column };
      }
      for (const i of declared.indexes) {
        if (i.disabled) delete table.indexes[i.id];
        else table.indexes[i.id] = i.index;
      }
      for (const k of declared.constraints) {
        if (k.disabled) delete table.constraints[k.id];
        else table.constraints[k.id] = k.constraint;
      }
    }
  }
  return merged;
}
