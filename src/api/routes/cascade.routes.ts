/** /scenarios, /ranking: the cascade engine over HTTP (admins, analysts, advisers). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../schemas.js';
import { subjectOf } from '../auth.js';
import type { AppServices } from '../../app.js';
import { CascadeResultView, MonteCarloBody, MonteCarloView, RankingQuery, RankingView, ScenarioBody } from './cascade.schemas.js';

const RUN = { action: 'cascade:run' } as const;

export const cascadeRoutes = (svc: AppServices): FastifyPluginAsyncTypebox => async (app) => {
  app.post('/scenarios', {
    config: RUN,
    schema: {
      tags: ['cascade'], summary: 'Run a scenario: what fails, when, why, and who loses which service',
      body: ScenarioBody, response: { 200: CascadeResultView, ...errorResponses },
    },
  }, async (req) => svc.cascade.scenario(subjectOf(req), req.body));

  app.post('/scenarios/monte-carlo', {
    config: RUN,
    schema: {
      tags: ['cascade'], summary: 'Run a scenario many times over uncertain failures and backups: distributions of the impact',
      body: MonteCarloBody, response: { 200: MonteCarloView, ...errorResponses },
    },
  }, async (req) => svc.cascade.monteCarlo(subjectOf(req), req.body));

  app.get('/ranking', {
    config: RUN,
    schema: {
      tags: ['cascade'], summary: 'National criticality ranking and single points of failure',
      querystring: RankingQuery, response: { 200: RankingView, ...errorResponses },
    },
  }, async (req) => svc.cascade.ranking(subjectOf(req), { top: req.query.top, horizonHours: req.query.horizon_hours ?? null, spofLimit: req.query.spof_limit }));
};
