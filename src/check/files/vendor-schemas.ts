// db_schema.xml files of third-party packages in the --baseline-vendor and --target-vendor trees, paired by path, so
// rules can say which tables a package's upgrade adds, changes or removes (upgrade-patch-helper's "DB schema
// added/changed/removed") and which core tables they declare that the target changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../core/problem.js';
import { mergeDeclarations, parseSchemaXml } from '../../knowledge/db-schema/parse-core-schema.js';
import type { CoreTable } from '../../knowledge/db-schema/types.js';
import { listFilesRecursive } from '../../indexer/package-files.js';
import { listDirs } from '../../project/walk.js';

/** One third-party db_schema.xml, as each tree has it (absent: the tree has no such file). */
export interface VendorSchemaFile {
  /** Composer package directory, `vendor/name`. */
  package: string;
  /** Path from the project root as the tree installs it: `vendor/acme/module-x/etc/db_schema.xml`. */
  file: string;
  baseline?: Record<string, CoreTable>;
  target?: Record<string, CoreTable>;
  /** Per table, its declaration's text without XML comments and whitespace (column comments count as changes). */
  baselineText?: Record<string, string>;
  targetText?: Record<string, string>;
}

/** Each `<table>` element's text by name, XML comments and whitespace removed (a table may be declared twice). */
export function tableTexts(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  const bare = xml.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of bare.matchAll(/<table\b([^>]*?)(\/>|>([\s\S]*?)<\/table>)/g)) {
    const name = /\bname="([^"]+)"/.exec(m[1]!)?.[1];
    if (name) out[name] = (out[name] ?? '') + m[0].replace(/\s+/g, '');
  }
  return out;
}

/** Third-party (not magento/*) db_schema.xml files of both trees, paired by path; unreadable files become problems. */
export function vendorSchemaFiles(baselineDir: string, targetDir: string, problems: Problem[]): VendorSchemaFile[] {
  const byFile = new Map<string, VendorSchemaFile>();
  for (const [side, dir] of [
    ['baseline', baselineDir],
    ['target', targetDir],
  ] as const) {
    for (const vendor of listDirs(dir)) {
      if (vendor === 'magento' || vendor === 'composer' || vendor === 'bin') continue;
      for (const name of listDirs(join(dir, vendor))) {
        const pkgDir = join(dir, vendor, name);
        for (const rel of listFilesRecursive(pkgDir)) {
          if (!rel.endsWith('etc/db_schema.xml') || /(^|\/)(Test|tests?|dev)\//.test(rel)) continue;
          const file = `vendor/${vendor}/${name}/${rel}`;
          let tables: Record<string, CoreTable>;
          let text: Record<string, string>;
          try {
            const xml = readFileSync(join(pkgDir, rel), 'utf8');
            text = tableTexts(xml);
            const declared = parseSchemaXml(xml, file);
            tables = Object.fromEntries(mergeDeclarations([{ package: `${vendor}/${name}`, tables: declared }]));
          } catch (error) {
            problems.push({ code: 'xml-invalid', level: 'error', file, message: (error as Error).message });
            continue;
          }
          const entry = byFile.get(file) ?? { package: `${vendor}/${name}`, file };
          entry[side] = tables;
          entry[side === 'baseline' ? 'baselineText' : 'targetText'] = text;
          byFile.set(file, entry);
        }
      }
    }
  }
  return [...byFile.values()].sort((a, b) => a.file.localeCompare(b.file));
}
