import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCheck, CheckOptionError } from '../check/run-check.js';
import { MageupError } from '../core/errors.js';
import type { CheckResult } from '../check/types.js';
import { redact } from '../history/connections.js';
import { runOfAudit, runOfCheck, knowledgeBaseVersion, type RunRecord } from '../history/index.js';
import { loadReleaseCatalog } from '../knowledge/catalog.js';
import { UnknownVersionError } from '../knowledge/errors.js';
import { loadPatchLevels, type PatchLevelsFile } from '../knowledge/patch-levels.js';
import { loadProject, NotMagentoProjectError } from '../project/load.js';
import { buildAuditReport } from '../report/audit/index.js';
import type { VerifyRun } from '../verify/types.js';
import { summarizeStore } from './summarize.js';
import type { FleetProject, ScanProgress, StoreStatus } from './types.js';

const run = promisify(execFile);

/** A failure retrying will not cure (not a Magento project, an unknown target): recorded once, not retried. */
export class PermanentScanError extends MageupError {
  override name = 'PermanentScanError';
}

export interface ScanOptions {
  /** Where git URLs are cloned (read-only copies the worker owns; the client's repository is never written). */
  checkoutDir: string;
  /** PHP analysis threads per job (default 1: a worker machine runs jobs side by side). */
  threads?: number;
  /** PHP analysis cache directory; false: analyse every file again. */
  cacheDir?: string | false;
  now?: Date;
  /** Target release for this scan (default: the store's own, else latest). */
  target?: string;
  onProgress?(phase: ScanProgress['phase'], percent: number): void;
}

export interface ScanOutcome {
  runs: { audit: RunRecord; check: RunRecord | null };
  status: StoreStatus;
}

/**
 * One store's audit + check (+ verify when it has a URL), in this process, through the library. Reads the project; never
 * runs its PHP, never writes into it.
 */
export async function scanProject(project: FleetProject, opts: ScanOptions): Promise<ScanOutcome> {
  const now = opts.now ?? new Date();
  const progress = opts.onProgress ?? (() => undefined);
  const root = project.kind === 'git' ? await checkout(project, opts.checkoutDir) : project.location;
  if (!existsSync(root))
    throw new PermanentScanError(`${root} does not exist (fleet add registered it; was it moved?)`);
  progress('audit', 5);
  let model;
  try {
    model = await loadProject(root);
  } catch (error) {
    if (error instanceof NotMagentoProjectError) throw new PermanentScanError(error.message);
    throw error;
  }
  const audit = buildAuditReport(model);
  progress('check', 20);
  let check: CheckResult | null;
  try {
    check = await runCheck({
      path: root,
      ...((opts.target ?? project.target) ? { to: (opts.target ?? project.target)! } : {}),
      workers: opts.threads ?? 1,
      ...(opts.cacheDir !== undefined ? { cacheDir: opts.cacheDir } : {}),
      onProgress: (e) => {
        if (e.phase === 'analyze' && e.total > 0) progress('check', 20 + Math.round((60 * e.done) / e.total));
      },
    });
  } catch (error) {
    if (error instanceof CheckOptionError || error instanceof UnknownVersionError)
      throw new PermanentScanError(error.message);
    throw error;
  }
  let verify: VerifyRun | null = null;
  if (project.verifyUrl) {
    progress('verify', 85);
    const { runVerify } = await import('../verify/run.js');
    verify = await runVerify({
      baseUrl: project.verifyUrl,
      projectDir: root,
      artifactsDir: join(opts.checkoutDir, '..', 'verify', project.name),
      probes: ['smoke', 'security'],
    });
  }
  const kbVersion = knowledgeBaseVersion();
  const status = summarizeStore({
    audit,
    check,
    verify,
    catalog: loadReleaseCatalog(),
    patchLevels: patchLevelsOrNull(),
    now,
  });
  return {
    runs: {
      audit: runOfAudit(audit, now),
      check: check ? runOfCheck(check, { recordedAt: now, ...(kbVersion ? { kbVersion } : {}) }) : null,
    },
    status,
  };
}

/** A shallow clone of the default branch, refreshed on each scan. */
async function checkout(project: FleetProject, dir: string): Promise<string> {
  const target = join(
    dir,
    `${project.name}-${createHash('sha256').update(project.location).digest('hex').slice(0, 8)}`,
  );
  const env = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
  try {
    if (existsSync(join(target, '.git'))) {
      await run('git', ['-C', target, 'fetch', '--quiet', '--depth', '1', 'origin', 'HEAD'], { env, timeout: 600_000 });
      await run('git', ['-C', target, 'reset', '--quiet', '--hard', 'FETCH_HEAD'], { env, timeout: 120_000 });
    } else {
      mkdirSync(dir, { recursive: true });
      await run('git', ['clone', '--quiet', '--depth', '1', '--', project.location, target], { env, timeout: 600_000 });
    }
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`git could not fetch ${redact(project.location)}: ${redact(stderr || (error as Error).message)}`);
  }
  return target;
}

function patchLevelsOrNull(): PatchLevelsFile | null {
  try {
    return loadPatchLevels();
  } catch {
    return null; // broken shipped data: check itself reports it
  }
}
