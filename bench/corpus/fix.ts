/**
 * `mageup fix` on the real-world corpus (issue 18, "Prove it on reality"): for every case of bench/corpus/cases.json,
 * fix runs on the broken version (extension mode, the case's --from/--to/--php; a dry run: nothing is written into the
 * tree) and is scored:
 *   - fixable: findings of a rule with a fixer (the mechanical ones); fixed: those the patch changes; cleared: those
 *     the re-check (the same check on the fixed texts) no longer reports;
 *   - files changed, files that no longer parse (tree-sitter, and `php -l` when PHP is installed, run here again on
 *     the patched copy), and whether `git apply --check` takes the patch in a copy of the tree;
 *   - edits outside the finding's lines (its line; for dynamic-property, whose fix declares the property in the class,
 *     the class's lines; for implicit-nullable, whose finding points at the function name,
 *     the signature up to its closing parenthesis, where the parameter may sit on a later line (signature-mismatch:
 *     up to its return type, and the lines of the method's body where its LogRecord fix reads `$this->level` as
 *     `->value`); for php-api/deprecated,
 *     which reports the first use of a symbol per file, the lines of the other uses of that symbol; for
 *     legacy-action-controller, the `use` line after which it imports the interface it adds);
 *   - against the maintainers' fix commit (the case's fixed tree): of the lines the patch changes, how many the
 *     maintainers changed too, and how many end up with the very same text (a declared property: whether their
 *     version declares it, and with the very same line).
 * Fetches nothing: trees come from /work/trees/corpus/<case>/{broken,fixed} (bench/corpus/extract.sh); a case whose
 * trees are absent is listed as absent.
 * Usage: node --import tsx bench/corpus/fix.ts [--case <id>…] [--no-write]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { structuredPatch } from 'diff';
import { runFix, type FixResult } from '../../src/fix/run-fix.js';
import { fixedClock } from '../../src/knowledge/clock.js';
import { sharedPhpParser } from '../../src/php/parser.js';
import { nodesOnLine, syntaxErrorCount } from '../../src/fix/locate.js';
import type { Node } from 'web-tree-sitter';

interface CorpusCase {
  id: string;
  kind: string;
  repo: string;
  dir?: string;
  from: string;
  to: string;
  php: string;
}

interface CaseFix {
  id: string;
  kind: string;
  status: 'scored' | 'absent' | 'failed';
  error?: string;
  fixable?: number;
  fixed?: number;
  cleared?: number;
  declined?: Record<string, number>;
  byRule?: Record<string, { fixable: number; cleared: number }>;
  filesChanged?: number;
  notParsing?: number;
  gitApply?: 'ok' | string;
  introduced?: number;
  editedLines?: number;
  offFindingLine?: number;
  maintainersTouched?: number;
  maintainersSame?: number;
  /** Edited lines per rule: all, outside the finding's lines, also changed by the maintainers, with the same text. */
  edits?: Record<string, EditScore>;
  ms?: number;
}

interface EditScore {
  lines: number;
  outside: number;
  maintainersTouched: number;
  maintainersSame: number;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
const TREES = process.env.MAGEUP_CORPUS_TREES ?? '/work/trees/corpus';
const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (args[i - 1] === '--case' ? [a] : []));
const write = !args.includes('--no-write');
const clock = fixedClock('2026-11-23T00:00:00Z');
const { cases } = JSON.parse(readFileSync(join(HERE, 'cases.json'), 'utf8')) as { cases: CorpusCase[] };
const parser = await sharedPhpParser();
const php = spawnSync('php', ['-v']).status === 0;

const results: CaseFix[] = [];
for (const c of cases) {
  if (only.length > 0 && !only.includes(c.id)) continue;
  const broken = join(TREES, c.id, 'broken', c.dir ?? '');
  const fixedTree = join(TREES, c.id, 'fixed', c.dir ?? '');
  if (!existsSync(broken) || !existsSync(fixedTree)) {
    console.log(`${c.id}: absent: run the fetch step (bash bench/corpus/extract.sh ${c.id})`);
    results.push({ id: c.id, kind: c.kind, status: 'absent' });
    continue;
  }
  try {
    const started = performance.now();
    const result = await runFix({
      path: broken,
      from: c.from,
      to: c.to,
      php: c.php,
      clock,
      workers: 1,
      cacheDir: false,
    });
    const scored = score(c, result, broken, fixedTree);
    scored.ms = Math.round(performance.now() - started);
    results.push(scored);
    console.log(
      `${c.id}: ${scored.cleared}/${scored.fixable} cleared, ${scored.filesChanged} files, not parsing ${scored.notParsing}, ` +
        `git apply ${scored.gitApply}, off-line edits ${scored.offFindingLine}/${scored.editedLines}, ` +
        `maintainers touched ${scored.maintainersTouched}/${scored.editedLines} (same text ${scored.maintainersSame}) [${scored.ms} ms]`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`${c.id}: FAILED: ${message}`);
    results.push({ id: c.id, kind: c.kind, status: 'failed', error: message });
  }
}

const scored = results.filter((r) => r.status === 'scored');
const sum = (k: keyof CaseFix): number => scored.reduce((n, r) => n + ((r[k] as number | undefined) ?? 0), 0);
const byRule: Record<string, { fixable: number; cleared: number }> = {};
const declined: Record<string, number> = {};
const edits: Record<string, EditScore> = {};
for (const r of scored) {
  for (const [rule, e] of Object.entries(r.edits ?? {})) {
    const t = (edits[rule] ??= { lines: 0, outside: 0, maintainersTouched: 0, maintainersSame: 0 });
    t.lines += e.lines;
    t.outside += e.outside;
    t.maintainersTouched += e.maintainersTouched;
    t.maintainersSame += e.maintainersSame;
  }
  for (const [rule, v] of Object.entries(r.byRule ?? {})) {
    byRule[rule] ??= { fixable: 0, cleared: 0 };
    byRule[rule].fixable += v.fixable;
    byRule[rule].cleared += v.cleared;
  }
  for (const [reason, n] of Object.entries(r.declined ?? {})) declined[reason] = (declined[reason] ?? 0) + n;
}
const totals = {
  cases: results.length,
  scored: scored.length,
  absent: results.filter((r) => r.status === 'absent').length,
  failed: results.filter((r) => r.status === 'failed').length,
  casesWithFixable: scored.filter((r) => (r.fixable ?? 0) > 0).length,
  fixable: sum('fixable'),
  fixed: sum('fixed'),
  cleared: sum('cleared'),
  clearedPercent: percent(sum('cleared'), sum('fixable')),
  filesChanged: sum('filesChanged'),
  notParsing: sum('notParsing'),
  gitApplyFailed: scored.filter((r) => r.gitApply !== 'ok' && r.gitApply !== 'no patch').length,
  introduced: sum('introduced'),
  editedLines: sum('editedLines'),
  offFindingLine: sum('offFindingLine'),
  maintainersTouched: sum('maintainersTouched'),
  maintainersSame: sum('maintainersSame'),
  byRule,
  edits,
  declined,
};
console.log(`\n${JSON.stringify(totals, null, 2)}`);
if (write && only.length === 0 && scored.length > 0) {
  writeFileSync(
    join(HERE, 'fix-results.json'),
    `${JSON.stringify({ date: clock.now().toISOString().slice(0, 10), totals, results }, null, 2)}\n`,
  );
  console.log('wrote bench/corpus/fix-results.json');
} else if (write && scored.length === 0) console.log('nothing scored: fix-results.json left as it is');

function score(c: CorpusCase, result: FixResult, broken: string, fixedTree: string): CaseFix {
  const byRuleHere: Record<string, { fixable: number; cleared: number }> = {};
  for (const f of result.fixed) {
    byRuleHere[f.ruleId] ??= { fixable: 0, cleared: 0 };
    byRuleHere[f.ruleId]!.fixable++;
    if (f.cleared) byRuleHere[f.ruleId]!.cleared++;
  }
  const declinedHere: Record<string, number> = {};
  for (const d of result.declined) {
    byRuleHere[d.ruleId] ??= { fixable: 0, cleared: 0 };
    byRuleHere[d.ruleId]!.fixable++;
    const reason = `${d.ruleId}: ${d.reason.replace(/\$\w+|\w+\(\)|`[^`]*`|\d+(:\d+)?/g, '…')}`;
    declinedHere[reason] = (declinedHere[reason] ?? 0) + 1;
  }

  // Apply the patch in a copy of the broken tree, then parse and lint every changed file there.
  let gitApply = 'no patch';
  let notParsing = 0;
  const patched = new Map<string, string>();
  if (result.patch) {
    const copy = mkdtempSync(join(tmpdir(), 'mageup-fix-corpus-'));
    try {
      cpSync(broken, copy, { recursive: true });
      execFileSync('git', ['init', '-q'], { cwd: copy });
      const patchFile = `${copy}.patch`;
      writeFileSync(patchFile, result.patch);
      const check = spawnSync('git', ['apply', '--check', patchFile], { cwd: copy, encoding: 'utf8' });
      gitApply = check.status === 0 ? 'ok' : `failed: ${check.stderr.trim().split('\n')[0]}`;
      if (check.status === 0) execFileSync('git', ['apply', patchFile], { cwd: copy });
      rmSync(patchFile, { force: true });
      for (const file of result.files) {
        const text = readFileSync(join(copy, file.file), 'utf8');
        patched.set(file.file, text);
        const before = parser.parse(readFileSync(join(broken, file.file), 'utf8'));
        const after = parser.parse(text);
        const worse = syntaxErrorCount(after.rootNode) > syntaxErrorCount(before.rootNode);
        before.delete();
        after.delete();
        const lint = php ? spawnSync('php', ['-n', '-l', join(copy, file.file)], { encoding: 'utf8' }).status : 0;
        if (worse || lint !== 0) notParsing++;
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }

  // Our edited lines against the maintainers' fix of the same file.
  let editedLines = 0;
  let offFindingLine = 0;
  let maintainersTouched = 0;
  let maintainersSame = 0;
  const edits: Record<string, EditScore> = {};
  const byFile = new Map<string, typeof result.fixed>();
  for (const f of result.fixed) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, fixes] of byFile) {
    const original = readFileSync(join(broken, file), 'utf8');
    const ours = patched.get(file) ?? original;
    const theirsPath = join(fixedTree, file);
    const theirs = existsSync(theirsPath) ? readFileSync(theirsPath, 'utf8') : '';
    const touched = changedLines(original, theirs);
    const theirLines = new Set(theirs.split(/\r?\n/).map((l) => l.trim()));
    const ourLine = linesAfter(original, ours);
    const tree = parser.parse(original);
    const originalLines = original.split('\n');
    for (const f of fixes) {
      const last = findingLastLine(tree.rootNode, f.ruleId, f.line ?? 0);
      // php-api/deprecated reports the first use of a symbol per file; its escape fix changes every use of it there.
      const method = f.ruleId === 'php-api/deprecated' ? /->(\w+)\(\)/.exec(f.fix)?.[1] : undefined;
      const sameUse = method ? new RegExp(`\\$(block|this)\\s*->\\s*${method}\\s*\\(`, 'i') : undefined;
      const score = (edits[f.ruleId] ??= { lines: 0, outside: 0, maintainersTouched: 0, maintainersSame: 0 });
      // A declared property is an inserted line in the class body (of the class the finding names): scored by whether
      // the maintainers' version declares the property too, and with the very same declaration line.
      const declaration = f.ruleId === 'php-version/dynamic-property' ? /`(protected \$(\w+);)`/.exec(f.fix) : null;
      const inClass = declaration ? classLines(tree.rootNode, f.line ?? 0) : undefined;
      for (const line of f.lines) {
        editedLines++;
        score.lines++;
        const onFinding = inClass ? line >= inClass[0] && line <= inClass[1] : line >= (f.line ?? 0) && line <= last;
        // legacy-action-controller imports the interface it adds: the edit sits on the file's last `use` line.
        const addedImport =
          f.ruleId === 'php-api/legacy-action-controller' && /^\s*use\s/.test(originalLines[line - 1] ?? '');
        // signature-mismatch's LogRecord fix reads `$this->level` as `->value` in comparisons of the method's body.
        const levelRead =
          f.ruleId === 'php-api/signature-mismatch' &&
          f.fix.includes('->value`') &&
          line >= (f.line ?? 0) &&
          line <= methodLastLine(tree.rootNode, f.line ?? 0) &&
          /\$this\s*->\s*(level\b|getlevel\s*\()/i.test(originalLines[line - 1] ?? '');
        if (!onFinding && !addedImport && !levelRead && !sameUse?.test(originalLines[line - 1] ?? '')) {
          offFindingLine++;
          score.outside++;
        }
        const theyTouched = declaration
          ? new RegExp(`\\b(public|protected|private|var)\\b[^;={}()]*\\$${declaration[2]!}\\b`).test(theirs)
          : touched.has(line);
        if (theyTouched) {
          maintainersTouched++;
          score.maintainersTouched++;
        }
        // A removed line (an import the fix drops) is the same as theirs when their version lacks it too.
        const after = declaration ? declaration[1]! : ourLine.get(line);
        const same =
          after === null
            ? !theirLines.has((originalLines[line - 1] ?? '').replace(/\r$/, '').trim())
            : theirLines.has((after ?? originalLines[line - 1] ?? '').replace(/\r$/, '').trim());
        if (same) {
          maintainersSame++;
          score.maintainersSame++;
        }
      }
    }
    tree.delete();
  }
  return {
    id: c.id,
    kind: c.kind,
    status: 'scored',
    fixable: result.fixable,
    fixed: result.fixed.length,
    cleared: result.fixed.filter((f) => f.cleared).length,
    declined: declinedHere,
    byRule: Object.fromEntries(
      Object.entries(byRuleHere).map(([rule, v]) => [
        rule,
        { fixable: v.fixable, cleared: result.fixed.filter((f) => f.ruleId === rule && f.cleared).length },
      ]),
    ),
    filesChanged: result.files.length,
    notParsing,
    gitApply,
    introduced: result.introduced.length,
    editedLines,
    offFindingLine,
    maintainersTouched,
    maintainersSame,
    edits,
  };
}

/**
 * The last line of the code a finding names: its own line, except for implicit-nullable and signature-mismatch, whose
 * findings point at the function's name while the parameter may sit on a later line of the same signature (up to the
 * closing parenthesis; for signature-mismatch, whose fix may change the return type too, up to the return type).
 */
function findingLastLine(root: Node, ruleId: string, line: number): number {
  const signature = ruleId === 'php-api/signature-mismatch';
  if (ruleId !== 'php-version/implicit-nullable' && !signature) return line;
  const names = nodesOnLine(root, line, new Set(['name'])).filter(
    (n) => n.parent?.type === 'function_definition' || n.parent?.type === 'method_declaration',
  );
  let last = line;
  for (const n of names) {
    const params = n.parent!.childForFieldName('parameters');
    if (params) last = Math.max(last, params.endPosition.row + 1);
    const returns = signature ? n.parent!.childForFieldName('return_type') : null;
    if (returns) last = Math.max(last, returns.endPosition.row + 1);
  }
  return last;
}

/** The last line of the method whose name is on `line` (the line itself when there is none). */
function methodLastLine(root: Node, line: number): number {
  const names = nodesOnLine(root, line, new Set(['name'])).filter((n) => n.parent?.type === 'method_declaration');
  return Math.max(line, ...names.map((n) => n.parent!.endPosition.row + 1));
}

/** First and last line of the class declaration around `line` (the line itself when it is in none). */
function classLines(root: Node, line: number): [number, number] {
  let node: Node | null = root.descendantForPosition({ row: line - 1, column: 0 }, { row: line - 1, column: 10_000 });
  while (node && node.type !== 'class_declaration') node = node.parent;
  return node ? [node.startPosition.row + 1, node.endPosition.row + 1] : [line, line];
}

/**
 * What each changed line of `before` became in `after` (null: removed), pairing removed and added lines in order
 * within each hunk: line numbers of the fixed text shift where a fix adds or drops lines, so they cannot be used as is.
 */
function linesAfter(before: string, after: string): Map<number, string | null> {
  const out = new Map<number, string | null>();
  const patch = structuredPatch('a', 'b', before, after, '', '', { context: 0 });
  for (const hunk of patch.hunks) {
    const removed = hunk.lines.filter((l) => l.startsWith('-'));
    const added = hunk.lines.filter((l) => l.startsWith('+'));
    removed.forEach((_, i) => out.set(hunk.oldStart + i, added[i] !== undefined ? added[i]!.slice(1) : null));
  }
  return out;
}

/** Lines (1-based) of `before` that the maintainers' version changes or removes. */
function changedLines(before: string, after: string): Set<number> {
  const out = new Set<number>();
  const patch = structuredPatch('a', 'b', before, after, '', '', { context: 0 });
  for (const hunk of patch.hunks) {
    let line = hunk.oldStart;
    for (const l of hunk.lines) {
      if (l.startsWith('-')) out.add(line++);
      else if (!l.startsWith('+') && !l.startsWith('\\')) line++;
    }
  }
  return out;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;
}
