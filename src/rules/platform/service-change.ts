// Shared by the service rules: what the target drops of what the current release supported.
import type { Release, ServiceName } from '../../knowledge/types.js';
import { dropped, listVersions, supported } from './service-versions.js';

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

export function describeChange(change: ServiceChange, label: string, current: Release, target: Release): string {
  return (
    `${target.version} supports ${label} ${listVersions(change.after)}; ${current.version} supported ` +
    `${listVersions(change.before)}`
  );
}
