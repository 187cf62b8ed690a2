// The `plan` section of the project's mageup.config.json / .yaml / .yml. Read here until the shared configuration
// loader (src/governance/) lands; then this file should delegate to it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PlanInputError } from './errors.js';

export interface PlanConfig {
  to?: string;
  start?: string;
  capacity?: number;
  /** `FROM..TO[:label]` strings or `{ from, to, label?, kind? }`. */
  freeze?: (string | { from: string; to: string; label?: string; kind?: 'deploy' | 'no-work' })[];
  freezePresets?: string[];
  hypercareDays?: number;
  ordersPerDay?: number;
  catalogSize?: number;
  platform?: Record<string, string>;
  /** File the settings came from, relative to the root. */
  file?: string;
}

const FILES = ['mageup.config.json', 'mageup.config.yaml', 'mageup.config.yml'];

export function readPlanConfig(root: string): PlanConfig {
  for (const file of FILES) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    let data: unknown;
    try {
      const text = readFileSync(path, 'utf8');
      data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch (error) {
      throw new PlanInputError(`${file}: cannot be read (${(error as Error).message}).`);
    }
    const plan = (data as { plan?: unknown } | null)?.plan;
    if (plan === undefined) return { file };
    if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) {
      throw new PlanInputError(`${file}: "plan" must be an object.`);
    }
    return { ...validate(plan as Record<string, unknown>, file), file };
  }
  return {};
}

function validate(p: Record<string, unknown>, file: string): PlanConfig {
  const out: PlanConfig = {};
  const fail = (key: string, want: string) => {
    throw new PlanInputError(`${file}: plan.${key} must be ${want}.`);
  };
  const str = (key: keyof PlanConfig) => {
    if (p[key] === undefined) return;
    if (typeof p[key] !== 'string') fail(key, 'a string');
    (out as Record<string, unknown>)[key] = p[key];
  };
  const num = (key: keyof PlanConfig) => {
    if (p[key] === undefined) return;
    if (typeof p[key] !== 'number' || !(p[key] >= 0)) fail(key, 'a non-negative number');
    (out as Record<string, unknown>)[key] = p[key];
  };
  str('to');
  if (p.start !== undefined)
    out.start = p.start instanceof Date ? p.start.toISOString().slice(0, 10) : (p.start as string);
  if (out.start !== undefined && typeof out.start !== 'string') fail('start', 'an ISO date');
  num('capacity');
  num('hypercareDays');
  num('ordersPerDay');
  num('catalogSize');
  if (p.freeze !== undefined) {
    if (!Array.isArray(p.freeze)) fail('freeze', 'a list');
    out.freeze = (p.freeze as unknown[]).map((f) => {
      if (typeof f === 'string') return f;
      const o = f as Record<string, unknown>;
      if (!o || typeof o.from !== 'string' || typeof o.to !== 'string')
        fail('freeze', 'a list of "FROM..TO" or { from, to }');
      return {
        from: o.from as string,
        to: o.to as string,
        label: o.label as string | undefined,
        kind: o.kind === 'no-work' ? 'no-work' : 'deploy',
      };
    });
  }
  if (p.freezePresets !== undefined) {
    if (!Array.isArray(p.freezePresets) || p.freezePresets.some((x) => typeof x !== 'string'))
      fail('freezePresets', 'a list of names');
    out.freezePresets = p.freezePresets as string[];
  }
  if (p.platform !== undefined) {
    const o = p.platform as Record<string, unknown>;
    if (!o || typeof o !== 'object') fail('platform', 'an object of service: version');
    out.platform = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
  }
  return out;
}
