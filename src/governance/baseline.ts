import { MageupError } from '../core/errors.js';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Finding } from '../core/finding.js';

/** Version of the baseline file format. */
export const BASELINE_VERSION = '1.0.0';

/** Default baseline file name, in the project root. */
export const DEFAULT_BASELINE_FILE = 'mageup-baseline.json';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** File or package the finding was about, for people reading the baseline. */
  where?: string;
  message: string;
}

/** Findings accepted as they are on the day the baseline was made: only findings not in it fail CI (PHPStan-style). */
export interface Baseline {
  schemaVersion: string;
  tool: 'mageup';
  created: string;
  entries: BaselineEntry[];
}

export class BaselineError extends MageupError {
  override name = 'BaselineError';
}

/** A baseline of these findings, one entry per fingerprint, sorted so the file diffs well. */
export function createBaseline(findings: Finding[], created: string): Baseline {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (byFingerprint.has(f.fingerprint)) continue;
    const where = f.file ?? f.package;
    byFingerprint.set(f.fingerprint, {
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      ...(where ? { where } : {}),
      message: f.message,
    });
  }
  const entries = [...byFingerprint.values()].sort(
    (a, b) => cmp(a.ruleId, b.ruleId) || cmp(a.where ?? '', b.where ?? '') || cmp(a.fingerprint, b.fingerprint),
  );
  return { schemaVersion: BASELINE_VERSION, tool: 'mageup', created, entries };
}

/**
 * Writes a baseline. Refuses to replace an existing file unless `force` (a baseline is a decision: losing it silently
 * would let every accepted finding fail CI again, or hide new ones). Atomic: temp file then rename.
 */
export function writeBaseline(file: string, baseline: Baseline, opts: { force?: boolean } = {}): void {
  const target = resolve(file);
  if (existsSync(target) && !opts.force) {
    throw new BaselineError(`${target} already exists; pass --force to replace it.`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(baseline, null, 2)}\n`);
  renameSync(temp, target);
}

export function readBaseline(file: string): Baseline {
  const target = resolve(file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(target, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(
      code === 'ENOENT'
        ? `${target}: baseline not found (create one with mageup check --baseline-create)`
        : `${target}: cannot read the baseline (${code ?? (error as Error).message})`,
    );
  }
  const d = data as Partial<Baseline> | null;
  if (!d || typeof d !== 'object' || !Array.isArray(d.entries)) {
    throw new BaselineError(`${target}: not a MageUp baseline (expected an object with an "entries" list)`);
  }
  if (typeof d.schemaVersion !== 'string' || d.schemaVersion.split('.')[0] !== BASELINE_VERSION.split('.')[0]) {
    throw new BaselineError(
      `${target}: baseline format ${String(d.schemaVersion)} is not supported (expected ${BASELINE_VERSION})`,
    );
  }
  d.entries.forEach((e, i) => {
    if (!e || typeof e.fingerprint !== 'string' || typeof e.ruleId !== 'string')
      throw new BaselineError(`${target}: entries[${i}] needs a fingerprint and a ruleId`);
  });
  return d as Baseline;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
