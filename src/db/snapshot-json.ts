import type { DbSnapshot } from './snapshot-types.js';

/**
 * The snapshot as JSON, indented, with each aggregate row, checksum bucket and column list on one line: readable
 * in a diff and a fraction of the size of fully indented JSON.
 */
export function snapshotToJson(snapshot: DbSnapshot): string {
  const text = JSON.stringify(
    snapshot,
    (_key, value: unknown) =>
      Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')
        ? `\u0000${JSON.stringify(value)}`
        : value,
    2,
  );
  return `${text.replace(/"\\u0000((?:[^"\\]|\\.)*)"/g, (_m, inner: string) => JSON.parse(`"${inner}"`) as string)}\n`;
}
