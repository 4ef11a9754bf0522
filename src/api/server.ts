/**
 * The HTTP server: Fastify with TypeBox schemas, the OpenAPI 3.1 document at /openapi.json and its
 * docs page at /docs, typed errors, bearer-token authentication, and the route modules.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError, isAppError } from '../errors.js';
import { registerAuth } from './auth.js';
import { retryAfterSeconds } from '../access/rate-limit.js';
import { ErrorBody, StixObjectBody } from './schemas.js';
import { objectRoutes } from './routes/objects.routes.js';
import { accessRoutes } from './routes/access.routes.js';
import { registerRoutes } from './routes/register.routes.js';
import { cascadeRoutes } from './routes/cascade.routes.js';
import { exposureRoutes } from './routes/exposure.routes.js';
import type { AppServices } from '../app.js';

/** Stable codes for the framework's own client errors (bad JSON, wrong media type, too large, ...). */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE', 409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED',
};

function clientErrorMessage(fe: FastifyError): string {
  switch (fe.statusCode) {
    case 413: return 'The request body is too large (16 MiB at most): send large collections with `bulwark import`.';
    case 415: return `${fe.message}: send the body as application/json.`;
    default:
      return fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe instanceof SyntaxError
        ? `The request body is not valid JSON: ${fe.message}.`
        : fe.message;
  }
}

/** `body/name`, `querystring/limit`: where in the request the problem is, naming the field. */
function validationPath(where: string, v: { instancePath: string; params?: Record<string, unknown> }): string {
  const extra = v.params?.missingProperty ?? v.params?.additionalProperty;
  return `${where}${v.instancePath}${typeof extra === 'string' ? `/${extra}` : ''}`;
}

export interface ServerOptions {
  logger?: boolean | { level: string };
}

export async function buildServer(svc: AppServices, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
    bodyLimit: 16 * 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema(ErrorBody);
  app.addSchema(StixObjectBody);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bulwark API',
        version: '0.1.0',
        description: 'Threat intelligence (STIX 2.1), need-to-know access and audit for critical national infrastructure protection.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) || `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (isAppError(err)) {
      if (err.code === 'RATE_LIMITED') void reply.header('retry-after', String(retryAfterSeconds(err) ?? 60));
      return reply.code(err.status).send(err.toJSON());
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const where = fe.validationContext ?? 'request';
      return reply.code(400).send({
        code: 'VALIDATION_FAILED',
        message: `The request is not valid: ${fe.message}. See /docs for what this endpoint accepts.`,
        details: fe.validation.map((v) => ({ path: validationPath(where, v), message: v.message ?? 'invalid' })),
      });
    }
    if (fe.statusCode && fe.statusCode < 500) {
      return reply.code(fe.statusCode).send({ code: CODE_BY_STATUS[fe.statusCode] ?? 'BAD_REQUEST', message: clientErrorMessage(fe) });
    }
    req.log.error(err);
    return reply.code(500).send({ code: 'INTERNAL', message: 'Something went wrong on the server; it has been logged.' });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}; see /docs for the API.` });
  });

  registerAuth(app, (t) => svc.users.authenticateToken(t));

  app.get('/health', { schema: { tags: ['system'], summary: 'Liveness', security: [] } }, async () => ({ status: 'ok', engine: svc.db.engine }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(objectRoutes(svc));
  await app.register(accessRoutes(svc));
  await app.register(registerRoutes(svc));
  await app.register(cascadeRoutes(svc));
  await app.register(exposureRoutes(svc));
  return app;
}
