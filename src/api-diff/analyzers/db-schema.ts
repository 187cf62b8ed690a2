/**
 * db_schema.xml and db_schema_whitelist.json changes as magento-semver reports them (src/Analyzer/DBSchema/*,
 * src/Scanner/DbSchemaScanner.php, codes and levels from src/Operation): tables dropped, added or moved to another
 * resource, columns, primary, unique and foreign keys, and whitelists reduced, removed or missing a table. Modules are
 * named from the path (`Vendor/Module/etc/…` → `Vendor_Module`) as SVC's ModuleNamespaceResolver does. Like SVC, only
 * changed db_schema.xml files are read, and every whitelist.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseXml } from '../../project/xml.js';
import type { XmlElement } from '../../project/xml.js';
import type { SemverLevel } from '../svc.js';
import type { ChangedFiles, FileOperation } from './types.js';

interface Key {
  columns: string[];
}
interface Table {
  resource: string;
  columns: Set<string>;
  primary: Map<string, Key>;
  unique: Map<string, Key>;
  /** Per foreign key, its attributes in SVC's order (referenceId, table, column, referenceTable, referenceColumn, onDelete). */
  foreign: Map<string, [string, string | undefined][]>;
}
interface Side {
  tables: Map<string, Map<string, Table>>;
  /** Per module, the db_schema.xml the tables were read from. */
  schemaFile: Map<string, string>;
  whitelists: Map<string, Record<string, Record<string, Record<string, unknown>>>>;
  whitelistFile: Map<string, string>;
}

const MODULE = /(\w*)\/(\w*)\/etc/;
const FK_ITEMS = ['referenceId', 'table', 'column', 'referenceTable', 'referenceColumn', 'onDelete'];

function moduleOf(file: string): string {
  const m = MODULE.exec(file);
  return `${m?.[1] ?? ''}_${m?.[2] ?? ''}`;
}

const keyColumns = (e: XmlElement): string[] =>
  e.children.filter((c) => c.name === 'column' && c.attrs.name !== undefined).map((c) => c.attrs.name!);

function readTable(e: XmlElement): Table {
  const table: Table = {
    resource: e.attrs.resource ?? 'default',
    columns: new Set(),
    primary: new Map(),
    unique: new Map(),
    foreign: new Map(),
  };
  for (const child of e.children) {
    const name = child.attrs.name ?? child.attrs.referenceId;
    if (name === undefined) continue;
    if (child.attrs.referenceTable !== undefined && child.attrs.referenceColumn !== undefined)
      table.foreign.set(
        name,
        FK_ITEMS.map((item) => [item, child.attrs[item]]),
      );
    else if (child.name === 'column') table.columns.add(name);
    else if (child.name === 'constraint')
      (child.attrs.referenceId === 'PRIMARY' ? table.primary : table.unique).set(name, { columns: keyColumns(child) });
  }
  return table;
}

function scan(files: Map<string, string>): Side {
  const side: Side = { tables: new Map(), schemaFile: new Map(), whitelists: new Map(), whitelistFile: new Map() };
  for (const [rel, abs] of files) {
    if (rel.endsWith('/db_schema.xml') || rel === 'db_schema.xml') {
      const parsed = parseXml(readFileSync(abs, 'utf8'));
      if (!parsed.ok) continue;
      const module = moduleOf(abs);
      side.schemaFile.set(module, abs);
      const tables = side.tables.get(module) ?? new Map<string, Table>();
      side.tables.set(module, tables);
      for (const t of parsed.root.children)
        if (t.name === 'table' && t.attrs.name !== undefined) tables.set(t.attrs.name, readTable(t));
    } else if (rel.endsWith('db_schema_whitelist.json')) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(abs, 'utf8'));
      } catch {
        continue; // not JSON: SVC would stop here; we read on
      }
      if (!json || typeof json !== 'object') continue;
      const module = moduleOf(abs);
      side.whitelistFile.set(module, abs);
      side.whitelists.set(module, {
        ...side.whitelists.get(module),
        ...(json as Record<string, Record<string, Record<string, unknown>>>),
      });
    }
  }
  return side;
}

const op = (level: SemverLevel, code: string, reason: string, target: string, location: string): FileOperation => ({
  context: 'database',
  level,
  code,
  reason,
  target,
  location,
});

/** SVC's key comparison: changed when a column of one side's key is missing from the other's. */
const keyChanged = (a: Key, b: Key): boolean => a.columns.some((c) => !b.columns.includes(c));

export function analyzeDbSchema(files: ChangedFiles): FileOperation[] {
  const before = scan(files.before);
  const after = scan(files.after);
  const out: FileOperation[] = [];
  // DbSchemaTableAnalyzer
  for (const [module, tables] of before.tables) {
    const file = before.schemaFile.get(module)!;
    for (const [name, table] of tables) {
      const other = after.tables.get(module)?.get(name);
      if (!other) out.push(op('MAJOR', 'M104', 'Table was dropped', name, file));
      else if (other.resource !== table.resource)
        out.push(
          op('MAJOR', 'M105', `Table chard was changed from ${table.resource} to ${other.resource}`, name, file),
        );
    }
  }
  for (const [module, tables] of after.tables) {
    const file = after.schemaFile.get(module)!;
    for (const name of tables.keys()) {
      if (before.tables.get(module)?.has(name)) continue;
      // a table another module declares too is a modification of that module's table, not a new one
      const elsewhere = [...after.tables].some(([m, t]) => m !== module && t.has(name));
      if (!elsewhere) out.push(op('MINOR', 'M202', 'Table was added', name, file));
    }
  }
  // DbSchemaColumnAnalyzer, then the foreign, primary and unique key analyzers, in SVC's order
  const pairs = (from: Side, to: Side) =>
    [...from.tables].flatMap(([module, tables]) =>
      [...tables].flatMap(([name, table]) => {
        const other = to.tables.get(module)?.get(name);
        return other ? [{ name, table, other, file: from.schemaFile.get(module)! }] : [];
      }),
    );
  const removed = pairs(before, after);
  const added = pairs(after, before);
  for (const { name, table, other, file } of removed)
    for (const c of table.columns)
      if (!other.columns.has(c)) out.push(op('MAJOR', 'M107', 'Column was removed', `${name}/${c}`, file));
  for (const { name, table, other, file } of added)
    for (const c of table.columns)
      if (!other.columns.has(c)) out.push(op('MINOR', 'M203', 'Column was added', `${name}/${c}`, file));
  for (const { name, table, other, file } of removed)
    for (const [key, items] of table.foreign) {
      const match = other.foreign.get(key);
      if (!match) out.push(op('MAJOR', 'M108', 'Foreign key was removed', `${name}/${key}`, file));
      else
        items.forEach(([item, value], i) => {
          if (match[i]![1] !== value)
            out.push(op('MAJOR', 'M205', 'Foreign key was changed', `${name}/${key}/${item}`, file));
        });
    }
  for (const { name, table, other, file } of added)
    for (const key of table.foreign.keys())
      if (!other.foreign.has(key)) out.push(op('MAJOR', 'M204', 'Foreign key was added', `${name}/${key}`, file));
  const keys: ['primary' | 'unique', string[], string[]][] = [
    ['primary', ['M207', 'Primary key was removed'], ['M205', 'Primary key was added']],
    ['unique', ['M209', 'Unique key was removed'], ['M208', 'Unique key was added']],
  ];
  for (const [kind, [dropCode, dropReason], [addCode, addReason]] of keys) {
    const changeCode = kind === 'primary' ? 'M206' : 'M210';
    const changeReason = kind === 'primary' ? 'Primary key was changed' : 'Unique key was changed';
    for (const { name, table, other, file } of removed)
      for (const [key, k] of table[kind]) {
        const match = other[kind].get(key);
        if (!match) out.push(op('MAJOR', dropCode!, dropReason!, `${name}/${key}`, file));
        else if (keyChanged(k, match)) out.push(op('MAJOR', changeCode, changeReason, `${name}/${key}`, file));
      }
    for (const { name, table, other, file } of added)
      for (const [key, k] of table[kind]) {
        const match = other[kind].get(key);
        if (!match) out.push(op('MAJOR', addCode!, addReason!, `${name}/${key}`, file));
        else if (keyChanged(k, match)) out.push(op('MAJOR', changeCode, changeReason, `${name}/${key}`, file));
      }
  }
  // DbSchemaWhitelistAnalyzer: every table of a changed db_schema.xml is in its module's whitelist
  for (const [module, tables] of after.tables) {
    const whitelist = after.whitelistFile.get(module);
    if (!whitelist) {
      const file = `${dirname(after.schemaFile.get(module)!)}/db_schema_whitelist.json`;
      out.push(op('MAJOR', 'M109', `Db Whitelist from module ${module} was removed`, module, file));
      continue;
    }
    for (const name of tables.keys())
      if (!after.whitelists.get(module)?.[name])
        out.push(op('MINOR', 'M109', `Whitelist do not have table ${name} declared in db_schema.xml`, name, whitelist));
  }
  // DbSchemaWhitelistReductionOrRemovalAnalyzer
  const size = (v: unknown): number => (v && typeof v === 'object' ? Object.keys(v).length : 0);
  const reduced = (target: string, file: string) =>
    out.push(op('MAJOR', 'M110', `Module db schema whitelist reduced (${target}).`, target, file));
  for (const [module, tablesBefore] of before.whitelists) {
    const file = before.whitelistFile.get(module)!;
    const tablesAfter = after.whitelists.get(module);
    if (!tablesAfter) {
      out.push(op('MAJOR', 'M109', `Db Whitelist from module ${module} was removed`, module, file));
      continue;
    }
    for (const [table, parts] of Object.entries(tablesBefore)) {
      const partsAfter = tablesAfter[table];
      if (!partsAfter || size(parts) > size(partsAfter)) {
        reduced(table, file);
        continue;
      }
      for (const [part, names] of Object.entries(parts ?? {})) {
        const namesAfter = (partsAfter as Record<string, unknown>)[part];
        if (!namesAfter || size(names) > size(namesAfter)) {
          reduced(`${table}/${part}`, file);
          continue;
        }
        for (const n of Object.keys(names ?? {}))
          if (!(n in (namesAfter as Record<string, unknown>))) reduced(`${table}/${part}/${n}`, file);
      }
    }
  }
  return out;
}
