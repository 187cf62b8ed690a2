/**
 * Regenerates mageup's shipped release catalog and advisory snapshot from the reference data in `../shared/data`:
 *
 *   npx tsx scripts/build-knowledge.ts [--source ../shared/data] [--out data]
 *
 * Writes `data/releases.json.gz` and `data/advisories.json.gz`, each with a `.sha256` beside it. Output is
 * deterministic (sorted keys, no build timestamp) so a regeneration without source changes leaves git clean.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeChecksummedJson } from '../src/knowledge/integrity.js';
import { compareMagentoVersions } from '../src/knowledge/magento-version.js';
import {
  RELEASE_DATA_FILE,
  RELEASE_DATA_SCHEMA,
  splitMetapackage,
  type BulletinRecord,
  type ReleaseDataFile,
  type ReleaseRecord,
  type SourceRef,
  type SupportLineRecord,
} from '../src/knowledge/release-data.js';
import {
  ADVISORY_DATA_FILE,
  ADVISORY_DATA_SCHEMA,
  buildApsbAdvisories,
  type AdvisoryDataFile,
  type StoredAdvisory,
} from '../src/knowledge/advisory-data.js';
import type { Confidence, ServiceName } from '../src/knowledge/types.js';

const SERVICES: ServiceName[] = [
  'php',
  'composer',
  'mysql',
  'mariadb',
  'elasticsearch',
  'opensearch',
  'redis',
  'valkey',
  'varnish',
  'rabbitmq',
  'nginx',
  'apache',
];

/* eslint-disable @typescript-eslint/no-explicit-any -- reading loosely-typed reference JSON */

function main(): void {
  const { values } = parseArgs({
    options: { source: { type: 'string', default: '../shared/data' }, out: { type: 'string', default: 'data' } },
  });
  const source = resolve(values.source!);
  const out = resolve(values.out!);
  if (!existsSync(join(source, 'magento-releases.json'))) {
    throw new Error(`${source}: no magento-releases.json here (pass --source <shared data dir>)`);
  }
  mkdirSync(out, { recursive: true });
  const releasesDoc = readJson(join(source, 'magento-releases.json'));
  const sourcesDoc = readJson(join(source, 'SOURCES.json'));

  const releaseData = buildReleaseData(source, releasesDoc, sourcesDoc);
  const r = writeChecksummedJson(join(out, RELEASE_DATA_FILE), releaseData);
  console.log(`${RELEASE_DATA_FILE}: ${releaseData.releases.length} releases, ${r.bytes} bytes, sha256 ${r.sha256}`);

  const advisoryData = buildAdvisoryData(source, releasesDoc, sourcesDoc, releaseData);
  const a = writeChecksummedJson(join(out, ADVISORY_DATA_FILE), advisoryData);
  console.log(
    `${ADVISORY_DATA_FILE}: ${advisoryData.advisories.length} advisories, ${a.bytes} bytes, sha256 ${a.sha256}`,
  );
}

function buildReleaseData(source: string, doc: any, sourcesDoc: any): ReleaseDataFile {
  const lines: Record<string, SupportLineRecord> = {};
  for (const [key, line] of Object.entries<any>(doc.lines)) {
    const support = line.support ?? {};
    lines[key] = compact({
      line: key,
      ga: dateOrNull(support.ga),
      endOfRegularSupport: dateOrNull(support.end_of_regular_support),
      endOfExtendedSupport: dateOrNull(support.end_of_extended_support),
      // Support dates are read from Adobe's own core-releases / lifecycle files; anything else is less sure.
      confidence: (String(line.support_source ?? '').startsWith('adobedocs') ? 'high' : 'medium') as Confidence,
      note: support.note,
    });
  }

  const bulletins: Record<string, BulletinRecord> = {};
  for (const [id, b] of Object.entries<any>(doc.security_bulletins)) {
    bulletins[id] = compact({
      id,
      url: b.url,
      date: dateOrNull(b.date),
      fixedIn: [...(b.fixed_in ?? [])].sort(compareMagentoVersions),
      severity: b.highest_severity ?? null,
      maxCvss: typeof b.max_cvss === 'number' ? b.max_cvss : undefined,
      confidence: b.confidence ?? 'low',
    });
  }

  const composerDir = join(source, 'magento-composer');
  const metapackages = new Map<string, any>();
  for (const version of readdirSync(composerDir)) {
    const file = join(composerDir, version, 'product-community-edition.json');
    if (existsSync(file)) metapackages.set(version, readJson(file));
  }
  // Metapackages the shared data lacks, read from public composer.lock files (scripts/build-lock-metapackages.ts).
  const fromLocks = readJson(resolve(import.meta.dirname, 'data/lock-metapackages.json')).releases as Record<
    string,
    { source: { repo: string; commit: string; path: string }; product: any }
  >;
  const lockNotes = new Map<string, string>();
  for (const [version, entry] of Object.entries(fromLocks)) {
    if (metapackages.has(version)) continue;
    metapackages.set(version, entry.product);
    lockNotes.set(
      version,
      `package set: the magento/product-community-edition ${version} entry of ${entry.source.repo}@${entry.source.commit.slice(0, 9)} ${entry.source.path} (a real install; archive sha1 ${entry.product.dist?.shasum})`,
    );
  }

  // Facts the shared data lacks (pre-release dates, Cloud deadlines), each with its source: scripts/data/.
  const additions = readJson(resolve(import.meta.dirname, 'data/catalog-additions.json'));
  for (const [line, extra] of Object.entries<any>(additions.lines)) {
    if (line.startsWith('$') || !lines[line]) continue;
    lines[line] = compact({
      ...lines[line]!,
      endOfSecurityOnly: extra.endOfSecurityOnly ?? undefined,
      cloudUpgradeEnforcement: extra.cloudUpgradeEnforcement,
      cloudSource: `${additions.lines.$source}: ${additions.sources['adobedocs-end-of-support']}`,
    });
  }

  const releases: ReleaseRecord[] = [];
  for (const r of doc.releases) {
    const meta = metapackages.get(r.version);
    const software: Record<string, string[]> = r.requirements?.software ?? {};
    const requirements: Partial<Record<ServiceName, string[]>> = {};
    const extra: Record<string, string[]> = {};
    for (const [service, versions] of Object.entries(software).sort(([a], [b]) => a.localeCompare(b))) {
      if ((SERVICES as string[]).includes(service)) requirements[service as ServiceName] = versions.map(String);
      else extra[service] = versions.map(String);
    }
    const security = r.security ?? {};
    const apsb = [...(security.apsb ?? []), ...(security.also_includes ?? []).map((x: { apsb: string }) => x.apsb)];
    const packageSet = meta ? splitMetapackage(meta) : undefined;
    const cp = r.composer_packages ?? {};
    const notes: string[] = [...(r.other_notes ?? [])];
    if (lockNotes.has(r.version)) notes.push(lockNotes.get(r.version)!);
    if (r.php_note) notes.push(r.php_note);
    if (r.editions_note) notes.push(r.editions_note);
    releases.push(
      compact({
        version: r.version,
        supportLine: lines[minorOf(r.version)] ? minorOf(r.version) : lineOf(r.version),
        date: dateOrNull(r.release_date),
        type: r.type === 'feature' ? 'feature' : 'security',
        editions: [...r.editions].sort(),
        requirements,
        extraRequirements: Object.keys(extra).length > 0 ? extra : undefined,
        requirementsConfidence: r.requirements?.confidence ?? 'low',
        requirementsExact: r.requirements?.applies_exactly !== false,
        phpConstraint: meta?.require?.php ?? cp.php_constraint ?? null,
        composerConstraint: meta?.require?.['composer/composer'] ?? cp.composer_constraint ?? null,
        apsb: [...new Set(apsb)].sort(),
        apsbConfidence: security.confidence ?? 'low',
        packages: packageSet?.packages,
        thirdParty: packageSet?.thirdParty,
        keyPackages: meta ? undefined : keyPackagesOf(cp),
        notes: notes.length > 0 ? notes : undefined,
      }),
    );
  }

  // Betas are real metapackages but not releases of the catalog source: add them, flagged, never `latest`.
  const known = new Set(releases.map((r) => r.version));
  for (const [version, meta] of metapackages) {
    if (known.has(version) || !/-beta\d*$/i.test(version) || compareMagentoVersions(version, '2.3.0') < 0) continue;
    const packageSet = splitMetapackage(meta);
    releases.push({
      version,
      supportLine: minorOf(version),
      date: null,
      type: 'beta',
      editions: ['magento-open-source'],
      requirements: {},
      requirementsConfidence: 'low',
      requirementsExact: false,
      phpConstraint: meta.require?.php ?? null,
      composerConstraint: meta.require?.['composer/composer'] ?? null,
      apsb: [],
      apsbConfidence: 'low',
      packages: packageSet.packages,
      thirdParty: packageSet.thirdParty,
      notes: ['pre-release (beta): not for production'],
    });
  }
  // Pre-releases Adobe dated (alphas have no metapackage in the shared data: their package set is not covered).
  for (const pre of additions.preReleases as {
    version: string;
    kind: string;
    date: string;
    sources: string[];
    note?: string;
  }[]) {
    const said = pre.sources.map((id) => additions.sources[id] as string).join('; ');
    const existing = releases.find((r) => r.version === pre.version);
    const dateNote = `date ${pre.date}: ${said}`;
    if (existing) {
      existing.date ??= pre.date;
      existing.notes = [...(existing.notes ?? []), dateNote];
      continue;
    }
    releases.push({
      version: pre.version,
      supportLine: minorOf(pre.version),
      date: pre.date,
      type: 'beta',
      editions: ['adobe-commerce', 'magento-open-source'],
      requirements: {},
      requirementsConfidence: 'low',
      requirementsExact: false,
      phpConstraint: null,
      composerConstraint: null,
      apsb: [],
      apsbConfidence: 'low',
      notes: [
        `pre-release (${pre.kind}): not for production; ${additions.sources['adobedocs-beta']}`,
        dateNote,
        ...(pre.note ? [pre.note] : []),
      ],
    });
  }
  for (const [version, source] of Object.entries<string>(additions.noReleaseCandidate)) {
    const release = releases.find((r) => r.version === version);
    if (release)
      release.notes = [...(release.notes ?? []), `no release candidate: ${additions.sources[source] as string}`];
  }
  releases.sort((a, b) => compareMagentoVersions(a.version, b.version));

  // A release's notes can name a bulletin the bulletin's own list omits (e.g. APSB22-12 in 2.4.3-p2): count both.
  for (const r of releases) {
    for (const id of r.apsb) {
      const bulletin = bulletins[id];
      if (bulletin && !bulletin.fixedIn.includes(r.version)) {
        bulletin.fixedIn = [...bulletin.fixedIn, r.version].sort(compareMagentoVersions);
      }
    }
  }

  const mageOs: ReleaseDataFile['mageOs'] = {};
  const mageOsFile = join(source, 'supported-version', 'mage-os', 'individual.json');
  if (existsSync(mageOsFile)) {
    for (const [key, entry] of Object.entries<any>(readJson(mageOsFile))) {
      const version = key.split(':')[1];
      if (version && entry.upstream) mageOs[version] = { upstream: entry.upstream, date: dateOrNull(entry.release) };
    }
  }

  const sources: Record<string, SourceRef> = {};
  for (const [id, s] of Object.entries<any>(sourcesDoc))
    sources[id] = compact({ repo: s.repo, commit: s.commit, path: s.path });
  for (const [id, s] of Object.entries<any>(doc.sources ?? {})) {
    if (s.repo && s.commit) sources[id] = compact({ repo: s.repo, commit: s.commit, path: s.path });
  }
  for (const version of lockNotes.keys()) {
    const s = fromLocks[version]!.source;
    sources[`composer-lock-${version}`] = { repo: s.repo, commit: s.commit, path: s.path };
  }

  return {
    schema: RELEASE_DATA_SCHEMA,
    generated: String(doc.generated),
    sources: sortKeys(sources),
    lines,
    bulletins,
    releases,
    mageOs,
    cloudDependencyDeadlines: {
      source: `${additions.cloudDependencyDeadlines.$source}: ${additions.sources['adobedocs-security-enforcement']}`,
      rows: additions.cloudDependencyDeadlines.rows,
    },
  };
}

function buildAdvisoryData(
  source: string,
  releasesDoc: any,
  sourcesDoc: any,
  releaseData: ReleaseDataFile,
): AdvisoryDataFile {
  const advisories: StoredAdvisory[] = [];
  let newest = '';
  const fop = readJson(join(source, 'advisories', 'friendsofphp.json'));
  for (const a of fop.advisories) {
    // Each branch is one AND-range; the advisory affects the union of its branches.
    const ranges = (a.branches ?? []).map((b: { versions: string[] }) => b.versions.join(','));
    for (const b of a.branches ?? []) if (b.time && b.time > newest) newest = b.time;
    if (ranges.length === 0) continue;
    advisories.push(
      compact({
        id: a.id,
        package: a.package.toLowerCase(),
        title: a.title,
        cve: a.cve ?? undefined,
        link: a.link ?? undefined,
        affected: ranges.join(' || '),
        source: 'friendsofphp' as const,
      }),
    );
  }
  const roave = readJson(join(source, 'advisories', 'roave-conflicts.json'));
  for (const [pkg, conflict] of Object.entries<string>(roave.conflict)) {
    advisories.push({
      id: `roave:${pkg.toLowerCase()}`,
      package: pkg.toLowerCase(),
      title: 'Versions with known vulnerabilities (Roave/SecurityAdvisories conflict list)',
      affected: conflict.split('|').join(' || '),
      source: 'roave',
      link: `https://github.com/Roave/SecurityAdvisories/blob/${roave.commit}/composer.json`,
    });
  }
  advisories.push(...buildApsbAdvisories(releaseData));
  advisories.sort((x, y) => (x.package === y.package ? x.id.localeCompare(y.id) : x.package.localeCompare(y.package)));
  return {
    schema: ADVISORY_DATA_SCHEMA,
    generated: String(releasesDoc.generated),
    newestEntry: newest ? newest.slice(0, 10) : null,
    sources: {
      friendsofphp: { repo: sourcesDoc.friendsofphp?.repo ?? fop.source, commit: fop.commit },
      roave: { repo: sourcesDoc.roave?.repo ?? roave.source, commit: roave.commit },
    },
    advisories,
  };
}

function keyPackagesOf(cp: any): ReleaseRecord['keyPackages'] {
  const versions: Record<string, string> = {};
  for (const [name, v] of Object.entries<unknown>(cp.versions ?? {})) {
    if (name.startsWith('magento/') && typeof v === 'string') versions[name] = v;
  }
  if (Object.keys(versions).length === 0) return undefined;
  return { versions: sortKeys(versions), confidence: cp.confidence ?? 'low', source: String(cp.source ?? 'unknown') };
}

function minorOf(version: string): string {
  return version.replace(/-.*$/, '');
}

function lineOf(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

function dateOrNull(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Drops undefined properties so the output has no `"x": undefined` noise and stays byte-stable. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

main();
