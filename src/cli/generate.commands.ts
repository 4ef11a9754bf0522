/** bulwark generate: a synthetic nation (deterministic for a seed) into the store or to a file. */
import type { Command } from 'commander';
import { errors } from '../errors.js';
import { MAX_ASSETS, MIN_ASSETS, formatSummary } from '../register/generator/index.js';
import { storeNation, writeNation } from '../demo/nation.js';
import { printJson, withApp } from './context.js';
import { progressBar } from './progress.js';

export function registerGenerateCommands(program: Command): void {
  program
    .command('generate')
    .description('Generate a realistic synthetic nation (operators, sites, systems, components, dependencies) into the register')
    .requiredOption('--assets <n>', `how many assets (sites and systems), ${MIN_ASSETS.toLocaleString('en-GB')} to ${MAX_ASSETS.toLocaleString('en-GB')}`)
    .option('--seed <n>', 'seed: the same seed gives the same nation', '1')
    .option('--out <dir>', 'write a JSON-lines file of the records there instead of storing them')
    .option('--json', 'print the result as JSON')
    .action(async (o: { assets: string; seed: string; out?: string; json?: boolean }) => {
      const assets = Number(o.assets);
      const seed = Number(o.seed);
      if (!Number.isInteger(assets) || assets < MIN_ASSETS || assets > MAX_ASSETS) {
        throw errors.badRequest(`--assets must be a whole number from ${MIN_ASSETS} to ${MAX_ASSETS}; got '${o.assets}'.`);
      }
      if (!Number.isInteger(seed) || seed < 0) throw errors.badRequest(`--seed must be a whole number ≥ 0; got '${o.seed}'.`);
      const t0 = performance.now();
      if (o.out) {
        const r = await writeNation(o.out, { assets, seed });
        if (o.json) return printJson({ file: r.file, records: r.records, seconds: (performance.now() - t0) / 1000, summary: r.summary });
        process.stdout.write(`${r.file}: ${r.records.toLocaleString('en-GB')} records\n${formatSummary(r.summary)}\n`);
        return;
      }
      await withApp(async ({ app, system }) => {
        const bar = progressBar(`generating ${assets.toLocaleString('en-GB')} assets`);
        let report;
        let summary;
        try {
          ({ report, summary } = await storeNation(app, system, { assets, seed, onProgress: (rows) => bar.update(rows, 0, `${rows.toLocaleString('en-GB')} rows`) }));
        } finally {
          bar.finish();
        }
        const seconds = (performance.now() - t0) / 1000;
        if (!report.ok) {
          process.exitCode = 1;
          if (o.json) return printJson(report);
          process.stderr.write(`bulwark: the generated register was rejected (nothing stored): ${report.rejected} rows\n`);
          for (const e of report.errors.slice(0, 20)) process.stderr.write(`  row ${e.row} ${e.column ?? ''}: ${e.reason}\n`);
          return;
        }
        if (o.json) return printJson({ stored: report.counts, seconds, summary });
        process.stdout.write(`${formatSummary(summary)}\nstored ${report.rows.toLocaleString('en-GB')} records in ${seconds.toFixed(1)} s\n`);
      });
    });
}
