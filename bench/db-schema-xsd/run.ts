/**
 * Agreement of db-schema/xsd-invalid's validator with libxml2 (what Magento runs in developer mode) on real
 * db_schema.xml files. For one release, the XSD files are read from the fetched magento2-code-tracker snapshot and
 * flattened with the same code the shipped data is built with (declarationRulesFrom); every db_schema.xml found under
 * the given directories (deduplicated by content) is validated twice, per file: by PHP's DOMDocument::schemaValidate
 * against the release's schema.xsd (urn: includes rewritten to a temporary copy; only the XML and XSD are read, no
 * project PHP runs), and by xsdViolations() over the project reader's model of the file. Compared: files judged valid or
 * invalid, and the lines each flags.
 * Fetches nothing; without the snapshot or php it says so and exits 0.
 * Usage: node --import tsx bench/db-schema-xsd/run.ts [--release 2.4.8-p1] [--verbose] [dir…]  (default /work/trees)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  DB_SCHEMA_BUILDER,
  declarationRulesFrom,
  xsdViolations,
  XSD_DIR,
} from '../../src/knowledge/db-schema/declaration.js';
import type { DeclarationElement } from '../../src/knowledge/db-schema/declaration.js';
import { readDbSchemaXml } from '../../src/project/customizations/db-schema.js';
import type { DbTable } from '../../src/project/model.js';
import { parseXml } from '../../src/project/xml.js';

const args = process.argv.slice(2);
const release =
  args[args.indexOf('--release') + 1] && args.includes('--release') ? args[args.indexOf('--release') + 1]! : '2.4.8-p1';
const verbose = args.includes('--verbose');
const dirs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--release');
if (!dirs.length) dirs.push('/work/trees');
const tracker = process.env.MAGEUP_TRACKER ?? '/work/.mirror/controlaltdelete-nl+magento2-code-tracker/repo';
if (!existsSync(tracker)) {
  console.log(`absent: ${tracker} (fetch github:controlaltdelete-nl/magento2-code-tracker): nothing measured`);
  process.exit(0);
}
if (spawnSync('php', ['-v']).status !== 0) {
  console.log('php is not installed: nothing measured');
  process.exit(0);
}
const git = (...a: string[]): string =>
  execFileSync('git', ['-C', tracker, ...a], { maxBuffer: 1 << 28 }).toString('utf8');
const rev = `magento-${release}`;
const xsdPaths = git('ls-tree', '-r', '--name-only', rev, '--', XSD_DIR)
  .split('\n')
  .filter((p) => p.endsWith('.xsd'));
const xsdTexts = Object.fromEntries(xsdPaths.map((p) => [p.slice(XSD_DIR.length), git('show', `${rev}:${p}`)]));
const rules = declarationRulesFrom(
  xsdTexts,
  git('show', `${rev}:app/etc/di.xml`),
  git('show', `${rev}:${DB_SCHEMA_BUILDER}`),
);

const tmp = mkdtempSync(join(tmpdir(), 'mageup-xsd-'));
for (const [rel, text] of Object.entries(xsdTexts)) {
  mkdirSync(dirname(join(tmp, rel)), { recursive: true });
  writeFileSync(join(tmp, rel), text.replaceAll('urn:magento:framework:Setup/Declaration/Schema/etc/', `${tmp}/`));
}

// Every db_schema.xml under the directories, one per distinct content.
const files = new Map<string, string>();
const walk = (dir: string): void => {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory() && !e.isSymbolicLink()) walk(path);
    else if (e.isFile() && e.name === 'db_schema.xml') {
      const hash = createHash('sha1').update(readFileSync(path)).digest('hex');
      if (!files.has(hash)) files.set(hash, path);
    }
  }
};
for (const dir of dirs) walk(dir);
const paths = [...files.values()].sort();

const php = `
$schema = $argv[1];
$out = [];
foreach (explode("\\n", trim(stream_get_contents(STDIN))) as $file) {
  libxml_use_internal_errors(true); libxml_clear_errors();
  $d = new DOMDocument();
  if (!@$d->load($file)) { $out[$file] = ['parse' => true, 'errors' => []]; continue; }
  libxml_clear_errors();
  $d->schemaValidate($schema);
  $errors = [];
  foreach (libxml_get_errors() as $e) $errors[] = [$e->line, trim($e->message)];
  $out[$file] = ['parse' => false, 'errors' => $errors];
}
echo json_encode($out);`;
const result = spawnSync('php', ['-r', php, join(tmp, 'schema.xsd')], { input: paths.join('\n'), maxBuffer: 1 << 28 });
rmSync(tmp, { recursive: true, force: true });
const libxml = JSON.parse(result.stdout.toString('utf8')) as Record<
  string,
  { parse: boolean; errors: [number, string][] }
>;

let compared = 0;
let bothValid = 0;
let bothInvalid = 0;
let onlyLibxml = 0;
let onlyOurs = 0;
let sameLines = 0;
const disagreements: string[] = [];
for (const path of paths) {
  const theirs = libxml[path];
  const parsed = parseXml(readFileSync(path, 'utf8'));
  if (!theirs || theirs.parse || !parsed.ok) continue;
  compared++;
  const tables: DbTable[] = [];
  readDbSchemaXml(parsed.root, path, tables);
  const ours = new Set<number>();
  const check = (
    element: DeclarationElement,
    line: number,
    attributes: Record<string, string> | undefined,
    children: { name: string; line: number }[],
  ): void => {
    for (const v of xsdViolations(rules, element, attributes ?? {}, children))
      ours.add(v.kind === 'child-not-allowed' ? v.line : line);
  };
  for (const t of tables) {
    check('table', t.line, t.attributes, t.otherChildren ?? []);
    for (const c of t.columns) check('column', c.line, c.attributes, []);
    for (const i of t.indexes) check('index', i.line, i.attributes, i.children ?? []);
    for (const c of t.constraints) check('constraint', c.line, c.attributes, c.children ?? []);
  }
  const theirLines = new Set(theirs.errors.map(([line]) => line));
  if (!theirLines.size && !ours.size) bothValid++;
  else if (theirLines.size && ours.size) bothInvalid++;
  else if (theirLines.size) onlyLibxml++;
  else onlyOurs++;
  const same = theirLines.size === ours.size && [...ours].every((l) => theirLines.has(l));
  if (same) sameLines++;
  else
    disagreements.push(
      `${path}\n    libxml: ${theirs.errors.map(([l, m]) => `${l}: ${m}`).join('\n            ') || '(valid)'}\n    mageup lines: ${[...ours].sort((a, b) => a - b).join(', ') || '(valid)'}`,
    );
}
console.log(
  `${release} XSD: ${paths.length} distinct db_schema.xml files, ${compared} compared; valid by both ${bothValid}, invalid by both ${bothInvalid}, ` +
    `invalid only for libxml ${onlyLibxml}, only for mageup ${onlyOurs}; same lines flagged in ${sameLines} of ${compared} files`,
);
if (verbose || disagreements.length <= 10) for (const d of disagreements) console.log(`  ${d}`);
else console.log(`  ${disagreements.length} files disagree (--verbose lists them)`);
