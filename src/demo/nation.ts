/**
 * A generated nation into the store: the generator's records (src/register/generator/) go through
 * the register's own import (validation, all-or-nothing, COPY in bulk, audit), exactly as a file
 * of them would. Used by `bulwark generate` and by the demo.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { AppServices } from '../app.js';
import type { Subject } from '../access/policy.js';
import { NationSummariser, generateNation, type GenerateOptions, type Nation, type NationSummary } from '../register/generator/index.js';
import { importRows, type ImportReport } from '../register/import-service.js';
import type { RawRow } from '../register/import-reader.js';
import type { RecordType } from '../register/fields.js';

type Tagged = [RecordType, object];

/** Every record of the nation, tagged with its type, counted into `sum` on the way. */
function* records(n: Nation, sum: NationSummariser): Generator<Tagged> {
  for (const o of n.organisations()) {
    sum.organisation(o);
    yield ['organisation', o];
  }
  for (const a of n.assets()) {
    sum.asset(a);
    yield ['asset', a];
  }
  for (const c of n.components()) {
    sum.component(c);
    yield ['component', c];
  }
  for (const d of n.dependencies()) {
    sum.dependency(d);
    yield ['dependency', d];
  }
}

async function* rows(n: Nation, sum: NationSummariser): AsyncGenerator<RawRow> {
  let row = 0;
  for (const [type, values] of records(n, sum)) yield { row: ++row, type, values: values as Record<string, unknown> };
}

/** Generates a nation and stores it through the register import (nothing stored if any row is rejected). */
export async function storeNation(app: AppServices, actor: Subject, opts: GenerateOptions & { onProgress?: (rows: number) => void }): Promise<{ nation: Nation; report: ImportReport; summary: NationSummary }> {
  const nation = generateNation(opts);
  const sum = new NationSummariser();
  const report = await importRows(app.db, actor, [{ source: { name: `generated nation (seed ${opts.seed}, ${opts.assets} assets)`, format: 'json', type: null }, rows: rows(nation, sum) }], {
    audit: app.appendAudit,
    action: 'register.generate',
    detail: { seed: opts.seed, assets: opts.assets },
    onProgress: opts.onProgress,
  });
  return { nation, report, summary: sum.result() };
}

/** Writes a generated nation as one JSON-lines file of records with their recordType (what `bulwark register import` reads). */
export async function writeNation(dir: string, opts: GenerateOptions): Promise<{ nation: Nation; file: string; records: number; summary: NationSummary }> {
  await mkdir(dir, { recursive: true });
  const nation = generateNation(opts);
  const file = join(dir, `nation-${opts.assets}-seed${opts.seed}.jsonl`);
  const out = createWriteStream(file);
  let n = 0;
  let buf = '';
  const sum = new NationSummariser();
  for (const [recordType, r] of records(nation, sum)) {
    buf += `${JSON.stringify({ recordType, ...r })}\n`;
    n++;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return { nation, file, records: n, summary: sum.result() };
}
