import type { Rule } from '../rule.js';
import { proposeComposerJson } from './proposal.js';

/** The exact composer.json changes for the target, as a diff (details) and commands (recommendation). */
export const proposedComposerJsonRule: Rule = {
  meta: {
    id: 'composer/proposed-composer-json',
    severity: 'info',
    category: 'composer',
    description: 'The composer.json changes the upgrade needs, as a diff and as composer commands.',
    docs:
      'Gathers what the other composer rules found into one proposal for the root composer.json: the product ' +
      "metapackage at the target, the entries the target's project template moved (require, require-dev, tooling it " +
      'dropped, conflict), each third-party extension at the newest release whose requirements allow the target ' +
      "(from Composer repository metadata or MageUp's snapshot of public extensions), `replace` entries for modules " +
      'the target adds to a replaced family, and `config.platform.php`. The finding carries the unified diff; ' +
      '`mageup check --composer-json-out FILE` writes the proposed file, and `--solve` lets Composer itself judge it ' +
      'in a temporary copy. Packages no change can fix (no release supports the target) are named.',
    messages: { proposal: '{{count}} change(s) to composer.json for {{target}}: {{changes}}.{{unresolved}}' },
  },
  check(ctx) {
    const proposal = proposeComposerJson(ctx);
    if (!proposal || proposal.changes.length === 0) return;
    const target = ctx.target.release.version;
    const unresolved =
      proposal.unresolved.length > 0
        ? ` Still blocking after it: ${proposal.unresolved.map((u) => `${u.name} (${u.reason})`).join('; ')}.`
        : '';
    ctx.report({
      file: 'composer.json',
      subject: `proposed composer.json for ${target}`,
      messageId: 'proposal',
      data: {
        count: proposal.changes.length,
        target,
        changes: proposal.changes
          .map((c) => `${c.section} ${c.name} ${c.from ?? '(new)'} → ${c.to ?? '(removed)'}`)
          .join(', '),
        unresolved,
      },
      recommendation:
        `Apply them (mageup check --composer-json-out composer.proposed.json writes the file): ` +
        edits(proposal.commands) +
        proposal.commands.filter((c) => !c.startsWith('#')).join(' && '),
      details: proposal.diff,
    });
  },
};

/** Changes no composer command makes (replace, conflict): said after the commands. */
function edits(commands: string[]): string {
  const list = commands
    .filter((c) => c.startsWith('# edit composer.json: '))
    .map((c) => c.slice('# edit composer.json: '.length));
  return list.length > 0 ? `edit composer.json (${list.join(', ')}), then ` : '';
}
