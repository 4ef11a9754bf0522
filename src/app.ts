/**
 * Composition root: opens the configured store and wires the services every entry point (HTTP
 * server, CLI, tests) uses. Nothing else constructs services.
 */
import { join } from 'node:path';
import type { Settings } from './config/settings.js';
import { openDb, type Db } from './store/db.js';
import { appendAudit } from './access/audit-log.js';
import { AuditLog } from './access/audit-service.js';
import { UserService } from './access/user-service.js';
import { AuditJournal } from './access/audit-journal.js';
import { KnowledgeService } from './intel/knowledge-service.js';
import { buildDeferredIndexes } from './intel/import-maintenance.js';
import type { AuditAppender } from './intel/import-service.js';
import { RegisterService } from './register/register-service.js';
import { CascadeService } from './cascade/cascade-service.js';
import { ExposureService } from './exposure/service/exposure-service.js';

export interface AppServices {
  settings: Pick<Settings, 'loginRateLimit' | 'importBatchSize'>;
  db: Db;
  audit: AuditLog;
  appendAudit: AuditAppender;
  users: UserService;
  knowledge: KnowledgeService;
  register: RegisterService;
  cascade: CascadeService;
  exposure: ExposureService;
  close(): Promise<void>;
}

/** Wires services over an open store. */
export function createServices(
  db: Db,
  settings: Pick<Settings, 'loginRateLimit' | 'importBatchSize'>,
  readJournal: AuditJournal | null = null,
): AppServices {
  const append: AuditAppender = async (tx, entry) => {
    await appendAudit(tx, entry);
  };
  const knowledge = new KnowledgeService(db, append, { readJournal });
  return {
    settings,
    db,
    audit: new AuditLog(db),
    appendAudit: append,
    users: new UserService(db, { loginRateLimit: settings.loginRateLimit }),
    knowledge,
    register: new RegisterService(db, append),
    cascade: new CascadeService(db, append),
    exposure: new ExposureService(db, append),
    close: async () => {
      await knowledge.drainReadAudit().catch(() => undefined); // what is left stays in the journal
      readJournal?.close();
      await db.close();
    },
  };
}

/** Opens the store named by the settings (embedded PGlite, or PostgreSQL when DATABASE_URL is set) and wires services. */
export async function openApp(settings: Settings, opts: { bufferPoolMB?: number | undefined } = {}): Promise<AppServices> {
  const db = await openDb({ dataDir: settings.dataDir, databaseUrl: settings.databaseUrl, bufferPoolMB: opts.bufferPoolMB });
  // indexes a killed bulk import set aside (src/intel/import-maintenance.ts) are built before anything is served
  if (db.engine === 'pglite') await buildDeferredIndexes(db);
  // The embedded store: reads are audited through a journal beside its data (src/access/audit-journal.ts).
  const journal = db.engine === 'pglite' ? await AuditJournal.open(db, join(settings.dataDir, 'audit-journal.jsonl')) : null;
  return createServices(db, settings, journal);
}
