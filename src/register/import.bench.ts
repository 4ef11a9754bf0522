/**
 * Bulk register import speed: writes CSV files of N assets (half sites, half systems at them),
 * ~5 dependencies per asset and ~2 components per system, imports them all together into a fresh
 * store (PGlite; PostgreSQL too when BULWARK_TEST_DATABASE_URL is set), re-imports them (a no-op),
 * and prints rows per second. `node dist/register/import.bench.js [--assets N]`.
 */
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { openTestStore, postgresTestUrl, type EngineName } from '../store/test-engines.js';
import { systemSubject } from '../access/policy.js';
import { appendAudit } from '../access/audit-log.js';
import { REGION_CODES } from './model.js';
import { importRegister } from './import-service.js';
import { sourceFromFile } from './import-reader.js';
import { loadRegister } from './load.js';

const arg = (name: string, d: number) => {
  const k = process.argv.indexOf(name);
  return k > 0 ? Number(process.argv[k + 1]) : d;
};

async function writeLines(file: string, header: string, n: number, line: (k: number) => string | null): Promise<number> {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  let rows = 0;
  let buf = '';
  for (let k = 0; k < n; k++) {
    const l = line(k);
    if (l === null) continue;
    buf += `${l}\n`;
    rows++;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return rows;
}

/** Deterministic pseudo-random in [0, 1) from an integer. */
const rnd = (k: number) => {
  let x = (k * 2654435761) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822507) >>> 0;
  x ^= x >>> 13;
  return (x >>> 0) / 4294967296;
};

export async function writeFixture(dir: string, assets: number): Promise<{ files: string[]; rows: number }> {
  mkdirSync(dir, { recursive: true });
  const orgs = 200;
  const sites = Math.ceil(assets / 2);
  const files = ['organisations', 'sites', 'systems', 'components', 'dependencies'].map((t) => join(dir, `${t}.csv`));
  let rows = 0;
  rows += await writeLines(files[0]!, 'id,name,sector', orgs, (k) => `org-${k},Operator ${k},energy`);
  rows += await writeLines(files[1]!, 'id,org_id,name,sector,region,lat,lon,criticality,population_served', sites, (k) =>
    `s${k},org-${k % orgs},Site ${k},energy,${REGION_CODES[k % REGION_CODES.length]},${(50 + rnd(k) * 8).toFixed(5)},${(-5 + rnd(k + 7) * 6).toFixed(5)},${k % 6},${Math.floor(rnd(k + 3) * 100000)}`);
  rows += await writeLines(files[2]!, 'id,org_id,name,sector,site_id,criticality,system_type,function,network_zone', assets - sites, (k) =>
    `y${k},org-${k % orgs},System ${k},energy,s${k},${k % 6},OT,SCADA,control`);
  rows += await writeLines(files[3]!, 'id,system_id,name,cpe,vendor,product,version,internet_exposed', (assets - sites) * 2, (k) =>
    `c${k},y${k >> 1},Controller ${k},cpe:2.3:h:siemens:simatic_s7-1500:2.${k % 9}:*:*:*:*:*:*:*,Siemens,SIMATIC S7-1500,2.${k % 9},${k % 17 === 0}`);
  const id = (k: number) => (k < sites ? `s${k}` : `y${k - sites}`);
  rows += await writeLines(files[4]!, 'id,dependent_id,provider_id,type,service,time_to_impact_hours,backup_kind,backup_hours,alternate_group', assets * 5, (k) => {
    const d = Math.floor(k / 5);
    const p = Math.floor(rnd(k) * assets);
    if (p === d) return null;
    const alt = k % 5 < 2;
    return `d${k},${id(d)},${id(p)},physical,${alt ? 'power' : 'telecoms'},${k % 7},${alt ? 'generator' : 'none'},${alt ? 12 : 0},${alt ? 'feed' : ''}`;
  });
  return { files, rows };
}

async function run(engine: EngineName, fixture: { files: string[]; rows: number }): Promise<void> {
  const store = await openTestStore(engine);
  const audit = async (tx: Parameters<typeof appendAudit>[0], e: Parameters<typeof appendAudit>[1]) => {
    await appendAudit(tx, e);
  };
  try {
    const s = systemSubject('bench');
    const sources = fixture.files.map((f) => sourceFromFile(f));
    const cpu0 = process.cpuUsage();
    const first = await importRegister(store.db, s, sources, { audit });
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    // this process's CPU: on PGlite the whole import (database included); on PostgreSQL the client side only
    console.log(`${engine}: import CPU in this process ${cpuSeconds.toFixed(1)} s (${Math.round(fixture.rows / cpuSeconds)} rows per CPU-second); load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
    if (!first.ok) throw new Error(`import rejected: ${JSON.stringify(first.errors.slice(0, 5))}`);
    console.log(`${engine}: import of ${fixture.rows} rows: ${first.seconds.toFixed(1)} s, ${first.rowsPerSecond} rows/s (read+stage ${first.phases.read.toFixed(1)} s, check ${first.phases.check.toFixed(1)} s, merge ${first.phases.merge.toFixed(1)} s)`);
    const again = await importRegister(store.db, s, sources, { audit });
    console.log(`${engine}: re-import (no-op): ${again.seconds.toFixed(1)} s, ${again.rowsPerSecond} rows/s (read+stage ${again.phases.read.toFixed(1)} s, check ${again.phases.check.toFixed(1)} s, merge ${again.phases.merge.toFixed(1)} s); unchanged assets ${again.counts.asset.unchanged}`);
    const t0 = performance.now();
    const snap = await loadRegister(store.db);
    console.log(`${engine}: loadRegister: ${snap.assets.length} assets, ${snap.dependencies.length} dependencies, ${snap.components.length} components in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await store.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const assets = arg('--assets', 100_000);
  const dir = join('.bench', `register-${assets}`);
  const fixture = await writeFixture(dir, assets);
  console.log(`fixture: ${assets} assets, ${fixture.rows} rows in ${dir}`);
  await run('pglite', fixture);
  if (postgresTestUrl()) await run('postgres', fixture);
  rmSync(dir, { recursive: true, force: true });
}
