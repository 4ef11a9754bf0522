/**
 * NuGet version ordering (NuGetVersion): 1 to 4 numeric parts (missing parts are 0, so 1.0 = 1.0.0.0),
 * then a release above its pre-releases, pre-release labels compared as in SemVer 2.0 but
 * case-insensitively, build metadata (`+…`) ignored. Leading zeros are tolerated (legacy versions).
 */
import { comparePre } from './order-semver.js';
import { cmpDigits, ordered, type Ordered, undecided, type VersionOrdering } from './ordering.js';

const NUGET = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?$/;

function parse(v: string): { nums: string[]; pre: string[] } | undefined {
  const m = NUGET.exec(v.trim());
  if (!m) return undefined;
  return { nums: [1, 2, 3, 4].map((i) => m[i] ?? '0'), pre: m[5] ? m[5].split('.') : [] };
}

export const nugetOrdering: VersionOrdering = {
  scheme: 'nuget',
  compare(a: string, b: string): Ordered {
    const x = parse(a);
    const y = parse(b);
    if (!x || !y) return undecided(`"${!x ? a : b}" is not a NuGet version (N[.N[.N[.N]]][-label][+metadata])`);
    for (let i = 0; i < 4; i++) {
      const c = cmpDigits(x.nums[i]!, y.nums[i]!);
      if (c !== 0) return ordered(c);
    }
    return ordered(comparePre(x.pre, y.pre, true));
  },
};
