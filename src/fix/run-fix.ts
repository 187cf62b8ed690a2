// `mageup fix`: the mechanical fixes of what `check` finds, as a unified diff to review (and, when asked, applied).
// One check run gives the findings; each finding whose rule has a fixer is fixed through the parse tree of its file;
// the fixed files are verified (tree-sitter parse, `php -l` where PHP is installed) and checked again in memory
// (an overlay of the fixed texts: nothing is written for the verification), so the result says which findings the
// patch really clears.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { findingKey, type Finding } from '../core/finding.js';
import { runCheck, CheckOptionError } from '../check/run-check.js';
import type { CheckOptions, CheckResult } from '../check/types.js';
import { sharedPhpParser } from '../php/parser.js';
import { allRules } from '../rules/registry.js';
import type { FixOutcome, Rule, TextEdit } from '../rules/rule.js';
import { syntaxErrorCount } from './locate.js';

export interface FixOptions extends Omit<CheckOptions, 'to' | 'overlay'> {
  /** One target release. */
  to?: string;
  /** Fix only the findings of these rule ids or categories (`php-version/implicit-nullable`, `php-version`). */
  rules?: string[];
  /** Apply the patch to the project (default false: the patch is only returned). */
  write?: boolean;
  /** `php` binary for `php -l` (default `php` on PATH); `false` skips the lint. */
  phpBinary?: string | false;
}

/** A finding the patch fixes, with whether the re-check confirmed that it is gone. */
export interface FixedFinding {
  ruleId: string;
  file: string;
  line?: number;
  fingerprint: string;
  message: string;
  /** What the fix does, in one line. */
  fix: string;
  /** Lines (1-based, of the original file) the fix edits. */
  lines: number[];
  /** The re-check no longer reports it. */
  cleared: boolean;
}

/** A finding with a fixer that was not fixed, and why. */
export interface DeclinedFinding {
  ruleId: string;
  file?: string;
  line?: number;
  message: string;
  reason: string;
}

export interface FileChange {
  file: string;
  /** Findings fixed in it. */
  fixes: number;
  /** `php -l` on the fixed text: `ok`, or not run (no PHP, or the original did not lint either). */
  lint: 'ok' | 'not run';
  /** How it was written with --write: in place (tracked by git) or after a backup copy. */
  written?: { backup?: string };
}

export interface FixResult {
  root: string;
  target: string;
  php: string;
  /** The unified diff (`a/…`, `b/…` relative to the project root: `git apply` in the root takes it). */
  patch: string;
  files: FileChange[];
  fixed: FixedFinding[];
  declined: DeclinedFinding[];
  /** Findings the re-check reports in the changed files that the first check did not (expected: none). */
  introduced: Finding[];
  /** Findings with a fixer in the first check (fixed + declined). */
  fixable: number;
  /** How the lint ran: `php -l` from which binary, or why not. */
  lint: string;
  written: boolean;
}

/** Every rule id that has a fixer, sorted. */
export function fixableRules(): string[] {
  return allRules()
    .filter((r) => r.fix)
    .map((r) => r.meta.id);
}

interface Candidate {
  finding: Finding;
  rule: Rule;
}

interface Applied {
  finding: Finding;
  edits: TextEdit[];
  description: string;
}

/**
 * Runs the check, fixes what it can, verifies the fixes and returns the patch. Writes only with `write: true`, only
 * inside the project, only files git tracks (other files after a backup copy `<file>.mageup-backup`), never vendor/.
 */
export async function runFix(options: FixOptions): Promise<FixResult> {
  const to = options.to ?? 'latest';
  if (to.includes(',')) throw new CheckOptionError(`fix takes one target release, not a list ("${to}").`);
  const selected = selectFixers(options.rules);
  const { rules: _r, write: _w, phpBinary: _p, ...checkOptions } = options;
  const first = await runCheck({ ...checkOptions, to });
  const result = first.targets[0]!;
  const root = first.project.root;
  const releases = { current: first.current.version ?? null, target: result.version };

  const declined: DeclinedFinding[] = [];
  const decline = (finding: Finding, reason: string): void => {
    declined.push({
      ruleId: finding.ruleId,
      ...(finding.file ? { file: finding.file } : {}),
      ...(finding.line ? { line: finding.line } : {}),
      message: finding.message,
      reason,
    });
  };

  const candidates: Candidate[] = [];
  for (const finding of result.findings) {
    const rule = selected.get(finding.ruleId);
    if (rule && (!rule.fixable || rule.fixable(finding))) candidates.push({ finding, rule });
  }

  // Fixes per file, through one parse of each file.
  const parser = await sharedPhpParser();
  const byFile = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const refusal = placeRefusal(c.finding, root);
    if (refusal) {
      decline(c.finding, refusal);
      continue;
    }
    const list = byFile.get(c.finding.file!) ?? [];
    list.push(c);
    byFile.set(c.finding.file!, list);
  }

  const lint = phpLinter(options.phpBinary);
  const texts = new Map<string, { before: string; after: string; applied: Applied[]; lint: FileChange['lint'] }>();
  for (const [file, list] of [...byFile.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const read = readText(join(root, file));
    if ('error' in read) {
      for (const c of list) decline(c.finding, read.error);
      continue;
    }
    const before = read.text;
    const tree = parser.parse(before);
    const applied: Applied[] = [];
    try {
      for (const c of list) {
        let outcome: FixOutcome;
        try {
          outcome = c.rule.fix!(c.finding, { file, text: before, tree, releases });
        } catch (error) {
          outcome = { decline: `the fixer failed (${error instanceof Error ? error.message : String(error)})` };
        }
        if ('decline' in outcome) {
          decline(c.finding, outcome.decline);
          continue;
        }
        if (outcome.edits.length === 0) {
          decline(c.finding, 'the fixer found nothing to change');
          continue;
        }
        const clash = applied.find((a) => a.edits.some((e) => outcome.edits.some((o) => overlaps(e, o))));
        if (clash) {
          // Two findings on the same code (the same `${…}` reported twice…): the first fix stands.
          if (sameEdits(clash.edits, outcome.edits)) continue;
          decline(c.finding, `its fix overlaps the fix of another finding on line ${clash.finding.line ?? '?'}`);
          continue;
        }
        applied.push({ finding: c.finding, edits: outcome.edits, description: outcome.description });
      }
      if (applied.length === 0) continue;
      const after = applyEdits(
        before,
        applied.flatMap((a) => a.edits),
      );
      const beforeErrors = syntaxErrorCount(tree.rootNode);
      const afterTree = parser.parse(after);
      const afterErrors = syntaxErrorCount(afterTree.rootNode);
      afterTree.delete();
      if (afterErrors > beforeErrors) {
        for (const a of applied) decline(a.finding, 'the fixed file would not parse (tree-sitter): left as it is');
        continue;
      }
      let linted: FileChange['lint'] = 'not run';
      if (lint.run) {
        const after_ = lint.run(after);
        if (after_ !== true) {
          // A file that does not lint before the fix either is not the fix's fault, but nothing proves the fix then.
          const before_ = lint.run(before);
          const why = before_ === true ? 'the fixed file fails `php -l`' : 'the file fails `php -l` before the fix too';
          for (const a of applied) decline(a.finding, `${why}: ${after_}`);
          continue;
        }
        linted = 'ok';
      }
      texts.set(file, { before, after, applied, lint: linted });
    } finally {
      tree.delete();
    }
  }

  // The re-check, on the fixed texts in memory.
  const overlay = new Map([...texts.entries()].map(([file, t]) => [file, t.after]));
  let second: CheckResult | undefined;
  if (overlay.size > 0) second = await runCheck({ ...checkOptions, to, overlay });
  // Positions in a fixed text are taken back to the original's (an inserted declaration moves every later line), so a
  // finding still there is recognised as the same one, and one that merely moved is not taken for a new one.
  const recheck = (second?.targets[0]?.findings ?? []).map((f) => {
    const t = f.file !== undefined ? texts.get(f.file) : undefined;
    return t
      ? {
          ...f,
          ...originalPosition(
            t.before,
            t.after,
            t.applied.flatMap((a) => a.edits),
            f,
          ),
        }
      : f;
  });
  const remaining = new Set(recheck.map((f) => findingKey(f)));
  const firstKeys = new Set(result.findings.map((f) => findingKey(f)));
  const introduced = recheck.filter(
    (f) => f.file !== undefined && overlay.has(f.file) && !firstKeys.has(findingKey(f)),
  );

  const fixed: FixedFinding[] = [];
  const files: FileChange[] = [];
  let patch = '';
  for (const [file, t] of texts) {
    for (const a of t.applied) {
      fixed.push({
        ruleId: a.finding.ruleId,
        file,
        ...(a.finding.line ? { line: a.finding.line } : {}),
        fingerprint: a.finding.fingerprint,
        message: a.finding.message,
        fix: a.description,
        lines: [...new Set(a.edits.map((e) => lineAt(t.before, e.start)))].sort((x, y) => x - y),
        cleared: !remaining.has(findingKey(a.finding)),
      });
    }
    files.push({ file, fixes: t.applied.length, lint: t.lint });
    patch += filePatch(file, t.before, t.after);
  }

  if (options.write) {
    for (const change of files) {
      const t = texts.get(change.file)!;
      change.written = writeFixed(root, change.file, t.before, t.after);
    }
  }

  return {
    root,
    target: result.version,
    php: result.php,
    patch,
    files,
    fixed,
    declined,
    introduced,
    fixable: candidates.length,
    lint: lint.label,
    written: options.write === true && files.length > 0,
  };
}

/** The rules with a fixer, narrowed to `--rules` (ids or categories); an unknown name is a usage error. */
function selectFixers(wanted: string[] | undefined): Map<string, Rule> {
  const fixers = allRules().filter((r) => r.fix);
  if (!wanted || wanted.length === 0) return new Map(fixers.map((r) => [r.meta.id, r]));
  const out = new Map<string, Rule>();
  for (const name of wanted) {
    const matched = fixers.filter((r) => r.meta.id === name || r.meta.category === name);
    if (matched.length === 0) {
      throw new CheckOptionError(
        `--rules ${name}: no fixer for that rule or category (rules with a fixer: ${fixers.map((r) => r.meta.id).join(', ')}).`,
      );
    }
    for (const r of matched) out.set(r.meta.id, r);
  }
  return out;
}

/** Why a finding's file may not be edited: outside the project, vendor/, or code Magento or a library owns. */
function placeRefusal(finding: Finding, root: string): string | undefined {
  if (!finding.file) return 'the finding names no file';
  const file = normalize(finding.file);
  if (isAbsolute(file) || file.startsWith('..') || relative(root, resolve(root, file)).startsWith('..'))
    return 'the file is outside the project';
  if (file.split(/[\\/]/).includes('vendor'))
    return 'third-party code in vendor/: Composer replaces it, upgrade the package (or patch it) instead';
  if (finding.owner && finding.owner !== 'custom' && finding.owner !== 'third-party')
    return `code owned by ${finding.owner === 'bundled' || finding.owner === 'core' ? 'Magento' : `a ${finding.owner} package`}: not edited`;
  return undefined;
}

/** A file's text, or why it cannot be edited byte-exactly. */
function readText(path: string): { text: string } | { error: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { error: `cannot read the file (${error instanceof Error ? error.message : String(error)})` };
  }
  const text = bytes.toString('utf8');
  // Edits are made on the decoded text: a file that is not valid UTF-8 would not be written back byte for byte.
  if (!Buffer.from(text, 'utf8').equals(bytes)) return { error: 'the file is not valid UTF-8: not edited' };
  return { text };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point (two properties declared after the same one) both go in, in finding order; only the
  // same insertion twice is a clash (and then the same fix, applied once).
  if (a.start === a.end && b.start === b.end) return a.start === b.start && a.text === b.text;
  return a.start < b.end && b.start < a.end;
}

function sameEdits(a: TextEdit[], b: TextEdit[]): boolean {
  return (
    a.length === b.length && a.every((e, i) => e.start === b[i]!.start && e.end === b[i]!.end && e.text === b[i]!.text)
  );
}

/** 1-based line of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * A fixed text's line and column (1-based; columns in UTF-16 code units, as the analyser counts them) where they were
 * in the original text: positions inside an edit's new text go to the edit's start.
 */
export function originalPosition(
  before: string,
  after: string,
  edits: readonly TextEdit[],
  at: { line?: number; column?: number },
): { line?: number; column?: number } {
  if (!at.line) return {};
  let offset = 0;
  for (let line = 1; line < at.line; line++) {
    const nl = after.indexOf('\n', offset);
    if (nl === -1) return at;
    offset = nl + 1;
  }
  offset += (at.column ?? 1) - 1;
  let shift = 0;
  let mapped: number | undefined;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const from = e.start + shift;
    if (offset < from) break;
    if (offset < from + e.text.length) {
      mapped = e.start;
      break;
    }
    shift += e.text.length - (e.end - e.start);
  }
  const original = mapped ?? offset - shift;
  const lineStart = before.lastIndexOf('\n', original - 1) + 1;
  return {
    line: lineAt(before, original),
    ...(at.column !== undefined ? { column: original - lineStart + 1 } : {}),
  };
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** One file's part of the patch, in git's form (`diff --git a/… b/…`): `git apply` in the project root takes it. */
function filePatch(file: string, before: string, after: string): string {
  const path = file.replace(/\\/g, '/');
  const body = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, '', '', { context: 3 });
  // jsdiff heads the patch with a line of "=" and ends headers with a tab when the header text is empty.
  const lines = body.split('\n');
  const start = lines.findIndex((l) => l.startsWith('--- '));
  const rest = lines
    .slice(start)
    .map((l, i) => (i < 2 ? l.replace(/\t$/, '') : l))
    .join('\n');
  return `diff --git a/${path} b/${path}\n${rest}`;
}

/** `php -l` on a text (stdin), when PHP is installed: true, or the first line of the error. */
function phpLinter(binary: string | false | undefined): { run?: (text: string) => true | string; label: string } {
  if (binary === false) return { label: 'php -l not run (disabled)' };
  const php = binary ?? 'php';
  const probe = spawnSync(php, ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { label: `php -l not run: ${php} is not installed` };
  const version = probe.stdout.split('\n')[0]?.match(/^PHP (\S+)/)?.[1] ?? '?';
  return {
    label: `php -l (PHP ${version})`,
    run: (text) => {
      // -n: no php.ini; -l only parses (lint), it never executes the file.
      const r = spawnSync(php, ['-n', '-l'], { input: text, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      if (r.status === 0) return true;
      const message = `${r.stdout}\n${r.stderr}`.split('\n').find((l) => /error/i.test(l)) ?? 'lint failed';
      return message.trim();
    },
  };
}

/**
 * Writes a fixed file: in place when git tracks it (git holds the original), else after copying the original to
 * `<file>.mageup-backup` (refused when that copy exists: an earlier backup is never overwritten). The file must still
 * hold the text the fix was computed on.
 */
function writeFixed(root: string, file: string, before: string, after: string): { backup?: string } {
  const path = join(root, file);
  if (readFileSync(path, 'utf8') !== before)
    throw new Error(`${file} changed while fixing: nothing written to it (run fix again)`);
  let backup: string | undefined;
  if (!gitTracks(root, file)) {
    backup = `${file}.mageup-backup`;
    const backupPath = join(root, backup);
    if (existsSync(backupPath)) throw new Error(`${backup} exists: remove it or commit ${file} to git first`);
    writeFileSync(backupPath, readFileSync(path));
  }
  writeFileSync(path, Buffer.from(after, 'utf8'));
  return backup ? { backup } : {};
}

function gitTracks(root: string, file: string): boolean {
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', '--', file], { cwd: root, stdio: 'ignore' });
    // Tracked, and its committed text is what we are about to change (no uncommitted work to lose).
    execFileSync('git', ['diff', '--quiet', '--', file], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
