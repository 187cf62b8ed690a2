import { COVERAGE_FAMILIES, type FamilyCoverage } from '../../knowledge/coverage.js';
import type { KbStatus } from '../../knowledge/kb-status.js';
import type { KbUpdateResult } from '../../knowledge/kb-update.js';
import { renderTable } from '../format.js';

/** What `mageup kb` prints: text for people, JSON (the library's result as is) for scripts. */
export type KbFormat = 'text' | 'json';

/** `mageup kb status`: release coverage table, data sources and their freshness, Cloud deadlines, patch levels. */
export function renderKbStatus(status: KbStatus, format: KbFormat): string {
  return format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : renderStatus(status);
}

/** `mageup kb update`: what was read and written. */
export function renderKbUpdate(update: KbUpdateResult, format: KbFormat): string {
  return format === 'json' ? `${JSON.stringify(update, null, 2)}\n` : renderUpdate(update);
}

function renderStatus(s: KbStatus): string {
  const families = COVERAGE_FAMILIES;
  const out: string[] = [];
  const short = (c: string) => c.slice(0, 7);
  out.push('MageUp knowledge base');
  out.push(
    `  Release catalog: ${s.releases.length} releases, data collected ${s.releaseData.generated} ` +
      `(${Object.entries(s.releaseData.sources)
        .filter(([id]) => ['magento-composer', 'supported-version', 'adobedocs-core-releases'].includes(id))
        .map(([, src]) => `${src.repo}@${short(src.commit)}`)
        .join(', ')})`,
  );
  const a = s.advisories;
  out.push(
    `  Advisories: ${a.count} offline (${Object.values(a.sources)
      .map((src) => `${src.repo}@${short(src.commit)}`)
      .join(', ')}, Adobe APSB), collected ${a.generated}, newest entry ${a.newestEntry ?? 'unknown'}`,
  );
  out.push(
    a.online
      ? `  Online advisories: ${a.online.advisories} for ${a.online.packages} packages from ${a.online.api}, fetched ${a.online.fetchedAt}`
      : '  Online advisories: never fetched (mageup kb update --online)',
  );
  out.push(
    s.update
      ? `  Release update: ${s.update.releases} versions from ${s.update.repository}, fetched ${s.update.fetchedAt}`
      : '  Release update: none (mageup kb update)',
  );
  out.push(
    `  API index: ${s.apiIndex.manifest === 'present' ? `${s.apiIndex.indexed} indexed, ${s.apiIndex.derived} derived` : s.apiIndex.manifest}` +
      (s.apiIndex.problem ? ` (${s.apiIndex.problem})` : ''),
  );
  const x = s.extensions;
  out.push(
    x.problem
      ? `  Extension release lists: snapshot unreadable (${x.problem}); ${x.cached} cached`
      : `  Extension release lists: ${x.packages} packages, ${x.releases} releases from the tags of ${x.repositories} public repositories (shipped snapshot); ${x.cached} cached from Composer repositories (check --online)`,
  );
  out.push('');
  const rows = s.releases.map((r) => [
    r.version,
    r.date ?? '-',
    r.type,
    r.packages === 'none' ? 'none' : `${r.packages} (${r.packageCount})`,
    r.requirements.services === 0
      ? 'unknown'
      : `${r.requirements.confidence}${r.requirements.exact ? '' : ', inherited'}`,
    ...families.map((f) => shortCoverage(r.coverage[f])),
    `${r.support.status}${r.support.endOfSupport ? ` ${r.support.endOfSupport}` : ''}`,
  ]);
  const header = [
    'VERSION',
    'DATE',
    'TYPE',
    'PACKAGE SET',
    'REQUIREMENTS',
    'API',
    'DB SCHEMA',
    'FILE HASHES',
    'LAYOUT',
    'GRAPHQL',
    'JS',
    'SUPPORT',
  ];
  out.push(renderTable(header, rows, { rule: false }));
  const lowCount = s.releases.filter((r) => r.requirements.confidence === 'low').length;
  out.push('');
  out.push(
    'API, DB SCHEMA, FILE HASHES, LAYOUT, GRAPHQL, JS: "indexed" from a real tree of the release; "from X" derived from release X ' +
      '(later changes unknown); "not covered": checks of that family say "could not verify".',
  );
  const complete = s.releases.filter((r) => families.every((f) => r.coverage[f].state === 'indexed'));
  out.push(`${complete.length} of ${s.releases.length} releases are indexed in every family.`);
  out.push(
    `${s.releases.filter((r) => r.packages === 'metapackage' || r.packages === 'kb-update').length} of ${s.releases.length} releases have a complete package set; ` +
      `${lowCount} have low-confidence requirements (shown as uncertain wherever they are used).`,
  );
  out.push('', ...renderCloud(s), '', ...renderPatchLevels(s));
  return `${out.join('\n')}\n`;
}

/** Adobe Commerce on Cloud: version upgrade enforcement per line and third-party dependency deadlines. */
function renderCloud(s: KbStatus): string[] {
  const c = s.cloud;
  if (c.lines.length === 0 && c.dependencies.length === 0)
    return ['Adobe Commerce on Cloud deadlines: not in this data'];
  const out = ['Adobe Commerce on Cloud deadlines (Adobe lifecycle policy and Cloud security enforcement notice)'];
  out.push(
    `  Version upgrade enforcement: ${c.lines
      .map((l) => `${l.line} ${l.enforcement ?? 'TBD'}`)
      .join(', ')} (after it Adobe may decommission environments still on the line)`,
  );
  for (const d of c.dependencies) out.push(`  ${d.dependency} ${d.versions} → ${d.upgradeTo} by ${d.deadline}`);
  return out;
}

/** The patch levels section: per supported line, the latest -pN and every isolated patch file or hotfix known. */
function renderPatchLevels(s: KbStatus): string[] {
  const p = s.patchLevels;
  if (!p) return [`Patch levels: unavailable (${s.patchLevelsProblem ?? 'unknown problem'})`];
  // Files the snapshot ends before but a hash-pinned copy was read for (kb-status carries where, per patch).
  const later = p.filesSnapshot
    ? p.lines.flatMap((l) =>
        l.patches.filter((x) => x.contents.available && x.date > p.filesSnapshot!.date).map((x) => x.id),
      )
    : [];
  const out = [
    `Patch levels (Adobe's isolated security patch files and hotfixes, data as of ${p.asOf})`,
    p.filesSnapshot
      ? `  Patch file contents: read from ${p.filesSnapshot.repo} ${p.filesSnapshot.commit}, a snapshot that ends ` +
        `${p.filesSnapshot.date}${later.length ? `, and from copies whose SHA-256 matches a pin (${later.join(', ')})` : ''}; ` +
        `other later files are known by their bulletin only (detection by declarations, "could not verify" otherwise).`
      : '  Patch file contents: no snapshot read; every patch is known by its bulletin only.',
    '  Included in a later -pN: Adobe says isolated files "are incorporated into the next full security patch"; ' +
      '"none yet" = no -pN of the line was released after the patch; "unknown" = one was, but no release notes read say so.',
    '',
  ];
  const rows: string[][] = [];
  for (const line of p.lines) {
    if (line.patches.length === 0) {
      rows.push([line.line, line.latestRelease ?? '-', line.requires ?? '-', 'none known', '', '', '', '', '', '']);
      continue;
    }
    line.patches.forEach((patch, i) => {
      rows.push([
        i === 0 ? line.line : '',
        i === 0 ? (line.latestRelease ?? '-') : '',
        i === 0 ? (line.requires ?? '-') : '',
        patch.commerceOnly
          ? `${patch.level}: Commerce only`
          : patch.kind === 'hotfix'
            ? `${patch.id} (hotfix)`
            : patch.id,
        patch.date,
        patch.bulletin ?? 'not confirmed',
        patch.cves.length === 0
          ? '-'
          : patch.cves.length === 1
            ? patch.cves[0]!
            : `${patch.cves[0]} +${patch.cves.length - 1}`,
        patch.exploited ? 'EXPLOITED' : 'no',
        patch.commerceOnly
          ? '-'
          : patch.contents.available
            ? 'yes'
            : `no (after ${p.filesSnapshot?.date ?? 'snapshot'})`,
        patch.includedIn,
      ]);
    });
  }
  out.push(
    renderTable(
      [
        'LINE',
        'LATEST',
        'APPLIES ON',
        'PATCH',
        'DATE',
        'BULLETIN',
        'CVE',
        'EXPLOITED',
        'FILE CONTENTS',
        'IN LATER -pN',
      ],
      rows,
      { rule: false },
    ),
  );
  return out;
}

function shortCoverage(c: FamilyCoverage): string {
  return c.state === 'derived' ? `from ${c.from ?? '?'}` : c.state === 'indexed' ? 'indexed' : 'not covered';
}

function renderUpdate({ releases: r, advisories, patchLevels }: KbUpdateResult): string {
  const lines = [
    `Read ${r.releases} releases of magento/product-community-edition from ${r.repository}.`,
    r.added.length > 0 ? `  New releases: ${r.added.join(', ')}` : '  No release newer than the shipped catalog.',
    r.completed.length > 0 ? `  Package sets completed: ${r.completed.join(', ')}` : '  No package set to complete.',
    `  Written to ${r.file}`,
  ];
  if (advisories) {
    lines.push(
      `Fetched ${advisories.advisories} advisories for ${advisories.packages} packages; written to ${advisories.file}`,
    );
  }
  lines.push(patchLevels.message);
  return `${lines.join('\n')}\n`;
}
