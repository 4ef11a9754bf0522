/**
 * Debian version ordering (dpkg, Debian Policy §5.6.12): `[epoch:]upstream[-revision]`. Epochs compare
 * as numbers (missing = 0); upstream and revision each compare by alternating runs: a non-digit run
 * character by character where `~` sorts before everything (even the end of the run), then the end,
 * then letters, then other characters; then a digit run as a number (empty = 0). The revision is what
 * follows the last `-`; none is the same as `0`. So 1.0~rc1 < 1.0 < 1.0a < 1.0+b1, and 1:0.9 > 2.0.
 */
import { cmpDigits, ordered, type Ordered, undecided, type VersionOrdering } from './ordering.js';

const DEBIAN = /^(?:(\d+):)?([0-9][A-Za-z0-9.+~:-]*?)(?:-([A-Za-z0-9.+~]+))?$/;

function weight(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

/** dpkg's verrevcmp over one part (upstream or revision). */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Non-digit runs.
    while ((i < a.length && !/\d/.test(a[i]!)) || (j < b.length && !/\d/.test(b[j]!))) {
      const ca = i < a.length && !/\d/.test(a[i]!) ? a[i] : undefined;
      const cb = j < b.length && !/\d/.test(b[j]!) ? b[j] : undefined;
      const d = weight(ca) - weight(cb);
      if (d !== 0) return d < 0 ? -1 : 1;
      i++;
      j++;
    }
    // Digit runs.
    let ea = i;
    while (ea < a.length && /\d/.test(a[ea]!)) ea++;
    let eb = j;
    while (eb < b.length && /\d/.test(b[eb]!)) eb++;
    const c = cmpDigits(a.slice(i, ea) || '0', b.slice(j, eb) || '0');
    if (c !== 0) return c;
    i = ea;
    j = eb;
  }
  return 0;
}

export function parseDebian(v: string): { epoch: string; upstream: string; revision: string } | undefined {
  const m = DEBIAN.exec(v.trim());
  if (!m) return undefined;
  return { epoch: m[1] ?? '0', upstream: m[2]!, revision: m[3] ?? '0' };
}

export const dpkgOrdering: VersionOrdering = {
  scheme: 'dpkg',
  compare(a: string, b: string): Ordered {
    const x = parseDebian(a);
    const y = parseDebian(b);
    if (!x || !y) return undecided(`"${!x ? a : b}" is not a Debian version ([epoch:]upstream[-revision], upstream starting with a digit)`);
    return ordered(cmpDigits(x.epoch, y.epoch) || verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision));
  },
};
