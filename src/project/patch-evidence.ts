import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  blocksIn,
  loadPatchLevels,
  patchProbes,
  type PatchEvidence,
  type PatchLevelsFile,
} from '../knowledge/patch-levels.js';
import type { LoadContext } from './context.js';
import type { ComposerPackage, Patch } from './model.js';

/** Packages whose version says which isolated patches the code carries. */
const CARRIERS = ['mage-os/product-community-edition', 'samjuk/m2-meta-security-patches'];
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * What the project shows about Adobe's isolated patches and hotfixes: which hunks of every file a known patch changes
 * (in vendor/ and the magento2-base copies at the root) are in their original or patched form, the declared patches, the patch-carrying packages, and
 * the Commerce Version Tool's report — the JSON the user passes, else the last line of `var/log/patch_status.log`
 * that `vendor/bin/patch-status` writes. Read once here; `assessPatchLevel()` judges it.
 */
export function readPatchEvidence(
  ctx: LoadContext,
  patches: Patch[],
  packages: ComposerPackage[],
  patchStatusFile: string | undefined,
  data?: PatchLevelsFile,
): PatchEvidence {
  const files: Record<string, string[]> = {};
  let probes = new Map<string, Set<string>>();
  try {
    probes = patchProbes(data ?? loadPatchLevels());
  } catch (error) {
    ctx.problem({
      code: 'knowledge-unavailable',
      level: 'warning',
      message: `patched files not read: ${(error as Error).message}`,
    });
  }
  for (const [path, wanted] of probes) {
    const abs = ctx.abs(path);
    try {
      if (statSync(abs).size > MAX_BYTES) continue;
      files[path] = blocksIn(readFileSync(abs, 'utf8'), wanted);
    } catch {
      // Absent or unreadable: the assessment treats it as not patched (or as not installed for created files).
    }
  }
  const declared = patches.map((p) => ({
    text: `${p.description} ${p.source}`,
    where: p.tool === 'm2-hotfixes' ? p.source : `${p.declaredIn} (${p.tool})`,
  }));
  const carriers: Record<string, string> = {};
  for (const p of packages) if (CARRIERS.includes(p.name)) carriers[p.name] = p.version;
  const cvt = patchStatusFile ? readCvtJson(ctx, patchStatusFile) : readCvtLog(ctx);
  return { files, declared, packages: carriers, ...(cvt ? { cvt } : {}) };
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

/** `php vendor/bin/patch-status` JSON (base_version, applied_patches, missing_patches, unknown_patches, …). */
function readCvtJson(ctx: LoadContext, file: string): PatchEvidence['cvt'] | undefined {
  const abs = resolve(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(abs, 'utf8'));
  } catch (error) {
    ctx.problem({
      code: 'patch-status-unreadable',
      level: 'warning',
      file,
      message: `the Commerce Version Tool report ${file} cannot be read as JSON: ${(error as Error).message}`,
    });
    return undefined;
  }
  const doc = (json ?? {}) as Record<string, unknown>;
  if (!Array.isArray(doc.applied_patches) && !Array.isArray(doc.missing_patches)) {
    ctx.problem({
      code: 'patch-status-unreadable',
      level: 'warning',
      file,
      message: `${file} is not a Commerce Version Tool report (no applied_patches or missing_patches)`,
    });
    return undefined;
  }
  return {
    applied: list(doc.applied_patches),
    missing: list(doc.missing_patches),
    unknown: list(doc.unknown_patches),
    source: file,
  };
}

/** `[date] base=2.4.9 applied=[a,b] missing=[c] unknown=[]`, the tool's audit log; the last run wins. */
function readCvtLog(ctx: LoadContext): PatchEvidence['cvt'] | undefined {
  const file = 'var/log/patch_status.log';
  if (!ctx.exists(file)) return undefined;
  const text = ctx.readText(file) ?? '';
  const runs = [
    ...text.matchAll(/^\[([^\]]+)\] base=\S+ applied=\[([^\]]*)\] missing=\[([^\]]*)\] unknown=\[([^\]]*)\]/gm),
  ];
  const last = runs[runs.length - 1];
  if (!last) return undefined;
  const ids = (s: string | undefined): string[] =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return { applied: ids(last[2]), missing: ids(last[3]), unknown: ids(last[4]), source: `${file} (${last[1]})` };
}
