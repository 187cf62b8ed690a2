// Shared by the service rules: what the target drops of what the current release supported.
import type { Release, ServiceName } from '../../knowledge/types.js';
import type { RuleContext } from '../rule.js';
import { dropped, listVersions, supported, uncertainty } from './service-versions.js';

export interface ServiceChange {
  service: ServiceName;
  before: string[];
  after: string[];
  /** Versions the current release supported that the target no longer lists. */
  dropped: string[];
  /** True when nothing the current release supported is still supported: the server must be upgraded. */
  noOverlap: boolean;
}

/** The change of one service's supported versions, or undefined when either side is unknown or nothing is dropped. */
export function serviceChange(
  current: Release | null,
  target: Release,
  service: ServiceName,
): ServiceChange | undefined {
  if (!current) return undefined;
  const before = supported(current, service);
  const after = supported(target, service);
  if (before.length === 0 || after.length === 0) return undefined;
  const gone = dropped(before, after);
  if (gone.length === 0) return undefined;
  return { service, before, after, dropped: gone, noOverlap: gone.length === before.length };
}

/**
 * The finding of a service rule whose service has one version list (platform/rabbitmq, platform/varnish): the target
 * drops versions the current release supported (`noOverlap` when it drops them all, else `changed`), at the line of
 * the service's settings when known, recommending the rule's `upgrade` (filled from the message's data: `{{after}}`,
 * `{{target}}`). Nothing when either side is unknown or nothing is dropped.
 */
export function reportServiceChange(
  ctx: RuleContext,
  service: ServiceName,
  where: { file: string; line: number } | undefined,
  hours: { noOverlap: number; changed: number },
): void {
  const current = ctx.current.release;
  const target = ctx.target.release;
  const change = serviceChange(current, target, service);
  if (!change || !current) return;
  ctx.report({
    file: where?.file,
    line: where?.line,
    subject: `${service} ${target.version}`,
    messageId: change.noOverlap ? 'noOverlap' : 'changed',
    data: {
      target: target.version,
      after: listVersions(change.after),
      current: current.version,
      before: listVersions(change.before),
      uncertainty: uncertainty(target),
    },
    recommendationId: 'upgrade',
    effort: { hours: change.noOverlap ? hours.noOverlap : hours.changed, confidence: 'low' },
  });
}
