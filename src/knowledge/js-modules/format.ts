// On-disk format of the shipped RequireJS index (`data/js-modules.json.gz`): per release, the module-id aliases that
// core requirejs-config.js files declare (`map['*']` and `paths`, by area) and the jQuery the default page loads
// (core version, jquery-migrate when a core config loads it, and which removed jQuery APIs are still provided), and the
// method names each core module's JS file defines. The module files themselves and their hashes are in the file-hash
// index (lib/web and every module's view/*/web).

/** 2: `methods` added (a file without them is refused, not read as "no methods"). */
export const JS_MODULE_SCHEMA = 2;
export const JS_MODULE_FILE = 'js-modules.json.gz';

/**
 * APIs jQuery removed (1.9: live, die, browser, sub; 3.0: size, andSelf, and the jqXHR callbacks `.success()`,
 * `.error()`, `.complete()` of `$.ajax()`) that custom JS still calls.
 */
export const WATCHED_JQUERY_APIS = [
  'size',
  'andSelf',
  'live',
  'die',
  'browser',
  'sub',
  'jqXHR.success',
  'jqXHR.error',
  'jqXHR.complete',
] as const;
export type JqueryApi = (typeof WATCHED_JQUERY_APIS)[number];

export interface JsModuleIndexFile {
  schema: number;
  /** Newest source commit date: the same snapshots give the same bytes. */
  generatedAt: string;
  source: string;
  /** Releases covered; the ranges below index this list. */
  releases: string[];
  /**
   * `<area> <id>` → [target id, release ranges][]: `map['*']` entries of core configs (area `base`, `frontend`,
   * `adminhtml`, where the config file lives). An empty target means core configs disagree (left unresolved).
   */
  map: Record<string, [string, string][]>;
  /** Same for `paths` (prefix aliases: `jquery-ui-modules` → `jquery/ui-modules`). */
  paths: Record<string, [string, string][]>;
  /** jQuery core version (from lib/web/jquery.js) → release ranges. */
  jquery: [string, string][];
  /** jquery-migrate version a core config loads by default (`deps`) → release ranges; absent releases load none. */
  migrate: [string, string][];
  /** Watched API → release ranges where jQuery core or the default migrate still provides it. */
  provides: Record<string, string>;
  /**
   * `<component> <path>` (`Magento_Checkout view/frontend/web/js/sidebar.js`, `lib mage/menu.js`) → [the names of the
   * functions the file defines as properties, space-separated and sorted, release ranges][]. Files of modules'
   * view/<area>/web and of lib/web/mage; a file that does not parse (or is a bundled library) is absent: unknown.
   */
  methods: Record<string, [string, string][]>;
}
