/**
 * Maven version ordering (the "ComparableVersion" rules of the Maven version specification).
 *
 * A version splits into items at `.` and `-` and at every change between digits and letters; a `-` or a
 * digit/letter change opens a nested list. Items are numbers, qualifiers or lists. Trailing "null"
 * items (0, the empty/`ga`/`final`/`release` qualifier, an empty list) are dropped, so 1 = 1.0 = 1.0.0
 * = 1-ga. Qualifiers order: alpha < beta < milestone < rc = cr < snapshot < "" (release) < sp, then
 * unknown qualifiers alphabetically (case-insensitive); `a1`, `b1`, `m1` mean alpha-1, beta-1,
 * milestone-1. Number > qualifier, number > list > qualifier; a missing item compares as null.
 * So 1.0-alpha < 1.0-beta < 1.0-rc1 < 1.0-SNAPSHOT < 1.0 < 1.0-sp1 < 1.0.1, and 1.0-sp1 < 1.0-xyz.
 */
import { cmpDigits, cmpStr, ordered, type Ordered, type VersionOrdering } from './ordering.js';

type Item = { k: 'int'; v: string } | { k: 'str'; v: string } | { k: 'list'; v: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = QUALIFIERS.indexOf('');

/** A sortable key for a qualifier: known ones by rank, unknown ones after all of them, alphabetically. */
function qualifierKey(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i >= 0 ? String(i) : `${QUALIFIERS.length}-${q}`;
}

function strItem(s: string, followedByDigit: boolean): Item {
  let v = s.toLowerCase();
  if (followedByDigit && v.length === 1) v = v === 'a' ? 'alpha' : v === 'b' ? 'beta' : v === 'm' ? 'milestone' : v;
  return { k: 'str', v: ALIASES[v] ?? v };
}

const isNull = (it: Item): boolean =>
  it.k === 'int' ? /^0+$/.test(it.v) : it.k === 'str' ? qualifierKey(it.v) === String(RELEASE_INDEX) : it.v.length === 0;

function normalise(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const it = list[i]!;
    if (isNull(it)) list.splice(i, 1);
    else if (it.k !== 'list') break;
  }
}

export function parseMaven(version: string): Item[] {
  const s = version.trim();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let isDigit = false;
  let start = 0;
  const item = (end: number, followedByDigit: boolean): Item =>
    isDigit ? { k: 'int', v: s.slice(start, end) } : strItem(s.slice(start, end), followedByDigit);
  const open = (): void => {
    const next: Item[] = [];
    list.push({ k: 'list', v: next });
    list = next;
    stack.push(next);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '.' || c === '-') {
      list.push(i === start ? { k: 'int', v: '0' } : item(i, false));
      start = i + 1;
      if (c === '-') open();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.push(item(i, true));
        start = i;
        open();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(item(i, false));
        start = i;
        open();
      }
      isDigit = false;
    }
  }
  if (s.length > start) list.push(item(s.length, false));
  while (stack.length) normalise(stack.pop()!);
  return root;
}

/** Compares an item with a missing one (null). */
function cmpNull(x: Item): number {
  if (x.k === 'int') return isNull(x) ? 0 : 1;
  if (x.k === 'str') return cmpStr(qualifierKey(x.v), String(RELEASE_INDEX));
  return x.v.length === 0 ? 0 : cmpNull(x.v[0]!);
}

function cmpItem(x: Item | undefined, y: Item | undefined): number {
  if (x === undefined) return y === undefined ? 0 : -cmpNull(y);
  if (y === undefined) return cmpNull(x);
  if (x.k === 'int') return y.k === 'int' ? cmpDigits(x.v, y.v) : 1;
  if (x.k === 'str') return y.k === 'str' ? cmpStr(qualifierKey(x.v), qualifierKey(y.v)) : -1;
  if (y.k === 'int') return -1;
  if (y.k === 'str') return 1;
  for (let i = 0; i < Math.max(x.v.length, y.v.length); i++) {
    const c = cmpItem(x.v[i], y.v[i]);
    if (c !== 0) return c;
  }
  return 0;
}

export const mavenOrdering: VersionOrdering = {
  scheme: 'maven',
  // Every string is a Maven version (unknown words are qualifiers), so Maven always answers.
  compare(a: string, b: string): Ordered {
    return ordered(cmpItem({ k: 'list', v: parseMaven(a) }, { k: 'list', v: parseMaven(b) }));
  },
};
