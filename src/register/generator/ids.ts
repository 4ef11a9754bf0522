/** Readable, stable ids (all match REGISTER_ID): site-000123, sys-000123-2, cmp-000123-2-1, dep-000123-4. */

const PAD = ['', '00000', '0000', '000', '00', '0', ''];

/** Site numbers already formatted (sites are referred to many times over: cheaper than formatting again). */
const CACHE: string[] = [];

/** Site number (1-based) padded to at least six digits. */
export function siteNo(i: number): string {
  const hit = CACHE[i];
  if (hit !== undefined) return hit;
  const s = String(i + 1);
  const out = s.length >= 6 ? s : (PAD[s.length] as string) + s;
  if (i < 2_000_000) CACHE[i] = out;
  return out;
}

export const siteId = (i: number): string => `site-${siteNo(i)}`;
export const systemId = (i: number, j: number): string => `sys-${siteNo(i)}-${j}`;
export const componentId = (i: number, j: number, c: number): string => `cmp-${siteNo(i)}-${j}-${c}`;
export const dependencyId = (i: number, n: number): string => `dep-${siteNo(i)}-${n}`;
