import { supportStatus, type SupportStatus } from '../../knowledge/lifecycle.js';
import type { Release } from '../../knowledge/types.js';
import type { MessagePart, Rule, RuleContext } from '../rule.js';

/** Current and target lines out of (regular) support or ending within six months. */
export const endOfSupport: Rule = {
  meta: {
    id: 'lifecycle/end-of-support',
    severity: 'warning',
    category: 'lifecycle',
    description: 'The current or the target release line is out of support, or its support ends within six months.',
    docs:
      'Adobe supports each 2.4.x line for about three years; after that no security patches are published. The ' +
      'dates come from the release catalog (the clock is injectable, so tests and plans can fix "today"). A target ' +
      'ending soon means planning the next upgrade already; an ended target is a poor choice.',
    // The severity is the release's role and status (and whether an extension vendor checks older lines on purpose).
    recommendations: {
      upgradeNow: 'Upgrade: the {{line}} line gets no more security patches.',
      planBefore: 'Plan the upgrade before {{endOfSupport}}.',
      chooseSupported: 'Choose a supported target (mageup check --to latest).',
      expectAnother: 'Expect another upgrade soon after this one, or target a newer line.',
    },
    messages: {
      support:
        'The {{role}} release {{version}} belongs to the {{line}} line, whose regular support {{when}}{{uncertain}}.{{extended}}',
      ended: 'ended on {{date}}',
      endsOn: 'ends on {{date}} (in {{days}} days)',
      uncertainDate: ' (uncertain: the end-of-support date is not firmly published)',
      extendedSupport: ' Adobe Commerce extended support runs to {{date}}.',
    },
  },
  check(ctx) {
    const current = ctx.current.release;
    if (current && ctx.project.kind === 'project') report(ctx, current, 'current');
    report(ctx, ctx.target.release, 'target');
  },
};

function report(ctx: RuleContext, release: Release, role: 'current' | 'target'): void {
  const status = supportStatus(release, ctx.now);
  if (status.status !== 'ended' && status.status !== 'ending-soon') return;
  const line = release.supportLine ?? release.minor;
  const uncertain: MessagePart[] = status.confidence === 'low' ? [{ messageId: 'uncertainDate' }] : [];
  const when = [describe(status)];
  const extended: MessagePart[] = release.endOfExtendedSupport
    ? [{ messageId: 'extendedSupport', data: { date: release.endOfExtendedSupport } }]
    : [];
  ctx.report({
    // An extension vendor checking older lines on purpose gets a note, not an error.
    severity:
      role === 'target' && status.status === 'ended'
        ? ctx.project.kind === 'extension'
          ? 'info'
          : 'error'
        : 'warning',
    subject: `${role} ${line} ${status.status}`,
    messageId: 'support',
    data: {
      role,
      version: release.version,
      line,
      when,
      uncertain,
      extended,
      endOfSupport: String(status.endOfSupport),
    },
    recommendationId:
      role === 'current'
        ? status.status === 'ended'
          ? 'upgradeNow'
          : 'planBefore'
        : status.status === 'ended'
          ? 'chooseSupported'
          : 'expectAnother',
    effort: { hours: 0, confidence: 'high' },
  });
}

function describe(status: SupportStatus): MessagePart {
  // Both statuses come from a known date, so neither value is null here.
  const date = String(status.endOfSupport);
  if (status.status === 'ended') return { messageId: 'ended', data: { date } };
  return { messageId: 'endsOn', data: { date, days: String(status.daysLeft) } };
}
