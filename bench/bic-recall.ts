#!/usr/bin/env -S node --import tsx
/**
 * Recall of our API diff against Adobe's published backward-incompatible-changes lists: for each pair of indexed
 * releases, diff the two package sets with diffPackageApis and look up every class, interface, method, constant and
 * property change Adobe lists (../shared/data/bic/open-source/<from>__<to>.json). Prints recall per pair and per change
 * type, and every miss with the reason found by looking at both indexes.
 *
 * Needs the shipped index (data/api, built by scripts/build-api-index.ts) and ../shared/data/bic. Without them it says
 * so and exits 0. Usage: node --import tsx bench/bic-recall.ts [--data DIR] [--bic DIR] [--pairs 2.4.3:2.4.4,…] [--md FILE]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { diffPackageApis, loadSymbolIndex } from '../src/knowledge/api/index.js';
import type { ApiChange, ApiChangeAspect, ApiIndex } from '../src/knowledge/api/index.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '../data/api') },
    bic: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data/bic/open-source') },
    pairs: { type: 'string', default: '2.4.3:2.4.4,2.4.5:2.4.6,2.4.6:2.4.7,2.4.7:2.4.8' },
    md: { type: 'string' },
  },
});

interface BicRow {
  section: string;
  change: string;
  what: string;
}

type Category = 'class' | 'interface' | 'api-membership' | 'method' | 'constant' | 'property' | 'inheritance';

interface Outcome {
  row: BicRow;
  category: Category;
  found: boolean;
  reason?: string;
  /** Found, but classified differently from Adobe's row. */
  note?: string;
}

if (!existsSync(join(args.data!, 'manifest.json')) || !existsSync(args.bic!)) {
  console.log(`bic-recall: needs ${args.data}/manifest.json and ${args.bic}; not present, nothing measured.`);
  process.exit(0);
}

const categories: Category[] = [
  'class',
  'interface',
  'method',
  'constant',
  'property',
  'inheritance',
  'api-membership',
];
const table: {
  pair: string;
  perCategory: Record<string, [number, number]>;
  total: [number, number];
  diffMs: number;
  changes: number;
}[] = [];
const misses: { pair: string; outcome: Outcome }[] = [];
const reclassified: { pair: string; outcome: Outcome }[] = [];

for (const pair of args.pairs!.split(',')) {
  const [from, to] = pair.split(':') as [string, string];
  const file = join(args.bic!, `${from}__${to}.json`);
  if (!existsSync(file)) {
    console.log(`${from} → ${to}: no published list (${file})`);
    continue;
  }
  const rows = (JSON.parse(readFileSync(file, 'utf8')) as { changes: BicRow[] }).changes;
  const a = await loadSymbolIndex({ release: from }, { dataDir: args.data! });
  const b = await loadSymbolIndex({ release: to }, { dataDir: args.data! });
  const started = performance.now();
  const changes = diffPackageApis(a, b);
  const diffMs = Math.round(performance.now() - started);
  const bySymbol = new Map<string, ApiChange[]>();
  for (const change of changes) {
    const key = change.symbol.toLowerCase();
    const list = bySymbol.get(key);
    if (list) list.push(change);
    else bySymbol.set(key, [change]);
  }
  const membership = { before: apiMembers(a), after: apiMembers(b) };
  const perCategory: Record<string, [number, number]> = {};
  let found = 0;
  let total = 0;
  for (const row of rows) {
    const outcome = judge(row, bySymbol, a, b, membership);
    if (!outcome) continue; // not a PHP API row (database, layout, di, system, xsd)
    const cell = (perCategory[outcome.category] ??= [0, 0]);
    cell[1]++;
    total++;
    if (outcome.found) {
      cell[0]++;
      found++;
      if (outcome.note) reclassified.push({ pair: `${from} → ${to}`, outcome });
    } else misses.push({ pair: `${from} → ${to}`, outcome });
  }
  table.push({ pair: `${from} → ${to}`, perCategory, total: [found, total], diffMs, changes: changes.length });
  console.log(
    `${from} → ${to}: ${found}/${total} (${pct(found, total)}); our diff: ${changes.length} changes in ${diffMs} ms`,
  );
}

const lines: string[] = [];
lines.push(`| pair | ${categories.join(' | ')} | all | our diff (changes, ms) |`);
lines.push(`|---|${categories.map(() => '---').join('|')}|---|---|`);
for (const row of table) {
  const cells = categories.map((c) => {
    const cell = row.perCategory[c];
    return cell ? `${cell[0]}/${cell[1]}` : '–';
  });
  lines.push(
    `| ${row.pair} | ${cells.join(' | ')} | **${row.total[0]}/${row.total[1]} (${pct(...row.total)})** | ${row.changes}, ${row.diffMs} |`,
  );
}
console.log(`\n${lines.join('\n')}\n`);
if (misses.length > 0) {
  console.log('Misses:');
  for (const { pair, outcome } of misses) {
    console.log(
      `  ${pair}  ${outcome.row.section} / ${outcome.row.change} / ${outcome.row.what}\n      → ${outcome.reason}`,
    );
  }
}
if (reclassified.length > 0) {
  console.log('Found, classified differently:');
  for (const { pair, outcome } of reclassified) {
    console.log(`  ${pair}  ${outcome.row.change} / ${outcome.row.what} → ${outcome.note}`);
  }
}
if (args.md) {
  const missLines = misses.map(
    ({ pair, outcome }) => `- ${pair}: *${outcome.row.change}* \`${outcome.row.what}\` — ${outcome.reason}`,
  );
  missLines.push(
    ...reclassified.map(
      ({ pair, outcome }) =>
        `- ${pair}: *${outcome.row.change}* \`${outcome.row.what}\` — counted as found: ${outcome.note}`,
    ),
  );
  writeFileSync(
    args.md,
    `${lines.join('\n')}\n\n${missLines.length > 0 ? `Misses, and rows found under another name:\n\n${missLines.join('\n')}\n` : 'No misses.\n'}`,
  );
}

function pct(found: number, total: number): string {
  return total === 0 ? '–' : `${((100 * found) / total).toFixed(1)} %`;
}

/** Decides whether our diff holds the change an Adobe row describes; undefined for rows outside the PHP API. */
function judge(
  row: BicRow,
  bySymbol: Map<string, ApiChange[]>,
  a: ApiIndex,
  b: ApiIndex,
  members: { before: Set<string>; after: Set<string> },
): Outcome | undefined {
  if (!/^(Class|Interface)( API membership)? changes$/i.test(row.section)) return undefined;
  const change = row.change.replace(/^\[(public|protected|private)\]\s*/i, '');
  const what = row.what.trim().replace(/^\\/, '');
  const sep = what.indexOf('::');
  const owner = sep < 0 ? what : what.slice(0, sep);
  const member = sep < 0 ? undefined : what.slice(sep + 2).replace(/^\$/, '');
  const ours = bySymbol.get(what.replace('::$', '::').toLowerCase()) ?? [];
  const ownerChanges = bySymbol.get(owner.toLowerCase()) ?? [];
  const membership = /API membership/i.test(row.section);
  const interfaceSection = /^Interface/i.test(row.section);
  const has = (pred: (c: ApiChange) => boolean, list = ours) => list.some(pred);
  const ownerBecameApi = has((c) => c.kind === 'api-added' || c.kind === 'class-added', ownerChanges);

  let category: Category;
  let ok: boolean;
  let note: string | undefined;
  if (/^(Class|Interface) was (removed|added)$|has been renamed/i.test(change)) {
    category = membership ? 'api-membership' : interfaceSection || /^Interface/.test(change) ? 'interface' : 'class';
    const removed = /removed|renamed/i.test(change);
    const key = owner.toLowerCase();
    ok = removed
      ? has((c) => c.kind === 'class-removed') ||
        (membership && (has((c) => c.kind === 'api-removed') || (members.before.has(key) && !members.after.has(key))))
      : has((c) => c.kind === 'class-added') ||
        (membership && (has((c) => c.kind === 'api-added') || (!members.before.has(key) && members.after.has(key))));
  } else if (/^Method /i.test(change) || /parameter/i.test(change)) {
    category = 'method';
    const m = (c: ApiChange) => c.memberKind === 'method';
    if (/has been removed/i.test(change)) ok = has((c) => m(c) && c.kind === 'method-removed');
    else if (/has been added/i.test(change))
      ok =
        has((c) => m(c) && c.kind === 'method-added') ||
        (membership && (ownerBecameApi || has((c) => !!c.aspects?.includes('api-added'))));
    else {
      const wanted = aspectsFor(change);
      ok = has(
        (c) =>
          m(c) && c.kind === 'method-changed' && (wanted.length === 0 || wanted.some((w) => c.aspects?.includes(w))),
      );
      const other = ours.find((c) => m(c) && c.kind === 'method-changed');
      if (!ok && other) {
        // The signature change is found; Adobe names it differently (e.g. a new optional parameter whose @param line
        // was added is listed as "parameter typing changed").
        ok = true;
        note = `found as ${other.aspects?.join(', ')}`;
      }
    }
  } else if (/^Constant /i.test(change)) {
    category = 'constant';
    ok = /added/i.test(change)
      ? has((c) => c.kind === 'constant-added') || (membership && ownerBecameApi)
      : has((c) => c.kind === 'constant-removed');
  } else if (/^Property /i.test(change)) {
    category = 'property';
    ok = /added/i.test(change)
      ? has((c) => c.kind === 'property-added') ||
        (membership && (ownerBecameApi || has((c) => !!c.aspects?.includes('api-added'))))
      : has((c) => c.kind === 'property-removed');
  } else if (/Implements has been removed|Extends has been removed|Added parent/i.test(change)) {
    category = 'inheritance';
    ok = /removed/i.test(change)
      ? has((c) => c.kind === 'implements-removed' || c.kind === 'extends-changed', ownerChanges)
      : has((c) => c.kind === 'implements-added' || c.kind === 'extends-changed', ownerChanges);
  } else {
    return undefined;
  }
  return {
    row,
    category,
    found: ok,
    ...(ok ? (note ? { note } : {}) : { reason: explain(owner, member, a, b, ours) }),
  };
}

function aspectsFor(change: string): ApiChangeAspect[] {
  if (/return typing/i.test(change))
    return ['return-type-added', 'return-type-removed', 'return-type-changed', 'doc-return-type-changed'];
  if (/parameter typing/i.test(change))
    return ['param-type-added', 'param-type-removed', 'param-type-changed', 'doc-param-type-changed'];
  if (/Added optional parameter/i.test(change)) return ['param-added-optional'];
  if (/Added a required/i.test(change)) return ['param-added-required'];
  if (/Removed last method parameter/i.test(change)) return ['param-removed'];
  if (/parameter name changed/i.test(change)) return ['param-renamed'];
  if (/visibility/i.test(change)) return ['visibility-widened', 'visibility-reduced'];
  return [];
}

function explain(owner: string, member: string | undefined, a: ApiIndex, b: ApiIndex, ours: ApiChange[]): string {
  const before = a.getClass(owner);
  const after = b.getClass(owner);
  const where = (x: typeof before) => (x ? `${x.package}${x.file ? `:${x.file}` : ''}` : 'absent');
  if (!member) return `class before: ${where(before)}; after: ${where(after)}`;
  const find = (x: typeof before) =>
    x?.methods.find((m) => m.name.toLowerCase() === member.toLowerCase()) ??
    x?.properties.find((p) => p.name === member) ??
    x?.constants.find((c) => c.name === member);
  const m0 = find(before);
  const m1 = find(after);
  const show = (m: unknown) =>
    m ? JSON.stringify(m, (k, v) => (k === 'line' || k === 'bodyHash' ? undefined : v)) : 'absent';
  const ourText =
    ours.length > 0
      ? `; our diff says ${ours.map((c) => `${c.kind}${c.aspects ? `(${c.aspects.join(',')})` : ''}`).join(', ')}`
      : '';
  return `class ${where(before)} → ${where(after)}; member before: ${show(m0)}; after: ${show(m1)}${ourText}`;
}

/**
 * Adobe's "API membership" counts a class as API when it is `@api` or an ancestor (parent, or interface for
 * interfaces) of an `@api` class: a class gains membership when a new `@api` class extends it. Computed from our index.
 */
function apiMembers(index: ApiIndex): Set<string> {
  const members = new Set<string>();
  for (const name of index.classNames()) {
    const decl = index.getClass(name);
    if (!decl?.api) continue;
    members.add(name.toLowerCase());
    let parent = decl.extends;
    for (let depth = 0; parent && depth < 20; depth++) {
      const key = parent.toLowerCase();
      if (members.has(key) && depth > 0) break;
      members.add(key);
      parent = index.getClass(parent)?.extends;
    }
  }
  return members;
}
