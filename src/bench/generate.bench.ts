/**
 * Generation benchmark: a synthetic nation of N assets (default 1,000,000) with its components and
 * dependencies, streamed in batches (nothing kept), then optionally collected into arrays as the
 * cascade benchmark does. Prints wall time, records per second and peak memory.
 *
 *   node dist/bench/generate.bench.js [--assets N] [--seed S] [--arrays]
 */
import { generateNation, generateNationArrays } from '../register/generator/index.js';
import { fmt, line } from './bench-util.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const assets = Number(arg('assets', '1000000'));
const seed = Number(arg('seed', '1'));
const withArrays = process.argv.includes('--arrays');

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
sample.unref();

const t0 = process.hrtime.bigint();
const nation = generateNation({ assets, seed });
const tPlan = Number(process.hrtime.bigint() - t0) / 1e9;
let nAssets = 0;
let nComponents = 0;
let nDependencies = 0;
nation.forEachBatch((b) => {
  nAssets += b.assets.length;
  nComponents += b.components.length;
  nDependencies += b.dependencies.length;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
});
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const records = nation.organisations().length + nAssets + nComponents + nDependencies;

process.stdout.write(`nation: ${fmt(nation.organisations().length)} organisations, ${fmt(nation.siteCount)} sites, ${fmt(nAssets - nation.siteCount)} systems, ${fmt(nComponents)} components, ${fmt(nDependencies)} dependencies (${(nDependencies / nAssets).toFixed(2)} per asset)\n`);
line('plan (sites, locations, operators, spatial index)', `${tPlan.toFixed(2)} s`);
line(`generate ${fmt(assets)} assets + components + dependencies (streamed)`, `${seconds.toFixed(2)} s`, '≤ 60 s', seconds <= 60);
line('records per second', fmt(records / seconds));
line('peak RSS while streaming', `${fmt(peakRss / 2 ** 20)} MiB`);

if (withArrays) {
  global.gc?.();
  const t1 = process.hrtime.bigint();
  const arrays = generateNationArrays({ assets, seed, components: false });
  const s1 = Number(process.hrtime.bigint() - t1) / 1e9;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  line(`arrays for the cascade engine (${fmt(arrays.assets.length)} assets, ${fmt(arrays.dependencies.length)} deps)`, `${s1.toFixed(2)} s`);
  line('heap used holding them', `${fmt(process.memoryUsage().heapUsed / 2 ** 20)} MiB`);
  line('peak RSS overall', `${fmt(peakRss / 2 ** 20)} MiB`);
}
