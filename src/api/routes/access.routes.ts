/** /auth, /me, /organisations, /users, /tokens, /audit: identities, credentials and the audit log over HTTP. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authorize, type Clearance as ClearanceName, type Role as RoleName } from '../../access/policy.js';
import { errorResponses } from '../schemas.js';
import { subjectOf } from '../auth.js';
import type { AppServices } from '../../app.js';

const Role = Type.Union([Type.Literal('admin'), Type.Literal('analyst'), Type.Literal('adviser'), Type.Literal('operator')]);
const Clearance = Type.Union([Type.Literal('OFFICIAL'), Type.Literal('SECRET'), Type.Literal('TOP SECRET')]);

const SubjectView = Type.Object({
  userId: Type.String(), username: Type.String(), orgId: Type.String(), role: Role, clearance: Clearance,
});

const UserView = Type.Object({
  id: Type.String(), username: Type.String(), orgId: Type.String(), role: Role, clearance: Clearance,
  disabled: Type.Boolean(), hasPassword: Type.Optional(Type.Boolean()), createdAt: Type.Optional(Type.String()),
}, { additionalProperties: true });

const OrgView = Type.Object({ id: Type.String(), name: Type.String(), identityRef: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: true });

const TokenView = Type.Object({ id: Type.String(), userId: Type.String(), name: Type.String(), status: Type.String() }, { additionalProperties: true });

const ADMIN = { action: 'users:manage' } as const;

export const accessRoutes = (svc: AppServices): FastifyPluginAsyncTypebox => async (app) => {
  app.post('/auth/login', {
    schema: {
      tags: ['auth'], summary: 'Log in with user name and password; returns a bearer token', security: [],
      body: Type.Object({ username: Type.String({ minLength: 1 }), password: Type.String({ minLength: 1 }) }),
      response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String(), subject: SubjectView }), ...errorResponses },
    },
  }, async (req) => {
    const r = await svc.users.login(req.body.username, req.body.password, req.ip);
    return { token: r.token, expiresAt: r.expiresAt, subject: r.subject };
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: 'Who the token belongs to', response: { 200: SubjectView, ...errorResponses } },
  }, async (req) => subjectOf(req));

  app.get('/organisations', {
    schema: { tags: ['admin'], summary: 'List organisations', response: { 200: Type.Object({ items: Type.Array(OrgView) }), ...errorResponses } },
  }, async (req) => ({ items: await svc.users.listOrganisations(subjectOf(req)) }));

  app.post('/organisations', {
    config: ADMIN,
    schema: {
      tags: ['admin'], summary: 'Create an organisation',
      body: Type.Object({ id: Type.Optional(Type.String()), name: Type.String({ minLength: 1 }), identityRef: Type.Optional(Type.String()) }),
      response: { 201: OrgView, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await svc.users.createOrganisation(subjectOf(req), req.body)));

  app.get('/users', {
    config: ADMIN,
    schema: {
      tags: ['admin'], summary: 'List users', querystring: Type.Object({ org: Type.Optional(Type.String()) }),
      response: { 200: Type.Object({ items: Type.Array(UserView) }), ...errorResponses },
    },
  }, async (req) => ({ items: await svc.users.listUsers(subjectOf(req), req.query.org ? { orgId: req.query.org } : {}) }));

  app.post('/users', {
    config: ADMIN,
    schema: {
      tags: ['admin'], summary: 'Create a user',
      body: Type.Object({ username: Type.String(), orgId: Type.String(), role: Role, clearance: Clearance, password: Type.Optional(Type.String()) }),
      response: { 201: UserView, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await svc.users.createUser(subjectOf(req), req.body)));

  app.post('/users/:id/grant', {
    config: ADMIN,
    schema: {
      tags: ['admin'], summary: "Change a user's role and/or clearance", params: Type.Object({ id: Type.String() }),
      body: Type.Object({ role: Type.Optional(Role), clearance: Type.Optional(Clearance) }),
      response: { 200: UserView, ...errorResponses },
    },
  }, async (req) => {
    const change: { role?: RoleName; clearance?: ClearanceName } = {};
    if (req.body.role) change.role = req.body.role;
    if (req.body.clearance) change.clearance = req.body.clearance;
    return svc.users.grant(subjectOf(req), req.params.id, change);
  });

  app.get('/tokens', {
    schema: { tags: ['auth'], summary: 'List your tokens (administrators: anyone\'s with ?user=)', querystring: Type.Object({ user: Type.Optional(Type.String()) }), response: { 200: Type.Object({ items: Type.Array(TokenView) }), ...errorResponses } },
  }, async (req) => ({ items: await svc.users.listTokens(subjectOf(req), req.query.user ? { userId: req.query.user } : {}) }));

  app.post('/tokens', {
    schema: {
      tags: ['auth'], summary: 'Create an API token (the clear token is returned once)',
      body: Type.Object({ name: Type.String({ minLength: 1 }), userId: Type.Optional(Type.String()), expiresAt: Type.Optional(Type.String()) }),
      response: { 201: Type.Object({ token: Type.String(), info: TokenView }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await svc.users.createToken(subjectOf(req), req.body)));

  app.delete('/tokens/:id', {
    schema: { tags: ['auth'], summary: 'Revoke a token', params: Type.Object({ id: Type.String() }), response: { 200: TokenView, ...errorResponses } },
  }, async (req) => svc.users.revokeToken(subjectOf(req), req.params.id));

  app.get('/audit/verify', {
    config: { action: 'audit:read' },
    schema: {
      tags: ['audit'], summary: 'Verify the hash chain of the audit log',
      response: { 200: Type.Object({ ok: Type.Boolean() }, { additionalProperties: true }), ...errorResponses },
    },
  }, async (req) => {
    authorize(subjectOf(req), 'audit:read');
    return svc.audit.verify();
  });
};
