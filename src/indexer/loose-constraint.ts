/**
 * A small Composer constraint check for choosing which indexed library version a release would install
 * (`^2.7`, `~3.0.0`, `>=1.2 <2.0`, `^1.0 || ^2.0`, `2.4.4`, `*`, `!=2.2.16`). Stability flags and aliases are ignored.
 * The project's full engine lives in src/composer; this one only serves the index build, where an approximate answer
 * picks among a handful of candidate versions.
 */
export function satisfiesLoosely(version: string, constraint: string): boolean {
  const v = parts(version);
  if (!v) return false;
  return constraint.split(/\s*\|\|?\s*/).some((group) =>
    group
      .trim()
      .split(/\s*,\s*|\s+(?![^<>=!~^]*$)(?=[<>=!~^\d])/)
      .filter(Boolean)
      .every((atom) => matches(v, atom.trim())),
  );
}

function matches(v: number[], atom: string): boolean {
  const clean = atom.replace(/@\w+$/, '');
  if (clean === '*' || clean === '') return true;
  const m = /^(\^|~|>=|<=|>|<|!=|==|=)?\s*v?([\d.*x]+)(?:-p\d+)?/.exec(clean);
  if (!m) return false;
  const op = m[1] ?? '=';
  const raw = m[2]!.replace(/\.$/, '');
  const given = raw
    .split('.')
    .filter((p) => p !== '*' && p !== 'x')
    .map(Number);
  const wildcard = /[*x]/.test(raw);
  const base = pad(given);
  switch (op) {
    case '^': {
      const firstNonZero = given.findIndex((n) => n !== 0);
      const upperIndex = firstNonZero < 0 ? given.length - 1 : Math.min(firstNonZero, given.length - 1);
      return cmp(v, base) >= 0 && cmp(v, bump(given, upperIndex)) < 0;
    }
    case '~':
      return cmp(v, base) >= 0 && cmp(v, bump(given, Math.max(0, given.length - 2))) < 0;
    case '>=':
      return cmp(v, base) >= 0;
    case '>':
      return cmp(v, base) > 0;
    case '<=':
      return cmp(v, base) <= 0;
    case '<':
      return cmp(v, base) < 0;
    case '!=':
      return cmp(v, base) !== 0;
    default:
      return wildcard ? cmp(v, base) >= 0 && cmp(v, bump(given, given.length - 1)) < 0 : cmp(v, base) === 0;
  }
}

function parts(version: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(version.trim());
  return m ? pad(m[1]!.split('.').map(Number)) : undefined;
}

function pad(nums: number[]): number[] {
  return [...nums, 0, 0, 0, 0].slice(0, 4);
}

function bump(nums: number[], index: number): number[] {
  const out = nums.slice(0, index + 1);
  out[index] = (out[index] ?? 0) + 1;
  return pad(out);
}

function cmp(a: number[], b: number[]): number {
  for (let i = 0; i < 4; i++) if (a[i]! !== b[i]!) return a[i]! - b[i]!;
  return 0;
}
