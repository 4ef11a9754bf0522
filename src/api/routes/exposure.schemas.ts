/**
 * TypeBox schemas of the exposure API (findings, their state, summaries, device matching): the request
 * and response types of src/exposure/service as the OpenAPI document shows them. Response schemas list
 * every field (Fastify serialises by them, dropping anything not listed); an advisory's explanation is
 * free-form JSON.
 */
import { Type, type TSchema } from 'typebox';
import { OUTCOMES } from '../../exposure/priority/decision-table.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const literals = (xs: readonly string[], description?: string) => Type.Union(xs.map((x) => Type.Literal(x)), description ? { description } : {});

/** Finding states as the API names them (the store's list: new, acknowledged, mitigated, risk-accepted). */
export const STATE_NAMES = ['new', 'acknowledged', 'mitigated', 'risk-accepted'] as const;
const Outcome = literals(OUTCOMES, 'SSVC deployer outcome (decision 0006).');
const State = literals(STATE_NAMES);
const Status = literals(['affected', 'undecidable'], 'undecidable: a version comparison could not be decided (each one is listed); never silently matched or dropped.');

export const FindingsQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 128, description: 'Organisation id (operators: only their own; another gives an empty page).' })),
  site: Type.Optional(Type.String({ maxLength: 128 })),
  system: Type.Optional(Type.String({ maxLength: 128 })),
  component: Type.Optional(Type.String({ maxLength: 128 })),
  cve: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9]*-[A-Za-z0-9][A-Za-z0-9._:-]*$', maxLength: 128, description: 'CVE id, e.g. CVE-2024-3400; or the advisory id of an OSV record without a CVE alias (GHSA-…, PYSEC-…).' })),
  outcome: Type.Optional(Outcome),
  state: Type.Optional(literals(STATE_NAMES, 'Effective state (an expired risk acceptance reads as new).')),
  status: Type.Optional(Status),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor of the previous page.' })),
});

export const FindingKeyParams = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 1024, description: '`componentId|cveId|productKey`, URL-encoded.' }),
});

export const StateBody = Type.Object({
  state: State,
  reason: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'Why (required to accept a risk).' }))),
  expiresAt: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'ISO 8601, in the future; required for (and only for) risk-accepted.' }))),
  expect: Type.Optional(literals(STATE_NAMES, 'The state you saw: refused with 409 if it changed meanwhile.')),
}, { additionalProperties: false });

export const MatchBody = Type.Object({
  cpes: Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { minItems: 1, maxItems: 1000, description: 'CPE 2.3 names (or URI bindings) of one device\'s components.' }),
}, { additionalProperties: false });

const Check = Type.Object({
  bound: Type.String(), value: Type.String(), holds: Type.Optional(Type.Boolean({ description: 'Absent when the comparison is undecidable (then reason says why).' })), order: Type.Optional(Type.Integer()), scheme: Type.String(), reason: Type.Optional(Type.String()),
});

const NvdMatch = Type.Object({
  status: Status,
  cveId: Type.String(),
  path: Type.String({ description: 'Configuration path, e.g. configurations[0].nodes[1].cpeMatch[3].' }),
  criteria: Type.String(),
  matchCriteriaId: Type.Optional(Type.String()),
  componentId: Type.String(),
  component: Type.String({ description: 'The component as matched (its CPE, or vendor product version).' }),
  nameRelation: Type.String({ description: 'NISTIR 7696 relation of the criteria to the component name, version aside.' }),
  lessSpecific: Type.Array(Type.String(), { description: 'Attributes the criteria names and the component leaves ANY.' }),
  version: Type.Optional(Type.Object({
    compared: Type.String(), scheme: Type.Optional(Type.String()), explanation: Type.String(), checks: Type.Optional(Type.Array(Check)),
  })),
  platform: Type.Array(Type.Object({ path: Type.String(), criteria: Type.String(), matchCriteriaId: Type.Optional(Type.String()), componentId: Type.String() }), { description: 'Running-on entries (vulnerable: false) that held.' }),
  reasons: Type.Array(Type.Object({ path: Type.String(), componentId: Type.Optional(Type.String()), reason: Type.String() }), { description: 'Undecidable comparisons.' }),
});

const AdvisoryMatch = Type.Object({
  source: Type.String({ description: 'The advisory, e.g. ICSA-24-352-04.' }),
  status: Status,
  explanation: Type.Object({}, { additionalProperties: true, description: 'The rule that matched, the identity, the version text, the bound compared and the scheme.' }),
});

const PriorityView = Type.Object({
  outcome: Outcome,
  tableOutcome: Outcome,
  exploitation: Type.String(), exposure: Type.String(), automatable: Type.String(), humanImpact: Type.String(),
  threatContext: Type.Array(Type.String(), { description: 'Intrusion sets and campaigns using this CVE that target the asset\'s sector.' }),
  sortKey: Type.Array(Type.Number()),
  reasons: Type.Array(Type.String(), { description: 'Each decision point\'s reason, the threat context, EPSS, then the decision.' }),
});

const StateView = Type.Object({
  state: State,
  reason: Type.Optional(Type.String()),
  expiresAt: Type.Optional(Type.String()),
  expired: Type.Optional(Type.Object({ state: Type.String(), reason: Type.Optional(Type.String()), expiresAt: Type.String(), note: Type.String() })),
});

export const FindingView = Type.Object({
  key: Type.String({ description: '`componentId|cveId|productKey`: stable across versions of the component.' }),
  cveId: Type.String(),
  productKey: Type.String(),
  status: Status,
  component: Type.Object({
    id: Type.String(), name: Type.Optional(Type.String()), label: Type.String(), systemId: Type.String(), siteId: Nullable(Type.String()),
    orgId: Type.String(), internetExposed: Type.Boolean(),
  }),
  nvd: Type.Array(NvdMatch),
  advisories: Type.Array(AdvisoryMatch),
  priority: PriorityView,
  state: StateView,
}, { $id: 'ExposureFinding', description: 'A finding, explained: its matches, its priority with reasons, its state.' });

export const FindingsPageView = Type.Object({
  items: Type.Array(Type.Ref('ExposureFinding')),
  nextCursor: Nullable(Type.String()),
  total: Type.Integer({ description: 'Findings matching the filter that you may see (all pages).' }),
});

const counts = (keys: readonly string[]) => Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Integer()])));

export const SummaryView = Type.Object({
  organisations: Type.Array(Type.Object({
    orgId: Type.String(), total: Type.Integer(),
    byOutcome: counts(OUTCOMES), byState: counts(STATE_NAMES), byStatus: counts(['affected', 'undecidable']),
    kev: Type.Integer({ description: 'Findings whose CVE is in CISA KEV.' }),
  })),
}, { description: 'Finding counts per organisation you may see.' });

export const MatchView = Type.Object({
  components: Type.Array(Type.Object({ id: Type.String(), cpe: Type.String() })),
  findings: Type.Array(Type.Object({
    key: Type.String(), cveId: Type.String(), productKey: Type.String(), status: Status, componentId: Type.String(),
    nvd: Type.Array(NvdMatch), advisories: Type.Array(AdvisoryMatch),
  })),
}, { description: 'Every finding of the device against the loaded vulnerability data, each explained.' });
