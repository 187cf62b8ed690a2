import type { CheckResult, TargetResult } from '../check/types.js';
import { isBlocker } from '../core/blocker.js';
import { severityRank, type Finding } from '../core/finding.js';

/**
 * Can a store move to a target release now, and if not, what stands in the way: the one judgement the fleet report
 * and the dashboard both print.
 *
 * A blocker is judged by `isBlocker` (core/blocker.ts), the one judgement the check's HTML summary uses too. Without
 * the target's API data (`symbols: 'none'`) the answer is `null`, "could not verify", never "yes".
 */
export interface MoveReadiness {
  /** The release judged (`2.4.8`). */
  target: string;
  /** True: nothing but routine work (warnings, info) stands between the store and the target. */
  canMoveNow: boolean | null;
  /** One short phrase per owner of blockers (an extension, a module, the project's code), worst first. */
  blockedBy: string[];
  /** Blocking findings in all. */
  blockers: number;
  /** Third-party extensions whose releases could not be read: the verdict does not cover them. */
  unverifiedExtensions: string[];
  /** Why `canMoveNow` is null, when it is. */
  unverifiedReason?: string;
}

/** The readiness of each target of a check, in the check's order. */
export function moveReadiness(result: Pick<CheckResult, 'targets'>): MoveReadiness[] {
  return result.targets.map(readinessOf);
}

/** The furthest target the store can move to now (targets are in the order asked; the newest wins). */
export function furthestReady(readiness: MoveReadiness[]): MoveReadiness | undefined {
  return readiness.filter((r) => r.canMoveNow === true).at(-1);
}

function readinessOf(t: TargetResult): MoveReadiness {
  const blocking = t.findings
    .filter(isBlocker)
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        (b.effort?.hours ?? 0) - (a.effort?.hours ?? 0) ||
        a.message.localeCompare(b.message),
    );
  const byOwner = new Map<string, Finding[]>();
  for (const f of blocking) {
    const owner = f.package ?? f.module ?? 'project code';
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), f]);
  }
  const blockedBy = [...byOwner.entries()].map(([owner, list]) => {
    const first = list[0]!;
    const more = list.length > 1 ? ` (+${list.length - 1} more)` : '';
    return `${owner}: ${shorten(first.message)}${more}`;
  });
  const unverifiedExtensions = (t.composer?.extensions ?? []).filter((e) => !e.known).map((e) => e.name);
  const base = { target: t.version, blockedBy, blockers: blocking.length, unverifiedExtensions };
  if (blocking.length > 0) return { ...base, canMoveNow: false };
  if (t.symbols === 'none')
    return {
      ...base,
      canMoveNow: null,
      unverifiedReason: `the knowledge base has no API data for ${t.version}: code changes could not be verified`,
    };
  return { ...base, canMoveNow: true };
}

function shorten(message: string): string {
  const line = message.split('\n')[0]!;
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
