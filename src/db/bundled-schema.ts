// The db_schema.xml of the packages Magento itself bundles (ownership `bundled`: PayPal Braintree through
// adobe-commerce/os-extensions-metapackage), read from the project's vendor/. The core schema index covers magento/*
// only, so without these a bundled module's own tables and columns (sales_order.dispute_status, braintree_*) looked
// unexplained. This is Magento's code as installed, read as XML, never executed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeDeclarations, parseSchemaXml } from '../knowledge/db-schema/parse-core-schema.js';
import type { CoreTable } from '../knowledge/db-schema/types.js';
import type { ProjectModel } from '../project/model.js';
import { tablesCreatedIn } from './setup-script-tables.js';

export interface BundledSchema {
  /** Table → its merged declaration; `packages` names the bundled packages that declare it. */
  tables: Map<string, CoreTable>;
  /** `paypal/module-braintree-core 4.6.1`: the bundled packages whose db_schema.xml was read. */
  read: string[];
  /**
   * Table → `paypal/module-braintree-core's Setup/InstallSchema.php`: tables a bundled package creates with a legacy
   * setup script instead of db_schema.xml (Braintree 4.6.1's braintree_* tables).
   */
  scriptTables: Map<string, string>;
  /** Bundled packages whose db_schema.xml exists but does not parse (named, never guessed around). */
  unreadable: { package: string; error: string }[];
}

/** The bundled packages' db_schema.xml of an installed project (packages not in vendor/ are skipped). */
export function bundledSchemaOf(project: Pick<ProjectModel, 'root' | 'packages'>): BundledSchema {
  const files: { package: string; tables: ReturnType<typeof parseSchemaXml> }[] = [];
  const read: string[] = [];
  const unreadable: BundledSchema['unreadable'] = [];
  const scriptTables = new Map<string, string>();
  const bundled = project.packages
    .filter((p) => p.ownership === 'bundled' && p.type === 'magento2-module')
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const pkg of bundled) {
    const dir = join(project.root, pkg.path ?? join('vendor', pkg.name));
    for (const { table, script } of tablesCreatedIn(dir)) {
      if (!scriptTables.has(table)) scriptTables.set(table, `${pkg.name}'s ${script}`);
    }
    const file = join(dir, 'etc', 'db_schema.xml');
    let xml: string;
    try {
      xml = readFileSync(file, 'utf8');
    } catch {
      continue; // no declarative schema (InstallSchema-era release) or not installed
    }
    try {
      files.push({ package: pkg.name, tables: parseSchemaXml(xml, file) });
      read.push(`${pkg.name} ${pkg.version}`);
    } catch (error) {
      unreadable.push({ package: pkg.name, error: (error as Error).message });
    }
  }
  return { tables: mergeDeclarations(files), scriptTables, read, unreadable };
}
