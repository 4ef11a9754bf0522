/**
 * Maven version ordering, as the POM reference's "Version Order Specification" states it (the order
 * Maven 3.9+ implements and OSV's Maven ranges are written against).
 *
 * - Tokens split at `.` and `-` and at every change between digits and letters (a change counts as `-`);
 *   an empty token is 0. Each token keeps the separator before it; a `.` before a qualifier counts as `-`
 *   (`.qualifier` = `-qualifier`).
 * - Qualifiers are lowercased; `cr` = `rc`; `ga`, `final`, `release` = "" (the release); `a`, `b`, `m`
 *   directly followed by a number are alpha, beta, milestone.
 * - Trailing nulls (0, "") are trimmed, then again before each remaining `-`, from the end to the start
 *   (1.0.0 = 1, 1.0-alpha = 1-alpha, 1-ga-1 = 1-1).
 * - Tokens compare pairwise, the shorter version padded with nulls of the same kind and separator:
 *   `.qualifier` = `-qualifier` < `-number` < `.number`; numbers by value; qualifiers alpha < beta <
 *   milestone < rc < snapshot < "" < sp, then unknown qualifiers alphabetically.
 *
 * So 1.0-alpha < 1.0-beta < 1.0-rc1 < 1.0-SNAPSHOT < 1.0 < 1.0-sp1 < 1.0-xyz < 1.0-1 < 1.0.1, and
 * every string is a Maven version: Maven always answers.
 */
import { cmpDigits, cmpStr, ordered, type Ordered, type VersionOrdering } from './ordering.js';

export interface MavenToken {
  /** Digits for a number, the normalised qualifier otherwise. */
  readonly value: string;
  readonly num: boolean;
  /** Separator before the token ('.' for the first). */
  readonly sep: '.' | '-';
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const SHORT: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone' };

function qualifierKey(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i >= 0 ? String(i) : `${QUALIFIERS.length}-${q}`;
}

const isNull = (t: MavenToken): boolean => (t.num ? /^0+$/.test(t.value) : t.value === '');

export function tokeniseMaven(version: string): MavenToken[] {
  const s = version.trim().toLowerCase();
  const raw: { value: string; num: boolean; sep: '.' | '-'; explicit: boolean }[] = [];
  let sep: '.' | '-' = '.';
  let explicit = true;
  let cur = '';
  const push = (): void => {
    raw.push({ value: cur === '' ? '0' : cur, num: cur === '' || /^\d/.test(cur), sep, explicit });
    cur = '';
  };
  for (const c of s) {
    if (c === '.' || c === '-') {
      push();
      sep = c;
      explicit = true;
      continue;
    }
    if (cur !== '' && /\d/.test(c) !== /\d/.test(cur[0]!)) {
      push();
      sep = '-';
      explicit = false;
    }
    cur += c;
  }
  if (cur !== '' || raw.length > 0 || s === '') push();
  const tokens: MavenToken[] = raw.map((t, i) => {
    if (t.num) return { value: t.value, num: true, sep: t.sep };
    const next = raw[i + 1];
    let q = next && next.num && !next.explicit && SHORT[t.value] ? SHORT[t.value]! : t.value;
    q = ALIASES[q] ?? q;
    return { value: q, num: false, sep: i === 0 ? '.' : '-' };
  });
  // Trailing nulls, then nulls before each remaining "-", from the end.
  while (tokens.length > 0 && isNull(tokens[tokens.length - 1]!)) tokens.pop();
  for (let i = tokens.length - 1; i > 0; i--) {
    if (tokens[i]!.sep !== '-') continue;
    while (i > 0 && isNull(tokens[i - 1]!)) {
      tokens.splice(i - 1, 1);
      i--;
    }
  }
  return tokens;
}

const rank = (t: MavenToken): number => (!t.num ? 0 : t.sep === '-' ? 1 : 2);

function cmpToken(x: MavenToken, y: MavenToken): number {
  const r = rank(x) - rank(y);
  if (r !== 0) return r;
  return x.num ? cmpDigits(x.value, y.value) : cmpStr(qualifierKey(x.value), qualifierKey(y.value));
}

const pad = (t: MavenToken): MavenToken => ({ value: t.num ? '0' : '', num: t.num, sep: t.sep });

export function compareMaven(a: string, b: string): number {
  const x = tokeniseMaven(a);
  const y = tokeniseMaven(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const tx = x[i] ?? pad(y[i]!);
    const ty = y[i] ?? pad(x[i]!);
    const c = cmpToken(tx, ty);
    if (c !== 0) return c;
  }
  return 0;
}

export const mavenOrdering: VersionOrdering = {
  scheme: 'maven',
  compare: (a: string, b: string): Ordered => ordered(compareMaven(a, b)),
};
