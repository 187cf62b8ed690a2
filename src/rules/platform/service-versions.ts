// Reading the service versions a release supports, as published: `8.4`, `7.x`, `2.9.3+`, `8`, `2.2.26+`.
import type { MessagePart } from '../../core/finding.js';
import type { Release, ServiceName } from '../../knowledge/types.js';

/** Versions of `service` the release supports, as published (empty when the data has none). */
export function supported(release: Release, service: ServiceName): string[] {
  return release.requirements[service] ?? [];
}

/** Numeric components of a published entry: `7.x` → [7], `2.9.3+` → [2, 9, 3], `8.4` → [8, 4]. */
function numbers(entry: string): number[] {
  const out: number[] = [];
  for (const part of entry.replace(/\+$/, '').split('.')) {
    if (!/^\d+$/.test(part)) break;
    out.push(Number(part));
  }
  return out;
}

function compareParts(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Does an actual version (`8.1`, `8.1.27`, `2.7.1`) fit one published entry? `8.4` and `7.x` match by prefix,
 * `2.9.3+` means that version or newer within the same major.
 */
export function fitsEntry(actual: string, entry: string): boolean {
  const want = numbers(entry);
  const have = numbers(actual);
  if (want.length === 0 || have.length === 0) return false;
  if (entry.trim().endsWith('+')) return have[0] === want[0] && compareParts(have, want) >= 0;
  return want.every((n, i) => have[i] === undefined || have[i] === n);
}

export function fitsAny(actual: string, entries: string[]): boolean {
  return entries.some((entry) => fitsEntry(actual, entry));
}

/**
 * Entries of `from` that no entry of `to` covers: what the current release supported and the target no longer
 * does. A minimum (`2.2.26+`) is dropped when that minimum no longer fits the target (`2.9.3+`).
 */
export function dropped(from: string[], to: string[]): string[] {
  return from.filter((entry) => !to.some((t) => fitsEntry(entry.replace(/\+$/, '').replace(/\.x$/, ''), t)));
}

/** `8.3, 8.4` sorted ascending, for messages. */
export function listVersions(entries: string[]): string {
  return [...entries].sort((a, b) => compareParts(numbers(a), numbers(b))).join(', ');
}

/**
 * The messages of the `{{note}}`/`{{uncertainty}}` placeholder of every platform rule: ` (uncertain: …)` after a
 * statement built on requirements that are not firm. Each platform rule declares them in its meta.
 */
export const UNCERTAINTY_MESSAGES = {
  uncertainNoColumn:
    ' (uncertain: {{release}} has no published requirements column of its own; values come from its base release)',
  uncertainInherited: ' (uncertain: requirements of {{release}} are inherited from its base release)',
};

/** The `{{note}}` of a statement about the release's published requirements: a part when they are not firm. */
export function uncertainty(release: Release): MessagePart[] {
  if (release.requirementsConfidence === 'low')
    return [{ messageId: 'uncertainNoColumn', data: { release: release.version } }];
  if (release.requirementsExact === false)
    return [{ messageId: 'uncertainInherited', data: { release: release.version } }];
  return [];
}

/** Highest PHP minor a list supports (`['8.4', '8.3']` → `8.4`). */
export function newest(entries: string[]): string | undefined {
  return [...entries].sort((a, b) => compareParts(numbers(b), numbers(a)))[0];
}
