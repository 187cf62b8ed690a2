import type { MessagePart, Rule } from '../rule.js';
import { PROPOSAL_MESSAGES, proposeComposerJson, type ComposerChange } from './proposal.js';

/** The exact composer.json changes for the target, as a diff (details) and commands (recommendation). */
export const proposedComposerJson: Rule = {
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
    recommendations: {
      apply:
        'Apply them (mageup check --composer-json-out composer.proposed.json writes the file): ' +
        '{{edit}}{{commands}}',
    },
    messages: {
      proposal: '{{count}} change(s) to composer.json for {{target}}: {{changes}}.',
      proposalBlocked:
        '{{count}} change(s) to composer.json for {{target}}: {{changes}}. Still blocking after it: {{unresolved}}.',
      // One change (from → to; a new or removed entry says so) and one package no change can fix, with the reason.
      change: '{{section}} {{name}} {{from}} → {{to}}',
      changeNew: '{{section}} {{name}} (new) → {{to}}',
      changeRemoved: '{{section}} {{name}} {{from}} → (removed)',
      changeNewRemoved: '{{section}} {{name}} (new) → (removed)',
      unresolved: '{{name}} ({{reason}})',
      ...PROPOSAL_MESSAGES,
      // Of `apply`: the composer commands, run one after the other, and before them the edits no command makes
      // (replace, conflict), when there are some.
      command: '{{command}}',
      editFirst: 'edit composer.json ({{edits}}), then ',
      edit: '{{edit}}',
    },
    listSeparators: { changes: ', ', commands: ' && ', edits: ', ' },
  },
  check(ctx) {
    const proposal = proposeComposerJson(ctx);
    if (!proposal || proposal.changes.length === 0) return;
    const target = ctx.target.release.version;
    const data = {
      count: proposal.changes.length,
      target,
      changes: proposal.changes.map(changePart),
      edit: edits(proposal.commands),
      commands: proposal.commands
        .filter((c) => !c.startsWith('#'))
        .map((command) => ({ messageId: 'command', data: { command } })),
    };
    ctx.report({
      file: 'composer.json',
      subject: `proposed composer.json for ${target}`,
      ...(proposal.unresolved.length > 0
        ? { messageId: 'proposalBlocked', data: { ...data, unresolved: proposal.unresolved.map(unresolvedPart) } }
        : { messageId: 'proposal', data }),
      recommendationId: 'apply',
      details: proposal.diff,
    });
  },
};

function changePart(c: ComposerChange): MessagePart {
  const facts = { section: c.section, name: c.name };
  if (c.from !== undefined && c.to !== undefined)
    return { messageId: 'change', data: { ...facts, from: c.from, to: c.to } };
  if (c.to !== undefined) return { messageId: 'changeNew', data: { ...facts, to: c.to } };
  if (c.from !== undefined) return { messageId: 'changeRemoved', data: { ...facts, from: c.from } };
  return { messageId: 'changeNewRemoved', data: facts };
}

const unresolvedPart = (u: { name: string; reason: MessagePart }): MessagePart => ({
  messageId: 'unresolved',
  data: { name: u.name, reason: [u.reason] },
});

/** Changes no composer command makes (replace, conflict): said before the commands (none: an empty list). */
function edits(commands: string[]): MessagePart[] {
  const list = commands
    .filter((c) => c.startsWith('# edit composer.json: '))
    .map((c) => ({ messageId: 'edit', data: { edit: c.slice('# edit composer.json: '.length) } }));
  return list.length > 0 ? [{ messageId: 'editFirst', data: { edits: list } }] : [];
}
