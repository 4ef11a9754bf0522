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
