import { homedir } from 'node:os';
import { basename } from 'node:path';

/**
 * What the client formats (HTML, and the PDF printed from it, and Markdown: what is handed to a store owner) must not
 * show: the analyst's local paths (the project root becomes its directory name, other home paths `~`) and the admin
 * URL path of env.php (a custom backend frontName is a security measure). Text and JSON, the analyst's formats, keep
 * everything. Works on a copy: every string of the document is rewritten.
 */
export function forClient<T>(doc: T, root: string, opts: { adminFrontName?: string | undefined } = {}): T {
  const label = basename(root) || 'project';
  const home = homedir();
  const admin = opts.adminFrontName && opts.adminFrontName !== 'admin' ? opts.adminFrontName : undefined;
  const adminPattern = admin ? new RegExp(`(?<![\\w-])${escapeRegExp(admin)}(?![\\w-])`, 'g') : undefined;
  const rewrite = (text: string): string => {
    let out = root.length > 1 ? text.split(`${root}/`).join('').split(root).join(label) : text;
    if (home.length > 1) out = out.split(`${home}/`).join('~/');
    if (adminPattern) out = out.replace(adminPattern, '<admin path>');
    return out;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return rewrite(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object' && !(value instanceof Map) && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return walk(doc) as T;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
