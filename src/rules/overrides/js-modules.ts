// RequireJS module ids → the file that defines them, in a release: core `map`/`paths` aliases first (the JS index),
// then the module's view/<area>/web or lib/web.
import type { JsRelease } from '../../knowledge/js-modules/index.js';
import type { ReleaseFiles } from '../../check/files/release-files.js';

export interface JsFile {
  component: string;
  path: string;
  hash: string;
  /** The id after core aliases, when they renamed it (`jquery-ui-modules/widget` → `jquery/ui-modules/widget`). */
  aliased?: string;
}

/** `text!foo.html` → `foo.html`; `domReady!` → `domReady` (the plugin is the dependency). */
export function moduleOfDependency(id: string): string {
  const bang = id.indexOf('!');
  if (bang < 0) return id;
  const plugin = id.slice(0, bang);
  return plugin === 'text' ? id.slice(bang + 1) : plugin;
}

/** The id RequireJS loads for `id` under the release's core map (whole-segment prefixes) and paths. */
export function applyCoreAliases(id: string, area: string, js: JsRelease): string {
  const parts = id.split('/');
  let mapped = id;
  for (let n = parts.length; n > 0; n--) {
    const target = js.mapped(parts.slice(0, n).join('/'), area);
    if (target !== undefined) {
      mapped = target === '' ? '' : [target, ...parts.slice(n)].join('/');
      break;
    }
  }
  if (mapped === '') return '';
  return js.pathed(mapped, area) ?? mapped;
}

/**
 * `Magento_Checkout/js/view/shipping` → view/<area>/web/js/view/shipping.js; `jquery/x` → lib/web/jquery/x.js.
 * `as`: `path` for the value of a `paths` entry, which RequireJS joins to baseUrl as it is (no map, no paths, no
 * plugin); `mapped` for the value of a `map` entry, which RequireJS does not map again but runs through paths (so only
 * known when the release's alias data is).
 */
export function resolveJsModule(
  id: string,
  area: string,
  files: ReleaseFiles,
  as: 'id' | 'path' | 'mapped' = 'id',
): JsFile | 'unknown' | undefined {
  const original = as === 'path' ? id : moduleOfDependency(id);
  if (as === 'mapped' && !files.js) return 'unknown';
  // An id core configs alias ambiguously, or to a URL, is not a file we can compare.
  const clean =
    as === 'mapped'
      ? (files.js!.pathed(original, area) ?? original)
      : files.js && as === 'id'
        ? applyCoreAliases(original, area, files.js)
        : original;
  if (clean === '' || /^(https?:)?\/\//.test(clean) || clean.startsWith('.')) return 'unknown';
  const aliased = clean !== original ? { aliased: clean } : {};
  const file = /\.(js|html)$/.test(clean) ? clean : `${clean}.js`;
  const slash = file.indexOf('/');
  const head = slash > 0 ? file.slice(0, slash) : '';
  if (/^[A-Z][A-Za-z0-9]*_[A-Za-z0-9]+$/.test(head)) {
    if (!files.hasComponent(head)) return 'unknown';
    const rest = file.slice(slash + 1);
    for (const a of [area, 'base']) {
      const path = `view/${a}/web/${rest}`;
      const hash = files.hash(head, path);
      if (hash) return { component: head, path, hash, ...aliased };
    }
    return undefined;
  }
  if (!files.hasComponent('lib')) return 'unknown';
  const hash = files.hash('lib', file);
  if (hash) return { component: 'lib', path: file, hash, ...aliased };
  return undefined;
}

export function areaOfRequireJsFile(file: string, themeArea?: string): string {
  return /\/view\/(frontend|adminhtml|base)\//.exec(file)?.[1] ?? themeArea ?? 'frontend';
}
