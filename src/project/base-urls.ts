import type { BaseUrlSetting } from './model.js';
import { isPhpArray, phpGet, phpString } from './php-array.js';
import type { PhpValue } from './php-array.js';

/**
 * Storefront base URLs set in config.php / env.php (`system/<scope>/<code>/web/{unsecure,secure}/base_url`), env.php
 * winning as Magento merges it last. URLs set only in the database are not here (`mageup verify` then discovers the
 * store views from the storefront itself).
 */
export function readBaseUrls(config: PhpValue | undefined, env: PhpValue | undefined): BaseUrlSetting[] {
  const found = new Map<string, BaseUrlSetting>();
  for (const source of [config, env]) {
    const system = phpGet(source, 'system');
    if (!isPhpArray(system)) continue;
    const add = (scope: BaseUrlSetting['scope'], code: string, node: PhpValue | undefined): void => {
      const unsecure = phpString(phpGet(node, 'web/unsecure/base_url'));
      const secure = phpString(phpGet(node, 'web/secure/base_url'));
      if (!unsecure && !secure) return;
      const key = `${scope}/${code}`;
      const entry = found.get(key) ?? { scope, code };
      if (unsecure) entry.unsecure = unsecure;
      if (secure) entry.secure = secure;
      found.set(key, entry);
    };
    add('default', '', phpGet(system, 'default'));
    for (const scope of ['websites', 'stores'] as const) {
      const list = phpGet(system, scope);
      if (!isPhpArray(list)) continue;
      for (const [code, node] of Object.entries(list)) add(scope, code, node);
    }
  }
  return [...found.values()];
}
