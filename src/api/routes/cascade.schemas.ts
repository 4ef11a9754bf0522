/**
 * TypeBox schemas of the cascade API (scenarios, Monte Carlo, national ranking): the request and
 * response types of src/cascade/ as the OpenAPI document shows them. Response schemas list every
 * field (Fastify serialises by them, dropping anything not listed).
 */
import { Type, type TSchema } from 'typebox';
import { REGION_CODES, SERVICES } from '../../register/model.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const LatLon = Type.Tuple([Type.Number({ minimum: -90, maximum: 90 }), Type.Number({ minimum: -180, maximum: 180 })], { description: '[latitude, longitude] in degrees' });
const Hours = Type.Number({ minimum: 0, description: 'Hours after the initial failures.' });

const Area = Type.Union([
  Type.Object({ polygon: Type.Array(LatLon, { minItems: 3, maxItems: 10_000 }) }, { additionalProperties: false }),
  Type.Object({ centre: LatLon, radiusKm: Type.Number({ exclusiveMinimum: 0, maximum: 2000 }) }, { additionalProperties: false }),
], { description: 'Every registered asset with a location inside fails at t = 0.' });

const ServiceLoss = Type.Object({
  service: Type.Union(SERVICES.map((s) => Type.Literal(s))),
  region: Type.Union(REGION_CODES.map((r) => Type.Literal(r))),
}, { additionalProperties: false, description: 'Every dependency carrying this service to an asset in this region is lost at t = 0.' });

const scenarioFields = {
  initialFailures: Type.Optional(Type.Array(Type.String({ maxLength: 128 }), { maxItems: 100_000, description: 'Asset ids failing at t = 0.' })),
  areas: Type.Optional(Type.Array(Area, { maxItems: 100 })),
  servicesLost: Type.Optional(Type.Array(ServiceLoss, { maxItems: 1000 })),
  horizonHours: Type.Optional(Type.Number({ minimum: 0, description: 'Only events up to this many hours count; absent: sustained loss (every finite backup runs out).' })),
};

export const ScenarioBody = Type.Object({
  ...scenarioFields,
  chains: Type.Optional(Type.Boolean({ default: false, description: 'Also spell out each failure\'s whole chain back to an initial failure (causeEvent links give the same chain in less space).' })),
}, { additionalProperties: false });

export const MonteCarloBody = Type.Object({
  ...scenarioFields,
  runs: Type.Integer({ minimum: 1, maximum: 100_000, description: 'Number of runs.' }),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1, default: 1, description: 'Same seed, same register, same answer.' })),
  topK: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 20, description: 'How many assets to list by failure frequency.' })),
}, { additionalProperties: false });

const ProviderLoss = Type.Object({
  dependencyId: Type.String(),
  providerId: Type.String(),
  service: Type.String(),
  providerFailedAt: Nullable(Type.Number({ description: 'Null when the service was lost in the region (forced at 0).' })),
  timeToImpactHours: Type.Number(),
  backupKind: Type.String(),
  backupHours: Type.Number(),
  backupRanOutAt: Nullable(Type.Number()),
  lostAt: Type.Number(),
});

const ChainLink = Type.Object({
  assetId: Type.String(),
  timeHours: Type.Number(),
  viaDependencyId: Type.Optional(Type.String()),
  service: Type.Optional(Type.String()),
});

const CascadeEvent = Type.Object({
  timeHours: Type.Number(),
  assetId: Type.String(),
  cause: Type.Union([Type.Literal('initial'), Type.Literal('need')]),
  need: Type.Optional(Type.Object({ services: Type.Array(Type.String()), providers: Type.Array(ProviderLoss) })),
  causeEvent: Nullable(Type.Integer({ description: 'Index in events of the failure that set this one\'s time (the last of its lost providers); following it leads back to an initial failure. Null for initial failures and regional service losses.' })),
  chain: Type.Optional(Type.Array(ChainLink, { description: 'With chains: this asset first, back to an initial failure.' })),
  rootServiceLoss: Type.Optional(Type.Object({ service: Type.String(), region: Type.String() })),
});

const SeriesPoint = Type.Object({ timeHours: Type.Number(), peopleAffected: Type.Number() });

export const CascadeResultView = Type.Object({
  horizonHours: Nullable(Type.Number()),
  unknownAssets: Type.Array(Type.String(), { description: 'Initial failures that name no registered asset.' }),
  events: Type.Array(CascadeEvent, { description: 'Assets losing function, in time order.' }),
  degraded: Type.Array(Type.Object({
    assetId: Type.String(),
    remainingFunction: Type.Number(),
    lostNeeds: Type.Array(Type.Object({ timeHours: Type.Number(), services: Type.Array(Type.String()), share: Type.Number(), dependencyIds: Type.Array(Type.String()) })),
  })),
  impact: Type.Array(Type.Object({ timeHours: Type.Number(), assetsLost: Type.Number(), peopleAffected: Type.Number() }), { description: 'Cumulative impact over time.' }),
  byEssentialService: Type.Array(Type.Object({ essentialService: Type.String(), points: Type.Array(SeriesPoint) })),
  bySector: Type.Array(Type.Object({ sector: Type.String(), points: Type.Array(SeriesPoint) })),
  totals: Type.Object({ assetsLost: Type.Number(), peopleAffected: Type.Number(), degraded: Type.Number() }),
}, { $id: 'CascadeResult', description: 'The time-ordered cascade of a scenario, each failure explained.' });

const Distribution = Type.Object({ mean: Type.Number(), median: Type.Number(), p90: Type.Number(), min: Type.Number(), max: Type.Number() });

export const MonteCarloView = Type.Object({
  runs: Type.Integer(),
  seed: Type.Integer(),
  horizonHours: Nullable(Type.Number()),
  assetsLost: Distribution,
  peopleAffected: Distribution,
  mostFrequent: Type.Array(Type.Object({ assetId: Type.String(), frequency: Type.Number({ description: 'Share of runs in which it failed.' }) })),
  workers: Type.Integer(),
  millis: Type.Number(),
}, { $id: 'MonteCarloResult' });

export const RankingQuery = Type.Object({
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 100 })),
  horizon_hours: Type.Optional(Type.Number({ minimum: 0, description: 'Absent: sustained loss.' })),
  spof_limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 100, description: 'How many single points of failure to list.' })),
});

export const RankingView = Type.Object({
  horizonHours: Nullable(Type.Number()),
  assets: Type.Integer(),
  ranking: Type.Array(Type.Object({
    assetId: Type.String(),
    assetsLost: Type.Integer({ description: 'Including itself.' }),
    peopleAffected: Type.Number(),
    criticalNeedsCut: Type.Integer({ description: 'Needs of CAT 3+ assets its loss alone cuts.' }),
  })),
  singlePointsOfFailure: Type.Array(Type.Object({
    assetId: Type.String(),
    criticalNeedsCut: Type.Integer(),
    dependents: Type.Array(Type.Object({
      assetId: Type.String(), criticality: Type.Integer(), services: Type.Array(Type.String()), dependencyIds: Type.Array(Type.String()),
      lostAtHours: Hours, fails: Type.Boolean({ description: 'True when the need cut is a full need (the asset fails), false when it only degrades it.' }),
    })),
  })),
  singlePointsOfFailureTotal: Type.Integer(),
  millis: Type.Number(),
}, { $id: 'NationalRanking', description: 'Each asset by the consequence of losing it alone; assets whose loss alone cuts a need of a CAT 3+ asset.' });
