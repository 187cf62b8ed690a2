import type { StoreScopes } from './model.js';
import { isPhpArray, phpGet, phpString } from './php-array.js';
import type { PhpValue } from './php-array.js';

/**
 * Websites, store groups and store views from the `scopes` section that `app:config:dump` writes to config.php.
 * The admin scope (id 0) is left out: every installation has it.
 */
export function readStores(config: PhpValue | undefined): StoreScopes {
  const scopes: StoreScopes = { websites: [], groups: [], stores: [] };
  for (const entry of rows(phpGet(config, 'scopes/websites'))) {
    const id = num(entry.website_id);
    if (!id) continue;
    const w: StoreScopes['websites'][number] = {
      id,
      code: phpString(entry.code) ?? '',
      name: phpString(entry.name) ?? '',
    };
    const group = num(entry.default_group_id);
    if (group !== undefined) w.defaultGroupId = group;
    scopes.websites.push(w);
  }
  for (const entry of rows(phpGet(config, 'scopes/groups'))) {
    const id = num(entry.group_id);
    if (!id) continue;
    const g: StoreScopes['groups'][number] = {
      id,
      websiteId: num(entry.website_id) ?? 0,
      code: phpString(entry.code) ?? '',
      name: phpString(entry.name) ?? '',
    };
    const rootCategory = num(entry.root_category_id);
    if (rootCategory !== undefined) g.rootCategoryId = rootCategory;
    scopes.groups.push(g);
  }
  for (const entry of rows(phpGet(config, 'scopes/stores'))) {
    const id = num(entry.store_id);
    if (!id) continue;
    scopes.stores.push({
      id,
      code: phpString(entry.code) ?? '',
      websiteId: num(entry.website_id) ?? 0,
      groupId: num(entry.group_id) ?? 0,
      name: phpString(entry.name) ?? '',
      active: phpString(entry.is_active) === '1' || entry.is_active === true,
    });
  }
  scopes.websites.sort((a, b) => a.id - b.id);
  scopes.groups.sort((a, b) => a.id - b.id);
  scopes.stores.sort((a, b) => a.id - b.id);
  return scopes;
}

function rows(value: PhpValue | undefined): Record<string, PhpValue>[] {
  if (!isPhpArray(value)) return [];
  return Object.values(value).filter(isPhpArray);
}

function num(value: PhpValue | undefined): number | undefined {
  const text = phpString(value);
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}
