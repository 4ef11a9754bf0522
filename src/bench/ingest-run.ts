/**
 * One measured import, in a process of its own (so peak memory is the import's):
 *   node dist/bench/ingest-run.js FILE   (store from BULWARK_DATA_DIR or DATABASE_URL)
 * Prints {"seconds","objects","imported","unchanged","rejected","maxRssMB","cpuSeconds"} as JSON.
 */
import { loadSettings } from '../config/settings.js';
import { openApp } from '../app.js';
import { importFile } from '../intel/import-service.js';

const file = process.argv[2];
if (!file) throw new Error('usage: ingest-run FILE');
const app = await openApp(loadSettings());
const phases: [string, number][] = [];
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const r = await importFile(app.db, file, {
  ctx: { ownerOrg: 'authority', recipients: ['authority'] }, actor: 'bench', audit: app.appendAudit,
  batchSize: Number(process.env.BULWARK_IMPORT_BATCH ?? 2000),
  onPhase: (phase, ms) => phases.push([phase, Math.round(ms)]),
});
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
await app.close();
process.stdout.write(`${JSON.stringify({
  seconds, objects: r.imported + r.unchanged + r.rejected, imported: r.imported, unchanged: r.unchanged, rejected: r.rejected,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  // CPU time of this process (all its threads) during the import; a PostgreSQL server's own is not in it
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  // upkeep steps in order, [name, ms]: statistics, primary key and index builds, held objects
  phases,
})}\n`);
