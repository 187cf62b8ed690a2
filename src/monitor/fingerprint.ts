import { createHash } from 'node:crypto';
import type { Frame } from './magento-log.js';
import { isOwnCode, relativePath, type CodeOrigin, type OriginMap } from './origin.js';

/** How many of the project's own frames name an error class: deeper frames vary with the caller. */
const OWN_FRAMES = 3;

/**
 * An error message with what varies between occurrences masked: URLs, e-mail addresses, ids (numbers, hex, UUIDs),
 * quoted values that hold digits or spaces (SKUs, entries, names), absolute paths (made project-relative, line
 * numbers dropped). Class names and identifiers in quotes stay: they tell errors apart.
 */
export function normaliseMessage(message: string): string {
  return message
    .slice(0, 500)
    .replace(/\bhttps?:\/\/\S+/g, '<url>')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '<email>')
    .replace(
      /((?:[A-Za-z]:)?\/[^\s:'"()]+\.(?:php|phtml|xml|js|html))(?::\d+|\(\d+\))?/g,
      (_m, p: string) => relativePath(p) ?? '<path>',
    )
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/(["'])((?:(?!\1).)*)\1/g, (m, q: string, v: string) => (/[\d\s@]/.test(v) ? `${q}<v>${q}` : m))
    .replace(/\b0x[0-9a-f]+\b/gi, '<hex>')
    .replace(/\b[0-9a-f]*\d[0-9a-f]*[a-f][0-9a-f]*\b/gi, (m) => (m.length >= 8 ? '<hex>' : m))
    .replace(/\d+(?:\.\d+)?/g, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

export interface ErrorIdentity {
  fingerprint: string;
  normalised: string;
  /** The project's own frames that name the class (or the top frames when the trace holds none of its code). */
  frames: { file: string; call: string }[];
  /** The origin blamed: the first own frame, else the top frame with a known origin. */
  origin?: CodeOrigin & { line: number };
}

/** Identity of an error: normalised message + exception class + top frames of the project's own code. */
export function identify(
  message: string,
  exceptionClass: string | undefined,
  frames: Frame[],
  origins: OriginMap,
): ErrorIdentity {
  const normalised = normaliseMessage(message);
  const located = frames.map((f) => ({ f, o: origins.of(f.path) }));
  const own = located.filter((x) => x.o && isOwnCode(x.o.owner)).slice(0, OWN_FRAMES);
  const chosen = own.length > 0 ? own : located.filter((x) => x.o).slice(0, 2);
  const keyFrames = chosen.map((x) => ({ file: x.o!.file, call: maskCall(x.f.call) }));
  const blamed = own[0] ?? located.find((x) => x.o);
  // Magento_Cron logs a failed job as `Cron Job <code> has an error: …` without a stack: its crontab.xml tells whose.
  const cronJob = blamed ? undefined : /^Cron Job (\S+) has an error/.exec(message)?.[1];
  const cronOrigin = cronJob ? origins.ofCronJob(cronJob) : undefined;
  const fingerprint = createHash('sha256')
    .update(`${exceptionClass ?? ''}\0${normalised}\0${keyFrames.map((k) => `${k.file}|${k.call}`).join('\0')}`)
    .digest('hex')
    .slice(0, 16);
  return {
    fingerprint,
    normalised,
    frames: keyFrames,
    ...(blamed?.o ? { origin: { ...blamed.o, line: blamed.f.line } } : cronOrigin ? { origin: cronOrigin } : {}),
  };
}

/** Closures and generated ids in calls (`{closure}`, `Interceptor->___callParent`) kept; numbers masked. */
function maskCall(call: string): string {
  return call.replace(/\d+/g, 'N');
}
