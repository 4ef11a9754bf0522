/**
 * Test support for the REST API: a real HTTP server on a loopback port over a fresh store (PGlite or
 * PostgreSQL), with organisations 'authority' and 'northgrid', a user of each role with a token, and
 * the intelligence of test-world.ts seeded. Requests go through global fetch.
 */
import type { FastifyInstance } from 'fastify';
import { createServices, type AppServices } from '../app.js';
import { buildServer } from './server.js';
import { openAccessTestStore, SYSTEM } from '../access/test-support.js';
import type { EngineName, TestStore } from '../store/test-engines.js';
import type { Clearance, Role, Subject } from '../access/policy.js';
import { SEED, toRevoke } from './test-world.js';

export const PASSWORD = 'correct horse battery staple';

/** The users every test server has: key → (organisation, role, clearance). */
export const USERS = {
  admin: { org: 'authority', role: 'admin', clearance: 'TOP SECRET' },
  analyst: { org: 'authority', role: 'analyst', clearance: 'TOP SECRET' },
  adviser: { org: 'authority', role: 'adviser', clearance: 'SECRET' },
  operator: { org: 'authority', role: 'operator', clearance: 'OFFICIAL' },
  ngAnalyst: { org: 'northgrid', role: 'analyst', clearance: 'SECRET' },
  ngAdviser: { org: 'northgrid', role: 'adviser', clearance: 'TOP SECRET' },
  ngOperator: { org: 'northgrid', role: 'operator', clearance: 'OFFICIAL' },
} as const satisfies Record<string, { org: 'authority' | 'northgrid'; role: Role; clearance: Clearance }>;
export type UserKey = keyof typeof USERS;

export interface TestUser {
  key: UserKey;
  username: string;
  token: string;
  subject: Subject;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TestServer {
  engine: EngineName;
  store: TestStore;
  svc: AppServices;
  app: FastifyInstance;
  url: string;
  users: Record<UserKey, TestUser>;
  /**
   * One request. `who` is a user key, a raw token, or null (no Authorization header). A body is
   * sent as JSON.
   */
  req(who: UserKey | { token: string } | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  get(who: UserKey | { token: string } | null, path: string): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  loginRateLimit?: number;
  /** Seed test-world.ts (default true). */
  seed?: boolean;
}

export async function startTestServer(engine: EngineName, opts: TestServerOptions = {}): Promise<TestServer> {
  const store = await openAccessTestStore(engine);
  const svc = createServices(store.db, { loginRateLimit: opts.loginRateLimit ?? 10, importBatchSize: 500 });
  let app: FastifyInstance | undefined;
  try {
    await svc.users.createOrganisation(SYSTEM, { id: 'authority', name: 'The Authority', identityRef: 'identity--00000000-0000-4000-8000-000000000001' });
    await svc.users.createOrganisation(SYSTEM, { id: 'northgrid', name: 'Northgrid Energy', identityRef: 'identity--00000000-0000-4000-8000-000000000002' });
    const users = {} as Record<UserKey, TestUser>;
    for (const [key, u] of Object.entries(USERS) as [UserKey, (typeof USERS)[UserKey]][]) {
      const created = await svc.users.createUser(SYSTEM, { username: key.toLowerCase(), orgId: u.org, role: u.role, clearance: u.clearance, password: PASSWORD });
      const { token } = await svc.users.createToken(SYSTEM, { userId: created.id, name: 'test' });
      users[key] = {
        key, username: created.username, token,
        subject: { userId: created.id, username: created.username, orgId: u.org, role: u.role, clearance: u.clearance },
      };
    }
    if (opts.seed !== false) {
      const producer = users.analyst.subject;
      for (const { obj, shareWith } of SEED) await svc.knowledge.put(producer, structuredClone(obj), { recipients: shareWith });
      await svc.knowledge.revoke(producer, toRevoke.id);
    }
    app = await buildServer(svc);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const server = app;

    const req: TestServer['req'] = async (who, method, path, body, headers = {}) => {
      const h: Record<string, string> = { ...headers };
      const token = who === null ? null : typeof who === 'string' ? users[who].token : who.token;
      if (token !== null) h.authorization = `Bearer ${token}`;
      let payload: string | undefined;
      if (body !== undefined) {
        h['content-type'] ??= 'application/json';
        payload = typeof body === 'string' ? body : JSON.stringify(body);
      }
      const r = await fetch(url + path, { method, headers: h, body: payload, redirect: 'follow' });
      const text = await r.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: r.status, headers: r.headers, text, json };
    };
    return {
      engine, store, svc, app: server, url, users, req,
      get: (who, path) => req(who, 'GET', path),
      async close() {
        await server.close();
        await store.dispose();
      },
    };
  } catch (e) {
    await app?.close();
    await store.dispose();
    throw e;
  }
}

/** A well-formed id of the given type that names no stored object. */
export function nonexistentId(type = 'malware'): string {
  return `${type}--${crypto.randomUUID()}`;
}

/** The ids of the STIX objects in a page / list / bundle body. */
export function idsOf(body: { items?: { id: string }[]; objects?: { id: string }[] }): string[] {
  return (body.items ?? body.objects ?? []).map((o) => o.id);
}

/** Asserts that none of `ids` (nor their UUID part) occurs anywhere in `text`. */
export function assertMentionsNone(text: string, ids: readonly string[], where: string): void {
  for (const id of ids) {
    const uuidPart = id.slice(id.indexOf('--') + 2);
    if (text.includes(uuidPart)) throw new Error(`${where}: the response mentions hidden ${id}: ${text.slice(0, 2000)}`);
  }
}
