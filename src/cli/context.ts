/** What every CLI command needs: settings, the open store and services, and the acting principal. */
import { userInfo } from 'node:os';
import { loadSettings, type Settings } from '../config/settings.js';
import { openApp, type AppServices } from '../app.js';
import { systemSubject, type Subject } from '../access/policy.js';

export interface CliContext {
  settings: Settings;
  app: AppServices;
  /** The local operator acting as the system; audited under `cli:<os user>`. */
  system: Subject;
}

/** Opens the app for one command; `bufferPoolMB` sizes the embedded store's buffer pool (default 256). */
export async function withApp<T>(fn: (ctx: CliContext) => Promise<T>, opts: { bufferPoolMB?: number | undefined } = {}): Promise<T> {
  const settings = loadSettings();
  const app = await openApp(settings, opts);
  try {
    return await fn({ settings, app, system: systemSubject(`cli:${safeUser()}`) });
  } finally {
    await app.close();
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function printJson(v: unknown): void {
  process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
}
