// A conflict has two (or more) sides; it is one finding, counted and costed once. It is shown at the side the client
// edits (custom code in app/ first), the other sides as related locations.
import type { RelatedLocation } from '../../core/finding.js';

export interface Side {
  file: string;
  line?: number;
  module: string;
}

/**
 * The side to report at (app/ first, then by file and line; among `candidates` when only some sides may carry the
 * finding) and every other side as related locations.
 */
export function oneConflict<T>(
  list: T[],
  side: (entry: T) => Side,
  candidates: T[] = list,
): { at: T; related: RelatedLocation[] } {
  const order = (e: T) => {
    const s = side(e);
    return [s.file.startsWith('app/') ? 0 : 1, s.file, s.line ?? 0] as const;
  };
  const sort = (entries: T[]) =>
    [...entries].sort((a, b) => {
      const [pa, fa, la] = order(a);
      const [pb, fb, lb] = order(b);
      return pa - pb || (fa < fb ? -1 : fa > fb ? 1 : 0) || la - lb;
    });
  const at = sort(candidates)[0]!;
  const related = sort(list.filter((e) => e !== at)).map((e) => {
    const s = side(e);
    return { file: s.file, ...(s.line !== undefined ? { line: s.line } : {}), module: s.module };
  });
  return { at, related };
}
