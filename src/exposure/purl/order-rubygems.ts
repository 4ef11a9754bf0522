/**
 * RubyGems version ordering (Gem::Version): dot-separated segments of digits or letters (`1.0.0.rc1` is
 * 1, 0, 0, "rc", 1; a `-` means `.pre.`); a version holding a letter is a pre-release. Trailing zeros of
 * the release part and of the pre-release part are ignored (1.0 = 1). Segments compare pairwise, a
 * missing one as 0: numbers by value, strings alphabetically, a string below a number. So 1.0.a <
 * 1.0.b1 < 1.0.rc1 < 1.0 < 1.0.1 and 1.9 < 1.10.
 */
import { cmpDigits, cmpStr, ordered, type Ordered, undecided, type VersionOrdering } from './ordering.js';

const GEM = /^[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function gemSegments(v: string): string[] | undefined {
  const s = v.trim();
  if (!GEM.test(s)) return undefined;
  const all = s.replace(/-/g, '.pre.').match(/[0-9]+|[a-z]+/gi) ?? [];
  const firstWord = all.findIndex((x) => !/^\d/.test(x));
  const parts = firstWord < 0 ? [all] : [all.slice(0, firstWord), all.slice(firstWord)];
  return parts.flatMap((p) => {
    const q = [...p];
    while (q.length > 0 && /^0+$/.test(q[q.length - 1]!)) q.pop();
    return q;
  });
}

export const rubygemsOrdering: VersionOrdering = {
  scheme: 'rubygems',
  compare(a: string, b: string): Ordered {
    const x = gemSegments(a);
    const y = gemSegments(b);
    if (!x || !y) return undecided(`"${!x ? a : b}" is not a RubyGems version`);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const l = x[i] ?? '0';
      const r = y[i] ?? '0';
      if (l === r) continue;
      const nl = /^\d/.test(l);
      const nr = /^\d/.test(r);
      if (nl !== nr) return ordered(nl ? 1 : -1);
      const c = nl ? cmpDigits(l, r) : cmpStr(l, r);
      if (c !== 0) return ordered(c);
    }
    return ordered(0);
  },
};
