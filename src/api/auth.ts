/** Authentication of API requests: `Authorization: Bearer <token>` → the request's Subject. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../errors.js';
import type { Subject } from '../access/policy.js';

declare module 'fastify' {
  interface FastifyRequest {
    subject: Subject | null;
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
}

/** The authenticated subject of a request (routes behind auth always have one). */
export function subjectOf(req: FastifyRequest): Subject {
  if (!req.subject) throw errors.unauthenticated();
  return req.subject;
}
