/** bulwark cascade | rank: the cascade engine from the command line (acts as the local system). */
import type { Command } from 'commander';
import { errors } from '../errors.js';
import { REGION_CODES, SERVICES, type RegionCode, type Service } from '../register/model.js';
import type { Area } from '../cascade/geo.js';
import type { CascadeResult, ScenarioInput } from '../cascade/scenario.js';
import type { RankingAnswer } from '../cascade/cascade-service.js';
import { printJson, withApp } from './context.js';

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

function number(name: string, v: string | undefined, min = 0): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw errors.badRequest(`--${name} must be a number ≥ ${min}; got "${v}".`);
  return n;
}

/** "lat,lon,radiusKm" */
function parseArea(v: string): Area {
  const p = v.split(',').map(Number);
  if (p.length !== 3 || p.some((x) => !Number.isFinite(x)) || p[2]! <= 0) {
    throw errors.badRequest(`--area takes "lat,lon,radiusKm" (e.g. 53.48,-2.24,10); got "${v}".`);
  }
  return { centre: [p[0]!, p[1]!], radiusKm: p[2]! };
}

/** "service:region" e.g. power:UKM */
function parseServiceLoss(v: string): { service: Service; region: RegionCode } {
  const [service, region] = v.split(':');
  if (!(SERVICES as readonly string[]).includes(service ?? '') || !(REGION_CODES as readonly string[]).includes(region ?? '')) {
    throw errors.badRequest(`--service-lost takes "service:region" with a service of ${SERVICES.join(', ')} and a region of ${REGION_CODES.join(', ')}; got "${v}".`);
  }
  return { service: service as Service, region: region as RegionCode };
}

const fmtHours = (h: number) => (h === 0 ? 't+0' : `t+${Number.isInteger(h) ? h : h.toFixed(1)}h`);

function printCascade(r: CascadeResult, limit: number): void {
  for (const id of r.unknownAssets) process.stdout.write(`unknown asset: ${id}\n`);
  const shown = r.events.slice(0, limit);
  for (const e of shown) {
    if (e.cause === 'initial') {
      process.stdout.write(`${fmtHours(e.timeHours).padEnd(9)} ${e.assetId}  fails (initial)\n`);
      continue;
    }
    const providers = e.need?.providers ?? [];
    const why = providers.map((p) => `${p.service} from ${p.providerId}${p.backupRanOutAt !== null ? ` (${p.backupKind} ${p.backupHours}h ran out)` : ''}`).join(' and ');
    const root = e.rootServiceLoss ? ` [${e.rootServiceLoss.service} lost in ${e.rootServiceLoss.region}]` : '';
    process.stdout.write(`${fmtHours(e.timeHours).padEnd(9)} ${e.assetId}  loses ${why || 'a need'}${root}\n`);
    const chain: string[] = [e.assetId];
    for (let c = e.causeEvent; c !== null && chain.length < 12; c = r.events[c]?.causeEvent ?? null) chain.push(r.events[c]?.assetId ?? '?');
    if (chain.length > 2) process.stdout.write(`          chain: ${chain.join(' <- ')}\n`);
  }
  if (r.events.length > shown.length) process.stdout.write(`… ${r.events.length - shown.length} more (use --json for all)\n`);
  process.stdout.write(`${r.totals.assetsLost} assets lost, ${r.totals.degraded} degraded, ${r.totals.peopleAffected.toLocaleString('en-GB')} people affected` +
    `${r.horizonHours !== null ? ` within ${r.horizonHours} h` : ' (sustained loss)'}\n`);
}

function printRanking(r: RankingAnswer): void {
  process.stdout.write(`rank  asset                             assets lost   people affected\n`);
  r.ranking.forEach((e, i) => {
    process.stdout.write(`${String(i + 1).padStart(4)}  ${e.assetId.padEnd(32)}  ${String(e.assetsLost).padStart(11)}   ${e.peopleAffected.toLocaleString('en-GB').padStart(15)}\n`);
  });
  process.stdout.write(`${r.singlePointsOfFailureTotal} single points of failure (an asset whose loss alone cuts a need of a CAT 3+ asset)` +
    `${r.horizonHours !== null ? ` within ${r.horizonHours} h` : ''}; ranked ${r.assets} assets in ${r.millis} ms\n`);
  for (const s of r.singlePointsOfFailure.slice(0, 10)) {
    const d = s.dependents.slice(0, 3).map((x) => `${x.assetId} (CAT ${x.criticality}, ${x.services.join('/')})`).join(', ');
    process.stdout.write(`  ${s.assetId} -> ${d}${s.dependents.length > 3 ? ` and ${s.dependents.length - 3} more` : ''}\n`);
  }
}

export function registerCascadeCommands(program: Command): void {
  program
    .command('cascade')
    .description('What fails next: the time-ordered cascade of a scenario, each failure explained')
    .option('--fail <ids>', 'comma-separated asset ids failing at t = 0')
    .option('--area <lat,lon,km>', 'every asset within km of a point fails at t = 0')
    .option('--service-lost <service:region>', 'a service lost in a region (e.g. power:UKM); comma-separated for several')
    .option('--hours <h>', 'horizon in hours (default: sustained loss, every finite backup runs out)')
    .option('--runs <n>', 'Monte Carlo: run the scenario n times over uncertain failures and backups')
    .option('--seed <n>', 'Monte Carlo seed', '1')
    .option('--limit <n>', 'events to print (text output)', '50')
    .option('--json', 'print the result as JSON')
    .action(async (o: { fail?: string; area?: string; serviceLost?: string; hours?: string; runs?: string; seed: string; limit: string; json?: boolean }) => {
      const input: ScenarioInput = {
        initialFailures: list(o.fail),
        areas: o.area ? [parseArea(o.area)] : [],
        servicesLost: list(o.serviceLost).map(parseServiceLoss),
      };
      const hours = number('hours', o.hours);
      if (hours !== undefined) input.horizonHours = hours;
      const runs = number('runs', o.runs, 1);
      await withApp(async ({ app, system }) => {
        if (runs !== undefined) {
          const r = await app.cascade.monteCarlo(system, { ...input, runs: Math.floor(runs), seed: Math.floor(number('seed', o.seed) ?? 1) });
          if (o.json) return printJson(r);
          process.stdout.write(`${r.runs} runs (seed ${r.seed}) on ${r.workers} workers in ${Math.round(r.millis)} ms\n` +
            `assets lost:     median ${r.assetsLost.median}, p90 ${r.assetsLost.p90}, mean ${r.assetsLost.mean.toFixed(1)}, max ${r.assetsLost.max}\n` +
            `people affected: median ${r.peopleAffected.median.toLocaleString('en-GB')}, p90 ${r.peopleAffected.p90.toLocaleString('en-GB')}\n`);
          for (const f of r.mostFrequent.slice(0, 10)) process.stdout.write(`  ${f.assetId} fails in ${(f.frequency * 100).toFixed(1)}% of runs\n`);
          return;
        }
        const r = await app.cascade.scenario(system, { ...input, chains: o.json === true });
        if (o.json) printJson(r);
        else printCascade(r, Math.max(1, Math.floor(number('limit', o.limit) ?? 50)));
        if (r.unknownAssets.length && r.events.length === 0) process.exitCode = 2;
      });
    });

  program
    .command('rank')
    .description('National criticality ranking: every asset by the consequence of losing it alone; single points of failure')
    .option('--top <k>', 'how many assets to list', '20')
    .option('--hours <h>', 'horizon in hours (default: sustained loss)')
    .option('--json', 'print the result as JSON')
    .action(async (o: { top: string; hours?: string; json?: boolean }) => {
      const top = Math.max(1, Math.floor(number('top', o.top, 1) ?? 20));
      await withApp(async ({ app, system }) => {
        const r = await app.cascade.ranking(system, { top, horizonHours: number('hours', o.hours) ?? null, spofLimit: o.json ? top : 10 });
        if (o.json) printJson(r);
        else printRanking(r);
      });
    });
}
