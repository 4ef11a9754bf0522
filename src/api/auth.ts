/**
 * Authentication of API requests: `Authorization: Bearer <token>` → the request's Subject; and the
 * route's role check (route option `config.action`), made before the request is validated, so that
 * a caller whose role may not act learns nothing from validation errors and gets 403 whatever it sends.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../errors.js';
import { authorize, type Action, type Subject } from '../access/policy.js';

declare module 'fastify' {
  interface FastifyRequest {
    subject: Subject | null;
  }
  interface FastifyContextConfig {
    /** The policy action a caller's role must allow, checked before validation. */
    action?: Action;
  }
}

/** Paths reachable without a token. */
const PUBLIC = [/^\/(health|openapi\.json)$/, /^\/docs(\/|$)/, /^\/auth\/login$/, /^\/($|app\/|assets\/)/];

export function registerAuth(app: FastifyInstance, authenticate: (token: string) => Promise<Subject | null>): void {
  app.decorateRequest('subject', null);
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0]!;
    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw errors.unauthenticated('The Authorization header must be "Bearer <token>".');
      const subject = await authenticate(m[1]!);
      if (!subject) throw errors.unauthenticated('The token is unknown, expired or revoked: log in again or ask an administrator for a new one.');
      req.subject = subject;
      return;
    }
    if (!PUBLIC.some((p) => p.test(path))) throw errors.unauthenticated();
  });
  app.addHook('preValidation', async (req) => {
    const action = req.routeOptions.config.action;
    if (action) authorize(subjectOf(req), action);
  });
}

/** The authenticated subject of a request (routes behind auth always have one). */
export function subjectOf(req: FastifyRequest): Subject {
  if (!req.subject) throw errors.unauthenticated();
  return req.subject;
}
