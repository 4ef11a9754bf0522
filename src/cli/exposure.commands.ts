/**
 * bulwark exposure | match | vuln import: the exposure engine from the command line (acts as the local
 * system: every organisation's findings; imports audited under cli:<os user>).
 */
import type { Command } from 'commander';
import { errors } from '../errors.js';
import { OUTCOMES } from '../exposure/priority/decision-table.js';
import type { PriorityOutcome } from '../exposure/priority/index.js';
import type { DeviceFinding, ExplainedFinding, FindingStateName } from '../exposure/engine/index.js';
import type { Finding as NvdFinding } from '../exposure/evaluate.js';
import { importVulnerabilities, VULN_SOURCES, type VulnSourceName } from '../exposure/service/index.js';
import type { VulnImportReport } from '../exposure/store/index.js';
import { printJson, withApp } from './context.js';

const STATES = ['new', 'acknowledged', 'mitigated', 'risk-accepted'] as const;

function oneOf<T extends string>(name: string, v: string | undefined, values: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(values as readonly string[]).includes(v)) throw errors.badRequest(`${name} must be one of ${values.join(', ')}; got "${v}".`);
  return v as T;
}

function limitOf(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw errors.badRequest(`--limit must be a whole number from 1 to 1000; got "${v}".`);
  return n;
}

const out = (s: string) => process.stdout.write(s);

/** One NVD match as lines: the criteria, its id and path, the version compared, the platform, undecidable reasons. */
export function nvdLines(m: NvdFinding, indent: string): string {
  let s = `${indent}NVD ${m.criteria}${m.matchCriteriaId ? ` (matchCriteriaId ${m.matchCriteriaId})` : ''} at ${m.path}\n`;
  s += `${indent}  component: ${m.component}${m.lessSpecific.length ? ` (leaves ${m.lessSpecific.join(', ')} unstated)` : ''}\n`;
  if (m.version) s += `${indent}  version: ${m.version.explanation}${m.version.scheme ? ` [${m.version.scheme}]` : ''}\n`;
  for (const p of m.platform) s += `${indent}  running on: ${p.criteria} (component ${p.componentId})\n`;
  for (const r of m.reasons) s += `${indent}  undecidable: ${r.reason} (${r.path})\n`;
  return s;
}

function advisoryLines(a: ExplainedFinding['advisories'][number], indent: string): string {
  return `${indent}advisory ${a.source} (${a.status}): ${JSON.stringify(a.explanation)}\n`;
}

function printFinding(f: ExplainedFinding, rank: number): void {
  const state = f.state.state === 'new' ? '' : `  [${f.state.state}${f.state.expiresAt ? ` until ${f.state.expiresAt.slice(0, 10)}` : ''}]`;
  const threat = f.priority.threatContext.length ? `  threat: ${f.priority.threatContext.join(', ')}` : '';
  out(`${String(rank).padStart(4)}. ${f.priority.outcome.toUpperCase().padEnd(12)} ${f.cveId.padEnd(16)} ${f.component.orgId} ${f.component.systemId}/${f.component.id}` +
    `${f.status === 'undecidable' ? '  (undecidable)' : ''}${state}${threat}\n`);
  for (const r of f.priority.reasons) out(`        - ${r}\n`);
  for (const m of f.nvd) out(nvdLines(m, '        '));
  for (const a of f.advisories) out(advisoryLines(a, '        '));
}

function printDeviceFinding(f: DeviceFinding): void {
  out(`${f.cveId}  ${f.status}  ${f.componentId}  (${f.productKey})\n`);
  for (const m of f.nvd) out(nvdLines(m, '    '));
  for (const a of f.advisories) out(advisoryLines(a, '    '));
}

function printReport(file: string, r: VulnImportReport): void {
  out(`${file}: ${r.source}: read ${r.read}, inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}` +
    `${r.deleted ? `, deleted ${r.deleted}` : ''}; ${r.changes} CVE change${r.changes === 1 ? '' : 's'} for the exposure engine\n`);
  for (const e of r.errors.slice(0, 20)) {
    out(`  rejected${e.index !== undefined ? ` #${e.index}` : ''}${e.file ? ` in ${e.file}` : ''}${e.id ? ` ${e.id}` : ''}: ${e.field ? `${e.field}: ` : ''}${e.reason}\n`);
  }
  if (r.errors.length > 20 || r.rejected > r.errors.length) out(`  … ${r.rejected - Math.min(20, r.errors.length)} more rejected (use --json)\n`);
}

export function registerExposureCommands(program: Command): void {
  program
    .command('exposure')
    .description('Findings: which components carry which known vulnerabilities, most urgent first, each with its reasons')
    .option('--org <id>', 'one organisation')
    .option('--outcome <o>', `one outcome: ${OUTCOMES.join(', ')}`)
    .option('--state <s>', `one state: ${STATES.join(', ')}`)
    .option('--cve <id>', 'one CVE')
    .option('--system <id>', 'one system')
    .option('--limit <n>', 'findings to list (1–1000)', '50')
    .option('--json', 'print the page as JSON')
    .action(async (o: { org?: string; outcome?: string; state?: string; cve?: string; system?: string; limit: string; json?: boolean }) => {
      const outcome = oneOf<PriorityOutcome>('--outcome', o.outcome, OUTCOMES);
      const state = oneOf<FindingStateName>('--state', o.state, STATES);
      const limit = limitOf(o.limit);
      await withApp(async ({ app, system }) => {
        const exposure = app.exposure;
        const page = await exposure.findings(system, { org: o.org, outcome, state, cve: o.cve, system: o.system, limit });
        if (o.json) return printJson(page);
        if (page.total === 0) return out('No findings.\n');
        page.items.forEach((f, i) => printFinding(f, i + 1));
        if (page.total > page.items.length) out(`… ${page.total - page.items.length} more (raise --limit, or use --json / the API to page)\n`);
        const summary = await exposure.summary(system);
        for (const s of summary.filter((x) => o.org === undefined || x.orgId === o.org)) {
          out(`${s.orgId}: ${s.total} findings (immediate ${s.byOutcome.immediate}, out-of-cycle ${s.byOutcome['out-of-cycle']}, scheduled ${s.byOutcome.scheduled}, defer ${s.byOutcome.defer}; KEV ${s.kev})\n`);
        }
      });
    });

  program
    .command('match')
    .description('Test one device (a set of CPEs) against the loaded vulnerability data; each finding with its explanation')
    .requiredOption('--cpe <cpe...>', 'CPE 2.3 names of the device\'s components')
    .option('--json', 'print the findings as JSON')
    .action(async (o: { cpe: string[]; json?: boolean }) => {
      await withApp(async ({ app, system }) => {
        const r = await app.exposure.match(system, o.cpe);
        if (o.json) return printJson(r);
        for (const c of r.components) out(`${c.id}: ${c.cpe}\n`);
        if (r.findings.length === 0) return out('No findings.\n');
        for (const f of r.findings) printDeviceFinding(f);
        out(`${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}\n`);
      });
    });

  const vuln = program.command('vuln').description('Vulnerability data (NVD, CISA KEV, FIRST EPSS, CSAF advisories, OSV advisories, the CPE dictionary)');
  vuln
    .command('import')
    .description('Import vulnerability data incrementally (only changed records are written); the exposure engine follows')
    .argument('<source>', `one of ${VULN_SOURCES.join(', ')}`)
    .argument('<files...>', 'NVD API 2.0 pages or year files (.json, .json.gz); KEV JSON; EPSS CSV (.csv, .csv.gz); CSAF JSON, .tar(.gz) or a directory; OSV records (a record, an array, a directory, .tar(.gz) or .zip); CPE dictionary pages')
    .option('--json', 'print the reports as JSON')
    .action(async (source: string, files: string[], o: { json?: boolean }) => {
      const src = oneOf<VulnSourceName>('The source', source, VULN_SOURCES)!;
      await withApp(async ({ app, system }) => {
        const reports: (VulnImportReport & { file: string })[] = [];
        for (const file of files) {
          const r = await importVulnerabilities(app.db, app.appendAudit, system, src, file);
          reports.push({ file, ...r });
          if (!o.json) printReport(file, r);
        }
        if (o.json) printJson(reports);
        if (reports.some((r) => r.rejected > 0)) process.exitCode = 1;
      });
    });
}
