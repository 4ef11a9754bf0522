/**
 * Composition root: opens the configured store and wires the services every entry point (HTTP
 * server, CLI, tests) uses. Nothing else constructs services.
 */
import type { Settings } from './config/settings.js';
import { openDb, type Db } from './store/db.js';
import { appendAudit } from './access/audit-log.js';
import { AuditLog } from './access/audit-service.js';
import { UserService } from './access/user-service.js';
import { KnowledgeService } from './intel/knowledge-service.js';
import type { AuditAppender } from './intel/import-service.js';
import { RegisterService } from './register/register-service.js';
import { CascadeService } from './cascade/cascade-service.js';

export interface AppServices {
  settings: Pick<Settings, 'loginRateLimit' | 'importBatchSize'>;
  db: Db;
  audit: AuditLog;
  appendAudit: AuditAppender;
  users: UserService;
  knowledge: KnowledgeService;
  register: RegisterService;
  cascade: CascadeService;
  close(): Promise<void>;
}

/** Wires services over an open store. */
export function createServices(db: Db, settings: Pick<Settings, 'loginRateLimit' | 'importBatchSize'>): AppServices {
  const append: AuditAppender = async (tx, entry) => {
    await appendAudit(tx, entry);
  };
  return {
    settings,
    db,
    audit: new AuditLog(db),
    appendAudit: append,
    users: new UserService(db, { loginRateLimit: settings.loginRateLimit }),
    knowledge: new KnowledgeService(db, append),
    register: new RegisterService(db, append),
    cascade: new CascadeService(db, append),
    close: () => db.close(),
  };
}

/** Opens the store named by the settings (embedded PGlite, or PostgreSQL when DATABASE_URL is set) and wires services. */
export async function openApp(settings: Settings): Promise<AppServices> {
  const db = await openDb({ dataDir: settings.dataDir, databaseUrl: settings.databaseUrl });
  return createServices(db, settings);
}
