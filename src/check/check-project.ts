import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createBaseline, defaultBaselineFile, resolvePolicy, writeBaseline } from '../governance/index.js';
import { isoDay } from '../knowledge/catalog.js';
import { systemClock } from '../knowledge/clock.js';
import { CheckOptionError, runCheck } from './run-check.js';
import type { CheckOptions, CheckResult } from './types.js';

/** What `mageup check` asks for beyond a check: the project's config and baseline, and what to write. */
export interface CheckProjectRequest extends Omit<CheckOptions, 'to' | 'policy'> {
  /** Target release(s); default: the config's target, else `latest`. */
  to?: string[];
  /** Configuration file (default: mageup.config.json/.yaml found in the project or above). */
  configFile?: string;
  /** Baseline to apply (default: mageup-baseline.json beside the config or in the project, if present). */
  baselineFile?: string;
  /** Write every finding to a baseline instead of reporting: `true` for the default file, else the file. */
  baselineCreate?: string | true;
  /** With baselineCreate: replace an existing baseline. */
  force?: boolean;
  /** Write the proposed composer.json of the first target to this file. */
  composerJsonOut?: string;
  /** With composerJsonOut: allow overwriting the project's own composer.json. */
  overwriteComposerJson?: boolean;
}

export type CheckProjectOutcome =
  { kind: 'baseline'; file: string; entries: number } | { kind: 'report'; result: CheckResult; composerJson?: string };

/**
 * `mageup check` as one call: resolves the config and baseline, runs the check, then either writes a baseline of
 * every finding or returns the result (having written the proposed composer.json when asked). Bad config, baseline
 * or output file: a MageupError naming the cause.
 */
export async function checkProject(request: CheckProjectRequest): Promise<CheckProjectOutcome> {
  const { configFile, baselineFile, baselineCreate, force, composerJsonOut, overwriteComposerJson, ...check } = request;
  const governance = resolvePolicy({
    path: request.path,
    ...(configFile ? { configFile } : {}),
    ...(baselineFile ? { baselineFile } : {}),
    useBaseline: baselineCreate === undefined,
    today: isoDay((request.clock ?? systemClock).now()),
  });
  const result = await runCheck({
    ...check,
    to: request.to ?? governance.config.target?.join(',').split(',') ?? ['latest'],
    policy: governance.policy,
  });
  if (baselineCreate !== undefined) {
    const file = baselineCreate === true ? defaultBaselineFile(request.path, governance.config) : baselineCreate;
    const baseline = createBaseline(result.findings, result.date);
    writeBaseline(file, baseline, { force: force === true });
    return { kind: 'baseline', file, entries: baseline.entries.length };
  }
  if (composerJsonOut === undefined) return { kind: 'report', result };
  return {
    kind: 'report',
    result,
    composerJson: writeProposedComposerJson(result, composerJsonOut, overwriteComposerJson === true),
  };
}

/**
 * Writes the proposed composer.json of the first target and says what it wrote. The project's own composer.json is
 * overwritten only with `overwrite`; with nothing to change, the file written is the project's unchanged.
 */
function writeProposedComposerJson(result: CheckResult, file: string, overwrite: boolean): string {
  if (result.project.kind !== 'project') {
    throw new CheckOptionError(
      '--composer-json-out needs a Magento project with a root composer.json, not one extension.',
    );
  }
  const target = result.targets[0]!;
  const out = resolve(file);
  const own = resolve(result.project.root, 'composer.json');
  if (out === own && !overwrite) {
    throw new CheckOptionError(
      `${file} is the project's own composer.json: refusing to overwrite it without --write (write elsewhere, or add --write).`,
    );
  }
  const proposal = target.composer?.proposal;
  let text = proposal?.text;
  if (!text) {
    try {
      text = readFileSync(own, 'utf8');
    } catch (error) {
      throw new CheckOptionError(`cannot read ${own}: ${(error as Error).message}`);
    }
  }
  try {
    writeFileSync(out, text);
  } catch (error) {
    throw new CheckOptionError(`cannot write ${file}: ${(error as Error).message}`);
  }
  const changes = proposal?.changes.length ?? 0;
  return `proposed composer.json for ${target.version} written to ${file} (${changes} change(s)${proposal && proposal.unresolved.length > 0 ? `; still blocking: ${proposal.unresolved.map((u) => u.name).join(', ')}` : ''})`;
}
