/**
 * The engine against the brute-force Python oracle (oracle/cascade_oracle.py, networkx): on
 * generated registers (testgen.ts) of 400, 2,000 and 20,000 assets, with no horizon and a 24 h
 * horizon, the set of assets lost for each single failure (every asset on the smaller registers, a
 * sample of 2,000 on the largest), the ranking (assets lost and people affected, every asset) and
 * the single points of failure must be equal. Skipped, with the reason printed, without
 * python3 + networkx.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CascadeEngine } from './engine.js';
import { ORACLE, cmpTriple, engineSpofCounts, engineSpofTriples, horizonKey, pythonMissing, runPythonJson, writeOracleInput, type OracleAnswer } from './oracle-support.js';
import { testRegister } from './testgen.js';

const missing = pythonMissing();
if (missing) process.stdout.write(`# cascade oracle test skipped: ${missing}\n`);

const CASES: Array<{ assets: number; seed: number; setSample: number }> = [
  { assets: 400, seed: 3, setSample: Infinity },
  { assets: 2000, seed: 5, setSample: Infinity },
  { assets: 20000, seed: 7, setSample: 2000 },
];
const HORIZONS: Array<number | null> = [null, 24];

for (const c of CASES) {
  test(`engine equals the networkx oracle on ${c.assets} generated assets`, { skip: missing ?? false, timeout: 120_000 }, async () => {
    const reg = testRegister({ assets: c.assets, seed: c.seed });
    const engine = new CascadeEngine(reg.assets(), reg.dependencies());
    const dir = mkdtempSync(join(tmpdir(), 'cascade-oracle-'));
    try {
      const file = join(dir, 'register.json');
      await writeOracleInput(file, reg.assets(), reg.dependencies(), HORIZONS);
      const answer = await runPythonJson<Record<string, OracleAnswer>>(ORACLE, [file]);
      const ids = engine.table.assetIds;
      const step = Number.isFinite(c.setSample) ? Math.max(1, Math.floor(ids.length / c.setSample)) : 1;
      for (const h of HORIZONS) {
        const o = answer[horizonKey(h)]!;
        const ranking = engine.ranking({ horizonHours: h });
        let compared = 0;
        for (const id of ids) {
          const [count, people] = o.rank[id]!;
          const mine = ranking.entry(id)!;
          assert.deepEqual([mine.assetsLost, mine.peopleAffected], [count, people], `ranking of ${id}, horizon ${h}`);
        }
        for (let i = 0; i < ids.length; i += step) {
          const id = ids[i]!;
          const lost = engine.scenario({ initialFailures: [id], horizonHours: h ?? undefined, chains: false }).events.map((ev) => ev.assetId).sort();
          assert.deepEqual(lost, o.lost[id], `assets lost when ${id} fails, horizon ${h}`);
          compared++;
        }
        // single points of failure: the count of critical needs each asset cuts, for every asset;
        // what it cuts (dependent, need) for the sampled assets
        const oracleCounts = new Map<string, number>();
        const oracleByAsset = new Map<string, Array<[string, string, string]>>();
        for (const tr of o.spof) {
          oracleCounts.set(tr[0], (oracleCounts.get(tr[0]) ?? 0) + 1);
          let l = oracleByAsset.get(tr[0]);
          if (!l) oracleByAsset.set(tr[0], (l = []));
          l.push(tr);
        }
        assert.deepEqual(engineSpofCounts(engine, h), new Map([...oracleCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))), `single-point-of-failure counts, horizon ${h}`);
        for (let i = 0; i < ids.length; i += step) {
          const id = ids[i]!;
          assert.deepEqual(engineSpofTriples(engine, h, id), (oracleByAsset.get(id) ?? []).sort(cmpTriple), `what ${id} cuts, horizon ${h}`);
        }
        assert.ok(compared >= Math.min(ids.length, 2000));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
