/**
 * Findings as flat Int32Arrays of fixed-size records whose first two fields are (CVE slot, product key id),
 * sorted by them: built once from sort keys, searched by slot, a slot's records replaced by copying, and two
 * arrays compared by merging. Arrays are never changed in place, so they can be shared (by every component
 * of an identity, by every profile in the same platform state) and compared by reference.
 */

/** (slot, product key id) as one number: product key ids stay below 2^22. */
export const PK_SPAN = 4_194_304;

export const EMPTY = new Int32Array(0);

/** Index (in records) of the first record of `arr` whose slot is ≥ `slot`. */
export function lowerBound(arr: Int32Array, stride: number, slot: number): number {
  let lo = 0;
  let hi = arr.length / stride;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid * stride]! < slot) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The records of one slot: [from, to) in records. */
export function slotRange(arr: Int32Array, stride: number, slot: number): [number, number] {
  const from = lowerBound(arr, stride, slot);
  let to = from;
  const n = arr.length / stride;
  while (to < n && arr[to * stride] === slot) to++;
  return [from, to];
}

export function hasSlot(arr: Int32Array, stride: number, slot: number): boolean {
  const k = lowerBound(arr, stride, slot);
  return k * stride < arr.length && arr[k * stride] === slot;
}

/** `arr` with the records of `slot` replaced by `records` (sorted by product key; may be empty). */
export function replaceSlot(arr: Int32Array, stride: number, slot: number, records: ArrayLike<number>): Int32Array {
  const [from, to] = slotRange(arr, stride, slot);
  if (from === to && records.length === 0) return arr;
  const out = new Int32Array(arr.length - (to - from) * stride + records.length);
  out.set(arr.subarray(0, from * stride), 0);
  out.set(records, from * stride);
  out.set(arr.subarray(to * stride), from * stride + records.length);
  return out;
}

/**
 * Compares two arrays of (slot, pk, status) triples: visits each record only in `after` (added), only in
 * `before` (removed) and in both with another status (changed).
 */
export function mergeDiff(before: Int32Array, after: Int32Array, visit: (kind: 0 | 1 | 2, slot: number, pk: number) => void): void {
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const o = i >= before.length ? 1 : j >= after.length ? -1 : (before[i]! - after[j]!) || (before[i + 1]! - after[j + 1]!);
    if (o < 0) { visit(1, before[i]!, before[i + 1]!); i += 3; }
    else if (o > 0) { visit(0, after[j]!, after[j + 1]!); j += 3; }
    else {
      if (before[i + 2] !== after[j + 2]) visit(2, after[j]!, after[j + 1]!);
      i += 3;
      j += 3;
    }
  }
}

/** Counts of mergeDiff's added, removed, changed records (at once when one side is empty or both are one array). */
export function diffCounts(before: Int32Array, after: Int32Array): [number, number, number] {
  if (before === after) return [0, 0, 0];
  if (before.length === 0) return [after.length / 3, 0, 0];
  if (after.length === 0) return [0, before.length / 3, 0];
  const n: [number, number, number] = [0, 0, 0];
  mergeDiff(before, after, (kind) => { n[kind]++; });
  return n;
}
