// The schedule as an iCalendar file (RFC 5545): CRLF line ends, lines folded at 75 octets without splitting a UTF-8
// character, TEXT values escaped, stable UIDs, DTSTAMP from the clock.
import { createHash } from 'node:crypto';
import type { Schedule } from './types.js';
import { addDays } from './calendar.js';

export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds one content line: at most 75 octets per line, continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

function compact(dayIso: string): string {
  return dayIso.replace(/-/g, '');
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function renderIcs(schedule: Schedule, opts: { now: Date; project: string; summaryPrefix?: string }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//MageUp//mageup plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  const uid = (key: string) =>
    `${createHash('sha256').update(`${opts.project}\0${key}`).digest('hex').slice(0, 24)}@mageup`;
  const event = (key: string, from: string, toInclusive: string, summary: string, description: string) => {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid(key)}`,
      `DTSTAMP:${stamp(opts.now)}`,
      `DTSTART;VALUE=DATE:${compact(from)}`,
      `DTEND;VALUE=DATE:${compact(addDays(toInclusive, 1))}`,
      `SUMMARY:${escapeText(summary)}`,
      `DESCRIPTION:${escapeText(description)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  };
  for (const h of schedule.hops) {
    const title = schedule.milestones.find((m) => m.hop === h.hop && m.kind === 'go-live')?.title ?? `Hop ${h.hop}`;
    event(`work-${h.hop}`, h.workStart, h.ready, `Upgrade work, hop ${h.hop}`, `${title}\n${h.hours} h of work`);
    event(`go-live-${h.hop}`, h.goLive, h.goLive, title, `Production deployment; runbook of hop ${h.hop}`);
  }
  for (const f of schedule.freezes) {
    event(
      `freeze-${f.from}-${f.to}-${f.label}`,
      f.from,
      f.to,
      `Freeze: ${f.label}`,
      f.kind === 'no-work' ? 'No work, no deployments' : 'No production deployments',
    );
  }
  if (schedule.endOfSupport) {
    event(
      'end-of-support',
      schedule.endOfSupport,
      schedule.endOfSupport,
      'End of support of the current release line',
      'Security fixes stop after this day',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
