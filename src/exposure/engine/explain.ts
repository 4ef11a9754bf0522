/**
 * One finding, explained: the NVD configuration matches re-evaluated with the core's explanations (for a
 * device-level CVE, with the system's components that touch it, so the platform shows), the advisory hits,
 * the priority from prioritise() with the CVE's and the asset's facts, and the state as read now.
 */
import type { CompiledComponent } from '../component.js';
import { evaluateCve, type Finding as NvdFinding } from '../evaluate.js';
import { prioritise } from '../priority/index.js';
import { productKeyOf } from './compile.js';
import { AFFECTED } from './compile.js';
import { entryAt } from './identities.js';
import type { StateBook } from './states.js';
import type { ExplainedFinding } from './types.js';
import type { Tables } from './walk.js';

export function findingKey(componentId: string, cveId: string, productKey: string): string {
  return `${componentId}|${cveId}|${productKey}`;
}

/** The NVD explanation of (component, CVE, product key) within its system. */
export function nvdExplanation(t: Tables, comp: number, slot: number, pkName: string): NvdFinding[] {
  const { reg } = t;
  const s = t.cves.slots[slot]!;
  if (!s.cve) return [];
  const compId = reg.compIds[comp]!;
  const view = (c: number): CompiledComponent => ({ ...t.ids.all[reg.compIdentity[c]!]!.comp, id: reg.compIds[c]!, label: labelOf(t, c) });
  const comps = s.deviceLevel
    // every component of the device NVD configurations see (those that touch nothing change nothing)
    ? reg.systems[reg.compSystem[comp]!]!.comps.filter((c) => t.ids.all[reg.compIdentity[c]!]!.nvd).map(view)
    : [view(comp)];
  return evaluateCve(s.cve, comps).filter((f) => f.componentId === compId && productKeyOf(entryAt(s.cve!, f.path)) === pkName);
}

export function labelOf(t: Tables, comp: number): string {
  return t.ids.all[t.reg.compIdentity[comp]!]!.comp.label;
}

export function explain(t: Tables, states: StateBook, comp: number, slot: number, pk: number, status: number): ExplainedFinding {
  const { reg } = t;
  const sys = reg.systems[reg.compSystem[comp]!]!;
  const s = t.cves.slots[slot]!;
  const pkName = t.ids.productKeys.names[pk]!;
  const compId = reg.compIds[comp]!;
  const identity = t.ids.all[reg.compIdentity[comp]!]!;
  const key = findingKey(compId, s.id, pkName);
  const exposed = reg.compExposed[comp]!;
  return {
    key, cveId: s.id, productKey: pkName, status: status === AFFECTED ? 'affected' : 'undecidable',
    component: {
      id: compId, name: reg.compName[comp], label: labelOf(t, comp), systemId: sys.id, siteId: sys.siteId,
      orgId: reg.orgs.names[reg.compOrg[comp]!]!, internetExposed: exposed,
    },
    nvd: nvdExplanation(t, comp, slot, pkName),
    advisories: identity.advisory.filter((h) => h.cveId === s.id && h.productKey === pkName)
      .map((h) => ({ source: h.source, status: h.status, explanation: h.explanation })),
    priority: prioritise({
      cve: s.id,
      exploitation: { kev: s.kev, sightings: s.sightings, referenceTags: s.input?.referenceTags, publicPoc: s.input?.publicPoc },
      internetExposed: exposed, networkZone: sys.zone, cvssVector: s.input?.cvssVector, criticality: sys.criticality,
      sector: sys.sector, epss: s.epss, usedBy: s.threats,
    }),
    state: states.read(key),
  };
}
