// The core db_schema.xml of two vendor trees as a DbSchemaIndex, so db-schema/core-table-changed (H8's rule, not
// duplicated here) answers "DB schema target changed" from --baseline-vendor/--target-vendor trees too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDbSchemaIndex, type DbSchemaIndex } from '../../knowledge/db-schema/index.js';
import { mergeDeclarations, parseSchemaXml } from '../../knowledge/db-schema/parse-core-schema.js';
import type { TableVariant } from '../../knowledge/db-schema/types.js';
import type { Problem } from '../../core/problem.js';
import { vendorSchemaFiles, type VendorSchemaFile } from './vendor-schemas.js';

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

/**
 * RuleContext.dbSchema: the two trees' core schema and their third-party db_schema.xml files. A core file that does
 * not parse becomes a problem and the db-schema rules fall back to the shipped core schema.
 */
export function vendorSchemaContext(
  baseline: { dir: string; version: string },
  target: { dir: string; version: string },
  problems: Problem[],
): { core: DbSchemaIndex; vendorFiles: VendorSchemaFile[] } | undefined {
  let core: DbSchemaIndex;
  try {
    core = dbSchemaIndexFromVendorTrees(baseline, target);
  } catch (error) {
    problems.push({ code: 'xml-invalid', level: 'error', message: (error as Error).message });
    return undefined;
  }
  return { core, vendorFiles: vendorSchemaFiles(baseline.dir, target.dir, problems) };
}
