// Dates as ISO days (`2026-11-27`) in UTC: no time zones, no daylight-saving surprises.
import { isoDay } from '../knowledge/clock.js';

export function parseDay(s: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || isoDay(d) !== s ? undefined : d;
}

export function addDays(s: string, n: number): string {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDay(d);
}

export function weekday(s: string): number {
  return new Date(`${s}T00:00:00Z`).getUTCDay();
}

/** US Thanksgiving: the fourth Thursday of November. */
export function thanksgiving(year: number): string {
  const first = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - first + 7) % 7);
  return isoDay(new Date(Date.UTC(year, 10, firstThursday + 21)));
}
