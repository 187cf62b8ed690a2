// PHP 8's usort(), reproduced step for step: Composer's version comparator is not a total order (two different
// dev-* branches are each "greater" than the other), so only the same algorithm gives the same order.
// PHP breaks ties (a comparison result of 0) by original position, then runs zend_sort: insertion sort up to 16
// elements, otherwise a quicksort (libc++-derived) that recurses on the smaller side.

type Compare = (a: number, b: number) => number;

/** PHP 8 `usort($items, $compare)`, returning a new array. */
export function phpUsort<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  const slots = items.map((item, position) => ({ item, position }));
  const cmp: Compare = (a, b) => {
    const x = slots[a]!;
    const y = slots[b]!;
    const result = Math.sign(compare(x.item, y.item));
    return result !== 0 ? result : Math.sign(x.position - y.position);
  };
  const swap = (a: number, b: number): void => {
    const t = slots[a]!;
    slots[a] = slots[b]!;
    slots[b] = t;
  };
  zendSort(0, slots.length, cmp, swap);
  return slots.map((s) => s.item);
}

function zendSort(base: number, count: number, cmp: Compare, swap: (a: number, b: number) => void): void {
  for (;;) {
    if (count <= 16) {
      insertSort(base, count, cmp, swap);
      return;
    }
    const start = base;
    const end = start + count;
    const offset = count >> 1;
    let pivot = start + offset;
    if (count >> 10) {
      const delta = offset >> 1;
      sort5(start, start + delta, pivot, pivot + delta, end - 1, cmp, swap);
    } else {
      sort3(start, pivot, end - 1, cmp, swap);
    }
    swap(start + 1, pivot);
    pivot = start + 1;
    let i = pivot + 1;
    let j = end - 1;
    partition: for (;;) {
      while (cmp(pivot, i) > 0) {
        i++;
        if (i === j) break partition;
      }
      j--;
      if (j === i) break partition;
      while (cmp(j, pivot) > 0) {
        j--;
        if (j === i) break partition;
      }
      swap(i, j);
      i++;
      if (i === j) break partition;
    }
    swap(pivot, i - 1);
    if (i - 1 - start < end - i) {
      zendSort(start, i - start - 1, cmp, swap);
      base = i;
      count = end - i;
    } else {
      zendSort(i, end - i, cmp, swap);
      base = start;
      count = i - start - 1;
    }
  }
}

function sort2(a: number, b: number, cmp: Compare, swap: (a: number, b: number) => void): void {
  if (cmp(a, b) > 0) swap(a, b);
}

function sort3(a: number, b: number, c: number, cmp: Compare, swap: (a: number, b: number) => void): void {
  if (!(cmp(a, b) > 0)) {
    if (!(cmp(b, c) > 0)) return;
    swap(b, c);
    if (cmp(a, b) > 0) swap(a, b);
    return;
  }
  if (!(cmp(c, b) > 0)) {
    swap(a, c);
    return;
  }
  swap(a, b);
  if (cmp(b, c) > 0) swap(b, c);
}

function sort4(a: number, b: number, c: number, d: number, cmp: Compare, swap: (a: number, b: number) => void): void {
  sort3(a, b, c, cmp, swap);
  if (cmp(c, d) > 0) {
    swap(c, d);
    if (cmp(b, c) > 0) {
      swap(b, c);
      if (cmp(a, b) > 0) swap(a, b);
    }
  }
}

function sort5(
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  cmp: Compare,
  swap: (a: number, b: number) => void,
): void {
  sort4(a, b, c, d, cmp, swap);
  if (cmp(d, e) > 0) {
    swap(d, e);
    if (cmp(c, d) > 0) {
      swap(c, d);
      if (cmp(b, c) > 0) {
        swap(b, c);
        if (cmp(a, b) > 0) swap(a, b);
      }
    }
  }
}

/** zend_insert_sort: fixed networks up to 5, then insertion sort (linear for the first 6, then stepping by two). */
function insertSort(base: number, count: number, cmp: Compare, swap: (a: number, b: number) => void): void {
  switch (count) {
    case 0:
    case 1:
      return;
    case 2:
      return sort2(base, base + 1, cmp, swap);
    case 3:
      return sort3(base, base + 1, base + 2, cmp, swap);
    case 4:
      return sort4(base, base + 1, base + 2, base + 3, cmp, swap);
    case 5:
      return sort5(base, base + 1, base + 2, base + 3, base + 4, cmp, swap);
  }
  const start = base;
  const end = start + count;
  const sentry = start + 6;
  const shiftInto = (from: number, to: number): void => {
    for (let k = from; k > to; k--) swap(k, k - 1);
  };
  for (let i = start + 1; i < sentry; i++) {
    let j = i - 1;
    if (!(cmp(j, i) > 0)) continue;
    while (j !== start) {
      j--;
      if (!(cmp(j, i) > 0)) {
        j++;
        break;
      }
    }
    shiftInto(i, j);
  }
  for (let i = sentry; i < end; i++) {
    let j = i - 1;
    if (!(cmp(j, i) > 0)) continue;
    for (;;) {
      j -= 2;
      if (!(cmp(j, i) > 0)) {
        j++;
        if (!(cmp(j, i) > 0)) j++;
        break;
      }
      if (j === start) break;
      if (j === start + 1) {
        j--;
        if (cmp(i, j) > 0) j++;
        break;
      }
    }
    shiftInto(i, j);
  }
}
