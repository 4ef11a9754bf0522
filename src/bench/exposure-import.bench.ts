/**
 * Benchmark of the vulnerability store's imports (src/exposure/store), into a fresh embedded store
 * (PGlite in file mode, as `bulwark` runs it):
 *
 * - a whole NVD year (issue 4 target: ≤ 10 s, including the STIX vulnerability objects): the real year
 *   file given with `--nvd FILE`, else 30,000 CVEs generated in NVD's exact format
 *   (src/exposure/sources/nvd-generate.ts, gzip, as NVD serves its year feeds); then the same file
 *   again (every record unchanged);
 * - the FIRST EPSS file (../shared/data/epss/epss-scores.csv, 360k rows) when present, then again;
 * - the CISA KEV catalogue (../shared/data/kev) when present, then again.
 *
 * Run: `npm run bench:exposure` (after the engine bench) or `node dist/bench/exposure-import.bench.js
 * [--count N] [--nvd FILE] [--engine pglite|postgres]` (postgres: BULWARK_TEST_DATABASE_URL or
 * DATABASE_URL, a fresh database). Figures print with the load average (the machine is shared).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../store/db.js';
import { createTestDatabase } from '../store/test-engines.js';
import { writeNvdYear } from '../exposure/sources/nvd-generate.js';
import { importEpss, importKev, importNvd, type VulnImportReport } from '../exposure/store/index.js';
import { fmt, line, sharedFile, workDir } from './bench-util.js';

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
const argOf = (name: string): string | undefined => {
  const k = process.argv.indexOf(name);
  return k >= 0 ? process.argv[k + 1] : undefined;
};
const NVD_TARGET_MS = 10_000;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; out: T }> {
  const t = performance.now();
  const out = await fn();
  return { ms: performance.now() - t, out };
}

const counts = (r: VulnImportReport): string =>
  `${fmt(r.inserted)} new, ${fmt(r.updated)} updated, ${fmt(r.unchanged)} unchanged, ${fmt(r.rejected)} rejected, ${fmt(r.changes)} changes logged`;

async function openStore(engine: string): Promise<{ db: Db; where: string; dispose(): Promise<void> }> {
  if (engine === 'postgres') {
    const base = process.env.BULWARK_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
    if (!base) throw new Error('--engine postgres needs BULWARK_TEST_DATABASE_URL or DATABASE_URL');
    const t = await createTestDatabase(base);
    const db = await openDb({ dataDir: '', databaseUrl: t.url });
    return { db, where: 'PostgreSQL (fresh database)', async dispose() { await db.close(); await t.drop(); } };
  }
  const dir = mkdtempSync(join(workDir('exposure-import'), 'store-'));
  const db = await openDb({ dataDir: dir });
  return { db, where: `PGlite, file mode (${dir})`, async dispose() { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function main(): Promise<void> {
  const count = Number(argOf('--count') ?? 30_000);
  const engine = argOf('--engine') ?? 'pglite';
  let nvd = argOf('--nvd');
  process.stdout.write(`exposure import bench; load ${load()}\n`);
  if (nvd === undefined || !existsSync(nvd)) {
    nvd = join(workDir('exposure-import'), `nvd-${count}.json.gz`);
    if (!existsSync(nvd)) await writeNvdYear(nvd, { year: 2024, count, seed: 2024, gzip: true });
    process.stdout.write(`NVD year: generated, ${fmt(count)} CVEs in NVD's format, ${fmt(statSync(nvd).size / 1e6, 1)} MB gzip (${nvd})\n`);
  } else process.stdout.write(`NVD year: ${nvd} (${fmt(statSync(nvd).size / 1e6, 1)} MB)\n`);

  const store = await openStore(engine);
  process.stdout.write(`store: ${store.where}\n`);
  try {
    const first = await timed(() => importNvd(store.db, nvd!));
    const [stix] = await store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM stix_object WHERE type = 'vulnerability'");
    line('NVD year import (CVE rows + STIX vulnerability objects)', `${fmt(first.ms)} ms`, `≤ ${fmt(NVD_TARGET_MS)} ms`, first.ms <= NVD_TARGET_MS);
    process.stdout.write(`  ${counts(first.out)}; ${fmt(stix!.n)} STIX objects; ${fmt((first.out.read / first.ms) * 1000)} CVEs/s; load ${load()}\n`);
    const again = await timed(() => importNvd(store.db, nvd!));
    line('NVD year re-import (all unchanged)', `${fmt(again.ms)} ms`, `≤ ${fmt(NVD_TARGET_MS)} ms`, again.ms <= NVD_TARGET_MS);
    process.stdout.write(`  ${counts(again.out)}; load ${load()}\n`);

    const epss = sharedFile('epss/epss-scores.csv');
    if (epss) {
      const e1 = await timed(() => importEpss(store.db, epss));
      line('EPSS full file import (one merge)', `${fmt(e1.ms)} ms`);
      process.stdout.write(`  ${counts(e1.out)}; load ${load()}\n`);
      const e2 = await timed(() => importEpss(store.db, epss));
      line('EPSS full file re-import', `${fmt(e2.ms)} ms`);
      process.stdout.write(`  ${counts(e2.out)}; load ${load()}\n`);
    } else process.stdout.write('EPSS skipped: ../shared/data/epss/epss-scores.csv not found\n');

    const kev = sharedFile('kev/known_exploited_vulnerabilities.json');
    if (kev) {
      const k1 = await timed(() => importKev(store.db, kev));
      line('KEV catalogue import', `${fmt(k1.ms)} ms`);
      process.stdout.write(`  ${counts(k1.out)}\n`);
      const k2 = await timed(() => importKev(store.db, kev));
      line('KEV catalogue re-import', `${fmt(k2.ms)} ms`);
      process.stdout.write(`  ${counts(k2.out)}\n`);
    } else process.stdout.write('KEV skipped: ../shared/data/kev/known_exploited_vulnerabilities.json not found\n');
  } finally {
    await store.dispose();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
