// On-disk format of the shipped file-hash index (`data/file-hashes/`): for every magento/* package version, the git
// blob sha (shortened) of each file a project can override or extend (templates, layouts, web assets, email templates,
// etc/*.xml, requirejs-config.js), the layout blocks/containers its layouts declare and the preferences its di.xml
// files declare. No file content is stored.
import { parseXml } from '../../project/xml.js';

/** 2: `preferences` added (a data directory without them is refused, not read as "no preferences"). */
export const FILE_HASH_SCHEMA = 2;
/** The manifest: gzipped JSON with `manifest.json.gz.sha256` beside it. */
export const MANIFEST_FILE = 'manifest.json.gz';
/** Hex digits kept of each git blob sha1: 40 bits tell two versions of one file apart with room to spare. */
export const HASH_LENGTH = 10;

export interface FileHashManifest {
  schema: number;
  /** Newest source commit date: the same snapshots give the same bytes. */
  generatedAt: string;
  source: string;
  /** Release → magento/* package versions it installs (from each branch's first install). */
  releases: Record<string, Record<string, string>>;
  /** Package → its data file (relative to the manifest), size and sha256. */
  packages: Record<string, { file: string; bytes: number; sha256: string }>;
}

/**
 * One package's timelines. Version sets are written as index ranges into `versions` (`0-3,5`), so a file that never
 * changes costs one entry however many versions exist.
 */
export interface PackageFileHashes {
  package: string;
  kind: 'module' | 'theme' | 'library';
  /** `Magento_Catalog` for modules, `frontend/Magento/luma` for themes. */
  component?: string;
  versions: string[];
  /**
   * Path inside the package → [hash, version ranges, meaningful hash][]. The meaningful hash (comments, whitespace and
   * blank lines dropped: `meaningfulHash` of check/files/meaningful.ts) is kept for files with more than one variant:
   * equal meaningful hashes mean a change of comments or whitespace only. Absent in data built before it existed.
   */
  files: Record<string, [string, string, string?][]>;
  /** Layout block/container name → [`block`|`container`, version ranges][] */
  layoutNames: Record<string, [string, string][]>;
  /** `<area>:<interface or class>` (area `global` for etc/di.xml) → [preferred type, version ranges][] */
  preferences: Record<string, [string, string][]>;
}

export { encodeRanges, rangesContain } from '../ranges.js';

/** Is this path (inside a package) one the index keeps? Module, theme and lib/web layouts are all covered. */
export function isTrackedFile(path: string): boolean {
  if (/(^|\/)(Test|tests?|dev)\//.test(path)) return false;
  if (/^view\/[^/]+\/templates\/.+\.phtml$/.test(path)) return true;
  if (/^view\/[^/]+\/(layout|page_layout)\/.+\.xml$/.test(path)) return true;
  if (/^view\/[^/]+\/web\/.+\.(js|html|less|css)$/.test(path)) return true;
  if (/^view\/[^/]+\/email\/.+\.html$/.test(path)) return true;
  if (/^view\/[^/]+\/requirejs-config\.js$/.test(path)) return true;
  if (/^etc\/([^/]+\/)?[^/]+\.xml$/.test(path)) return true;
  // Themes: Vendor_Module/{templates,layout,web,email}/…, web/…, etc/view.xml, theme.xml, requirejs-config.js
  if (
    /^[A-Z][A-Za-z0-9]*_[A-Za-z0-9]+\/(templates\/.+\.phtml|layout\/.+\.xml|web\/.+\.(js|html|less|css)|email\/.+\.html|requirejs-config\.js)$/.test(
      path,
    )
  )
    return true;
  if (
    /^(web\/.+\.(js|html|less|css)|etc\/view\.xml|theme\.xml|requirejs-config\.js|Magento_Theme\/page_layout\/.+\.xml)$/.test(
      path,
    )
  )
    return true;
  // magento2-base ships lib/web (jquery, mage/*, knockout…): the targets of requirejs ids without a module prefix.
  if (/^lib\/web\/.+\.(js|html|less|css)$/.test(path)) return true;
  return false;
}

/** Block and container names a layout file declares (not references). */
export function declaredLayoutNames(xml: string): { name: string; kind: 'block' | 'container' }[] {
  const out: { name: string; kind: 'block' | 'container' }[] = [];
  const tag = /<(block|container)\b([^>]*)>?/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const name = /\bname\s*=\s*"([^"]+)"/.exec(m[2]!)?.[1];
    if (name) out.push({ name, kind: m[1] as 'block' | 'container' });
  }
  return out;
}

/**
 * The area of a di.xml path inside a package: `etc/di.xml` → global, `etc/frontend/di.xml` → frontend; magento2-base's
 * `app/etc/di.xml` (the framework's preferences) is global too.
 */
export function diArea(path: string): string | undefined {
  if (path === 'app/etc/di.xml') return 'global';
  const m = /^etc\/(?:([^/]+)\/)?di\.xml$/.exec(path);
  return m ? (m[1] ?? 'global') : undefined;
}

/**
 * The `<preference for type>` pairs a di.xml declares (class names without a leading backslash, as Magento reads
 * them). Parsed as XML, so commented-out preferences are not counted; a file that does not parse gives none.
 */
export function declaredPreferences(xml: string): { for: string; type: string }[] {
  const parsed = parseXml(xml);
  if (!parsed.ok) return [];
  const name = (v: string | undefined) => (v ?? '').trim().replace(/^\\+/, '');
  return parsed.root.children
    .filter((el) => el.name === 'preference' && name(el.attrs.for) && name(el.attrs.type))
    .map((el) => ({ for: name(el.attrs.for), type: name(el.attrs.type) }));
}
