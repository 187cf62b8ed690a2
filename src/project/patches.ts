import type { Patch } from './model.js';
import { isRecord, str } from './context.js';
import type { LoadContext } from './context.js';
import { listDirs, walkFiles } from './walk.js';

/**
 * Patches the project applies: composer-patches declarations (cweagans and vaimo; `extra.patches` and
 * `extra.patches-file`), Adobe Cloud `m2-hotfixes/`, and Quality Patches (`.magento.env.yaml` QUALITY_PATCHES and
 * `m2-patches/`). URLs are shown without credentials.
 */
export function readPatches(ctx: LoadContext, rootJson: Record<string, unknown> | undefined): Patch[] {
  const patches: Patch[] = [];
  const require = {
    ...(isRecord(rootJson?.require) ? rootJson.require : {}),
    ...(isRecord(rootJson?.['require-dev']) ? rootJson['require-dev'] : {}),
  };
  const tool: Patch['tool'] = 'vaimo/composer-patches' in require ? 'vaimo' : 'cweagans';
  const extra = isRecord(rootJson?.extra) ? rootJson.extra : {};
  if (isRecord(extra.patches)) readPatchMap(extra.patches, tool, 'composer.json', patches);
  const patchFiles = Array.isArray(extra['patches-file']) ? extra['patches-file'] : [extra['patches-file']];
  for (const entry of patchFiles) {
    const file = str(entry);
    if (!file) continue;
    const json = ctx.readJson(file);
    if (json === undefined) {
      if (!ctx.exists(file)) {
        ctx.problem({
          code: 'patches-file-missing',
          level: 'warning',
          file: 'composer.json',
          message: `composer.json names patches file ${file}, which does not exist`,
        });
      }
      continue;
    }
    const map = isRecord(json) && isRecord(json.patches) ? json.patches : json;
    if (isRecord(map)) readPatchMap(map, tool, file, patches);
  }
  for (const dir of ['m2-hotfixes', 'm2-patches']) {
    if (listDirs(ctx.root).includes(dir)) {
      const files = walkFiles(ctx.abs(dir), {
        root: ctx.root,
        problems: ctx.problems,
        acceptFile: (n) => n.endsWith('.patch') || n.endsWith('.diff'),
      });
      for (const { path } of files) {
        patches.push({
          target: targetsOf(ctx.readText(path) ?? ''),
          description: path.split('/').pop() ?? path,
          source: path,
          tool: dir === 'm2-hotfixes' ? 'm2-hotfixes' : 'quality-patches',
          declaredIn: dir,
        });
      }
    }
  }
  patches.push(...qualityPatches(ctx));
  return patches.sort(
    (a, b) => cmp(a.target, b.target) || cmp(a.description, b.description) || cmp(a.source, b.source),
  );
}

/** `{ "vendor/package": { "description": "file-or-url" | { source/url/file… } } }` or a list of such objects (vaimo). */
function readPatchMap(map: Record<string, unknown>, tool: Patch['tool'], declaredIn: string, out: Patch[]): void {
  for (const [target, list] of Object.entries(map)) {
    if (target.startsWith('_')) continue; // vaimo allows comment keys
    if (isRecord(list)) {
      for (const [description, value] of Object.entries(list)) {
        const source = patchSource(value);
        if (source) out.push({ target, description, source: redactUrl(source), tool, declaredIn });
      }
    } else if (Array.isArray(list)) {
      for (const item of list) {
        if (!isRecord(item)) continue;
        const source = patchSource(item);
        const description = str(item.label) ?? str(item.description) ?? source ?? '';
        if (source) out.push({ target, description, source: redactUrl(source), tool, declaredIn });
      }
    }
  }
}

function patchSource(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isRecord(value)) return str(value.source) ?? str(value.url) ?? str(value.file) ?? str(value.path);
  return undefined;
}

/** Packages (or root paths) a unified diff touches, from its `+++ b/vendor/x/y/...` headers. */
function targetsOf(diff: string): string {
  const targets = new Set<string>();
  for (const m of diff.matchAll(/^\+\+\+ (?:b\/)?(\S+)/gm)) {
    const path = m[1] ?? '';
    const vendor = /^vendor\/([^/]+\/[^/]+)\//.exec(path);
    targets.add(vendor?.[1] ?? path.split('/').slice(0, 3).join('/'));
  }
  return [...targets].sort().join(', ') || '(unknown)';
}

function qualityPatches(ctx: LoadContext): Patch[] {
  const text = ctx.readText('.magento.env.yaml');
  if (!text) return [];
  const out: Patch[] = [];
  // A flat read of QUALITY_PATCHES keeps this independent of the rest of the file's YAML.
  const block = /QUALITY_PATCHES:\s*\n((?:\s+-\s*.+\n?)+)/.exec(text);
  for (const m of block?.[1]?.matchAll(/-\s*['"]?([A-Za-z0-9_-]+)['"]?/g) ?? []) {
    const id = m[1] ?? '';
    out.push({
      target: 'magento (quality patch)',
      description: id,
      source: id,
      tool: 'quality-patches',
      declaredIn: '.magento.env.yaml',
    });
  }
  return out;
}

function redactUrl(source: string): string {
  return source.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/i, '$1');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
