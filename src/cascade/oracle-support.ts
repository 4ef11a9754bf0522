/**
 * Test and benchmark support: writes a register as the oracle's input file, runs the Python oracle
 * (src/cascade/oracle/cascade_oracle.py) and reads its answer; turns the engine's answers into the
 * same shape for comparison.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AssetRecord, DependencyRecord } from '../register/model.js';
import type { CascadeEngine } from './engine.js';

export const PYTHON = '/usr/bin/python3';
export const ORACLE = fileURLToPath(new URL('../../src/cascade/oracle/cascade_oracle.py', import.meta.url));

/** Null when python3 with networkx is usable, else the reason it is not. */
export function pythonMissing(modules = ['networkx']): string | null {
  const r = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} is not runnable (${r.error.message})`;
  if (r.status !== 0) return `${PYTHON} cannot import ${modules.join(', ')}: ${r.stderr.trim().split('\n').pop()}`;
  return null;
}

export interface OracleAnswer {
  lost: Record<string, string[]>;
  rank: Record<string, [number, number]>;
  spof: Array<[string, string, string]>;
}

/** Writes the oracle's input: assets, dependencies (with their Monte Carlo fields last), horizons. */
export async function writeOracleInput(file: string, assets: Iterable<AssetRecord>, deps: Iterable<DependencyRecord>, horizons: Array<number | null>, extra: Record<string, unknown> = {}): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) => new Promise<void>((res) => (out.write(s) ? res() : out.once('drain', () => res())));
  await write('{"assets":[');
  let first = true;
  for (const a of assets) {
    await write(`${first ? '' : ','}${JSON.stringify([a.id, a.populationServed, a.criticality])}`);
    first = false;
  }
  await write('],"deps":[');
  first = true;
  for (const d of deps) {
    await write(`${first ? '' : ','}${JSON.stringify([d.id, d.providerId, d.dependentId, d.timeToImpactHours, d.backupHours, d.shareLost, d.alternateGroup, d.failureProbability, d.backupHoursLow, d.backupHoursHigh])}`);
    first = false;
  }
  await write(`],"horizons":${JSON.stringify(horizons)},"spofCriticality":3${Object.keys(extra).length ? ',' + JSON.stringify(extra).slice(1, -1) : ''}}`);
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
}

/** Runs a Python script on a file; resolves with its parsed JSON stdout. */
export function runPythonJson<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${err}`));
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
      } catch (e) {
        reject(e);
      }
    });
  });
}

export function horizonKey(h: number | null): string {
  if (h === null) return 'none';
  return Number.isInteger(h) ? `${h}.0` : String(h);
}

/** The engine's critical needs cut per asset (its single-point-of-failure counts), by asset id. */
export function engineSpofCounts(engine: CascadeEngine, horizon: number | null): Map<string, number> {
  const r = engine.ranking({ horizonHours: horizon });
  const out = new Map<string, number>();
  for (const v of r.spofOrder()) out.set(engine.table.assetIds[v]!, r.spofNeeds[v]!);
  return out;
}

/** The engine's single points of failure of one asset as sorted [u, v, need key] triples. */
export function engineSpofTriples(engine: CascadeEngine, horizon: number | null, u: string): Array<[string, string, string]> {
  const s = engine.ranking({ horizonHours: horizon }).singlePointOfFailure(u);
  return (s?.dependents ?? []).map((d) => [u, d.assetId, [...d.dependencyIds].sort().join('+')] as [string, string, string]).sort(cmpTriple);
}

export function cmpTriple(a: [string, string, string], b: [string, string, string]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}
