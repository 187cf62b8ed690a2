// Tables a module creates with a legacy setup script (Setup/InstallSchema.php, Setup/UpgradeSchema.php) instead of
// db_schema.xml. PayPal Braintree 4.6.1, which Magento 2.4.7 bundles, still creates braintree_credit_prices and
// braintree_transaction_details this way: tables its code uses, not leftovers. Read as text, never executed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectModel } from '../project/model.js';

const SCRIPTS = ['Setup/InstallSchema.php', 'Setup/UpgradeSchema.php'];
// `->newTable($installer->getTable('name'))` or `->newTable('name')`.
const NEW_TABLE = /->newTable\(\s*(?:\$\w+->getTable\(\s*)?['"]([A-Za-z0-9_]+)['"]/g;

/** The tables the legacy setup scripts in a module directory create, each with its script (table prefix excluded). */
export function tablesCreatedIn(dir: string): { table: string; script: string }[] {
  const out: { table: string; script: string }[] = [];
  for (const script of SCRIPTS) {
    let php: string;
    try {
      php = readFileSync(join(dir, script), 'utf8');
    } catch {
      continue;
    }
    for (const m of php.matchAll(NEW_TABLE)) out.push({ table: m[1]!, script });
  }
  return out;
}

/** Table → `Vendor_Module (Setup/InstallSchema.php)` for the enabled modules of the project. */
export function setupScriptTables(project: Pick<ProjectModel, 'root' | 'modules'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const module of project.modules) {
    if (module.enabled === false) continue;
    for (const { table, script } of tablesCreatedIn(join(project.root, module.path))) {
      if (!out.has(table)) out.set(table, `${module.name} (${script})`);
    }
  }
  return out;
}
