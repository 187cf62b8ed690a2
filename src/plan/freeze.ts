// Freeze windows: user ranges (`2026-11-20..2026-12-01`) and built-in presets computed per year.
import type { FreezeWindow } from './types.js';
import { addDays, parseDay, thanksgiving } from './calendar.js';
import { PlanInputError } from './errors.js';

export const FREEZE_PRESETS: Record<string, { describe: string; windows(year: number): FreezeWindow[] }> = {
  bfcm: {
    describe:
      'Black Friday–Cyber Monday: no deployments from the Monday of Thanksgiving week to the Tuesday after Cyber Monday',
    windows: (year) => {
      const tg = thanksgiving(year);
      return [
        { from: addDays(tg, -3), to: addDays(tg, 5), label: `Black Friday–Cyber Monday ${year}`, kind: 'deploy' },
      ];
    },
  },
  december: {
    describe: 'December holidays: nobody works and nothing is deployed from 20 December to 2 January',
    windows: (year) => [
      { from: `${year}-12-20`, to: `${year + 1}-01-02`, label: `December holidays ${year}`, kind: 'no-work' },
    ],
  },
};

export const DEFAULT_PRESETS = ['bfcm', 'december'];

/** `FROM..TO` (inclusive ISO days) into a deploy freeze; throws PlanInputError naming where it came from. */
export function parseFreeze(spec: string, kind: FreezeWindow['kind'] = 'deploy', origin = '--freeze'): FreezeWindow {
  const m = /^\s*(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})\s*(?::\s*(.*))?$/.exec(spec);
  if (!m || !parseDay(m[1]!) || !parseDay(m[2]!)) {
    throw new PlanInputError(`${origin} "${spec}" is not FROM..TO with ISO dates (2026-11-20..2026-12-01).`);
  }
  if (m[1]! > m[2]!) throw new PlanInputError(`${origin} "${spec}" ends before it starts.`);
  return { from: m[1]!, to: m[2]!, label: m[3]?.trim() || `freeze ${m[1]}..${m[2]}`, kind };
}

/** Preset windows for every year the horizon touches. */
export function presetWindows(names: string[], fromYear: number, toYear: number): FreezeWindow[] {
  const out: FreezeWindow[] = [];
  for (const name of names) {
    const preset = FREEZE_PRESETS[name];
    if (!preset) {
      throw new PlanInputError(
        `Unknown freeze preset "${name}" (known: ${Object.keys(FREEZE_PRESETS).join(', ')}, none).`,
      );
    }
    for (let y = fromYear - 1; y <= toYear; y++) out.push(...preset.windows(y));
  }
  return out;
}

export function inWindow(
  dayIso: string,
  windows: FreezeWindow[],
  kinds: FreezeWindow['kind'][],
): FreezeWindow | undefined {
  return windows.find((w) => kinds.includes(w.kind) && w.from <= dayIso && dayIso <= w.to);
}
