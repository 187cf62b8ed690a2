// The `plan` section of the project's mageup.config.json / .yaml / .yml, found like every command finds it (the
// nearest file at or above the project root) and read by the shared loader of src/governance/, which validates the
// other sections; the plan section is validated here, and the top-level `target` is the default target when `plan.to` is absent.
import { relative } from 'node:path';
import { ConfigError, loadConfig, type MageupConfig } from '../governance/config.js';
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

export function readPlanConfig(root: string): PlanConfig {
  let config: MageupConfig;
  try {
    config = loadConfig(root);
  } catch (error) {
    if (error instanceof ConfigError) throw new PlanInputError(error.message);
    throw error;
  }
  if (!config.file) return {};
  const file = relative(root, config.file) || config.file;
  const target = config.target?.[0];
  const fallback = target ? { to: target } : {};
  if (config.plan === undefined) return { ...fallback, file };
  return { ...fallback, ...validate(config.plan, file), file };
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
