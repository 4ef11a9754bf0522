/** bulwark import | export | validate */
import { createWriteStream, statSync } from 'node:fs';
import type { Command } from 'commander';

import { fileSource, importFile, validateFile, type ImportReport } from '../intel/import-service.js';
import { loadSettings } from '../config/settings.js';
import { exportBundle } from '../intel/export-service.js';
import type { Rejection } from '../intel/prepare.js';
import { repoSubjectByUsername } from './subjects.js';
import { printJson, withApp } from './context.js';
import { progressBar } from './progress.js';

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

function describeRejection(r: Rejection): string {
  const where = `#${r.index}${r.line !== undefined ? ` (line ${r.line})` : ''}${r.id ? ` ${r.id}` : ''}`;
  return r.errors.map((e) => `  ${where} ${e.path || '(object)'}: ${e.message}`).join('\n');
}

export function registerIntelCommands(program: Command): void {
  program
    .command('import')
    .description('Import STIX 2.1 bundles or JSON-lines files (streamed; any size)')
    .argument('<files...>', 'bundle (.json) or JSON-lines (.jsonl, .ndjson) files')
    .option('--strict', 'all-or-nothing per file: store nothing from a file with any invalid object')
    .option('--json', 'print the result as JSON')
    .option('--org <org>', 'producing organisation (owner for TLP:AMBER+STRICT)', 'authority')
    .option('--share-with <orgs>', 'TLP:RED objects: comma-separated organisations to share with')
    .action(async (files: string[], o: { strict?: boolean; json?: boolean; org: string; shareWith?: string }) => {
      const total = { imported: 0, unchanged: 0, rejected: 0, errors: [] as (Rejection & { file: string })[] };
      const ctx = { ownerOrg: o.org, recipients: list(o.shareWith) ?? null };
      const batchSize = loadSettings().importBatchSize;
      // the first file starts being read and validated (in a worker) while the store opens
      const first = files[0] !== undefined ? fileSource(files[0], { ctx, batchSize, strict: o.strict === true }) : undefined;
      await withApp(async ({ app, system }) => {
        for (const [n, file] of files.entries()) {
          const bar = progressBar(file); // on stderr: stdout stays clean for --json
          let report: ImportReport;
          try {
            const opts = {
              ctx,
              actor: system.username,
              audit: app.appendAudit,
              strict: o.strict === true,
              batchSize,
              onProgress: (p: { bytesRead: number; bytesTotal: number; objects: number }) => bar.update(p.bytesRead, p.bytesTotal, `${p.objects} objects`),
            };
            report = await importFile(app.db, file, opts, n === 0 && first ? first : fileSource(file, opts));
          } finally {
            bar.finish();
          }
          total.imported += report.imported;
          total.unchanged += report.unchanged;
          total.rejected += report.rejected;
          for (const e of report.errors) total.errors.push({ file, ...e });
          if (!o.json) {
            process.stdout.write(`${file}: imported ${report.imported}, unchanged ${report.unchanged}, rejected ${report.rejected}${o.strict && report.rejected ? ' (strict: nothing stored from this file)' : ''}\n`);
            for (const r of report.errors) process.stdout.write(`${describeRejection(r)}\n`);
          }
        }
      }, { bufferPoolMB: importBufferPoolMB(files) });
      if (o.json) printJson(total);
      if (total.rejected > 0) process.exitCode = 1;
    });

  program
    .command('validate')
    .description('Validate STIX 2.1 files without storing anything')
    .argument('<files...>')
    .option('--json', 'print {"objects","valid","invalid":[{index,id,errors:[{path,message}]}]}')
    .action(async (files: string[], o: { json?: boolean }) => {
      const total = { objects: 0, valid: 0, invalid: [] as (Rejection & { file?: string })[] };
      for (const file of files) {
        const r = await validateFile(file);
        total.objects += r.objects;
        total.valid += r.valid;
        for (const i of r.invalid) total.invalid.push(files.length > 1 ? { file, ...i } : i);
        if (!o.json) {
          process.stdout.write(`${file}: ${r.objects} objects, ${r.valid} valid, ${r.invalid.length} invalid\n`);
          for (const i of r.invalid) process.stdout.write(`${describeRejection(i)}\n`);
        }
      }
      if (o.json) process.stdout.write(`${JSON.stringify(total)}\n`);
      if (total.invalid.length > 0) process.exitCode = 1;
    });

  program
    .command('export')
    .description('Stream a STIX 2.1 bundle of the latest versions, filtered')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .option('--type <types>', 'comma-separated STIX types')
    .option('--modified-since <ts>', 'RFC 3339 timestamp')
    .option('--modified-until <ts>', 'RFC 3339 timestamp')
    .option('--label <labels>', 'comma-separated labels (all must match)')
    .option('--marking <ids>', 'comma-separated marking-definition ids (any may match)')
    .option('--include-revoked', 'include revoked objects')
    .option('--as <username>', "export only what this user may see (default: everything, as the system)")
    .action(async (o: Record<string, string | boolean | undefined>) => {
      await withApp(async ({ app, system }) => {
        const subject = o.as ? await repoSubjectByUsername(app, String(o.as)) : system;
        const out = o.out ? createWriteStream(String(o.out)) : process.stdout;
        const n = await exportBundle(app.knowledge, subject, {
          types: list(o.type as string), modifiedSince: o.modifiedSince as string | undefined, modifiedUntil: o.modifiedUntil as string | undefined,
          labels: list(o.label as string), markings: list(o.marking as string), includeRevoked: o.includeRevoked === true,
        }, out);
        if (o.out) {
          await new Promise<void>((resolve, reject) => (out as NodeJS.WritableStream).end(() => resolve()).on?.('error', reject));
          process.stderr.write(`exported ${n} objects to ${o.out}\n`);
        }
      });
    });
}

/**
 * The embedded store's buffer pool for an import: the default (256 MB) helps a large load keep its
 * indexes cached, but opening the store costs time in proportion to it, so inputs under 128 MB in
 * all (a table of about their size) open with 64 MB. Unreadable files count as large; the import
 * reports them itself.
 */
function importBufferPoolMB(files: string[]): number | undefined {
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += statSync(f).size;
    } catch {
      return undefined;
    }
  }
  return bytes < 128 * 2 ** 20 ? 64 : undefined;
}
