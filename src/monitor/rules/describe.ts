import type { ErrorClass } from '../types.js';

/** Where an error class comes from, said so that Magento's own code is never the client's work. */
export function whereFrom(e: ErrorClass): string {
  const o = e.origin;
  if (!o) return 'origin unknown (no stack frame under the project)';
  const what = o.module ?? o.package ?? o.file;
  switch (o.owner) {
    case 'custom':
      return `custom code ${what} (${o.file}:${o.line})`;
    case 'third-party':
      return `third-party extension ${what} (${o.file}:${o.line})`;
    case 'generated':
      return `generated code${o.module ? ` of ${o.module}` : ''} (${o.file})`;
    case 'core':
    case 'bundled':
      return `Magento's own code ${what} — no custom or extension frame in the trace`;
    case 'library':
      return `library ${what}`;
    default:
      return what;
  }
}

export function rate(n: number | undefined, unit: string): string {
  if (n === undefined) return 'n/a';
  const r = n >= 10 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toFixed(2);
  return `${r} ${unit === 'per-1k-requests' ? 'per 1k requests' : 'per hour'}`;
}

/** `Class: message`, without repeating the class when the message already starts with it. */
export function errorTitle(e: ErrorClass): string {
  return e.exceptionClass && !e.sample.startsWith(e.exceptionClass) ? `${e.exceptionClass}: ${e.sample}` : e.sample;
}
