/**
 * The seam between the exposure engine and matchers of vendor advisories (CSAF product identities,
 * purl ranges): sources that name products without NVD configurations. The engine asks each matcher
 * about a component once per distinct component identity and files the hits as findings beside the NVD ones.
 */
import type { DeviceComponent } from './component.js';

export interface AdvisoryHit {
  readonly cveId: string;
  /**
   * The product identity the finding is keyed on, stable across versions of the component
   * (e.g. `csaf:siemens:simatic_s7-1500_cpu_family`, `purl:pkg:maven/org.apache.logging.log4j/log4j-core`).
   */
  readonly productKey: string;
  readonly status: 'affected' | 'undecidable';
  /** Where the statement comes from, e.g. the advisory id `ICSA-24-352-04`. */
  readonly source: string;
  /** JSON-able explanation: the rule that matched, the identity, the version text, the bound compared and the scheme. */
  readonly explanation: Readonly<Record<string, unknown>>;
}

export interface AdvisoryMatcher {
  /** Every advisory statement the component is affected by (or undecidable against); [] when none. */
  matchComponent(c: DeviceComponent): AdvisoryHit[];
}
