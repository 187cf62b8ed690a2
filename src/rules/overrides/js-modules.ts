// RequireJS module ids → the file that defines them, in a release.
import type { ReleaseFiles } from '../../overrides/release-files.js';

export interface JsFile {
  component: string;
  path: string;
  hash: string;
}

/** `Magento_Checkout/js/view/shipping` → view/<area>/web/js/view/shipping.js; `jquery/x` → lib/web/jquery/x.js. */
export function resolveJsModule(id: string, area: string, files: ReleaseFiles): JsFile | 'unknown' | undefined {
  const clean = id.replace(/^text!/, '');
  if (/^(https?:)?\/\//.test(clean) || clean.startsWith('.')) return 'unknown';
  const file = /\.(js|html)$/.test(clean) ? clean : `${clean}.js`;
  const slash = file.indexOf('/');
  const head = slash > 0 ? file.slice(0, slash) : '';
  if (/^[A-Z][A-Za-z0-9]*_[A-Za-z0-9]+$/.test(head)) {
    if (!files.hasComponent(head)) return 'unknown';
    const rest = file.slice(slash + 1);
    for (const a of [area, 'base']) {
      const path = `view/${a}/web/${rest}`;
      const hash = files.hash(head, path);
      if (hash) return { component: head, path, hash };
    }
    return undefined;
  }
  if (!files.hasComponent('lib')) return 'unknown';
  const hash = files.hash('lib', file);
  if (hash) return { component: 'lib', path: file, hash };
  // lib/web ids are also aliased through `paths` in core requirejs-config files: only a known top folder counts.
  return undefined;
}

export function areaOfRequireJsFile(file: string, themeArea?: string): string {
  return /\/view\/(frontend|adminhtml|base)\//.exec(file)?.[1] ?? themeArea ?? 'frontend';
}
