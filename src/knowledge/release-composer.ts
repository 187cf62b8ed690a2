// What each Magento release asks of Composer beyond its magento/* package versions: the third-party requirements of
// its product metapackage and of magento/magento2-base, and its project template (magento/project-community-edition:
// the root composer.json a fresh install of that release starts from). Shipped in data/composer/releases.json.gz,
// built by scripts/build-composer-data.ts from the real metapackages in ../shared/data/magento-composer.
import { join } from 'node:path';
import { readChecksummedJson } from './integrity.js';
import { defaultDataDir } from './catalog.js';
import { nearestOfLine } from './coverage.js';

export const RELEASE_COMPOSER_SCHEMA = 1;
export const RELEASE_COMPOSER_FILE = 'composer/releases.json.gz';

/** The root composer.json of a release's project template, as far as an upgrade cares. */
export interface ProjectTemplate {
  require: Record<string, string>;
  requireDev: Record<string, string>;
  conflict: Record<string, string>;
  minimumStability: string | null;
  preferStable: boolean | null;
  allowPlugins: Record<string, boolean>;
}

export interface ReleaseComposerRecord {
  version: string;
  /** Non-magento requirements of magento/product-community-edition (php, ext-*, libraries). */
  product: Record<string, string>;
  /** Non-magento requirements of magento/magento2-base. */
  base: Record<string, string>;
  template: ProjectTemplate | null;
}

export interface ReleaseComposerFile {
  schema: typeof RELEASE_COMPOSER_SCHEMA;
  source: string;
  releases: ReleaseComposerRecord[];
}

/** One requirement of the target's closure on a library, and which package of the release states it. */
export interface ClosureRequirement {
  name: string;
  constraint: string;
  /** `magento/product-community-edition 2.4.8-p3`, `magento/project-community-edition 2.4.8-p3`. */
  by: string;
}

let loaded: Map<string, ReleaseComposerRecord> | undefined;

/** The shipped record of a release, or undefined when the data has no metapackage for it. */
export function releaseComposer(version: string, dataDir?: string): ReleaseComposerRecord | undefined {
  if (dataDir) return indexRecords(readRecords(dataDir)).get(version);
  loaded ??= indexRecords(readRecords(defaultDataDir()));
  return loaded.get(version);
}

/**
 * The shipped record that stands in for a release without one (`2.4.6-p14` for `2.4.6-p15`): the nearest of its own
 * line, by the rule every other family uses (src/knowledge/coverage.ts nearestOfLine). Undefined when the release
 * has its own record or its line has none.
 */
export function nearestReleaseComposer(version: string, dataDir?: string): ReleaseComposerRecord | undefined {
  const records = dataDir
    ? indexRecords(readRecords(dataDir))
    : (loaded ??= indexRecords(readRecords(defaultDataDir())));
  if (records.has(version)) return undefined;
  const from = nearestOfLine(version, [...records.keys()]);
  return from ? records.get(from) : undefined;
}

/**
 * For a release whose record has no project template (its metapackage came from a real composer.lock, which carries
 * none): the record of its line's nearest release that has one. Undefined when the release has its own template, no
 * record, or its line has no template.
 */
export function nearestTemplateRecord(version: string, dataDir?: string): ReleaseComposerRecord | undefined {
  const records = dataDir
    ? indexRecords(readRecords(dataDir))
    : (loaded ??= indexRecords(readRecords(defaultDataDir())));
  if (records.get(version)?.template !== null) return undefined;
  const withTemplate = [...records.values()].filter((r) => r.template).map((r) => r.version);
  const from = nearestOfLine(version, withTemplate);
  return from ? records.get(from) : undefined;
}

function readRecords(dataDir: string): ReleaseComposerRecord[] {
  const doc = readChecksummedJson(join(dataDir, RELEASE_COMPOSER_FILE), RELEASE_COMPOSER_SCHEMA) as ReleaseComposerFile;
  return doc.releases;
}

function indexRecords(records: ReleaseComposerRecord[]): Map<string, ReleaseComposerRecord> {
  return new Map(records.map((r) => [r.version, r]));
}

/**
 * Every constraint the release itself puts on a non-magento package (libraries, ext-*, php): its product metapackage,
 * magento2-base and its project template's require. The template's require-dev is left out: it is what a fresh
 * install's root asks for, not what the release's code needs, so a root require-dev pin is judged against what the
 * release installs (composer/root-template), not against the template's own choice of tooling. The first statement
 * of a name wins for the display, all are kept.
 */
export function closureRequirements(record: ReleaseComposerRecord): Map<string, ClosureRequirement[]> {
  const out = new Map<string, ClosureRequirement[]>();
  const add = (reqs: Record<string, string>, by: string) => {
    for (const [name, constraint] of Object.entries(reqs)) {
      const key = name.toLowerCase();
      if (key.startsWith('magento/') && by.includes('product-community-edition')) continue;
      const list = out.get(key) ?? [];
      list.push({ name: key, constraint, by });
      out.set(key, list);
    }
  };
  add(record.product, `magento/product-community-edition ${record.version}`);
  add(record.base, `magento/magento2-base ${record.version}`);
  if (record.template) add(record.template.require, `magento/project-community-edition ${record.version}`);
  return out;
}
