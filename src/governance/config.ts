import { MageupError } from '../core/errors.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { SEVERITIES, type Severity } from '../core/finding.js';

/** Names looked for, in this order, in the project root and each directory above it. */
export const CONFIG_FILE_NAMES = ['mageup.config.json', 'mageup.config.yaml', 'mageup.config.yml'] as const;

/** A decision to accept a finding for a while: who decided, why, and until when. */
export interface Waiver {
  /** Rule id (`php-api/missing-class`), category (`php-api`) or `*`. */
  rule: string;
  /** Glob on the finding's file (or on its package name when it has no file). Absent: anywhere. */
  path?: string;
  /** Only the finding with this fingerprint. */
  fingerprint?: string;
  /** Only findings whose message contains this text. */
  message?: string;
  reason: string;
  owner: string;
  /** Last day the waiver holds (`YYYY-MM-DD`, inclusive). */
  expires: string;
  /** Position in the config file's `waivers` list (0-based), to name it in messages. */
  index: number;
}

export type SeverityOverride = Severity | 'off';

export interface MageupConfig {
  /** The file read, or null when there is none (defaults). */
  file: string | null;
  /** Target release(s) used when `--to` is not given. */
  target?: string[];
  /** Globs of paths whose findings are left out (`app/code/Legacy/**`). */
  exclude: string[];
  /** Rule id or category → new severity, or `off` to drop its findings. */
  severity: Record<string, SeverityOverride>;
  waivers: Waiver[];
  /** Baseline file (absolute) used when `--baseline` is not given. */
  baseline?: string;
  /** The `plan` section as written: `mageup plan` validates it (src/plan/config.ts). */
  plan?: Record<string, unknown>;
  /** The `verify` section as written: `mageup verify` validates it (src/verify/config.ts). */
  verify?: Record<string, unknown>;
}

export interface ConfigIssue {
  /** JSON path in the file, `waivers[2].expires`. */
  path: string;
  message: string;
}

/** A config file that cannot be used: names the file and each problem with its place and what was expected. */
export class ConfigError extends MageupError {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(
      `${file}: invalid MageUp configuration:\n${issues.map((i) => `  - ${i.path || '(top level)'}: ${i.message}`).join('\n')}`,
    );
  }
}

export const EMPTY_CONFIG: MageupConfig = { file: null, exclude: [], severity: {}, waivers: [] };

/** The nearest config file at or above `startDir`, or null. */
export function findConfigFile(startDir: string): string | null {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Loads the configuration: `explicitFile` when given (it must exist), else the nearest config file found walking up
 * from `projectRoot`, else defaults. Throws ConfigError for a file that is unreadable, unparsable or invalid.
 */
export function loadConfig(projectRoot: string, explicitFile?: string): MageupConfig {
  const file = explicitFile ? resolve(explicitFile) : findConfigFile(projectRoot);
  if (!file) return { ...EMPTY_CONFIG };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [
      { path: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` },
    ]);
  }
  return parseConfig(text, file);
}

/** Parses and validates config text; `file` names it in errors, decides JSON or YAML, and anchors relative paths. */
export function parseConfig(text: string, file: string): MageupConfig {
  let data: unknown;
  if (/\.ya?ml$/i.test(file)) {
    const doc = parseDocument(text, { prettyErrors: true });
    if (doc.errors.length > 0) {
      throw new ConfigError(
        file,
        doc.errors.map((e) => ({ path: '', message: `YAML syntax error: ${e.message.split('\n')[0]}` })),
      );
    }
    data = doc.toJS();
  } else {
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(file, [{ path: '', message: `JSON syntax error: ${(error as Error).message}` }]);
    }
  }
  return validateConfig(data ?? {}, file);
}

// `plan` and `verify` belong to their commands, which validate those sections themselves.
const TOP_LEVEL = new Set(['$schema', 'target', 'exclude', 'severity', 'waivers', 'baseline', 'plan', 'verify']);
const WAIVER_KEYS = new Set(['rule', 'path', 'fingerprint', 'message', 'reason', 'owner', 'expires']);

export function validateConfig(data: unknown, file: string): MageupConfig {
  const issues: ConfigIssue[] = [];
  const config: MageupConfig = { file, exclude: [], severity: {}, waivers: [] };
  if (!isObject(data)) throw new ConfigError(file, [{ path: '', message: `expected an object, found ${kind(data)}` }]);
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL.has(key))
      issues.push({ path: key, message: `unknown setting (expected one of ${[...TOP_LEVEL].slice(1).join(', ')})` });
  }
  if (data.plan !== undefined) {
    if (isObject(data.plan)) config.plan = data.plan;
    else issues.push({ path: 'plan', message: `expected an object, found ${kind(data.plan)}` });
  }
  if (data.verify !== undefined) {
    if (isObject(data.verify)) config.verify = data.verify;
    else issues.push({ path: 'verify', message: `expected an object, found ${kind(data.verify)}` });
  }
  if (data.target !== undefined) {
    const targets = typeof data.target === 'string' ? [data.target] : data.target;
    if (Array.isArray(targets) && targets.length > 0 && targets.every((t) => typeof t === 'string' && t.trim()))
      config.target = targets.map((t: string) => t.trim());
    else
      issues.push({
        path: 'target',
        message: `expected a release such as "2.4.8" or a list of them, found ${kind(data.target)}`,
      });
  }
  if (data.exclude !== undefined) {
    if (Array.isArray(data.exclude)) {
      data.exclude.forEach((g, i) => {
        if (typeof g === 'string' && g.trim()) config.exclude.push(g.trim());
        else issues.push({ path: `exclude[${i}]`, message: `expected a path glob, found ${kind(g)}` });
      });
    } else issues.push({ path: 'exclude', message: `expected a list of path globs, found ${kind(data.exclude)}` });
  }
  if (data.severity !== undefined) {
    if (isObject(data.severity)) {
      for (const [rule, value] of Object.entries(data.severity)) {
        if (typeof value === 'string' && ([...SEVERITIES, 'off'] as string[]).includes(value))
          config.severity[rule] = value as SeverityOverride;
        else
          issues.push({
            path: `severity.${rule}`,
            message: `expected one of ${[...SEVERITIES, 'off'].join(', ')}, found ${kind(value)}`,
          });
      }
    } else
      issues.push({
        path: 'severity',
        message: `expected an object of rule id → severity, found ${kind(data.severity)}`,
      });
  }
  if (data.waivers !== undefined) {
    if (Array.isArray(data.waivers)) data.waivers.forEach((w, i) => validateWaiver(w, i, config, issues));
    else issues.push({ path: 'waivers', message: `expected a list of waivers, found ${kind(data.waivers)}` });
  }
  if (data.baseline !== undefined) {
    if (typeof data.baseline === 'string' && data.baseline.trim())
      config.baseline = resolve(dirname(file), data.baseline.trim());
    else issues.push({ path: 'baseline', message: `expected a file path, found ${kind(data.baseline)}` });
  }
  if (issues.length > 0) throw new ConfigError(file, issues);
  return config;
}

function validateWaiver(w: unknown, index: number, config: MageupConfig, issues: ConfigIssue[]): void {
  const at = `waivers[${index}]`;
  if (!isObject(w)) {
    issues.push({ path: at, message: `expected an object with rule, reason, owner and expires, found ${kind(w)}` });
    return;
  }
  const before = issues.length;
  for (const key of Object.keys(w)) {
    if (!WAIVER_KEYS.has(key))
      issues.push({ path: `${at}.${key}`, message: `unknown field (expected ${[...WAIVER_KEYS].join(', ')})` });
  }
  const text = (key: string, required: boolean): string | undefined => {
    const value = w[key];
    if (value === undefined) {
      if (required)
        issues.push({ path: `${at}.${key}`, message: 'required (a waiver says what, why, who and until when)' });
      return undefined;
    }
    if (typeof value !== 'string' || !value.trim()) {
      issues.push({ path: `${at}.${key}`, message: `expected a non-empty string, found ${kind(value)}` });
      return undefined;
    }
    return value.trim();
  };
  const rule = text('rule', true);
  const path = text('path', false);
  const fingerprint = text('fingerprint', false);
  const message = text('message', false);
  const reason = text('reason', true);
  const owner = text('owner', true);
  // YAML turns an unquoted 2026-12-31 into a Date: accept it as the day it names.
  const rawExpires = w.expires instanceof Date ? w.expires.toISOString().slice(0, 10) : w.expires;
  let expires: string | undefined;
  if (rawExpires === undefined)
    issues.push({ path: `${at}.expires`, message: 'required (a waiver says what, why, who and until when)' });
  else if (typeof rawExpires !== 'string' || !isIsoDay(rawExpires))
    issues.push({ path: `${at}.expires`, message: `expected a date YYYY-MM-DD, found ${kind(rawExpires)}` });
  else expires = rawExpires;
  if (issues.length > before || !rule || !reason || !owner || !expires) return;
  config.waivers.push({
    rule,
    ...(path ? { path } : {}),
    ...(fingerprint ? { fingerprint } : {}),
    ...(message ? { message } : {}),
    reason,
    owner,
    expires,
    index,
  });
}

function isIsoDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return `the date ${v.toISOString().slice(0, 10)}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
