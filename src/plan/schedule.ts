// Working days from the start with the team's capacity. Work happens on weekdays outside `no-work` windows; each
// hop goes live on a Monday–Thursday (never a Friday) outside every freeze, with its hypercare days also clear of
// freezes. The next hop's work starts when the previous hop is ready; its go-live waits for the previous hypercare.
import type { FreezeWindow, Milestone, Schedule } from './types.js';
import { addDays, weekday } from './calendar.js';
import { inWindow } from './freeze.js';
import { PlanInputError } from './errors.js';

/** How far the schedule looks for a working or deploy day before giving up. */
const HORIZON_DAYS = 3 * 366;

export interface ScheduleInput {
  start: string;
  capacityHoursPerWeek: number;
  hypercareDays: number;
  freezes: FreezeWindow[];
  hops: { hop: number; title: string; hours: number }[];
  endOfSupport: string | null;
  /** End of Adobe Commerce extended support of the current line (Commerce and B2B stores only), when published. */
  extendedSupportEnd?: string | null;
  today: string;
}

function isWorkday(d: string, freezes: FreezeWindow[]): boolean {
  const w = weekday(d);
  return w !== 0 && w !== 6 && !inWindow(d, freezes, ['no-work']);
}

function isDeployDay(d: string, freezes: FreezeWindow[], hypercare: number): boolean {
  const w = weekday(d);
  if (w === 0 || w === 5 || w === 6 || inWindow(d, freezes, ['deploy', 'no-work'])) return false;
  let cursor = d;
  for (let i = 0; i < hypercare;) {
    cursor = addDays(cursor, 1);
    if (inWindow(cursor, freezes, ['deploy', 'no-work'])) return false;
    if (isWorkday(cursor, freezes)) i++;
  }
  return true;
}

function nextDay(from: string, ok: (d: string) => boolean, what: string): string {
  let d = from;
  for (let i = 0; i < HORIZON_DAYS; i++, d = addDays(d, 1)) if (ok(d)) return d;
  throw new PlanInputError(
    `No ${what} between ${from} and ${addDays(from, HORIZON_DAYS)}: the freeze windows cover the whole horizon. Shorten or remove some (--freeze, --freeze-preset none).`,
  );
}

export function buildSchedule(input: ScheduleInput): Schedule {
  const perDay = input.capacityHoursPerWeek / 5;
  const milestones: Milestone[] = [];
  const hops: Schedule['hops'] = [];
  let workCursor = input.start;
  let deployAfter = input.start;
  for (const hop of input.hops) {
    const workStart = nextDay(workCursor, (d) => isWorkday(d, input.freezes), 'working day');
    let remaining = hop.hours;
    let d = workStart;
    let ready = workStart;
    while (remaining > 0) {
      d = nextDay(d, (x) => isWorkday(x, input.freezes), 'working day');
      remaining -= perDay;
      ready = d;
      d = addDays(d, 1);
    }
    const earliest = addDays(ready > deployAfter ? ready : deployAfter, 1);
    const goLive = nextDay(earliest, (x) => isDeployDay(x, input.freezes, input.hypercareDays), 'deploy day');
    let hypercareEnd = goLive;
    for (let i = 0; i < input.hypercareDays;) {
      hypercareEnd = addDays(hypercareEnd, 1);
      if (isWorkday(hypercareEnd, input.freezes)) i++;
    }
    hops.push({ hop: hop.hop, workStart, ready, goLive, hours: hop.hours });
    milestones.push(
      { kind: 'work-start', date: workStart, hop: hop.hop, title: `Start hop ${hop.hop}: ${hop.title}` },
      { kind: 'ready', date: ready, hop: hop.hop, title: `Hop ${hop.hop} ready on staging: ${hop.title}` },
      { kind: 'go-live', date: goLive, hop: hop.hop, title: `Go-live hop ${hop.hop}: ${hop.title}` },
    );
    workCursor = addDays(ready, 1);
    deployAfter = hypercareEnd;
  }
  const finish = hops.at(-1)?.goLive ?? input.start;
  milestones.push({ kind: 'done', date: finish, title: 'Upgrade complete' });
  const warnings: string[] = [];
  let meets: boolean | null = null;
  if (input.endOfSupport) {
    milestones.push({
      kind: 'end-of-support',
      date: input.endOfSupport,
      title: 'End of support of the current release line',
    });
    // An Adobe Commerce store keeps getting security fixes through extended support: its deadline is that date.
    const extended =
      input.extendedSupportEnd && input.extendedSupportEnd > input.endOfSupport ? input.extendedSupportEnd : null;
    if (extended) {
      milestones.push({
        kind: 'end-of-support',
        date: extended,
        title: 'End of Adobe Commerce extended support of the current release line',
      });
    }
    const deadline = extended ?? input.endOfSupport;
    meets = finish <= deadline;
    if (deadline < input.today) {
      warnings.push(
        `END OF SUPPORT ALREADY PASSED: the current line lost support on ${deadline}${extended ? ' (end of Adobe Commerce extended support)' : ''}; the store gets no security fixes until the plan completes on ${finish}.`,
      );
    } else if (!meets) {
      warnings.push(
        `END OF SUPPORT MISSED: the plan completes on ${finish}, after the current line's end of ${extended ? 'Adobe Commerce extended support' : 'support'} on ${deadline}. Add capacity (--capacity), start earlier, or shorten freezes.`,
      );
    } else if (extended && input.endOfSupport < finish) {
      warnings.push(
        `Regular support of the current line ${input.endOfSupport < input.today ? 'ended' : 'ends'} on ${input.endOfSupport}; Adobe Commerce extended support delivers security fixes until ${extended}, after the plan completes on ${finish}.`,
      );
    }
  }
  milestones.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    start: input.start,
    capacityHoursPerWeek: input.capacityHoursPerWeek,
    hypercareDays: input.hypercareDays,
    freezes: input.freezes,
    hops,
    milestones,
    finish,
    endOfSupport: input.endOfSupport,
    meetsEndOfSupport: meets,
    warnings,
  };
}
