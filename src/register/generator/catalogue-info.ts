/** Facts about the component catalogue (for tests and reports): which KEV CVEs its versions carry. */
import { allProducts } from './kits.js';

/** KEV CVE id → products (vendor product version) in the catalogue known to be affected. */
export function catalogueKevCves(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of allProducts()) {
    for (const v of p.versions) for (const cve of v.kev ?? []) {
      const list = out.get(cve) ?? [];
      list.push(`${p.vendor} ${p.product} ${v.v}${v.u ? ` ${v.u}` : ''}`);
      out.set(cve, list);
    }
  }
  return out;
}
