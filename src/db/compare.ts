import type { DataPatchConfig } from '../knowledge/data-patches.js';
import type { BundledSchema } from './bundled-schema.js';
import type { DbSchemaIndex } from '../knowledge/db-schema/index.js';
import { DbError } from './errors.js';
import { SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION } from './snapshot-types.js';
import type { Aggregate, ChangePolicy, DbSnapshot, TableChecksum } from './snapshot-types.js';
import { magentoRuntimeTable } from './tables.js';

/**
 * `expected`: what an upgrade does (new tables/columns of the target, rows added by data patches, setup_module and
 * patch_list growth); `review`: a change worth a look that does not hurt data (quotes, unexplained new tables);
 * `suspicious`: business data changed or lost (orders, totals, customers, stock, config values).
 */
export type Verdict = 'expected' | 'review' | 'suspicious';

export interface ComparisonItem {
  /** Aggregate id, `config`, `setup_module`, `patch_list`, `checksum`, `schema`. */
  section: string;
  verdict: Verdict;
  /** What changed: a group (`store_id=1 status=pending day=2025-03-01`), a table, a config path… */
  subject: string;
  message: string;
  before?: string;
  after?: string;
}

export interface SectionSummary {
  section: string;
  title: string;
  /** Groups, rows or entries that are identical on both sides. */
  matches: number;
  expected: number;
  review: number;
  suspicious: number;
  /** Set when the section exists on one side only (missing table). */
  note?: string;
}

export interface DbComparison {
  kind: 'mageup-db-compare';
  schemaVersion: 1;
  before: { takenAt: string; target: string; magentoVersion: string | null };
  after: { takenAt: string; target: string; magentoVersion: string | null };
  /** Release whose core schema explained new tables and columns, when known. */
  targetRelease: string | null;
  verdict: 'clean' | 'suspicious';
  totals: { matches: number; expected: number; review: number; suspicious: number };
  sections: SectionSummary[];
  items: ComparisonItem[];
}

export interface CompareOptions {
  /** Target release (`--to`, else the AFTER snapshot's Magento version): explains new tables and columns. */
  targetRelease?: string | null;
  schemaIndex?: DbSchemaIndex;
  /** Config paths Magento's data patches write (`loadDataPatchConfig()`): changed by the upgrade itself. */
  dataPatchConfig?: DataPatchConfig;
  /**
   * The db_schema.xml of the packages Magento bundles, from the AFTER code's vendor/ (`bundledSchemaOf`): their
   * tables and columns are Magento's, not unexplained.
   */
  bundledSchema?: BundledSchema;
}

/** Checks a parsed JSON document is a snapshot this version of MageUp can compare. */
export function asSnapshot(value: unknown, file: string): DbSnapshot {
  const doc = value as Partial<DbSnapshot> | null;
  if (!doc || typeof doc !== 'object' || doc.kind !== SNAPSHOT_KIND) {
    throw new DbError('bad-input', `${file} is not a MageUp database snapshot (no "kind": "${SNAPSHOT_KIND}")`);
  }
  if (doc.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    throw new DbError(
      'bad-input',
      `${file} has snapshot schema version ${String(doc.schemaVersion)}; this MageUp reads version ${SNAPSHOT_SCHEMA_VERSION} (take both snapshots with the same MageUp)`,
    );
  }
  for (const key of ['aggregates', 'checksums', 'tables', 'missing'] as const) {
    if (!Array.isArray(doc[key])) throw new DbError('bad-input', `${file}: "${key}" is missing or not a list`);
  }
  return doc as DbSnapshot;
}

/** Reconciles two snapshots: what matches, what changed, and whether each change is expected for an upgrade. */
export function compareSnapshots(before: DbSnapshot, after: DbSnapshot, opts: CompareOptions = {}): DbComparison {
  const items: ComparisonItem[] = [];
  const sections: SectionSummary[] = [];
  const section = (id: string, title: string): SectionSummary => {
    const s: SectionSummary = { section: id, title, matches: 0, expected: 0, review: 0, suspicious: 0 };
    sections.push(s);
    return s;
  };
  const add = (s: SectionSummary, item: Omit<ComparisonItem, 'section'>): void => {
    items.push({ section: s.section, ...item });
    s[item.verdict]++;
  };

  const afterAggregates = new Map(after.aggregates.map((a) => [a.id, a]));
  for (const a of before.aggregates) {
    const s = section(a.id, a.title);
    const b = afterAggregates.get(a.id);
    afterAggregates.delete(a.id);
    if (!b) {
      s.note = 'absent after the upgrade (table missing)';
      add(s, {
        verdict: lossVerdict(a.policy),
        subject: a.tables.join(', '),
        message: `${a.title}: no longer readable after (tables ${a.tables.join(', ')} missing)`,
      });
      continue;
    }
    compareAggregate(a, b, s, add);
  }
  for (const b of afterAggregates.values()) {
    const s = section(b.id, b.title);
    s.note = 'absent before (table missing then)';
    add(s, {
      verdict: 'expected',
      subject: b.tables.join(', '),
      message: `${b.title}: readable after only (new tables ${b.tables.join(', ')})`,
    });
  }

  compareConfig(
    before,
    after,
    patchWrites(before, after, opts.dataPatchConfig),
    section('config', 'core_config_data per scope (hashed values)'),
    add,
  );
  compareSetupModules(before, after, section('setup_module', 'Module schema and data versions (setup_module)'), add);
  comparePatches(before, after, section('patch_list', 'Applied patches (patch_list)'), add);
  compareChecksums(before, after, section('checksum', 'Row checksums of the tables that matter'), add);
  const targetRelease = opts.targetRelease ?? after.source.magentoVersion ?? null;
  compareSchema(
    before,
    after,
    targetRelease,
    opts.schemaIndex,
    opts.bundledSchema,
    section('schema', 'Tables and columns'),
    add,
  );

  const totals = { matches: 0, expected: 0, review: 0, suspicious: 0 };
  for (const s of sections) {
    totals.matches += s.matches;
    totals.expected += s.expected;
    totals.review += s.review;
    totals.suspicious += s.suspicious;
  }
  const rank: Record<Verdict, number> = { suspicious: 0, review: 1, expected: 2 };
  items.sort(
    (x, y) =>
      rank[x.verdict] - rank[y.verdict] || x.section.localeCompare(y.section) || x.subject.localeCompare(y.subject),
  );
  return {
    kind: 'mageup-db-compare',
    schemaVersion: 1,
    before: { takenAt: before.takenAt, target: before.source.target, magentoVersion: before.source.magentoVersion },
    after: { takenAt: after.takenAt, target: after.source.target, magentoVersion: after.source.magentoVersion },
    targetRelease,
    verdict: totals.suspicious > 0 ? 'suspicious' : 'clean',
    totals,
    sections,
    items,
  };
}

type Add = (s: SectionSummary, item: Omit<ComparisonItem, 'section'>) => void;

function lossVerdict(policy: ChangePolicy): Verdict {
  return policy === 'informational' ? 'review' : 'suspicious';
}

function compareAggregate(a: Aggregate, b: Aggregate, s: SectionSummary, add: Add): void {
  const dims = a.dimensions.length;
  const keyOf = (row: Aggregate['rows'][number]): string =>
    row
      .slice(0, dims)
      .map((v) => String(v))
      .join('\u0000');
  const label = (row: Aggregate['rows'][number]): string =>
    dims === 0 ? a.id : a.dimensions.map((d, i) => `${d}=${row[i] === null ? 'NULL' : String(row[i])}`).join(' ');
  const show = (row: Aggregate['rows'][number]): string =>
    a.measures.map((m, i) => `${m} ${row[dims + i] === null ? 'NULL' : String(row[dims + i])}`).join(', ') || 'present';
  const afterRows = new Map(b.rows.map((r) => [keyOf(r), r]));
  const countIndex = a.measures.indexOf('count');
  for (const row of a.rows) {
    const key = keyOf(row);
    const other = afterRows.get(key);
    afterRows.delete(key);
    if (!other) {
      add(s, {
        verdict: lossVerdict(a.policy),
        subject: label(row),
        message: `${a.title}: group gone (${show(row)})`,
        before: show(row),
      });
      continue;
    }
    const same = a.measures.every((_, i) => String(row[dims + i]) === String(other[dims + i]));
    if (same) {
      s.matches++;
      continue;
    }
    let verdict: Verdict = lossVerdict(a.policy);
    if (a.policy === 'additive' && countIndex >= 0) {
      const grew = Number(other[dims + countIndex]) > Number(row[dims + countIndex]);
      const othersSame = a.measures.every((m, i) => m === 'count' || String(row[dims + i]) === String(other[dims + i]));
      if (grew && othersSame) verdict = 'expected';
    }
    add(s, {
      verdict,
      subject: label(row),
      message: `${a.title}: ${describeDelta(a.measures, row.slice(dims), other.slice(dims))}`,
      before: show(row),
      after: show(other),
    });
  }
  for (const row of afterRows.values()) {
    const verdict: Verdict =
      a.policy === 'additive' ? 'expected' : a.policy === 'informational' ? 'review' : 'suspicious';
    add(s, { verdict, subject: label(row), message: `${a.title}: new group (${show(row)})`, after: show(row) });
  }
}

function describeDelta(measures: string[], before: unknown[], after: unknown[]): string {
  const parts: string[] = [];
  measures.forEach((m, i) => {
    const x = before[i] === null ? null : String(before[i]);
    const y = after[i] === null ? null : String(after[i]);
    if (x === y) return;
    const dx = Number(x);
    const dy = Number(y);
    const delta =
      Number.isFinite(dx) && Number.isFinite(dy) && x !== null && y !== null
        ? ` (${dy - dx >= 0 ? '+' : ''}${round(dy - dx)})`
        : '';
    parts.push(`${m} ${x ?? 'NULL'} → ${y ?? 'NULL'}${delta}`);
  });
  return parts.join(', ');
}

function round(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

/**
 * Config path → the core data patches that write it and that this upgrade applied (in AFTER's patch_list, not in
 * BEFORE's). Without both patch lists, nothing is known to be applied: every change stays as judged.
 */
function patchWrites(before: DbSnapshot, after: DbSnapshot, data: DataPatchConfig | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!data || !before.patches || !after.patches) return out;
  const already = new Set(before.patches);
  for (const patch of after.patches) {
    if (already.has(patch)) continue;
    for (const path of data.patches[patch]?.paths ?? []) out.set(path, [...(out.get(path) ?? []), patch]);
  }
  return out;
}

function compareConfig(
  before: DbSnapshot,
  after: DbSnapshot,
  byPatch: Map<string, string[]>,
  s: SectionSummary,
  add: Add,
): void {
  if (!before.config || !after.config) {
    if (before.config && !after.config)
      add(s, { verdict: 'suspicious', subject: 'core_config_data', message: 'core_config_data is missing after' });
    else if (!before.config) s.note = 'core_config_data missing before';
    return;
  }
  const key = (e: { scope: string; scopeId: number; path: string }): string => `${e.scope}/${e.scopeId}/${e.path}`;
  const afterEntries = new Map(after.config.entries.map((e) => [key(e), e]));
  for (const e of before.config.entries) {
    const other = afterEntries.get(key(e));
    afterEntries.delete(key(e));
    const subject = `${e.path} (${e.scope} ${e.scopeId})`;
    if (!other) {
      const patches = byPatch.get(e.path);
      add(s, {
        verdict: patches ? 'expected' : 'suspicious',
        subject,
        message: patches
          ? `config value removed; Magento's data patch ${shortClass(patches[0]!)}, applied by this upgrade, writes this path: ${subject}`
          : `config value removed: ${subject}`,
        before: e.valueHash ?? 'NULL',
      });
    } else if (other.valueHash !== e.valueHash) {
      const patches = byPatch.get(e.path);
      add(s, {
        verdict: patches ? 'expected' : 'suspicious',
        subject,
        message: patches
          ? `config value changed by Magento's data patch ${shortClass(patches[0]!)}${patches.length > 1 ? ` (and ${patches.length - 1} more)` : ''}, applied by this upgrade: ${subject}`
          : `config value changed (or reset): ${subject}`,
        before: e.valueHash ?? 'NULL',
        after: other.valueHash ?? 'NULL',
      });
    } else {
      s.matches++;
    }
  }
  for (const e of afterEntries.values()) {
    const subject = `${e.path} (${e.scope} ${e.scopeId})`;
    add(s, {
      verdict: 'expected',
      subject,
      message: `config value added (a data patch or new module default): ${subject}`,
      after: e.valueHash ?? 'NULL',
    });
  }
}

/** `Magento\\Directory\\Setup\\Patch\\Data\\AddDataForUkraine` → `Magento_Directory AddDataForUkraine`. */
function shortClass(fqcn: string): string {
  const parts = fqcn.split('\\');
  return `${parts[0]}_${parts[1]} ${parts[parts.length - 1]}`;
}

function compareSetupModules(before: DbSnapshot, after: DbSnapshot, s: SectionSummary, add: Add): void {
  if (!before.setupModules || !after.setupModules) {
    if (before.setupModules && !after.setupModules)
      add(s, { verdict: 'suspicious', subject: 'setup_module', message: 'setup_module is missing after' });
    return;
  }
  const afterRows = new Map(after.setupModules.map((m) => [m.module, m]));
  for (const m of before.setupModules) {
    const other = afterRows.get(m.module);
    afterRows.delete(m.module);
    const was = `${m.schemaVersion ?? '-'}/${m.dataVersion ?? '-'}`;
    if (!other) {
      add(s, {
        verdict: 'review',
        subject: m.module,
        message: `module ${m.module} no longer registered in setup_module (uninstalled?)`,
        before: was,
      });
      continue;
    }
    const now = `${other.schemaVersion ?? '-'}/${other.dataVersion ?? '-'}`;
    if (was === now) {
      s.matches++;
      continue;
    }
    const down =
      compareModuleVersions(other.schemaVersion, m.schemaVersion) < 0 ||
      compareModuleVersions(other.dataVersion, m.dataVersion) < 0;
    add(s, {
      verdict: down ? 'suspicious' : 'expected',
      subject: m.module,
      message: down
        ? `module ${m.module} went back from ${was} to ${now}`
        : `module ${m.module} upgraded ${was} → ${now}`,
      before: was,
      after: now,
    });
  }
  for (const m of afterRows.values()) {
    add(s, {
      verdict: 'expected',
      subject: m.module,
      message: `module ${m.module} installed (${m.schemaVersion ?? '-'})`,
      after: `${m.schemaVersion ?? '-'}/${m.dataVersion ?? '-'}`,
    });
  }
}

/** setup_module versions: dotted numbers. */
export function compareModuleVersions(a: string | null, b: string | null): number {
  const pa = (a ?? '').split('.').map((x) => parseInt(x, 10) || 0);
  const pb = (b ?? '').split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function comparePatches(before: DbSnapshot, after: DbSnapshot, s: SectionSummary, add: Add): void {
  if (!before.patches || !after.patches) {
    if (before.patches && !after.patches)
      add(s, { verdict: 'suspicious', subject: 'patch_list', message: 'patch_list is missing after' });
    return;
  }
  const afterSet = new Set(after.patches);
  for (const p of before.patches) {
    if (afterSet.delete(p)) s.matches++;
    else
      add(s, {
        verdict: 'suspicious',
        subject: p,
        message: `patch no longer recorded as applied (it would run again): ${p}`,
      });
  }
  for (const p of afterSet) add(s, { verdict: 'expected', subject: p, message: `patch applied: ${p}` });
}

/** Buckets merged to `size` (a multiple of their own size): sums and xors combine, so ranges stay comparable. */
function bucketsAt(c: TableChecksum, size: number): Map<number, [number, bigint, number]> {
  const out = new Map<number, [number, bigint, number]>();
  const factor = size / c.bucketSize;
  for (const [bucket, rows, sum, xor] of c.buckets) {
    const b = Math.floor(bucket / factor);
    const cur = out.get(b) ?? [0, 0n, 0];
    out.set(b, [cur[0] + rows, cur[1] + BigInt(sum), (cur[2] ^ Number(xor)) >>> 0]);
  }
  return out;
}

function compareChecksums(before: DbSnapshot, after: DbSnapshot, s: SectionSummary, add: Add): void {
  const afterTables = new Map(after.checksums.map((c) => [c.table, c]));
  for (const c of before.checksums) {
    const other = afterTables.get(c.table);
    if (!other) {
      add(s, {
        verdict: lossVerdict(c.policy),
        subject: c.table,
        message: `${c.table}: no checksum after (table missing)`,
      });
      continue;
    }
    if (c.columns.join(',') !== other.columns.join(',')) {
      add(s, {
        verdict: 'review',
        subject: c.table,
        message: `${c.table}: checksums cover different columns (${c.columns.join(', ')} → ${other.columns.join(', ')}); compared by counts only`,
      });
      continue;
    }
    const size = Math.max(c.bucketSize, other.bucketSize);
    const x = bucketsAt(c, size);
    const y = bucketsAt(other, size);
    const changed: string[] = [];
    let addedAtEnd = 0;
    let onlyGrowthAtEnd = true;
    for (const bucket of new Set([...x.keys(), ...y.keys()])) {
      const p = x.get(bucket);
      const q = y.get(bucket);
      if (p && q && p[0] === q[0] && p[1] === q[1] && p[2] === q[2]) continue;
      const from = bucket * size;
      const to = from + size - 1;
      // Keys are auto-increment: rows added since BEFORE land after its last key (or in the range holding it).
      const pastOldEnd = c.maxKey === null || to >= c.maxKey;
      const grew = (q?.[0] ?? 0) > (p?.[0] ?? 0);
      if (pastOldEnd && grew) addedAtEnd += (q?.[0] ?? 0) - (p?.[0] ?? 0);
      else onlyGrowthAtEnd = false;
      changed.push(
        `${c.key} ${from}–${to}: ${p?.[0] ?? 0} → ${q?.[0] ?? 0} rows${p && q && p[0] === q[0] ? ', content changed' : ''}`,
      );
    }
    if (changed.length === 0) {
      s.matches++;
      continue;
    }
    const growth = onlyGrowthAtEnd && addedAtEnd > 0;
    const verdict: Verdict = growth && c.policy === 'additive' ? 'expected' : lossVerdict(c.policy);
    const what = growth
      ? `${addedAtEnd} row(s) added after the last key ${c.maxKey ?? '-'}`
      : `rows changed or lost in ${changed.length} key range(s)`;
    add(s, {
      verdict,
      subject: c.table,
      message: `${c.table}: ${what} (${c.rows} → ${other.rows} rows): ${changed.slice(0, 5).join('; ')}${changed.length > 5 ? '; …' : ''}`,
      before: `${c.rows} rows`,
      after: `${other.rows} rows`,
    });
  }
}

function compareSchema(
  before: DbSnapshot,
  after: DbSnapshot,
  targetRelease: string | null,
  index: DbSchemaIndex | undefined,
  bundled: BundledSchema | undefined,
  s: SectionSummary,
  add: Add,
): void {
  const target = targetRelease && index ? index.at(targetRelease) : undefined;
  // A bundled package's own declaration (Braintree's sales_order.dispute_status): Magento's, read from vendor/.
  const bundledBy = (table: string, column?: string): string | undefined => {
    const script = column === undefined ? bundled?.scriptTables.get(table) : undefined;
    if (script) return `created by ${script}, a package Magento bundles`;
    const declared = bundled?.tables.get(table);
    if (!declared || (column !== undefined && declared.columns[column] === undefined)) return undefined;
    return `declared by ${declared.packages.join(', ')}'s db_schema.xml, a package Magento bundles`;
  };
  const afterTables = new Map(after.tables.map((t) => [t.name, t]));
  const beforeNames = new Set(before.tables.map((t) => t.name));
  for (const t of before.tables) {
    const other = afterTables.get(t.name);
    if (!other) {
      const dropped = target && !target.getTable(t.name);
      add(s, {
        verdict: dropped || t.rowsEstimate === 0 ? (dropped ? 'expected' : 'review') : 'suspicious',
        subject: t.name,
        message: dropped
          ? `table ${t.name} dropped (the ${target.release} core schema no longer declares it)`
          : `table ${t.name} is gone (about ${t.rowsEstimate} rows before)`,
      });
      continue;
    }
    const declared = target?.getTable(t.name);
    const added = other.columns.filter((c) => !t.columns.includes(c));
    const removed = t.columns.filter((c) => !other.columns.includes(c));
    if (added.length === 0 && removed.length === 0) {
      s.matches++;
      continue;
    }
    for (const c of added) {
      const known = declared?.columns[c] !== undefined;
      const byBundled = known ? undefined : bundledBy(t.name, c);
      add(s, {
        verdict: known || byBundled ? 'expected' : 'review',
        subject: `${t.name}.${c}`,
        message: known
          ? `column ${t.name}.${c} added (declared by the ${target!.release} core schema)`
          : byBundled
            ? `column ${t.name}.${c} added (${byBundled})`
            : `column ${t.name}.${c} added (not in the core schema${target ? ` of ${target.release}` : ''}: a module's db_schema.xml?)`,
      });
    }
    for (const c of removed) {
      const gone = declared !== undefined && declared.columns[c] === undefined;
      add(s, {
        verdict: gone ? 'expected' : 'suspicious',
        subject: `${t.name}.${c}`,
        message: gone
          ? `column ${t.name}.${c} dropped (no longer in the ${target!.release} core schema)`
          : `column ${t.name}.${c} is gone (its data with it)`,
      });
    }
  }
  for (const t of after.tables) {
    if (beforeNames.has(t.name)) continue;
    const known = target?.getTable(t.name) !== undefined;
    const byBundled = known ? undefined : bundledBy(t.name);
    const runtime = known || byBundled ? null : magentoRuntimeTable(t.name, t.columns, (name) => afterTables.has(name));
    add(s, {
      verdict: known || byBundled || runtime ? 'expected' : 'review',
      subject: t.name,
      message: known
        ? `table ${t.name} added (declared by the ${target!.release} core schema)`
        : byBundled
          ? `table ${t.name} added (${byBundled})`
          : runtime
            ? `table ${t.name} added: ${runtime}`
            : `table ${t.name} added (${target ? `not in the ${target.release} core schema: a module's table?` : 'no target release known to explain it: pass --to'})`,
    });
  }
}
