/**
 * /exposure: the exposure engine over HTTP — ranked, explained findings (operators: their own
 * organisation's only; others' answer 404 like missing ones and are never counted), one finding, its
 * state (triage), per-organisation summaries, and matching a device's CPEs against the loaded
 * vulnerability data. Handlers: auth (role checked before validation) → service → present.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../schemas.js';
import { subjectOf } from '../auth.js';
import type { AppServices } from '../../app.js';
import { FindingKeyParams, FindingsPageView, FindingsQuery, FindingView, MatchBody, MatchView, StateBody, SummaryView } from './exposure.schemas.js';

const READ = { action: 'exposure:read' } as const;
const TRIAGE = { action: 'exposure:triage' } as const;
const MATCH = { action: 'exposure:match' } as const;
const tags = ['exposure'];

export const exposureRoutes = (svc: AppServices): FastifyPluginAsyncTypebox => async (app) => {
  const exposure = svc.exposure;
  app.addSchema(FindingView);

  app.get('/exposure/findings', {
    config: READ,
    schema: {
      tags, summary: 'Findings, most urgent first (operators: their own organisation\'s)',
      description: 'Ranked by outcome, threat context, EPSS, criticality, then CVE id; each with its matches, reasons and state. Page with `cursor` = the previous page\'s `nextCursor`.',
      querystring: FindingsQuery, response: { 200: FindingsPageView, ...errorResponses },
    },
  }, async (req) => exposure.findings(subjectOf(req), req.query));

  app.get('/exposure/findings/:key', {
    config: READ,
    schema: { tags, summary: 'One finding, explained', params: FindingKeyParams, response: { 200: Type.Ref('ExposureFinding'), ...errorResponses } },
  }, async (req) => exposure.finding(subjectOf(req), req.params.key));

  app.post('/exposure/findings/:key/state', {
    config: TRIAGE,
    schema: {
      tags, summary: 'Change a finding\'s state: acknowledged, mitigated, risk-accepted (with reason and expiry), or new again',
      description: 'Operators for their own organisation, advisers and admins for all; analysts read only. Audited.',
      params: FindingKeyParams, body: StateBody, response: { 200: Type.Ref('ExposureFinding'), ...errorResponses },
    },
  }, async (req) => exposure.setState(subjectOf(req), req.params.key, req.body));

  app.get('/exposure/summary', {
    config: READ,
    schema: { tags, summary: 'Finding counts per organisation (by outcome, state, status; KEV)', response: { 200: SummaryView, ...errorResponses } },
  }, async (req) => ({ organisations: await exposure.summary(subjectOf(req)) }));

  app.post('/exposure/match', {
    config: MATCH,
    schema: {
      tags, summary: 'Match one device\'s CPEs against the loaded vulnerability data (no register data involved)',
      body: MatchBody, response: { 200: MatchView, ...errorResponses },
    },
  }, async (req) => exposure.match(subjectOf(req), req.body.cpes));
};
