/**
 * Alpine's apk version ordering (apk-tools, after Gentoo's version rules, PMS §3.3):
 * `1.2.3[letter][_suffix[N]]...[-rN]`.
 * - Dot-separated numbers: the first compared as a number; each later one as a number unless either
 *   has a leading zero, then as text with trailing zeros removed (1.01 < 1.1, 1.010 = 1.01); more
 *   numbers above fewer (1.0 < 1.0.1).
 * - An optional letter: none below any, then by letter (1.0 < 1.0a < 1.0b).
 * - Suffixes in turn: `_alpha` < `_beta` < `_pre` < `_rc` < (none) < `_cvs` < `_svn` < `_git` < `_hg` < `_p`,
 *   each with an optional number (absent = 0).
 * - The package revision `-rN` (absent = r0).
 * Anything else (other words, stray characters) is not an apk version: comparisons with it are undecidable.
 */
import { cmpDigits, cmpStr, ordered, type Ordered, undecided, type VersionOrdering } from './ordering.js';

const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'] as const;
const NONE = SUFFIXES.indexOf('');
const APK = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:-r(\d+))?$/;

interface ApkVersion {
  readonly numbers: readonly string[];
  readonly letter: string;
  readonly suffixes: readonly { readonly rank: number; readonly n: string }[];
  readonly revision: string;
}

export function parseApkVersion(v: string): ApkVersion | undefined {
  const m = APK.exec(v.trim());
  if (!m) return undefined;
  const suffixes = [...m[3]!.matchAll(/_([a-z]+)(\d*)/g)].map((s) => ({ rank: SUFFIXES.indexOf(s[1] as (typeof SUFFIXES)[number]), n: s[2] || '0' }));
  return { numbers: m[1]!.split('.'), letter: m[2]!, suffixes, revision: m[4] ?? '0' };
}

const stripTrailingZeros = (s: string): string => s.replace(/0+$/, '');

function compareNumbers(a: readonly string[], b: readonly string[]): number {
  const first = cmpDigits(a[0]!, b[0]!);
  if (first !== 0) return first;
  for (let i = 1; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const c = x.startsWith('0') || y.startsWith('0') ? cmpStr(stripTrailingZeros(x), stripTrailingZeros(y)) : cmpDigits(x, y);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function compareSuffixes(a: ApkVersion['suffixes'], b: ApkVersion['suffixes']): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? { rank: NONE, n: '0' };
    const y = b[i] ?? { rank: NONE, n: '0' };
    if (x.rank !== y.rank) return x.rank - y.rank;
    const c = cmpDigits(x.n, y.n);
    if (c !== 0) return c;
  }
  return 0;
}

export const apkOrdering: VersionOrdering = {
  scheme: 'apk',
  compare(a: string, b: string): Ordered {
    const x = parseApkVersion(a);
    const y = parseApkVersion(b);
    if (!x || !y) return undecided(`"${!x ? a : b}" is not an apk version (1.2.3[letter][_suffix[N]][-rN])`);
    const c = compareNumbers(x.numbers, y.numbers)
      || cmpStr(x.letter, y.letter)
      || compareSuffixes(x.suffixes, y.suffixes)
      || cmpDigits(x.revision, y.revision);
    return ordered(c);
  },
};
