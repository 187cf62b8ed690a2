/** Compact sets of small integers as ranges: [0,1,2,5] ⇄ `0-2,5`. */
export function encodeRanges(values: number[]): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function decodeRanges(text: string): number[] {
  if (!text) return [];
  return text.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (!Number.isInteger(from) || (to !== undefined && !Number.isInteger(to))) throw new Error(`bad range "${part}"`);
    const values: number[] = [];
    for (let v = from!; v <= (to ?? from!); v++) values.push(v);
    return values;
  });
}
