// What RequireJS ids mean at a release (core map/paths aliases) and which jQuery the default page loads, from the
// shipped index. A release the index does not hold is answered by `undefined`: callers say "could not verify".
import { fileURLToPath } from 'node:url';
import { readChecksummedJson } from '../integrity.js';
import { rangesContain, timelineValueAt } from '../ranges.js';
import {
  JS_MODULE_FILE,
  JS_MODULE_SCHEMA,
  WATCHED_JQUERY_APIS,
  type JqueryApi,
  type JsModuleIndexFile,
} from './format.js';

export * from './format.js';

export const SHIPPED_JS_MODULE_FILE = fileURLToPath(new URL(`../../../data/${JS_MODULE_FILE}`, import.meta.url));

/** RequireJS facts of one release. */
export interface JsRelease {
  /** The indexed release the facts come from. */
  release: string;
  /** The id a core `map['*']` entry turns `id` into, for a config of `area` (area first, then base). */
  mapped(id: string, area: string): string | undefined;
  /** `paths` alias: the longest prefix of `id` (whole segments) a core config renames, applied. */
  pathed(id: string, area: string): string | undefined;
  jquery: string | undefined;
  migrate: string | undefined;
  /** Does the default page (jQuery core + the migrate it loads) still provide this API? */
  provides(api: JqueryApi): boolean;
  /**
   * The functions a core JS file defines as properties (a widget's or component's methods), for a component
   * (`Magento_Checkout`, `lib`) and path inside it; undefined when the index does not hold the file at this release.
   */
  methods(component: string, path: string): Set<string> | undefined;
}

export interface JsModuleIndex {
  releases(): string[];
  release(version: string): JsRelease | undefined;
}

export function loadJsModuleIndex(file: string = SHIPPED_JS_MODULE_FILE): JsModuleIndex {
  return jsModuleIndexFrom(readChecksummedJson(file, JS_MODULE_SCHEMA) as JsModuleIndexFile);
}

export function jsModuleIndexFrom(data: JsModuleIndexFile): JsModuleIndex {
  return {
    releases: () => [...data.releases],
    release(version) {
      const position = data.releases.indexOf(version);
      if (position < 0) return undefined;
      const lookup = (table: Record<string, [string, string][]>, id: string, area: string): string | undefined => {
        for (const a of area === 'base' ? ['base'] : [area, 'base']) {
          const target = timelineValueAt(table[`${a} ${id}`], position);
          if (target !== undefined) return target;
        }
        return undefined;
      };
      return {
        release: version,
        mapped: (id, area) => lookup(data.map, id, area),
        pathed(id, area) {
          const parts = id.split('/');
          for (let n = parts.length; n > 0; n--) {
            const target = lookup(data.paths, parts.slice(0, n).join('/'), area);
            if (target !== undefined) return target === '' ? '' : [target, ...parts.slice(n)].join('/');
          }
          return undefined;
        },
        jquery: timelineValueAt(data.jquery, position),
        migrate: timelineValueAt(data.migrate, position),
        provides: (api) => WATCHED_JQUERY_APIS.includes(api) && rangesContain(data.provides[api] ?? '', position),
        methods(component, path) {
          const names = timelineValueAt(data.methods[`${component} ${path}`], position);
          return names === undefined ? undefined : new Set(names.split(' ').filter(Boolean));
        },
      };
    },
  };
}
