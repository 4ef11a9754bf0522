/** The shape every ecosystem's version ordering answers in: an order, or undecidable with the reason. */
export type Order = -1 | 0 | 1;
export type Ordered = { readonly decided: true; readonly order: Order } | { readonly decided: false; readonly reason: string };

export interface VersionOrdering {
  /** Name used in explanations: "semver", "pep440", "maven", "nuget", "dpkg", "rpm". */
  readonly scheme: string;
  compare(a: string, b: string): Ordered;
}

export const ordered = (n: number): Ordered => ({ decided: true, order: (n < 0 ? -1 : n > 0 ? 1 : 0) as Order });
export const undecided = (reason: string): Ordered => ({ decided: false, reason });

/** Integers of any length compared as numbers (no float rounding). */
export function cmpDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

export const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Two lists of identifiers compared one by one, a shorter list below a longer one with the same
 * prefix: numeric identifiers as numbers, alphanumeric ones as text (case-folded with `fold`), and a
 * numeric one below an alphanumeric one (`numeric: 'below'`, SemVer pre-releases) or above it
 * (`'above'`, PEP 440 local versions).
 */
export function compareIdentifiers(a: readonly string[], b: readonly string[], numeric: 'below' | 'above', fold = false): number {
  const mixed = numeric === 'below' ? -1 : 1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    const c = nx && ny ? cmpDigits(x, y) : nx ? mixed : ny ? -mixed : fold ? cmpStr(x.toLowerCase(), y.toLowerCase()) : cmpStr(x, y);
    if (c !== 0) return c;
  }
  return 0;
}
