/**
 * bulwark register import | export | sbom | list | get — the infrastructure register from the
 * command line, over the same service as the REST API, acting as the local system (or, for
 * export and list, `--as USER` applies that user's view). Exit codes: 0 success; 1 the input had
 * rejected rows (nothing was stored); 2 usage, settings or file errors.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { errors } from '../errors.js';
import { parseRecordType, entityOf, type RecordType } from '../register/fields.js';
import { sourceFromFile, type ImportFormat } from '../register/import-reader.js';
import { EXPORT_FORMATS, type ExportFormat } from '../register/export-service.js';
import type { ImportReport, RowError } from '../register/import-service.js';
import type { RegisterPage } from '../register/register-service.js';
import type { AssetKind } from '../register/model.js';
import type { Subject } from '../access/policy.js';
import { repoSubjectByUsername } from './subjects.js';
import { printJson, withApp, type CliContext } from './context.js';

function recordType(v: string | undefined, required: boolean): RecordType | undefined {
  if (v === undefined) {
    if (required) throw errors.badRequest('Give the record type: --type organisations|sites|systems|assets|components|dependencies.');
    return undefined;
  }
  const t = parseRecordType(v);
  if (!t) throw errors.badRequest(`--type '${v}' is not one of organisations, sites, systems, assets, components, dependencies.`);
  return t;
}

const describeError = (e: RowError) => `  ${e.file}:${e.row}${e.column ? ` ${e.column}` : ''}: ${e.reason}`;

function printReport(r: ImportReport, json: boolean): void {
  if (json) {
    printJson(r);
  } else {
    for (const f of r.files) process.stdout.write(`${f.name}: ${f.rows} rows${f.type ? ` of ${f.type} records` : ''}\n`);
    if (r.ok) {
      for (const [e, c] of Object.entries(r.counts)) {
        if (c.inserted + c.updated + c.unchanged > 0) process.stdout.write(`${e}: inserted ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}\n`);
      }
      process.stdout.write(`stored ${r.rows} rows in ${r.seconds.toFixed(1)} s (${r.rowsPerSecond} rows/s)\n`);
    } else {
      process.stdout.write(`rejected ${r.rejected} rows: nothing was stored\n`);
      for (const e of r.errors) process.stdout.write(`${describeError(e)}\n`);
      if (r.truncated) process.stdout.write('  … (more errors not listed)\n');
    }
  }
  if (!r.ok) process.exitCode = 1;
}

async function as(ctx: CliContext, username: string | undefined): Promise<Subject> {
  return username ? repoSubjectByUsername(ctx.app, username) : ctx.system;
}

export function registerRegisterCommands(program: Command): void {
  const reg = program.command('register').description('The infrastructure register: organisations, sites, systems, components, dependencies');

  reg
    .command('import')
    .description('Import CSV (one record type per file, named after it: sites.csv…) or JSON / JSON-lines files, all together or nothing')
    .argument('<files...>')
    .addOption(new Option('--format <format>', 'file format (default: from the file name)').choices(['csv', 'json']))
    .option('--type <type>', 'record type of every file (default: from the file name, or recordType in JSON)')
    .option('--json', 'print the report as JSON')
    .action(async (files: string[], o: { format?: ImportFormat; type?: string; json?: boolean }) => {
      const type = recordType(o.type, false);
      const sources = files.map((f) => sourceFromFile(f, o.format, type));
      const tty = process.stderr.isTTY && !o.json;
      const report = await withApp(({ app, system }) => app.register.import(system, sources, {
        onProgress: tty ? (n) => void process.stderr.write(`\rread ${n} rows\x1b[K`) : undefined,
      }));
      if (tty) process.stderr.write('\n');
      printReport(report, o.json === true);
    });

  reg
    .command('export')
    .description('Stream records in an import format (CSV needs --type; JSON without one holds every type)')
    .option('--type <type>', 'organisations, sites, systems, assets, components or dependencies')
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).default('jsonl'))
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .option('--as <username>', 'export only what this user may see (default: everything, as the system)')
    .action(async (o: { type?: string; format: ExportFormat; out?: string; as?: string }) => {
      const type = recordType(o.type, o.format === 'csv');
      await withApp(async (ctx) => {
        const subject = await as(ctx, o.as);
        const out = o.out ? createWriteStream(o.out) : process.stdout;
        const n = await ctx.app.register.export(subject, out, { type, format: o.format });
        if (o.out) {
          await new Promise<void>((resolve, reject) => (out as NodeJS.WritableStream).end(() => resolve()).on?.('error', reject));
          process.stderr.write(`exported ${n} records to ${o.out}\n`);
        }
      });
    });

  reg
    .command('sbom')
    .description("Import a CycloneDX JSON SBOM (1.4–1.6) as a system's components (replacing those of its earlier SBOM)")
    .argument('<system-id>')
    .argument('<file>')
    .option('--internet-exposed', 'mark every component as internet-exposed')
    .option('--json', 'print the report as JSON')
    .action(async (systemId: string, file: string, o: { internetExposed?: boolean; json?: boolean }) => {
      let bom: unknown;
      try {
        bom = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw errors.badRequest(`${file}: not readable as JSON: ${(e as Error).message}`);
      }
      const r = await withApp(({ app, system }) => app.register.importSbom(system, systemId, bom, { name: file, internetExposed: o.internetExposed === true }));
      printReport(r, o.json === true);
      if (r.ok && !o.json && r.removed.length) process.stdout.write(`removed ${r.removed.length} components of an earlier SBOM\n`);
    });

  reg
    .command('list')
    .description('List records of a type, filtered')
    .argument('<type>', 'organisations, sites, systems, assets, components or dependencies')
    .option('--org <org>', 'owning organisation')
    .option('--sector <sector>')
    .option('--region <region>', 'ITL1 region code (UKC … UKN)')
    .option('--min-criticality <n>', 'criticality category at least', (v) => Number(v))
    .option('--site <id>', 'systems at this site')
    .option('--system <id>', 'components of this system')
    .option('--dependent <id>', 'dependencies of this dependent')
    .option('--provider <id>', 'dependencies on this provider')
    .option('--limit <n>', 'at most this many records (default 100)', (v) => Number(v), 100)
    .option('--as <username>', "list what this user may see")
    .option('--json', 'print a JSON array')
    .action(async (typeArg: string, o: Record<string, string | number | boolean | undefined>) => {
      const t = recordType(typeArg, true)!;
      const limit = Number(o.limit);
      if (!Number.isSafeInteger(limit) || limit < 1) throw errors.badRequest('--limit must be a positive whole number.');
      const items = await withApp(async (ctx) => {
        const s = await as(ctx, o.as as string | undefined);
        const r = ctx.app.register;
        const out: Record<string, unknown>[] = [];
        let cursor: string | undefined;
        do {
          const q = { cursor, limit: Math.min(1000, limit - out.length) };
          const str = (k: string) => o[k] as string | undefined;
          let page: RegisterPage<object>;
          switch (entityOf(t)) {
            case 'organisation': page = await r.listOrganisations(s, { ...q, sector: str('sector') }); break;
            case 'asset': page = await r.listAssets(s, {
              ...q, kind: t === 'asset' ? undefined : (t as AssetKind), org: str('org'), sector: str('sector'), region: str('region'),
              minCriticality: o.minCriticality as number | undefined, site: str('site'),
            }); break;
            case 'component': page = await r.listComponents(s, { ...q, org: str('org'), system: str('system') }); break;
            case 'dependency': page = await r.listDependencies(s, { ...q, org: str('org'), dependent: str('dependent'), provider: str('provider') }); break;
          }
          out.push(...(page.items as Record<string, unknown>[]));
          cursor = page.next ?? undefined;
        } while (cursor && out.length < limit);
        return out;
      });
      if (o.json) printJson(items);
      else for (const x of items) process.stdout.write(`${summary(t, x)}\n`);
    });

  reg
    .command('get')
    .description('Show one record as JSON')
    .argument('<type>')
    .argument('<id>')
    .option('--as <username>', 'as this user sees it')
    .action(async (typeArg: string, id: string, o: { as?: string }) => {
      const t = recordType(typeArg, true)!;
      const rec = await withApp(async (ctx) => {
        const s = await as(ctx, o.as);
        const r = ctx.app.register;
        switch (entityOf(t)) {
          case 'organisation': return r.getOrganisation(s, id);
          case 'asset': return r.getAsset(s, id, t === 'asset' ? undefined : (t as AssetKind));
          case 'component': return r.getComponent(s, id);
          case 'dependency': return r.getDependency(s, id);
        }
      });
      printJson(rec);
    });
}

/** One line per record for people. */
function summary(t: RecordType, x: Record<string, unknown>): string {
  switch (entityOf(t)) {
    case 'organisation': return `${x.id}\t${x.name}\t${x.sector ?? ''}`;
    case 'asset': return `${x.id}\t${x.kind}\t${x.orgId}\tCAT ${x.criticality}\t${x.region}\t${x.name}`;
    case 'component': return `${x.id}\t${x.systemId}\t${x.name}\t${x.version ?? ''}\t${x.cpe ?? x.purl ?? ''}`;
    case 'dependency': return `${x.id}\t${x.dependentId} ← ${x.providerId}\t${x.service}\t${x.type}${x.alternateGroup ? `\talt ${x.alternateGroup}` : ''}`;
  }
}
