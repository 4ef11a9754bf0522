/**
 * Micro-benchmark of the exposure sources (src/exposure/sources):
 *
 * - a generated NVD year of 30,000 CVEs in NVD's exact format (issue 4 target for the import of a year:
 *   ≤ 10 s; this is the parse, normalisation, content hash and STIX mapping, without storage), plain and gzip;
 * - the FIRST EPSS full file (../shared/data/epss/epss-scores.csv, 360k rows) when present;
 * - every CISA CSAF advisory (../shared/data/csaf/cisa-csaf-advisories.tar.gz: tar.gz read, product trees
 *   normalised) when present.
 *
 * Run: `npx tsc -p tsconfig.json && node dist/bench/exposure-sources.bench.js [--count N] [--runs R]`.
 * Figures print with the load average (the machine is shared).
 */
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { readCsafArchive } from '../exposure/sources/csaf-advisory.js';
import { readEpssBatches } from '../exposure/sources/epss.js';
import { newCveStats, readNvdCves } from '../exposure/sources/nvd-cve-reader.js';
import { writeNvdYear } from '../exposure/sources/nvd-generate.js';
import { toStixVulnerability } from '../exposure/sources/stix-vulnerability.js';
import { fmt, median, sharedFile, workDir } from './bench-util.js';

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
const now = (): number => performance.now();
const arg = (name: string, dflt: number): number => {
  const k = process.argv.indexOf(name);
  return k >= 0 ? Number(process.argv[k + 1]) : dflt;
};

async function timeRuns(runs: number, fn: () => Promise<string>): Promise<{ ms: number; note: string }> {
  const times: number[] = [];
  let note = '';
  for (let r = 0; r < runs; r++) {
    const t = now();
    note = await fn();
    times.push(now() - t);
  }
  return { ms: median(times), note };
}

async function main(): Promise<void> {
  const count = arg('--count', 30000);
  const runs = arg('--runs', 3);
  const dir = workDir('exposure-sources');
  process.stdout.write(`exposure sources bench: ${runs} runs each (median); load ${load()}\n`);

  const plain = join(dir, `nvd-${count}.json`);
  const gz = join(dir, `nvd-${count}.json.gz`);
  const g0 = now();
  await writeNvdYear(plain, { year: 2024, count, seed: 2024 });
  await writeNvdYear(gz, { year: 2024, count, seed: 2024, gzip: true });
  process.stdout.write(`generated ${fmt(count)} CVEs in NVD format: ${fmt(statSync(plain).size / 1e6)} MB plain, ${fmt(statSync(gz).size / 1e6)} MB gzip (${fmt(now() - g0)} ms)\n`);

  for (const [label, file] of [['plain', plain], ['gzip', gz]] as const) {
    for (const withStix of [false, true]) {
      const r = await timeRuns(runs, async () => {
        const stats = newCveStats();
        let stix = 0;
        for await (const it of readNvdCves(file, { stats })) {
          if (withStix && it.kind === 'record') { toStixVulnerability(it.record); stix++; }
        }
        return `${fmt(stats.parsed)} parsed, ${stats.rejected} rejected${withStix ? `, ${fmt(stix)} STIX objects` : ''}`;
      });
      process.stdout.write(`NVD year ${label}${withStix ? ' + STIX' : ''}: ${fmt(r.ms)} ms (${fmt((count / r.ms) * 1000)} CVEs/s; ${r.note}); load ${load()}\n`);
    }
  }

  const epss = sharedFile('epss/epss-scores.csv');
  if (epss) {
    const r = await timeRuns(runs, async () => {
      let n = 0;
      for await (const b of readEpssBatches(epss)) n += b.length;
      return `${fmt(n)} rows`;
    });
    process.stdout.write(`EPSS full file: ${fmt(r.ms)} ms (${r.note}); load ${load()}\n`);
  } else process.stdout.write('EPSS skipped: ../shared/data/epss/epss-scores.csv not found\n');

  const csaf = sharedFile('csaf/cisa-csaf-advisories.tar.gz');
  if (csaf) {
    const r = await timeRuns(runs, async () => {
      let n = 0, products = 0;
      for await (const it of readCsafArchive(csaf)) if (it.kind === 'record') { n++; products += it.record.products.size; }
      return `${fmt(n)} advisories, ${fmt(products)} products`;
    });
    process.stdout.write(`CSAF all advisories (tar.gz): ${fmt(r.ms)} ms (${r.note}); load ${load()}\n`);
  } else process.stdout.write('CSAF skipped: ../shared/data/csaf/cisa-csaf-advisories.tar.gz not found\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
