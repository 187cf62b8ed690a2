import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT, UsageError } from '../exit.js';
import { userCacheDir } from '../../knowledge/cache-dir.js';
import { loadReleaseCatalog, loadReleaseData } from '../../knowledge/catalog.js';
import { loadPatchLevels } from '../../knowledge/patch-levels.js';
import { ComposerRepository, credentialsFor } from '../../knowledge/composer-repository.js';
import { kbStatus, type KbStatus } from '../../knowledge/kb-status.js';
import { APSB_PACKAGES } from '../../knowledge/advisory-data.js';
import { PACKAGIST_URL, refreshOnlineAdvisories } from '../../knowledge/packagist-advisories.js';
import { updateReleaseMetadata, type ReleaseUpdateSummary } from '../../knowledge/release-update.js';
import type { Release } from '../../knowledge/types.js';
import { renderTable } from '../../report/format.js';
import { COVERAGE_FAMILIES, type FamilyCoverage } from '../../knowledge/coverage.js';
import type { SetExitCode } from './index.js';

/** Public mirror of the Magento Open Source packages: needs no credentials. */
export const DEFAULT_REPOSITORY = 'https://mirror.mage-os.org/';

/**
 * `mageup kb status`: coverage and freshness of the knowledge base.
 * `mageup kb update`: refresh release metadata from a Composer repository (and advisories with --online) into the
 * user cache directory.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  const kb = program
    .command('kb')
    .description('Inspect and refresh the knowledge base (release catalog, advisories, API index)');

  kb.command('status')
    .description('List every release 2.3.0 … 2.4.9 with its data coverage, and the freshness of each data source')
    .option('--format <format>', 'text or json', 'text')
    .option(
      '--cache-dir <dir>',
      'cache directory of kb update (default: $MAGEUP_CACHE_DIR, else $XDG_CACHE_HOME/mageup or ~/.cache/mageup)',
    )
    .action((opts: { format: string; cacheDir?: string }) => {
      const format = checkFormat(opts.format);
      const status = kbStatus({ cacheDir: opts.cacheDir });
      process.stdout.write(format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : renderStatus(status));
    });

  kb.command('update')
    .description(
      'Refresh release and package metadata from a Composer v2 repository (repo.magento.com or a Mage-OS mirror)',
    )
    .option(
      '--repo <url>',
      `Composer repository (default: ${DEFAULT_REPOSITORY}; use https://repo.magento.com/ with --auth)`,
    )
    .option('--auth <file>', 'Composer auth.json with http-basic credentials for the repository host')
    .option(
      '--cache-dir <dir>',
      'where to write (default: $MAGEUP_CACHE_DIR, else $XDG_CACHE_HOME/mageup or ~/.cache/mageup)',
    )
    .option('--online', 'also refresh security advisories from the Packagist API')
    .option('--packagist <url>', 'Packagist API base URL for --online', PACKAGIST_URL)
    .option('--timeout <seconds>', 'network timeout per request', '30')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (opts: {
        repo?: string;
        auth?: string;
        cacheDir?: string;
        online?: boolean;
        packagist: string;
        timeout: string;
        format: string;
      }) => {
        const format = checkFormat(opts.format);
        const timeoutMs = Number(opts.timeout) * 1000;
        if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
          throw new UsageError(`--timeout: expected seconds, got "${opts.timeout}"`);
        const repoUrl = opts.repo ?? DEFAULT_REPOSITORY;
        try {
          new URL(repoUrl);
        } catch {
          throw new UsageError(`--repo: not a URL: "${repoUrl}"`);
        }
        const cacheDir = userCacheDir(opts.cacheDir);
        const credentials = credentialsFor(repoUrl, opts.auth ?? defaultAuthFile());
        const repository = new ComposerRepository({ url: repoUrl, credentials, timeoutMs });
        const now = new Date();
        const shipped = loadReleaseCatalog({ cacheDir: false }).all();
        let releases;
        try {
          releases = await updateReleaseMetadata({ repository, cacheDir, now, shipped });
        } catch (error) {
          if (!isOffline(error)) throw error;
          process.stderr.write(`mageup kb update: no network: using the knowledge shipped on ${shippedOn()}\n`);
          setExitCode(EXIT.failure);
          return;
        }
        const patches = await newerPatchReleases(now, timeoutMs);

        let advisories: { file: string; packages: number; advisories: number } | undefined;
        if (opts.online) {
          advisories = await refreshOnlineAdvisories({
            packages: advisoryPackages(loadReleaseCatalog({ cacheDir })),
            cacheDir,
            now,
            baseUrl: opts.packagist,
            timeoutMs,
          });
        }
        if (format === 'json') {
          process.stdout.write(
            `${JSON.stringify({ releases, advisories: advisories ?? null, patchLevels: patches }, null, 2)}\n`,
          );
        } else {
          process.stdout.write(renderUpdate(releases, advisories));
          process.stdout.write(`${patches.message}\n`);
        }
      },
    );
}

function checkFormat(format: string): 'text' | 'json' {
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format: expected text or json, got "${format}"`);
  return format;
}

/** Composer's own places for auth.json: the project directory, then COMPOSER_HOME. COMPOSER_AUTH is read later. */
function defaultAuthFile(): string | undefined {
  if (process.env.COMPOSER_AUTH) return undefined;
  const home = process.env.COMPOSER_HOME;
  const candidates = [
    join(process.cwd(), 'auth.json'),
    ...(home ? [join(home, 'auth.json')] : []),
    join(homedir(), '.config', 'composer', 'auth.json'),
    join(homedir(), '.composer', 'auth.json'),
  ];
  return candidates.find((file) => existsSync(file));
}

/** Every package a Magento release installs or constrains (newest release of each line), plus the APSB packages. */
function advisoryPackages(catalog: ReturnType<typeof loadReleaseCatalog>): string[] {
  const names = new Set<string>(APSB_PACKAGES);
  const newestPerMinor = new Map<string, Release>();
  for (const r of catalog.all()) if (r.packagesKnown && r.type !== 'beta') newestPerMinor.set(r.minor, r);
  for (const r of newestPerMinor.values()) {
    for (const name of [...Object.keys(r.packages), ...Object.keys(r.thirdParty)]) {
      if (name.includes('/')) names.add(name);
    }
  }
  return [...names].sort();
}

function renderStatus(s: KbStatus): string {
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
    ...COVERAGE_FAMILIES.map((f) => shortCoverage(r.coverage[f])),
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
    'SUPPORT',
  ];
  out.push(renderTable(header, rows, { rule: false }));
  const lowCount = s.releases.filter((r) => r.requirements.confidence === 'low').length;
  out.push('');
  out.push(
    'API, DB SCHEMA, FILE HASHES, LAYOUT: "indexed" from a real tree of the release; "from X" derived from release X ' +
      '(later changes unknown); "not covered": checks of that family say "could not verify".',
  );
  const complete = s.releases.filter((r) => COVERAGE_FAMILIES.every((f) => r.coverage[f].state === 'indexed'));
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
  const out = [
    `Patch levels (Adobe's isolated security patch files and hotfixes, data as of ${p.asOf})`,
    p.filesSnapshot
      ? `  Patch file contents: read from ${p.filesSnapshot.repo} ${p.filesSnapshot.commit}, a snapshot that ends ` +
        `${p.filesSnapshot.date}; later files are known by their bulletin only (detection by declarations, "could not verify" otherwise).`
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

function renderUpdate(
  r: ReleaseUpdateSummary,
  advisories: { file: string; packages: number; advisories: number } | undefined,
): string {
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
  return `${lines.join('\n')}\n`;
}

/** DNS, refused or unreachable: the machine is offline (or the repository host is unreachable), not a bad answer. */
function isOffline(error: unknown): boolean {
  return /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|ECONNRESET|ETIMEDOUT|getaddrinfo|fetch failed|timeout/i.test(
    String((error as Error)?.message ?? error),
  );
}

/** The date of the shipped knowledge: the release data's and the patch levels'. */
function shippedOn(): string {
  const dates: string[] = [];
  try {
    dates.push(loadReleaseData().generated.slice(0, 10));
  } catch {
    // shipped data unreadable: kb status says why
  }
  try {
    dates.push(`patch levels ${loadPatchLevels().asOf}`);
  } catch {
    // idem
  }
  return dates.join(', ') || 'an unknown date';
}

/**
 * Isolated patch files are not Composer releases of Magento, so the release metadata cannot show them. The public
 * patch metapackage (samjuk/m2-meta-security-patches) publishes a version for each batch of Adobe's patch files:
 * a version newer than the shipped patch levels means patches MageUp does not know yet.
 */
async function newerPatchReleases(
  now: Date,
  timeoutMs: number,
): Promise<{ known: string; newer: string[]; message: string }> {
  const data = loadPatchLevels();
  const known =
    (data.metaPackages['samjuk/m2-meta-security-patches'] ?? [])
      .map((r) => r.version)
      .sort()
      .pop() ?? '';
  try {
    const repo = new ComposerRepository({ url: 'https://repo.packagist.org/', timeoutMs });
    const versions = (await repo.packageVersions('samjuk/m2-meta-security-patches')).map((v) =>
      v.version.replace(/^v/, ''),
    );
    const newer = versions.filter((v) => /^\d{4}\.\d{2}\.\d{2}$/.test(v) && v > known).sort();
    return {
      known,
      newer,
      message: newer.length
        ? `Patch levels: shipped knowledge ends at ${known} (as of ${data.asOf}); newer patch batches published: ${newer.join(', ')} — update mageup for their bulletins and files.`
        : `Patch levels: no patch batch newer than ${known} published (checked ${now.toISOString().slice(0, 10)}).`,
    };
  } catch (error) {
    return {
      known,
      newer: [],
      message: isOffline(error)
        ? `Patch levels: no network: using the patch levels shipped on ${data.asOf}.`
        : `Patch levels: could not check for newer patch batches (${(error as Error).message}).`,
    };
  }
}
