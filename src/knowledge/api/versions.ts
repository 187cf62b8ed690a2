/**
 * Orders package versions inside one package file. Any total order works for storage; a natural one (numeric parts,
 * then stability and patch suffixes) keeps timelines short because neighbouring versions share most symbols.
 */
export function compareLooseVersions(a: string, b: string): number {
  const pa = tokens(a);
  const pb = tokens(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return y !== undefined && typeof y === 'string' && isPreRelease(y) ? 1 : -1;
    if (y === undefined) return typeof x === 'string' && isPreRelease(x) ? -1 : 1;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x - y;
    } else if (typeof x === 'number') {
      return typeof y === 'string' && isPreRelease(y) ? 1 : -1;
    } else if (typeof y === 'number') {
      return isPreRelease(x) ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function tokens(version: string): (number | string)[] {
  const v = version
    .trim()
    .replace(/^v(?=\d)/i, '')
    .toLowerCase();
  return (v.match(/\d+|[a-z]+/g) ?? []).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
}

function isPreRelease(token: string): boolean {
  return /^(dev|alpha|a|beta|b|rc)$/.test(token);
}

/** `v2.4.0` and `2.4.0` name the same package version. */
export function sameVersion(a: string, b: string): boolean {
  return a.replace(/^v(?=\d)/i, '') === b.replace(/^v(?=\d)/i, '');
}
