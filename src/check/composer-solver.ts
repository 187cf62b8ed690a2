// Lets Composer itself judge a proposed composer.json: `composer update --dry-run --no-install` in a temporary copy
// (never the project's directory), without plugins or scripts, for the target's PHP, against the repositories the
// file declares, bounded by a timeout. Composer's problem report ("Problem 1 - Root composer.json requires …") is
// parsed into problems that name the package and the constraint. Credentials from auth.json reach Composer through
// the copy and never appear in what is returned.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export interface SolverProblem {
  /** `Problem 1`'s number. */
  index: number;
  /** The lines Composer printed under it, trimmed, without the leading `- `. */
  lines: string[];
  /** The requiring side of the first line (`Root composer.json`, `acme/foo 1.2.0`). */
  requirer?: string;
  /** The package and constraint the first line names. */
  package?: string;
  constraint?: string;
  /** The line that names them (the requirement Composer could not satisfy). */
  blocking?: string;
}

export interface SolverResult {
  status: 'resolved' | 'problems' | 'unavailable' | 'timeout' | 'failed';
  /** One sentence for the user. */
  message: string;
  problems: SolverProblem[];
  /** The Composer command that ran (no secrets in it). */
  command?: string;
  seconds?: number;
}

export interface SolverOptions {
  /** The project root: auth.json and path repositories are taken from here (read only). */
  root: string;
  /** The composer.json to judge (the proposal). */
  composerJson: string;
  /** PHP `x.y` Composer resolves for (written to config.platform.php of the copy). */
  php: string;
  timeoutMs?: number;
  /** Composer executable (default: `composer` on PATH). */
  composer?: string;
  /** Directory for Composer's download cache (default: a temporary one). */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
}

/** Whether PHP and Composer can be run here, and which Composer. */
export function composerAvailable(composer = 'composer'): { ok: true; version: string } | { ok: false; why: string } {
  const php = spawnSync('php', ['-v'], { encoding: 'utf8' });
  if (php.error || php.status !== 0)
    return { ok: false, why: 'PHP is not installed (Debian: apt-get install php-cli)' };
  const c = spawnSync(composer, ['--version', '--no-ansi'], {
    encoding: 'utf8',
    env: { ...process.env, COMPOSER_NO_INTERACTION: '1', COMPOSER_ALLOW_SUPERUSER: '1' },
  });
  if (c.error || c.status !== 0)
    return { ok: false, why: 'Composer is not installed (Debian: apt-get install composer)' };
  return { ok: true, version: /Composer version (\S+)/.exec(c.stdout)?.[1] ?? 'unknown' };
}

export async function runComposerSolver(opts: SolverOptions): Promise<SolverResult> {
  const composer = opts.composer ?? 'composer';
  const available = composerAvailable(composer);
  if (!available.ok) {
    return { status: 'unavailable', message: `Composer's solver was not run: ${available.why}.`, problems: [] };
  }
  const work = mkdtempSync(join(tmpdir(), 'mageup-solve-'));
  const secrets = new Set<string>();
  try {
    const json = JSON.parse(opts.composerJson) as Record<string, unknown>;
    prepareCopy(json, opts.root, opts.php);
    writeFileSync(join(work, 'composer.json'), JSON.stringify(json, null, 4));
    const auth = join(opts.root, 'auth.json');
    if (existsSync(auth)) {
      const text = readFileSync(auth, 'utf8');
      collectSecrets(text, secrets);
      writeFileSync(join(work, 'auth.json'), text, { mode: 0o600 });
    }
    collectSecrets(opts.env?.COMPOSER_AUTH ?? process.env.COMPOSER_AUTH ?? '', secrets);
    const args = [
      'update',
      '--dry-run',
      '--no-install',
      '--no-plugins',
      '--no-scripts',
      '--no-interaction',
      '--no-progress',
      '--no-ansi',
      '--ignore-platform-req=ext-*',
      '--ignore-platform-req=lib-*',
      '--with-all-dependencies',
    ];
    const started = Date.now();
    const timeoutMs = opts.timeoutMs ?? 300_000;
    const run = await spawnBounded(composer, args, {
      cwd: work,
      timeoutMs,
      env: {
        ...(opts.env ?? process.env),
        COMPOSER_HOME: join(work, '.composer-home'),
        COMPOSER_CACHE_DIR: opts.cacheDir ?? join(work, '.composer-cache'),
        COMPOSER_NO_INTERACTION: '1',
        COMPOSER_ALLOW_SUPERUSER: '1',
        COMPOSER_DISABLE_XDEBUG_WARN: '1',
      },
    });
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    const command = `composer ${args.join(' ')}`;
    const output = redact(`${run.stdout}\n${run.stderr}`, secrets);
    if (run.timedOut) {
      return {
        status: 'timeout',
        message: `Composer's solver did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped (large repositories or a slow network): raise --solve-timeout or run the command yourself in a copy of the project.`,
        problems: [],
        command,
        seconds,
      };
    }
    const problems = parseProblems(output);
    if (problems.length > 0) {
      return {
        status: 'problems',
        message: `Composer ${available.version} cannot resolve the proposed composer.json: ${problems.length} problem(s).`,
        problems,
        command,
        seconds,
      };
    }
    if (run.code === 0) {
      return {
        status: 'resolved',
        message: `Composer ${available.version} resolves the proposed composer.json (dry run, ${seconds} s).`,
        problems: [],
        command,
        seconds,
      };
    }
    const last = output
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-3)
      .join(' ');
    return {
      status: 'failed',
      message: `Composer ${available.version} stopped with exit code ${run.code} before resolving: ${last.slice(0, 400)}`,
      problems: [],
      command,
      seconds,
    };
  } catch (error) {
    return {
      status: 'failed',
      message: `Composer's solver could not be prepared: ${redact((error as Error).message, secrets)}`,
      problems: [],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The copy resolves for the target's PHP, and path repositories point into the project (read only) instead of the
 * temporary directory.
 */
function prepareCopy(json: Record<string, unknown>, root: string, php: string): void {
  const config = (json.config && typeof json.config === 'object' ? json.config : {}) as Record<string, unknown>;
  const platform = (config.platform && typeof config.platform === 'object' ? config.platform : {}) as Record<
    string,
    unknown
  >;
  platform.php = `${php}.99`;
  config.platform = platform;
  json.config = config;
  const repos = json.repositories;
  const list = Array.isArray(repos) ? repos : repos && typeof repos === 'object' ? Object.values(repos) : [];
  for (const repo of list) {
    if (!repo || typeof repo !== 'object') continue;
    const r = repo as Record<string, unknown>;
    if ((r.type === 'path' || r.type === 'artifact') && typeof r.url === 'string' && !isAbsolute(r.url)) {
      r.url = resolve(root, r.url);
    }
  }
}

/** Composer's problem report: `Problem N` headers, then `- ` lines (continuations indented further). */
export function parseProblems(output: string): SolverProblem[] {
  const problems: SolverProblem[] = [];
  let current: SolverProblem | undefined;
  for (const raw of output.split('\n')) {
    const header = /^\s*Problem (\d+)\s*$/.exec(raw);
    if (header) {
      current = { index: Number(header[1]), lines: [] };
      problems.push(current);
      continue;
    }
    if (!current) continue;
    const item = /^\s*- (.*)$/.exec(raw);
    if (item) current.lines.push(item[1]!.trim());
    else if (raw.trim() === '') {
      if (current.lines.length > 0) current = undefined;
    } else if (current.lines.length > 0) current.lines[current.lines.length - 1] += ` ${raw.trim()}`;
  }
  // The last `requires` line is the one Composer could not satisfy (the first is usually the root's, satisfiable).
  for (const p of problems) {
    for (const line of [...p.lines].reverse()) {
      const m = /^(Root composer\.json|\S+ \S+?) requires (\S+) (.+?)(?: -> .*)?$/.exec(line);
      if (!m) continue;
      p.requirer = m[1];
      p.package = m[2];
      p.constraint = m[3]!.replace(/,$/, '');
      p.blocking = line;
      break;
    }
  }
  return problems;
}

function collectSecrets(text: string, into: Set<string>): void {
  if (!text) return;
  try {
    const walk = (v: unknown): void => {
      if (typeof v === 'string') {
        if (v.length >= 4) into.add(v);
      } else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    walk(JSON.parse(text));
  } catch {
    // Invalid auth JSON: Composer will say so; nothing to redact.
  }
}

function redact(text: string, secrets: Set<string>): string {
  let out = text.replace(/(https?:\/\/)[^\s/@]+@/g, '$1');
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

function spawnBounded(
  command: string,
  args: string[],
  opts: { cwd: string; timeoutMs: number; env: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL'); // Composer and the PHP it runs, as a group.
      } catch {
        child.kill('SIGKILL');
      }
    }, opts.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, timedOut });
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolvePromise({ code: -1, stdout, stderr, timedOut });
    });
  });
}
