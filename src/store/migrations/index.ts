/** Ordered list of schema migrations. Append only: never edit one that has shipped. */
import { sql as knowledge } from './001-knowledge.js';
import { sql as access } from './002-access.js';
import { sql as auditHead } from './003-audit-head.js';
import { sql as register } from './004-register.js';
import { sql as exposure } from './005-exposure.js';
import { sql as auditJournal } from './006-audit-journal.js';
import { sql as osv } from './007-osv.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  { id: 1, name: 'knowledge', sql: knowledge },
  { id: 2, name: 'access', sql: access },
  { id: 3, name: 'audit-head', sql: auditHead },
  { id: 4, name: 'register', sql: register },
  { id: 5, name: 'exposure', sql: exposure },
  { id: 6, name: 'audit-journal', sql: auditJournal },
  { id: 7, name: 'osv', sql: osv },
];
