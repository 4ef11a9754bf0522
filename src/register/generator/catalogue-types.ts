/**
 * Shape of the component catalogue: real vendors and products, with their real CPE 2.3 names
 * (as NVD spells them), purls for software packages, or vendor/product/version only where no CPE
 * fits (typical of PLCs, RTUs and relays). Each version may list the CISA KEV CVEs known to affect
 * it, so tests and the exposure engine can check that the generated estate holds genuinely
 * exploited products as well as patched ones.
 */

export interface Version {
  /** The version string as the vendor writes it (and as it goes into the CPE's version field). */
  v: string;
  /** CPE update field (e.g. 'r2.3', 'h3', 'sp1'); '*' when absent. */
  u?: string;
  /** Relative frequency among this product's versions (default 1). */
  w?: number;
  /** CISA KEV CVEs that affect exactly this version (from the vendors' advisories / NVD ranges). */
  kev?: readonly string[];
}

export interface Product {
  key: string;
  vendor: string;
  product: string;
  /** `part:vendor:product` of the CPE 2.3 name, escaped as in NVD (e.g. `a:erlang:erlang\\/otp`). */
  cpe?: string;
  /** CPE fields after the update one: edition, language, sw_edition, target_sw, target_hw, other (default `*:*:*:*:*:*`); an edition like `lts` or `community` is sw_edition, the third. */
  cpeTail?: string;
  /** Hardware CPE (`h:vendor:product`) recorded as a second component beside a firmware CPE. */
  hw?: string;
  /** Display name of the hardware component. */
  hwProduct?: string;
  /** purl without version, e.g. `pkg:maven/org.apache.logging.log4j/log4j-core`. */
  purl?: string;
  versions: readonly Version[];
}

/** Binds a product version into a CPE 2.3 formatted string. */
export function cpeName(p: Product, ver: Version): string | null {
  if (!p.cpe) return null;
  return `cpe:2.3:${p.cpe}:${escapeCpe(ver.v)}:${ver.u ?? '*'}:${p.cpeTail ?? '*:*:*:*:*:*'}`;
}

/** Escapes a value for the CPE 2.3 formatted-string binding (letters, digits, `_`, `-`, `.` stay). */
export function escapeCpe(value: string): string {
  let out = '';
  for (const ch of value) out += /[A-Za-z0-9_.-]/.test(ch) ? ch : `\\${ch}`;
  return out;
}

export function hwCpeName(p: Product): string | null {
  return p.hw ? `cpe:2.3:${p.hw}:-:*:*:*:*:*:*:*` : null;
}

export function purlName(p: Product, ver: Version): string | null {
  return p.purl ? `${p.purl}@${ver.v}` : null;
}
