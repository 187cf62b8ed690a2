// The core db_schema.xml of two vendor trees as a DbSchemaIndex, so db-schema/core-table-changed (H8's rule, not
// duplicated here) answers "DB schema target changed" from --baseline-vendor/--target-vendor trees too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDbSchemaIndex, type DbSchemaIndex } from '../knowledge/db-schema/index.js';
import { mergeDeclarations, parseSchemaXml } from '../knowledge/db-schema/parse-core-schema.js';
import type { TableVariant } from '../knowledge/db-schema/types.js';

function coreTables(vendorDir: string) {
  const files: { package: string; tables: ReturnType<typeof parseSchemaXml> }[] = [];
  let packages: string[] = [];
  try {
    packages = readdirSync(join(vendorDir, 'magento')).sort();
  } catch {
    packages = [];
  }
  for (const name of packages) {
    const file = join(vendorDir, 'magento', name, 'etc', 'db_schema.xml');
    let xml: string;
    try {
      xml = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    files.push({ package: `magento/${name}`, tables: parseSchemaXml(xml, file) });
  }
  return mergeDeclarations(files);
}

/** Throws (naming the file) when a core db_schema.xml does not parse. */
export function dbSchemaIndexFromVendorTrees(
  baseline: { dir: string; version: string },
  target: { dir: string; version: string },
): DbSchemaIndex {
  const tables: Record<string, TableVariant[]> = {};
  for (const [index, tree] of [baseline, target].entries()) {
    for (const [name, table] of coreTables(tree.dir)) (tables[name] ??= []).push({ in: String(index), table });
  }
  return createDbSchemaIndex({
    schema: 1,
    source: `vendor trees ${baseline.dir} and ${target.dir}`,
    releases: [baseline.version, target.version],
    tables,
  });
}
