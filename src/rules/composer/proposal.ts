// The composer.json the project should move to for the target: the product metapackage at the target, the root
// entries the target's project template moved (require, require-dev, dropped tooling, conflict), each third-party
// extension required at the newest release that allows the target, replace entries the target's new modules need,
// and config.platform.php at the target's PHP. Computed from the same facts the composer rules judge.
import { unifiedDiff } from '../../check/files/unified-diff.js';
import { formatMessage, type MessagePart, type PackageContext } from '../rule.js';
import { isUsersPackage } from './conflicts.js';
import {
  BLOCKER_MESSAGES,
  blockerPart,
  blockerText,
  caretOf,
  extensionFit,
  requirementBlocker,
  safeIntersects,
  safeSatisfies,
} from './extension-fit.js';
import { family } from './replace-new-package.js';
import { RELEASE_METAPACKAGES, templatePhrase } from './target-versions.js';

export interface ComposerChange {
  /** `require`, `require-dev`, `replace`, `conflict`, `config.platform`. */
  section: string;
  name: string;
  /** Absent when the entry is added. */
  from?: string;
  /** Absent when the entry is removed. */
  to?: string;
  why: string;
}

export interface ComposerProposal {
  /** The proposed composer.json, formatted as Composer writes it (4 spaces, slashes unescaped). */
  text: string;
  /** Unified diff of composer.json → proposed. */
  diff: string;
  changes: ComposerChange[];
  /** The same changes as shell commands, in order (`composer require … --no-update`, then `composer update`). */
  commands: string[];
  /**
   * Packages that block the upgrade and no change of composer.json can fix (no release fits, or unknown), the reason a
   * part of `PROPOSAL_MESSAGES` (`unresolvedReason()` says it).
   */
  unresolved: { name: string; reason: MessagePart }[];
  /** The release whose project template stands in for the target's (the data has none of the target). */
  templateDerivedFrom?: string;
}

type Json = Record<string, unknown>;

/** Why no change of composer.json fixes a package: declared by composer/proposed-composer-json, which lists them. */
export const PROPOSAL_MESSAGES = {
  noReleaseFits: 'no release supports {{target}} ({{checked}} checked, from {{source}})',
  noReleaseList: 'no release list known (run mageup check --online); the installed {{installed}} requires {{blocker}}',
  ...BLOCKER_MESSAGES,
};

/** An unresolved package's reason as text, for the check result (and the plan's runbook it feeds). */
export function unresolvedReason(reason: MessagePart): string {
  return formatMessage({ id: 'composer/proposal', messages: PROPOSAL_MESSAGES }, reason.messageId, reason.data);
}

/** The proposal for a project's root composer.json, or undefined for an extension or a project without one. */
export function proposeComposerJson(ctx: PackageContext): ComposerProposal | undefined {
  const root = ctx.project.rootComposer;
  if (ctx.project.kind !== 'project' || !root) return undefined;
  const target = ctx.target.release.version;
  const json = structuredClone(root.json) as Json;
  const changes: ComposerChange[] = [];
  const unresolved: ComposerProposal['unresolved'] = [];
  const section = (name: string): Record<string, string> => {
    if (!json[name] || typeof json[name] !== 'object' || Array.isArray(json[name])) json[name] = {};
    return json[name] as Record<string, string>;
  };
  const set = (sec: string, name: string, to: string | undefined, why: string) => {
    const map = section(sec);
    const key = Object.keys(map).find((k) => k.toLowerCase() === name) ?? name;
    const from = map[key];
    if (from === to) return;
    if (to === undefined) delete map[key];
    else map[key] = to;
    changes.push({
      section: sec,
      name,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      why,
    });
  };

  // The release itself.
  for (const name of Object.keys(ctx.project.rootRequire)) {
    if (RELEASE_METAPACKAGES.has(name.toLowerCase()) && !name.toLowerCase().startsWith('magento/project-')) {
      set('require', name.toLowerCase(), target, `the upgrade to ${target}`);
    }
  }
  // The project template: what it requires, what it dropped (when the root still has it as the old template had it).
  const template = ctx.composer?.target?.template;
  const from = ctx.composer?.targetDerivedFrom;
  const old = ctx.composer?.current?.template;
  if (template) {
    const why = templatePhrase(ctx);
    for (const [sec, wanted, rootMap, oldMap] of [
      ['require', template.require, ctx.project.rootRequire, old?.require],
      ['require-dev', template.requireDev, ctx.project.rootRequireDev, old?.requireDev],
    ] as const) {
      // New template entries are added only where the project still follows the old template (keeps one of its
      // entries as written); a root without the template's dev tooling stays without it.
      const follows = Object.entries(lower(rootMap)).some(([n, c]) => oldMap?.[n] === c);
      for (const [name, constraint] of Object.entries(wanted)) {
        if (RELEASE_METAPACKAGES.has(name)) continue;
        const mine = lower(rootMap)[name];
        const elsewhere = lower(sec === 'require' ? ctx.project.rootRequireDev : ctx.project.rootRequire)[name];
        if (elsewhere !== undefined) continue; // The project moved it to the other section on purpose.
        if (mine === undefined ? follows : !safeIntersects(mine, constraint)) set(sec, name, constraint, why);
      }
      for (const [name, constraint] of Object.entries(lower(rootMap))) {
        if (wanted[name] !== undefined || oldMap?.[name] !== constraint) continue;
        if (template.require[name] !== undefined || template.requireDev[name] !== undefined) continue;
        set(
          sec,
          name,
          undefined,
          `${why} no longer requires it (it came with the ${ctx.current.release?.version} template)`,
        );
      }
    }
    const followsConflicts = Object.entries(lower(root.conflict)).some(([n, c]) => old?.conflict[n] === c);
    for (const [name, constraint] of Object.entries(template.conflict)) {
      if (followsConflicts && lower(root.conflict)[name] === undefined) set('conflict', name, constraint, why);
    }
  }
  // Third-party extensions the root requires: the newest release that allows the target.
  for (const [name, constraint] of Object.entries(lower(ctx.project.rootRequire))) {
    const pkg = ctx.project.packages.find((p) => p.name === name);
    if (!pkg || !isUsersPackage(pkg) || pkg.source === 'path') continue;
    const blocking = requirementBlocker(ctx, pkg.require);
    if (blocking === undefined) continue;
    const blocker = blockerText(blocking);
    const fit = extensionFit(ctx, name);
    if (!fit.latest) {
      unresolved.push({
        name,
        reason: fit.known
          ? { messageId: 'noReleaseFits', data: { target, checked: fit.checked, source: String(fit.source) } }
          : { messageId: 'noReleaseList', data: { installed: pkg.version, blocker: [blockerPart(blocking)] } },
      });
      continue;
    }
    if (safeSatisfies(fit.latest.version, constraint)) continue;
    set(
      'require',
      name,
      caretOf(fit.latest),
      `${fit.latest.version} is the newest release that allows ${target} (the installed ${pkg.version} requires ${blocker})`,
    );
  }
  // Root replace entries of a family the target extends.
  const replace = lower(root.replace);
  const current = ctx.current.release?.packages ?? {};
  for (const name of Object.keys(ctx.target.release.packages)) {
    if (current[name] !== undefined || replace[name] !== undefined) continue;
    const sibling = Object.keys(replace).find((r) => family(r) === family(name));
    if (sibling) set('replace', name, '*', `${target} adds it beside ${sibling}, which the root replaces`);
  }
  // The PHP Composer resolves for.
  const platformPhp = root.platform.php;
  if (platformPhp && !safeIntersects(`~${ctx.target.php}.0`, platformPhp)) {
    const value = platformPhp.split('.').length > 2 ? `${ctx.target.php}.0` : ctx.target.php;
    const config = section('config') as unknown as Json;
    const platform = (config.platform ?? {}) as Record<string, string>;
    config.platform = platform;
    changes.push({
      section: 'config.platform',
      name: 'php',
      from: platformPhp,
      to: value,
      why: `${target} runs PHP ${ctx.target.php}`,
    });
    platform.php = value;
  }
  // `config.sort-packages` (set by the project template): Composer keeps require sections sorted.
  const config = json.config as Json | undefined;
  if (config?.['sort-packages'] === true) {
    for (const sec of ['require', 'require-dev']) {
      const map = json[sec];
      if (map && typeof map === 'object' && !Array.isArray(map))
        json[sec] = sortPackages(map as Record<string, string>);
    }
  }
  const before = formatComposerJson(root.json);
  const text = formatComposerJson(json);
  return {
    text,
    diff: before === text ? '' : unifiedDiff(before, text, 'a/composer.json', 'b/composer.json'),
    changes,
    commands: [
      ...(from
        ? [
            ctx.composer?.targetTemplateOnly
              ? `# derived: MageUp's data has no project template of ${target}; the root's template moves follow ` +
                `${from}'s project template — compare with magento/project-community-edition ${target} first`
              : `# derived: MageUp's data has no metapackage of ${target}; these changes follow ${from}'s project ` +
                `template and library constraints — compare with magento/project-community-edition ${target} first`,
          ]
        : []),
      ...commandsFor(changes, ctx.project.rootRequireDev),
    ],
    unresolved,
    ...(from ? { templateDerivedFrom: from } : {}),
  };
}

/** Composer's order for sort-packages: platform (php, ext-, lib-) first, then by name. */
function sortPackages(map: Record<string, string>): Record<string, string> {
  const rank = (n: string) => (n === 'php' ? 0 : /^(ext|lib)-/.test(n) ? 1 : 2);
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)));
}

/** Composer's own layout: 4-space indent, unescaped slashes and unicode, newline at the end. */
export function formatComposerJson(json: unknown): string {
  return JSON.stringify(json, null, 4) + '\n';
}

function commandsFor(changes: ComposerChange[], rootDev: Record<string, string>): string[] {
  const quote = (c: ComposerChange) => `${c.name}:"${c.to}"`;
  const out: string[] = [];
  const product = changes.filter((c) => c.section === 'require' && RELEASE_METAPACKAGES.has(c.name));
  const req = changes.filter((c) => c.section === 'require' && c.to !== undefined && !RELEASE_METAPACKAGES.has(c.name));
  const dev = changes.filter((c) => c.section === 'require-dev' && c.to !== undefined);
  const removed = changes.filter((c) => c.to === undefined && (c.section === 'require' || c.section === 'require-dev'));
  for (const c of product) out.push(`composer require ${c.name}=${c.to} --no-update`);
  if (req.length > 0) out.push(`composer require ${req.map(quote).join(' ')} --no-update`);
  if (dev.length > 0) out.push(`composer require --dev ${dev.map(quote).join(' ')} --no-update`);
  const removedDev = removed.filter((c) => c.section === 'require-dev' || lower(rootDev)[c.name] !== undefined);
  const removedReq = removed.filter((c) => !removedDev.includes(c));
  if (removedReq.length > 0) out.push(`composer remove ${removedReq.map((c) => c.name).join(' ')} --no-update`);
  if (removedDev.length > 0) out.push(`composer remove --dev ${removedDev.map((c) => c.name).join(' ')} --no-update`);
  for (const c of changes.filter((c) => c.section === 'config.platform')) {
    out.push(`composer config platform.${c.name} ${c.to}`);
  }
  const edits = changes.filter((c) => c.section === 'replace' || c.section === 'conflict');
  for (const c of edits) out.push(`# edit composer.json: "${c.section}": { "${c.name}": "${c.to}" }`);
  out.push('composer update --with-all-dependencies');
  return out;
}

function lower(map: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {})) out[k.toLowerCase()] = v;
  return out;
}
