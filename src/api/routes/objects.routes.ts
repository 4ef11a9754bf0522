/** /objects, /search: the STIX knowledge store over HTTP. Handlers: auth → validate → service → present. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { exportBundle } from '../../intel/export-service.js';
import { csv, errorResponses, IdParams, PageOf, StixRef } from '../schemas.js';
import { subjectOf } from '../auth.js';
import { BundleStream } from '../bundle-stream.js';
import type { AppServices } from '../../app.js';

const READ = { action: 'intel:read' } as const;
const WRITE = { action: 'intel:write' } as const;
const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

const ListQuery = Type.Object({
  type: Type.Optional(Type.String({ description: 'Comma-separated STIX types.' })),
  modified_since: Type.Optional(Type.String({ description: 'Only versions modified at or after this RFC 3339 time.' })),
  modified_until: Type.Optional(Type.String({ description: 'Only versions modified at or before this RFC 3339 time.' })),
  label: Type.Optional(Type.String({ description: 'Comma-separated labels; all must be present.' })),
  created_by: Type.Optional(Type.String({ description: 'Identity id of the creator (created_by_ref).' })),
  marking: Type.Optional(Type.String({ description: 'Comma-separated marking-definition ids; any may match.' })),
  include_revoked: Type.Optional(Type.Boolean({ default: false })),
  cursor: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});

const Neighbour = Type.Object({
  direction: Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')]),
  relationship: StixRef,
  object: StixRef,
});

export const objectRoutes = (svc: AppServices): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/objects', {
    config: READ,
    schema: { tags: ['objects'], summary: 'List the latest version of objects, filtered and paged', querystring: ListQuery, response: { 200: PageOf(StixRef), ...errorResponses } },
  }, async (req) => {
    const q = req.query;
    return svc.knowledge.list(subjectOf(req), {
      types: csv(q.type), modifiedSince: q.modified_since, modifiedUntil: q.modified_until, labels: csv(q.label),
      createdBy: q.created_by, markings: csv(q.marking), includeRevoked: q.include_revoked, cursor: q.cursor, limit: q.limit,
    });
  });

  app.get('/objects/:id', {
    config: READ,
    schema: {
      tags: ['objects'], summary: 'Get an object: its latest version, or the version given',
      params: IdParams, querystring: Type.Object({ version: Type.Optional(Type.String({ description: "A version's modified timestamp." })) }),
      response: { 200: StixRef, ...errorResponses },
    },
  }, async (req) => svc.knowledge.get(subjectOf(req), req.params.id, req.query.version));

  app.get('/objects/:id/versions', {
    config: READ,
    schema: {
      tags: ['objects'], summary: "List an object's versions (modified timestamps, oldest first)",
      params: IdParams, response: { 200: Type.Object({ versions: Type.Array(Type.String()) }), ...errorResponses },
    },
  }, async (req) => ({ versions: await svc.knowledge.versions(subjectOf(req), req.params.id) }));

  app.get('/objects/:id/neighbours', {
    config: READ,
    schema: {
      tags: ['objects'], summary: 'Objects linked to this one by relationships (both directions) and sightings',
      params: IdParams, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })) }),
      response: { 200: Type.Object({ items: Type.Array(Neighbour) }), ...errorResponses },
    },
  }, async (req) => ({ items: await svc.knowledge.neighbours(subjectOf(req), req.params.id, req.query.limit) }));

  app.post('/objects', {
    config: WRITE,
    schema: {
      tags: ['objects'], summary: 'Create an object (or store a version of one you may see)',
      body: StixRef, querystring: Type.Object({ share_with: Type.Optional(Type.String({ description: 'TLP:RED only: comma-separated organisation ids to share with.' })) }),
      response: { 201: StixRef, ...errorResponses },
    },
  }, async (req, reply) => {
    const stored = await svc.knowledge.put(subjectOf(req), req.body, { recipients: csv(req.query.share_with) });
    return reply.code(201).send(stored);
  });

  app.patch('/objects/:id', {
    config: WRITE,
    schema: {
      tags: ['objects'], summary: 'Make a new version with these properties changed (modified is set to now)',
      params: IdParams, body: Type.Object({}, { additionalProperties: true }), response: { 200: StixRef, ...errorResponses },
    },
  }, async (req) => svc.knowledge.update(subjectOf(req), req.params.id, req.body as Record<string, unknown>));

  app.post('/objects/:id/revoke', {
    config: WRITE,
    schema: { tags: ['objects'], summary: 'Revoke an object (a new, revoked version)', params: IdParams, response: { 200: StixRef, ...errorResponses } },
  }, async (req) => svc.knowledge.revoke(subjectOf(req), req.params.id));

  app.get('/search', {
    config: READ,
    schema: {
      tags: ['objects'], summary: 'Full-text search over names and descriptions',
      querystring: Type.Object({
        q: Type.String({ minLength: 1, description: 'Words; "quoted phrases", OR and -excluded words work as in web search.' }),
        type: Type.Optional(Type.String()),
        cursor: Type.Optional(Type.String()),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
      }),
      response: { 200: PageOf(StixRef), ...errorResponses },
    },
  }, async (req) => svc.knowledge.search(subjectOf(req), req.query.q, { types: csv(req.query.type), cursor: req.query.cursor, limit: req.query.limit }));

  app.get('/stats', {
    config: READ,
    schema: { tags: ['objects'], summary: 'Number of visible objects per type', response: { 200: Type.Object({ counts: Type.Record(Type.String(), Type.Integer()) }), ...errorResponses } },
  }, async (req) => ({ counts: await svc.knowledge.counts(subjectOf(req)) }));

  app.get('/export', {
    config: READ,
    schema: {
      tags: ['objects'], summary: 'Stream a STIX bundle of the objects you may see, filtered',
      querystring: Type.Omit(ListQuery, ['cursor', 'limit']),
      response: {
        200: {
          description: 'A STIX 2.1 bundle of the latest versions, streamed.',
          content: { [STIX_MEDIA_TYPE]: { schema: Type.Object({ type: Type.Literal('bundle'), id: Type.String(), objects: Type.Array(StixRef) }) } },
        },
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const q = req.query;
    const out = new BundleStream();
    const done = exportBundle(svc.knowledge, subjectOf(req), {
      types: csv(q.type), modifiedSince: q.modified_since, modifiedUntil: q.modified_until, labels: csv(q.label),
      createdBy: q.created_by, markings: csv(q.marking), includeRevoked: q.include_revoked, purpose: 'export',
    }, out);
    // Nothing is written before the first page has been read: a bad filter is a clean error response.
    await Promise.race([out.firstWrite, done]);
    // Later, a failure can only cut the stream short (the client sees a truncated body, never a whole bundle).
    done.then(() => out.end(), (e: unknown) => {
      if (!out.destroyed) req.log.error(e);
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    });
    return reply.type(STIX_MEDIA_TYPE).send(out);
  });
};
