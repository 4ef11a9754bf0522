/**
 * A device's components as the matcher sees them: a CPE name, or vendor / product / version without one
 * (normalised the way NVD names things: lowercase, spaces as `_`). The version is kept apart, parsed for
 * the version comparator.
 */
import { parseCpe } from './cpe-parse.js';
import { ANY, type CompiledWfn, compileWfn, plainValue, quoteWfn, type Wfn, wfn } from './cpe-wfn.js';
import { keyOf } from './nvd-config.js';
import { type ParsedVersion, version } from './version.js';

export interface DeviceComponent {
  id: string;
  /** CPE 2.3 formatted string or URI binding. */
  cpe?: string;
  vendor?: string;
  product?: string;
  /** Without a CPE: the version; with one: overrides its version attribute (free text allowed, e.g. `V3.1 SP2`). */
  version?: string;
  /** Part when known without a CPE (a, o, h); ANY otherwise. */
  part?: 'a' | 'o' | 'h';
}

export interface CompiledComponent {
  readonly id: string;
  /** What the finding names: the CPE, or `vendor product version`. */
  readonly label: string;
  readonly wfn: CompiledWfn;
  /** 'value' with `version` set, or ANY / NA / a pattern (no version to compare). */
  readonly versionKind: 'any' | 'na' | 'value' | 'pattern';
  readonly version: ParsedVersion | undefined;
  /** Index keys (part:vendor:product) this component can match; several when its part is unknown; none
   *  when its vendor or product is ANY or a pattern (then every key is a candidate). */
  readonly keys: readonly string[];
}

/** NVD-style normalisation of a free vendor or product name: lowercase, runs of spaces as `_`. */
export function normaliseName(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, '_');
}

/** Compiles a component; an invalid CPE raises CpeSyntaxError. */
export function compileComponent(c: DeviceComponent): CompiledComponent {
  let w: Wfn;
  let label: string;
  if (c.cpe) {
    w = parseCpe(c.cpe);
    // A version given beside the CPE (as the register keeps it) overrides the CPE's own.
    if (c.version) w = { ...w, version: quoteWfn(c.version.trim()) };
    label = c.version ? `${c.cpe} (version ${c.version})` : c.cpe;
  } else {
    w = wfn({
      part: c.part ?? ANY,
      vendor: c.vendor ? quoteWfn(normaliseName(c.vendor)) : ANY,
      product: c.product ? quoteWfn(normaliseName(c.product)) : ANY,
      version: c.version ? quoteWfn(c.version.trim()) : ANY,
    });
    label = [c.vendor, c.product, c.version].filter(Boolean).join(' ');
  }
  const compiled = compileWfn(w);
  const v = compiled.version;
  const plain = plainValue(w.version);
  const keys: string[] = [];
  const k = keyOf(w);
  if (k) keys.push(k);
  else if (w.part === ANY) {
    for (const p of ['a', 'o', 'h']) {
      const kp = keyOf({ ...w, part: p });
      if (kp) keys.push(kp);
    }
  }
  return {
    id: c.id, label, wfn: compiled,
    versionKind: v.kind,
    version: v.kind === 'value' && plain !== undefined ? version(plain) : undefined,
    keys,
  };
}

