import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_BASELINE_FILE, readBaseline } from './baseline.js';
import { loadConfig, type MageupConfig } from './config.js';
import type { Policy } from './policy.js';

export interface PolicyRequest {
  /** Path given to the command (project root or inside it): the config is looked for here and above. */
  path: string;
  /** `--config <file>`. */
  configFile?: string;
  /** `--baseline <file>`; otherwise the config's `baseline`, else `mageup-baseline.json` beside the config or in `path`. */
  baselineFile?: string;
  /** False while creating a baseline: every current finding must be seen. */
  useBaseline: boolean;
  today: string;
}

/**
 * The policy of a run from the config file and baseline. Throws ConfigError or BaselineError (the CLI prints them and
 * exits 2): a broken governance file must never be silently ignored, or CI would pass or fail for the wrong reason.
 */
export function resolvePolicy(request: PolicyRequest): { policy: Policy; config: MageupConfig } {
  const config = loadConfig(resolve(request.path), request.configFile);
  const policy: Policy = { config, today: request.today };
  if (request.useBaseline) {
    const file = request.baselineFile ? resolve(request.baselineFile) : defaultBaselineFile(request.path, config);
    if (request.baselineFile || (file && existsSync(file))) {
      policy.baseline = { file: file!, baseline: readBaseline(file!) };
    }
  }
  return { policy, config };
}

/** Where `--baseline-create` writes when given no file, and where a run looks for a baseline by default. */
export function defaultBaselineFile(path: string, config: MageupConfig): string {
  if (config.baseline) return config.baseline;
  if (config.file) return resolve(dirname(config.file), DEFAULT_BASELINE_FILE);
  return resolve(path, DEFAULT_BASELINE_FILE);
}
