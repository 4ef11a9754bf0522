/**
 * PEP 440 version ordering (PyPI). A version is `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`, with
 * the spellings PEP 440 normalises (alpha, beta, c, pre, preview; -N and rev/r as post; `-`, `_`, `.`
 * separators; a leading `v`; any case). Order: epoch; release (trailing zeros ignored: 1.0 = 1.0.0);
 * then `X.devN` < `X.aN` < `X.bN` < `X.rcN` < `X` < `X.postN`, a pre- or post-release's own `.devN`
 * just before it; a local label sorts after the same public version. So
 * 1.0.dev0 < 1.0a1 < 1.0rc1 < 1.0 < 1.0+local < 1.0.post1.
 */
import { cmpDigits, compareIdentifiers, ordered, type Ordered, undecided, type VersionOrdering } from './ordering.js';

const PEP440 = new RegExp(
  '^v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)'
  + '(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?'
  + '(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?'
  + '(?:[-_.]?(dev)[-_.]?(\\d+)?)?'
  + '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$',
  'i',
);
const PHASE: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

interface Pep440 {
  epoch: string;
  release: string[];
  /** [phase, n] or null */
  pre: [number, string] | null;
  post: string | null;
  dev: string | null;
  local: string[] | null;
}

export function parsePep440(v: string): Pep440 | undefined {
  const m = PEP440.exec(v.trim());
  if (!m) return undefined;
  const release = m[2]!.split('.');
  while (release.length > 1 && /^0+$/.test(release[release.length - 1]!)) release.pop();
  return {
    epoch: m[1] ?? '0',
    release,
    pre: m[3] ? [PHASE[m[3].toLowerCase()]!, m[4] ?? '0'] : null,
    post: m[5] ?? (m[6] ? m[7] ?? '0' : null),
    dev: m[8] ? m[9] ?? '0' : null,
    local: m[10] ? m[10].toLowerCase().split(/[-_.]/) : null,
  };
}

/** -Infinity / +Infinity sentinels and numbers, compared. */
type Part = number | string;
function cmpPart(x: Part, y: Part): number {
  if (typeof x === 'number' || typeof y === 'number') {
    if (typeof x === 'number' && typeof y === 'number') return x === y ? 0 : x < y ? -1 : 1;
    // A sentinel (number ±Infinity) against a digit string.
    return typeof x === 'number' ? (x < 0 ? -1 : 1) : (y as number) < 0 ? 1 : -1;
  }
  return cmpDigits(x, y);
}

function cmpLocal(a: string[] | null, b: string[] | null): number {
  if (!a || !b) return a === b ? 0 : a ? 1 : -1;
  return compareIdentifiers(a, b, 'above');
}

function compareParsed(x: Pep440, y: Pep440): number {
  let c = cmpDigits(x.epoch, y.epoch);
  if (c !== 0) return c;
  for (let i = 0; i < Math.max(x.release.length, y.release.length); i++) {
    c = cmpDigits(x.release[i] ?? '0', y.release[i] ?? '0');
    if (c !== 0) return c;
  }
  // Pre-release: a bare dev release sorts before every pre-release of its version; no pre-release after them.
  const pre = (v: Pep440): [Part, Part] => v.pre ? [v.pre[0], v.pre[1]] : v.post === null && v.dev !== null ? [-Infinity, -Infinity] : [Infinity, Infinity];
  const [px, py] = [pre(x), pre(y)];
  c = cmpPart(px[0], py[0]) || cmpPart(px[1], py[1]);
  if (c !== 0) return c;
  c = cmpPart(x.post ?? -Infinity, y.post ?? -Infinity);
  if (c !== 0) return c;
  c = cmpPart(x.dev ?? Infinity, y.dev ?? Infinity);
  if (c !== 0) return c;
  return cmpLocal(x.local, y.local);
}

export const pep440Ordering: VersionOrdering = {
  scheme: 'pep440',
  compare(a: string, b: string): Ordered {
    const x = parsePep440(a);
    const y = parsePep440(b);
    if (!x || !y) return undecided(`"${!x ? a : b}" is not a PEP 440 version`);
    return ordered(compareParsed(x, y));
  },
};
