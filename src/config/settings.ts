/**
 * Settings: one validated schema, read once at start. A bad setting stops the start with a
 * message naming every offending variable (not just the first).
 */
import { resolve } from 'node:path';
import { AppError } from '../errors.js';

export interface Settings {
  /** Embedded store directory (PGlite), used when databaseUrl is absent. */
  dataDir: string;
  /** PostgreSQL server URL; when set, the server is used instead of the embedded store. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Login attempts allowed per user name and client address per minute. */
  loginRateLimit: number;
  /** Import batch size (objects per transaction). */
  importBatchSize: number;
}

type Env = Record<string, string | undefined>;

interface Problem { variable: string; message: string }

function int(env: Env, name: string, dflt: number, min: number, max: number, problems: Problem[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw)) {
    problems.push({ variable: name, message: `must be a whole number from ${min} to ${max}, got '${raw}'` });
    return dflt;
  }
  const n = Number(raw);
  if (n < min || n > max) problems.push({ variable: name, message: `must be from ${min} to ${max}, got ${n}` });
  return n;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates settings from the environment; throws CONFIG_INVALID listing every bad variable. */
export function loadSettings(env: Env = process.env): Settings {
  const problems: Problem[] = [];
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push({ variable: 'DATABASE_URL', message: `must be a postgres:// or postgresql:// URL, got '${databaseUrl}'` });
  }
  const logLevel = (env.BULWARK_LOG_LEVEL || 'info') as Settings['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push({ variable: 'BULWARK_LOG_LEVEL', message: `must be one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'` });
  }
  const settings: Settings = {
    dataDir: resolve(env.BULWARK_DATA_DIR || './data'),
    databaseUrl,
    host: env.BULWARK_HOST || env.HOST || '127.0.0.1',
    port: int(env, env.BULWARK_PORT !== undefined ? 'BULWARK_PORT' : 'PORT', 8080, 0, 65535, problems),
    logLevel,
    loginRateLimit: int(env, 'BULWARK_LOGIN_RATE_LIMIT', 10, 1, 100000, problems),
    importBatchSize: int(env, 'BULWARK_IMPORT_BATCH', 2000, 1, 100000, problems),
  };
  if (problems.length) {
    throw new AppError(
      'CONFIG_INVALID',
      500,
      `Invalid settings: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`,
      problems.map((p) => ({ path: p.variable, message: p.message })),
    );
  }
  return settings;
}
