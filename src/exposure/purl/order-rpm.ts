/**
 * RPM version ordering (rpmvercmp): `[epoch:]version[-release]`, epoch numeric (missing = 0), then
 * version, then release. When the versions are equal and only one side has a release, rpm would
 * call them equal (a missing release matches any); we answer undecidable instead, so that
 * `curl@7.61.1` against `fixed: 7.61.1-25.el8` is reported, not silently passed. rpmvercmp splits each string into
 * runs of digits or of letters, skipping other characters; a digit run beats a letter run; digit runs
 * compare as numbers, letter runs byte-wise; `~` sorts before anything (even the end: 1.0~rc1 < 1.0),
 * `^` after the end but before anything else (1.0 < 1.0^git1 < 1.0.1); when one string runs out, the
 * longer one is newer.
 */
import { cmpDigits, cmpStr, ordered, type Ordered, undecided, type VersionOrdering } from './ordering.js';

const isAlnum = (c: string): boolean => /[A-Za-z0-9]/.test(c);

export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !isAlnum(a[i]!) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]!) && b[j] !== '~' && b[j] !== '^') j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const num = /\d/.test(a[i]!);
    const run = num ? /\d/ : /[A-Za-z]/;
    let ea = i;
    while (ea < a.length && run.test(a[ea]!)) ea++;
    let eb = j;
    while (eb < b.length && run.test(b[eb]!)) eb++;
    if (eb === j) return num ? 1 : -1; // runs of different kinds: the digits are newer
    const c = num ? cmpDigits(a.slice(i, ea), b.slice(j, eb)) : cmpStr(a.slice(i, ea), b.slice(j, eb));
    if (c !== 0) return c;
    i = ea;
    j = eb;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

export function parseEvr(v: string): { epoch: string; version: string; release: string | null } | undefined {
  const m = /^(?:(\d+):)?([^-\s]+)(?:-([^-\s]+))?$/.exec(v.trim());
  if (!m) return undefined;
  return { epoch: m[1] ?? '0', version: m[2]!, release: m[3] ?? null };
}

export const rpmOrdering: VersionOrdering = {
  scheme: 'rpm',
  compare(a: string, b: string): Ordered {
    const x = parseEvr(a);
    const y = parseEvr(b);
    if (!x || !y) return undecided(`"${!x ? a : b}" is not an RPM version ([epoch:]version[-release])`);
    const c = cmpDigits(x.epoch, y.epoch) || rpmvercmp(x.version, y.version);
    if (c !== 0 || (x.release === null && y.release === null)) return ordered(c);
    if (x.release === null || y.release === null) {
      // rpm treats a missing release as matching any; for a vulnerability bound that would silently
      // decide "not affected", so the comparison is reported as undecidable instead.
      const [without, other] = x.release === null ? [a, b] : [b, a];
      return undecided(`"${without}" has no release and "${other}" differs from it only by release`);
    }
    return ordered(rpmvercmp(x.release, y.release));
  },
};
