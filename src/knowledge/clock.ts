/** Where "now" comes from. Every time-dependent answer (end of support, `latest`) takes one, so tests can fix the date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at an ISO date or timestamp (`2026-06-01` or `2026-06-01T12:00:00Z`). */
export function fixedClock(iso: string): Clock {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid date for a fixed clock: "${iso}"`);
  return { now: () => new Date(date.getTime()) };
}

/** The UTC calendar day of a date as `YYYY-MM-DD`. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
