// On-disk format of the shipped layout-argument index (`data/layout-arguments.json.gz`): per release, the data keys
// each core template reads from its block (`$block->getData('k')`, `$block->getK()`), the view models core layouts
// pass to the blocks that render it, and the argument names core layouts set on each block name. No template text is
// stored. Built by scripts/build-layout-argument-index.ts.

export const LAYOUT_ARGUMENT_SCHEMA = 1;
export const LAYOUT_ARGUMENT_FILE = 'layout-arguments.json.gz';

export interface LayoutArgumentIndexFile {
  schema: number;
  /** Newest source commit date: the same snapshots give the same bytes. */
  generatedAt: string;
  source: string;
  /** Releases covered; the ranges below index this list. */
  releases: string[];
  /**
   * `<area> <Module>::<path>` (the area folder the file lives in: frontend, adminhtml, base) → [data keys the template
   * reads, space-separated and sorted, release ranges][]. Every template of every module is listed (an empty string
   * reads nothing), so a template absent at a release is absent from that release, not "reads nothing".
   */
  reads: Record<string, [string, string][]>;
  /**
   * Same key → [`key=Class` pairs, space-separated and sorted, release ranges][]: the keys the template reads that a
   * core module layout passes as an `object` argument (a view model) to a block rendering it. Absent at a release
   * where the template is listed in `reads`: none.
   */
  required: Record<string, [string, string][]>;
  /**
   * `<area> <block name>` (the layout's area folder) → [argument names core module layouts set on that block name,
   * declared or referenced, space-separated and sorted, release ranges][].
   */
  provided: Record<string, [string, string][]>;
}

/** Magento's DataObject::_underscore: `getViewModel()` reads `view_model`, `getAddress2()` reads `address_2`. */
export function underscore(name: string): string {
  return name
    .replace(/([A-Z]|[0-9]+)/g, '_$1')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/**
 * Data keys a template reads from its block: `$block->getData('k')` (exact key) and magic getters `$block->getFooBar()`
 * (key `foo_bar`, as DataObject::__call reads it; getters of the block class itself are among them, harmless: a key
 * only matters when a layout sets it). `$this->` is the same block in a template.
 */
export function templateDataReads(text: string): string[] {
  const keys = new Set<string>();
  const dataCall = /\$(?:block|this)\s*->\s*getData\s*\(\s*(['"])([^'"]+)\1\s*\)/g;
  for (let m = dataCall.exec(text); m; m = dataCall.exec(text)) keys.add(m[2]!);
  const getter = /\$(?:block|this)\s*->\s*get([A-Z0-9]\w*)\s*\(\s*\)/g;
  for (let m = getter.exec(text); m; m = getter.exec(text)) keys.add(underscore(m[1]!));
  return [...keys].sort();
}

/**
 * The module and path a layout `template` attribute names: `Magento_Wishlist::sidebar.phtml`, or a relative path
 * resolved against the block class's module (`Magento\Wishlist\Block\…` → Magento_Wishlist), as Magento does.
 * Undefined when neither gives a module (a relative template on a framework class).
 */
export function templateOf(template: string, blockClass: string): { module: string; path: string } | undefined {
  const sep = template.indexOf('::');
  if (sep > 0) return { module: template.slice(0, sep), path: template.slice(sep + 2) };
  const parts = blockClass.replace(/^\\+/, '').split('\\');
  if (parts.length < 3 || parts[1] === 'Framework') return undefined;
  return { module: `${parts[0]}_${parts[1]}`, path: template };
}
