import { bulletinsMissing, type MagentoReleaseCatalog } from '../knowledge/catalog.js';
import { exploitedBulletins, type ExploitedBulletin } from '../knowledge/exploited-bulletins.js';
import { compareMagentoVersions, isMagentoVersion, minorOf } from '../knowledge/magento-version.js';
import type { PatchLevelsFile } from '../knowledge/patch-levels.js';
import type { BulletinExposure, VersionDisclosure } from './types.js';

/** What the bulletin fingerprint needs from the knowledge base (loaded once by the run, never by the probe). */
export interface BulletinKnowledge {
  catalog: MagentoReleaseCatalog;
  patchLevels: PatchLevelsFile | null;
}

/**
 * The version a store discloses in answers verify already asked for: `/magento_version` (Magento prints the line
 * only, `Magento/2.4 (Community)`), and the product package's version in a served `composer.lock` or `composer.json`
 * (exact), and the web setup tool's landing page when it is served (exact). Bodies are only read when the probe already found the file's own content. Nothing else counts: the static
 * deployment stamp (`/static/version1712345678/`, `deployed_version.txt`) dates a static-content deploy, not the PHP
 * code, and an isolated patch never changes it.
 */
export function versionDisclosure(bodies: {
  magentoVersion?: string;
  composerLock?: string;
  composerJson?: string;
  /** The web setup tool's page, when it answers: its landing prints `<h1>Magento</h1> … <p>Version 2.3.5-p1</p>`. */
  setup?: string;
}): VersionDisclosure | null {
  const product = /"(magento\/product-(?:community|enterprise)-edition)"/;
  if (bodies.composerLock) {
    const m =
      /"name"\s*:\s*"(magento\/product-(?:community|enterprise)-edition|magento\/magento2-base)"\s*,\s*"version"\s*:\s*"v?([^"]+)"/g;
    const found = new Map<string, string>();
    for (const hit of bodies.composerLock.matchAll(m)) found.set(hit[1]!, hit[2]!);
    const name = [...found.keys()].sort(
      (a, b) => Number(b !== 'magento/magento2-base') - Number(a !== 'magento/magento2-base'),
    )[0];
    const version = name ? found.get(name)! : undefined;
    if (name && version && isMagentoVersion(version))
      return {
        version,
        exact: true,
        edition: editionOf(name),
        source: `/composer.lock: ${name}`,
      };
  }
  if (bodies.composerJson) {
    const name = product.exec(bodies.composerJson)?.[1];
    const version = name
      ? new RegExp(`"${name.replace('/', '\\/')}"\\s*:\\s*"v?([^"]+)"`).exec(bodies.composerJson)?.[1]
      : undefined;
    // Only a pinned version says what runs; a constraint (`^2.4`, `~2.4.6`) does not.
    if (name && version && isMagentoVersion(version))
      return { version, exact: true, edition: editionOf(name), source: `/composer.json: requires ${name}` };
  }
  if (bodies.setup) {
    const version = /<h1>\s*Magento\s*<\/h1>[\s\S]{0,200}?<p>\s*Version\s+(\d+\.\d+\.\d+(?:-p\d+)?)\s*<\/p>/.exec(
      bodies.setup,
    )?.[1];
    if (version) return { version, exact: true, edition: null, source: '/setup/ (the web setup tool)' };
  }
  if (bodies.magentoVersion) {
    const m = /^Magento\/(\d+\.\d+(?:\.\d+(?:-p\d+)?)?)\s*\(([^)]+)\)/.exec(bodies.magentoVersion.trim());
    if (m) {
      const exact = isMagentoVersion(m[1]!);
      return { version: m[1]!, exact, edition: m[2]!, source: '/magento_version' };
    }
  }
  return null;
}

function editionOf(pkg: string): string {
  return pkg.includes('enterprise') ? 'Commerce' : 'Community';
}

/**
 * For every bulletin exploited in the wild: is the disclosed version one that lacks the fix (`exposed`), one that has
 * it (`fixed`), or can the version not tell (`unknown`, with why)? A version never shows an isolated patch or hotfix
 * applied by hand, so `exposed` always says "unless…", and a fix that only an isolated patch brings is `unknown` on a
 * release that can carry it.
 */
export function assessBulletins(
  disclosure: VersionDisclosure | null,
  knowledge: BulletinKnowledge,
): BulletinExposure[] {
  return exploitedBulletins(knowledge.patchLevels).map((b) => {
    const base = { bulletin: b.bulletin, name: b.name, cves: b.cves, exploitedSource: b.exploitedSource, url: b.url };
    if (!disclosure) return { ...base, verdict: 'unknown' as const, reason: 'the store discloses no version' };
    const judged =
      b.kind === 'release' ? releaseBulletin(b, disclosure, knowledge) : patchLevel(b, disclosure, knowledge);
    return { ...base, ...judged };
  });
}

type Judged = Pick<BulletinExposure, 'verdict' | 'reason' | 'fixedIn'>;

function says(d: VersionDisclosure): string {
  return `${d.exact ? `Magento ${d.version}` : `"Magento/${d.version}"`} (read from ${d.source})`;
}

function releaseBulletin(b: ExploitedBulletin, d: VersionDisclosure, k: BulletinKnowledge): Judged {
  const record = k.catalog.bulletins().find((r) => r.id === b.bulletin);
  if (!record || record.fixedIn.length === 0)
    return { verdict: 'unknown', reason: `the release catalog lists no release that fixes ${b.bulletin}` };
  if (d.exact) {
    const release = k.catalog.get(d.version);
    if (!release) return { verdict: 'unknown', reason: `${says(d)} is not a release the catalog knows` };
    if (!bulletinsMissing(release, k.catalog).includes(b.bulletin))
      return { verdict: 'fixed', reason: `${says(d)} includes the fix` };
    const fixes = [...record.fixedIn].sort(compareMagentoVersions);
    const fix =
      fixes.find((v) => minorOf(v) === release.minor && compareMagentoVersions(v, release.version) > 0) ??
      fixes.find((v) => compareMagentoVersions(v, release.version) > 0);
    return {
      verdict: 'exposed',
      reason: `${says(d)} lacks the fix${fix ? ` (fixed in ${fix})` : ''}`,
      ...(fix ? { fixedIn: fix } : {}),
    };
  }
  // The line only (`Magento/2.4`): a verdict only when every release of the line agrees.
  const releases = k.catalog.all().filter((r) => r.type !== 'beta' && r.line === d.version);
  if (releases.length === 0) return { verdict: 'unknown', reason: `${says(d)}: no release of that line is known` };
  const lacking = releases.filter((r) => bulletinsMissing(r, k.catalog).includes(b.bulletin));
  if (lacking.length === releases.length)
    return {
      verdict: 'exposed',
      reason: `${says(d)}: no ${d.version} release has the fix (all ${releases.length} known releases of the line lack it)`,
    };
  if (lacking.length === 0) return { verdict: 'fixed', reason: `${says(d)}: every ${d.version} release has the fix` };
  return {
    verdict: 'unknown',
    reason: `${says(d)} names the line only: ${lacking.length} of its ${releases.length} releases lack the fix`,
  };
}

function patchLevel(b: ExploitedBulletin, d: VersionDisclosure, k: BulletinKnowledge): Judged {
  if (!d.exact) return { verdict: 'unknown', reason: `${says(d)} names the line only` };
  const minor = minorOf(d.version);
  const record = (k.patchLevels?.patches ?? []).find((p) => p.level === b.level && p.line === minor);
  if (!record) return { verdict: 'unknown', reason: `${says(d)}: no patch file of ${b.level} is known for ${minor}` };
  if (record.includedIn && compareMagentoVersions(d.version, record.includedIn) >= 0)
    return { verdict: 'fixed', reason: `${says(d)} includes it (since ${record.includedIn})` };
  if (compareMagentoVersions(d.version, record.requires) < 0)
    return {
      verdict: 'exposed',
      reason: `${says(d)} cannot carry its patch file ${record.file}, which applies only on ${record.requires}`,
      fixedIn: `${record.requires} + ${record.file}`,
    };
  return {
    verdict: 'unknown',
    reason: `${says(d)} takes the fix as the patch file ${record.file}: a version cannot show whether it is applied`,
  };
}
