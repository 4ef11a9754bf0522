/**
 * Semantic Versioning 2.0.0 precedence (npm, cargo, Go modules): MAJOR.MINOR.PATCH numerically, a
 * pre-release below its release, pre-release identifiers compared one by one (numeric ones as numbers
 * and below alphanumeric ones; a shorter list below a longer one with the same prefix), build metadata
 * ignored. A leading `v` is accepted (Go writes v1.2.3). Anything else is not a semver version:
 * comparisons with it are undecidable. NuGet's ordering (`order-nuget.ts`) reuses the pre-release rule.
 */
import { cmpDigits, compareIdentifiers, ordered, type Ordered, undecided, type VersionOrdering } from './ordering.js';

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export interface SemVer {
  readonly release: readonly string[];
  readonly pre: readonly string[];
}

export function parseSemver(v: string): SemVer | undefined {
  const m = SEMVER.exec(v.trim());
  if (!m) return undefined;
  return { release: [m[1]!, m[2]!, m[3]!], pre: m[4] ? m[4].split('.') : [] };
}

/** Pre-release identifier lists; `fold` compares alphanumeric identifiers case-insensitively (NuGet). */
export function comparePre(a: readonly string[], b: readonly string[], fold = false): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  return compareIdentifiers(a, b, 'below', fold);
}

export const semverOrdering: VersionOrdering = {
  scheme: 'semver',
  compare(a: string, b: string): Ordered {
    const x = parseSemver(a);
    const y = parseSemver(b);
    if (!x || !y) return undecided(`"${!x ? a : b}" is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build])`);
    for (let i = 0; i < 3; i++) {
      const c = cmpDigits(x.release[i]!, y.release[i]!);
      if (c !== 0) return ordered(c);
    }
    return ordered(comparePre(x.pre, y.pre));
  },
};
