/**
 * One measured import, in a process of its own (so peak memory is the import's):
 *   node dist/bench/ingest-run.js FILE   (store from BULWARK_DATA_DIR or DATABASE_URL)
 * Prints {"seconds","objects","imported","unchanged","rejected","maxRssMB"} as JSON.
 */
import { loadSettings } from '../config/settings.js';
import { openApp } from '../app.js';
import { importFile } from '../intel/import-service.js';

const file = process.argv[2];
if (!file) throw new Error('usage: ingest-run FILE');
const app = await openApp(loadSettings());
const t0 = process.hrtime.bigint();
const r = await importFile(app.db, file, {
  ctx: { ownerOrg: 'authority', recipients: ['authority'] }, actor: 'bench', audit: app.appendAudit,
  batchSize: Number(process.env.BULWARK_IMPORT_BATCH ?? 2000),
});
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
await app.close();
process.stdout.write(`${JSON.stringify({
  seconds, objects: r.imported + r.unchanged + r.rejected, imported: r.imported, unchanged: r.unchanged, rejected: r.rejected,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
})}\n`);
