// Which data keys core templates read and which view models core layouts pass them, per release, from the shipped
// index. A release the index does not hold is answered by `undefined`; a template it does not list, likewise: callers
// say "could not verify", never "removed".
import { fileURLToPath } from 'node:url';
import { readChecksummedJson } from '../integrity.js';
import { timelineValueAt } from '../ranges.js';
import { LAYOUT_ARGUMENT_FILE, LAYOUT_ARGUMENT_SCHEMA, type LayoutArgumentIndexFile } from './format.js';

export * from './format.js';

export const SHIPPED_LAYOUT_ARGUMENT_FILE = fileURLToPath(
  new URL(`../../../data/${LAYOUT_ARGUMENT_FILE}`, import.meta.url),
);

/** Layout-argument facts of one release; areas are tried as Magento falls back (the layout's area, then base). */
export interface LayoutArgumentRelease {
  /** The indexed release the facts come from. */
  release: string;
  /** Data keys a core template reads, or undefined when the index does not list the template at this release. */
  reads(area: string, module: string, path: string): Set<string> | undefined;
  /** Keys the template reads that core layouts pass as view models (key → class); undefined as for `reads`. */
  required(area: string, module: string, path: string): Map<string, string> | undefined;
  /** Argument names core layouts set on a block name (declared or referenced) in this area or base. */
  provided(area: string, name: string): Set<string>;
}

export interface LayoutArgumentIndex {
  releases(): string[];
  release(version: string): LayoutArgumentRelease | undefined;
}

export function loadLayoutArgumentIndex(file: string = SHIPPED_LAYOUT_ARGUMENT_FILE): LayoutArgumentIndex {
  return layoutArgumentIndexFrom(readChecksummedJson(file, LAYOUT_ARGUMENT_SCHEMA) as LayoutArgumentIndexFile);
}

export function layoutArgumentIndexFrom(data: LayoutArgumentIndexFile): LayoutArgumentIndex {
  return {
    releases: () => [...data.releases],
    release(version) {
      const position = data.releases.indexOf(version);
      if (position < 0) return undefined;
      const at = (timeline: [string, string][] | undefined): string | undefined => timelineValueAt(timeline, position);
      const words = (value: string | undefined) => (value ?? '').split(' ').filter(Boolean);
      /** The template's key in the area Magento finds it: the layout's area first, then base. */
      const templateKey = (area: string, module: string, path: string): string | undefined => {
        for (const a of area === 'base' ? ['base'] : [area, 'base']) {
          const key = `${a} ${module}::${path}`;
          if (at(data.reads[key]) !== undefined) return key;
        }
        return undefined;
      };
      return {
        release: version,
        reads(area, module, path) {
          const key = templateKey(area, module, path);
          return key === undefined ? undefined : new Set(words(at(data.reads[key])));
        },
        required(area, module, path) {
          const key = templateKey(area, module, path);
          if (key === undefined) return undefined;
          return new Map(
            words(at(data.required[key])).map((pair) => {
              const eq = pair.indexOf('=');
              return [pair.slice(0, eq), pair.slice(eq + 1)] as [string, string];
            }),
          );
        },
        provided(area, name) {
          const areas = area === 'base' ? ['base'] : [area, 'base'];
          return new Set(areas.flatMap((a) => words(at(data.provided[`${a} ${name}`]))));
        },
      };
    },
  };
}
