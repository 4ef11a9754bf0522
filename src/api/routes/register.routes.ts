/**
 * /register: the infrastructure register over HTTP — organisations, assets (and their two kinds,
 * sites and systems), components, dependencies (list, get, create, change, delete), a system's
 * SBOM, import and export. Handlers: auth (role checked before validation) → service → present.
 * Records the caller may not see answer 404 exactly like missing ones.
 */
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors } from '../../errors.js';
import { errorResponses } from '../schemas.js';
import { subjectOf } from '../auth.js';
import type { AppServices } from '../../app.js';
import type { AssetKind } from '../../register/model.js';
import { parseRecordType, type RecordType } from '../../register/fields.js';
import { EXPORT_FORMATS, MEDIA_TYPES, type ExportFormat } from '../../register/export-service.js';
import type { ImportReport } from '../../register/import-service.js';
import {
  AssetInput, AssetListQuery, AssetView, ComponentInput, ComponentListQuery, ComponentView, DeleteResultView, DependencyInput,
  DependencyListQuery, DependencyView, ImportReportView, OrganisationInput, OrganisationListQuery, OrganisationView, Page, RegisterIdParams,
} from './register.schemas.js';

const READ = { action: 'register:read' } as const;
const WRITE = { action: 'register:write' } as const;
const ORGS = { action: 'register:organisations' } as const;
const TEXT_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl', 'text/plain'];
const SBOM_TYPE = 'application/vnd.cyclonedx+json';

const ref = (id: string) => Type.Ref(id);
const body = (x: object) => x as Record<string, unknown>;

/** 200 with the report when stored; 422 with the report (nothing stored) when any row was rejected. */
const reportStatus = (r: ImportReport) => (r.ok ? 200 : 422);

export const registerRoutes = (svc: AppServices): FastifyPluginAsyncTypebox => async (app) => {
  const reg = svc.register;
  app.addSchema(OrganisationView);
  app.addSchema(AssetView);
  app.addSchema(ComponentView);
  app.addSchema(DependencyView);
  app.addSchema(ImportReportView);
  // CSV and JSON lines arrive as text; a CycloneDX BOM as JSON under its own media type
  app.addContentTypeParser(TEXT_TYPES, { parseAs: 'string' }, (_req, text, done) => done(null, text));
  app.addContentTypeParser(SBOM_TYPE, { parseAs: 'string' }, (_req, text, done) => {
    try {
      done(null, JSON.parse(String(text)));
    } catch (e) {
      done(errors.badRequest(`The SBOM is not valid JSON: ${(e as Error).message}`), undefined);
    }
  });

  // --- organisations ----------------------------------------------------------------------------
  const orgTags = ['register: organisations'];
  app.get('/register/organisations', {
    config: READ,
    schema: { tags: orgTags, summary: 'List organisations (operators: their own)', querystring: OrganisationListQuery, response: { 200: Page('RegisterOrganisation'), ...errorResponses } },
  }, async (req) => reg.listOrganisations(subjectOf(req), req.query));
  app.get('/register/organisations/:id', {
    config: READ,
    schema: { tags: orgTags, summary: 'Get an organisation', params: RegisterIdParams, response: { 200: ref('RegisterOrganisation'), ...errorResponses } },
  }, async (req) => reg.getOrganisation(subjectOf(req), req.params.id));
  app.post('/register/organisations', {
    config: ORGS,
    schema: { tags: orgTags, summary: 'Register an organisation (admins)', body: OrganisationInput, response: { 201: ref('RegisterOrganisation'), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await reg.createOrganisation(subjectOf(req), body(req.body))));
  app.patch('/register/organisations/:id', {
    config: ORGS,
    schema: { tags: orgTags, summary: "Change an organisation's register data (admins)", params: RegisterIdParams, body: OrganisationInput, response: { 200: ref('RegisterOrganisation'), ...errorResponses } },
  }, async (req) => reg.updateOrganisation(subjectOf(req), req.params.id, body(req.body)));
  app.delete('/register/organisations/:id', {
    config: ORGS,
    schema: { tags: orgTags, summary: 'Delete an organisation that has no assets and no users (admins)', params: RegisterIdParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await reg.deleteOrganisation(subjectOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  // --- assets, sites, systems -------------------------------------------------------------------
  const assetPaths: [string, AssetKind | undefined, string][] = [['assets', undefined, 'asset'], ['sites', 'site', 'site'], ['systems', 'system', 'system']];
  for (const [path, kind, noun] of assetPaths) {
    const tags = [`register: ${path}`];
    app.get(`/register/${path}`, {
      config: READ,
      schema: {
        tags, summary: `List ${path} (filters: org, ${kind ? '' : 'kind, '}sector, region, min_criticality, site)`,
        querystring: AssetListQuery, response: { 200: Page('RegisterAsset'), ...errorResponses },
      },
    }, async (req) => {
      const q = req.query;
      return reg.listAssets(subjectOf(req), {
        org: q.org, kind: kind ?? q.kind, sector: q.sector, region: q.region, minCriticality: q.min_criticality, site: q.site, cursor: q.cursor, limit: q.limit,
      });
    });
    app.get(`/register/${path}/:id`, {
      config: READ,
      schema: { tags, summary: `Get a ${noun}`, params: RegisterIdParams, response: { 200: ref('RegisterAsset'), ...errorResponses } },
    }, async (req) => reg.getAsset(subjectOf(req), req.params.id, kind));
    app.post(`/register/${path}`, {
      config: WRITE,
      schema: { tags, summary: `Register a ${noun}`, body: AssetInput, response: { 201: ref('RegisterAsset'), ...errorResponses } },
    }, async (req, reply) => reply.code(201).send(await reg.createAsset(subjectOf(req), body(req.body), kind)));
    app.patch(`/register/${path}/:id`, {
      config: WRITE,
      schema: { tags, summary: `Change a ${noun} (fields given are replaced)`, params: RegisterIdParams, body: AssetInput, response: { 200: ref('RegisterAsset'), ...errorResponses } },
    }, async (req) => reg.updateAsset(subjectOf(req), req.params.id, body(req.body), kind));
    app.delete(`/register/${path}/:id`, {
      config: WRITE,
      schema: {
        tags, summary: `Delete a ${noun} with its components and its own dependencies; refused (409, listing them) while others depend on it, unless cascade=true`,
        params: RegisterIdParams, querystring: Type.Object({ cascade: Type.Optional(Type.Boolean({ default: false })) }),
        response: { 200: DeleteResultView, ...errorResponses },
      },
    }, async (req) => ({ deleted: await reg.deleteAsset(subjectOf(req), req.params.id, { cascade: req.query.cascade === true, kind }) }));
  }

  app.get('/register/systems/:id/components', {
    config: READ,
    schema: { tags: ['register: systems'], summary: "A system's components", params: RegisterIdParams, querystring: Type.Object({ cursor: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }), response: { 200: Page('RegisterComponent'), ...errorResponses } },
  }, async (req) => {
    const s = subjectOf(req);
    await reg.getAsset(s, req.params.id, 'system');
    return reg.listComponents(s, { system: req.params.id, cursor: req.query.cursor, limit: req.query.limit });
  });

  app.post('/register/systems/:id/sbom', {
    config: WRITE,
    schema: {
      tags: ['register: systems'],
      summary: "Import a CycloneDX JSON SBOM (1.4–1.6) as the system's components; 422 with the report when any component is rejected (nothing stored)",
      description: `Send the BOM as ${SBOM_TYPE} or application/json. Components from an earlier SBOM of the system that this one no longer lists are removed.`,
      params: RegisterIdParams,
      querystring: Type.Object({ internet_exposed: Type.Optional(Type.Boolean({ default: false, description: 'Mark every component as internet-exposed.' })) }),
      body: Type.Object({}, { additionalProperties: true, description: 'A CycloneDX BOM.' }),
      response: { 200: ref('RegisterImportReport'), 422: ref('RegisterImportReport'), ...errorResponses },
    },
  }, async (req, reply) => {
    const r = await reg.importSbom(subjectOf(req), req.params.id, req.body, { name: 'SBOM', internetExposed: req.query.internet_exposed === true });
    return reply.code(reportStatus(r)).send(r);
  });

  // --- components -------------------------------------------------------------------------------
  const compTags = ['register: components'];
  app.get('/register/components', {
    config: READ,
    schema: { tags: compTags, summary: 'List components (filters: system, org)', querystring: ComponentListQuery, response: { 200: Page('RegisterComponent'), ...errorResponses } },
  }, async (req) => reg.listComponents(subjectOf(req), req.query));
  app.get('/register/components/:id', {
    config: READ,
    schema: { tags: compTags, summary: 'Get a component', params: RegisterIdParams, response: { 200: ref('RegisterComponent'), ...errorResponses } },
  }, async (req) => reg.getComponent(subjectOf(req), req.params.id));
  app.post('/register/components', {
    config: WRITE,
    schema: { tags: compTags, summary: 'Register a component of a system', body: ComponentInput, response: { 201: ref('RegisterComponent'), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await reg.createComponent(subjectOf(req), body(req.body))));
  app.patch('/register/components/:id', {
    config: WRITE,
    schema: { tags: compTags, summary: 'Change a component', params: RegisterIdParams, body: ComponentInput, response: { 200: ref('RegisterComponent'), ...errorResponses } },
  }, async (req) => reg.updateComponent(subjectOf(req), req.params.id, body(req.body)));
  app.delete('/register/components/:id', {
    config: WRITE,
    schema: { tags: compTags, summary: 'Delete a component', params: RegisterIdParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await reg.deleteComponent(subjectOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  // --- dependencies -----------------------------------------------------------------------------
  const depTags = ['register: dependencies'];
  app.get('/register/dependencies', {
    config: READ,
    schema: { tags: depTags, summary: 'List dependencies (filters: dependent, provider, org)', querystring: DependencyListQuery, response: { 200: Page('RegisterDependency'), ...errorResponses } },
  }, async (req) => reg.listDependencies(subjectOf(req), req.query));
  app.get('/register/dependencies/:id', {
    config: READ,
    schema: { tags: depTags, summary: 'Get a dependency', params: RegisterIdParams, response: { 200: ref('RegisterDependency'), ...errorResponses } },
  }, async (req) => reg.getDependency(subjectOf(req), req.params.id));
  app.post('/register/dependencies', {
    config: WRITE,
    schema: { tags: depTags, summary: 'Register a dependency of one of your assets on another asset', body: DependencyInput, response: { 201: ref('RegisterDependency'), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await reg.createDependency(subjectOf(req), body(req.body))));
  app.patch('/register/dependencies/:id', {
    config: WRITE,
    schema: { tags: depTags, summary: 'Change a dependency', params: RegisterIdParams, body: DependencyInput, response: { 200: ref('RegisterDependency'), ...errorResponses } },
  }, async (req) => reg.updateDependency(subjectOf(req), req.params.id, body(req.body)));
  app.delete('/register/dependencies/:id', {
    config: WRITE,
    schema: { tags: depTags, summary: 'Delete a dependency', params: RegisterIdParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await reg.deleteDependency(subjectOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  // --- import and export ------------------------------------------------------------------------
  const typeParam = Type.Optional(Type.String({ description: 'organisations, sites, systems, assets, components or dependencies (singular works too).' }));
  const recordType = (v: string | undefined): RecordType | undefined => {
    if (v === undefined || v === '') return undefined;
    const t = parseRecordType(v);
    if (!t) throw errors.badRequest(`type '${v}' is not one of organisations, sites, systems, assets, components, dependencies.`, [{ path: 'type', message: 'unknown record type' }]);
    return t;
  };

  app.post('/register/import', {
    config: WRITE,
    schema: {
      tags: ['register: import and export'],
      summary: 'Import records all or nothing; 422 with the report of every rejected row when any is rejected (nothing stored)',
      description: 'CSV (text/csv; one record type, given by `type`; header of snake_case columns), a JSON array (application/json) or JSON lines ' +
        '(application/x-ndjson) of records with camelCase fields and a `recordType` (or all of `type`). Records are upserted by id: the same data again changes nothing.',
      querystring: Type.Object({ type: typeParam, format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json')], { description: 'Default: from the content type.' })) }),
      body: Type.Union([Type.String(), Type.Array(Type.Unknown()), Type.Object({}, { additionalProperties: true })]),
      response: { 200: ref('RegisterImportReport'), 422: ref('RegisterImportReport'), ...errorResponses },
    },
  }, async (req, reply) => {
    const ct = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const format = req.query.format ?? (ct === 'text/csv' ? 'csv' : 'json');
    const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const r = await reg.import(subjectOf(req), [{ name: 'request body', format, type: recordType(req.query.type), text }]);
    return reply.code(reportStatus(r)).send(r);
  });

  app.get('/register/export', {
    config: READ,
    schema: {
      tags: ['register: import and export'],
      summary: 'Stream the records you may see, in an import format',
      description: 'CSV needs a type; JSON and JSON lines without one hold every record type (organisations, sites, systems, components, dependencies).',
      querystring: Type.Object({ type: typeParam, format: Type.Optional(Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f)), { default: 'jsonl' })) }),
      response: {
        200: { description: 'The records, streamed.', content: Object.fromEntries(EXPORT_FORMATS.map((f) => [MEDIA_TYPES[f].split(';')[0]!, { schema: Type.String() }])) },
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const format: ExportFormat = req.query.format ?? 'jsonl';
    const type = recordType(req.query.type);
    const out = new PassThrough();
    let started!: () => void;
    const first = new Promise<void>((r) => (started = r));
    const done = reg.export(subjectOf(req), out, { type, format, onStart: () => started() });
    // nothing is written before the first page: a bad request is still a clean error response
    await Promise.race([first, done]);
    done.then(() => out.end(), (e: unknown) => {
      req.log.error(e);
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    });
    return reply.type(MEDIA_TYPES[format]).send(out);
  });
};
