import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  ASSET_KINDS, BACKUP_KINDS, DEPENDENCY_TYPES, NETWORK_ZONES, REGIONS, REGISTER_ID, SECTORS, SECTOR_CODES, SERVICES,
  SYSTEM_TYPES, type AssetRecord, type DependencyRecord,
} from '../model.js';
import { formatSummary, generateNation, generateNationArrays, summariseNation, type NationArrays } from './index.js';

function digest(n: NationArrays): string {
  const h = createHash('sha256');
  for (const list of [n.organisations, n.assets, n.components, n.dependencies]) for (const r of list) h.update(JSON.stringify(r)).update('\n');
  return h.digest('hex');
}

const cache = new Map<string, NationArrays>();
function nation(assets: number, seed: number): NationArrays {
  const key = `${assets}/${seed}`;
  let n = cache.get(key);
  if (!n) cache.set(key, (n = generateNationArrays({ assets, seed })));
  return n;
}

describe('nation generator: determinism and size', () => {
  it('same seed gives byte-identical output, through arrays, iterables and batches alike', () => {
    const a = digest(generateNationArrays({ assets: 3000, seed: 7 }));
    const b = digest(generateNationArrays({ assets: 3000, seed: 7 }));
    assert.equal(a, b);
    const g = generateNation({ assets: 3000, seed: 7 });
    const viaIterables = digest({
      organisations: g.organisations(), assets: [...g.assets()], components: [...g.components()], dependencies: [...g.dependencies()],
    });
    assert.equal(viaIterables, a);
    const batched: NationArrays = { organisations: g.organisations(), assets: [], components: [], dependencies: [] };
    g.forEachBatch((batch) => {
      batched.assets.push(...batch.assets);
      batched.components.push(...batch.components);
      batched.dependencies.push(...batch.dependencies);
    }, 97);
    assert.equal(digest(batched), a);
  });

  it('different seeds give different nations', () => {
    assert.notEqual(digest(generateNationArrays({ assets: 2000, seed: 1 })), digest(generateNationArrays({ assets: 2000, seed: 2 })));
  });

  it('has exactly the number of assets asked for, from 1,000 up', () => {
    for (const n of [1000, 1234, 5000, 20000]) {
      const g = generateNation({ assets: n, seed: 3 });
      assert.equal(g.assetCount, n);
      assert.equal([...g.assets()].length, n);
    }
  });

  it('refuses sizes outside 1,000 … 1,000,000 and bad seeds', () => {
    assert.throws(() => generateNation({ assets: 999, seed: 1 }), RangeError);
    assert.throws(() => generateNation({ assets: 1_000_001, seed: 1 }), RangeError);
    assert.throws(() => generateNation({ assets: 5000, seed: Number.NaN }), RangeError);
  });
});

describe('nation generator: records are valid and consistent', () => {
  const n = nation(20000, 11);
  const assets = new Map(n.assets.map((a) => [a.id, a]));
  const orgs = new Set(n.organisations.map((o) => o.id));
  const sectorSubs = new Map(SECTORS.map((s) => [s.code as string, new Set<string>(s.subSectors)]));
  const boxes = new Map(REGIONS.map((r) => [r.code as string, r.box]));

  it('ids are unique and match REGISTER_ID', () => {
    for (const list of [n.organisations, n.assets, n.components, n.dependencies] as { id: string }[][]) {
      const seen = new Set<string>();
      for (const r of list) {
        assert.match(r.id, REGISTER_ID);
        assert.ok(!seen.has(r.id), `duplicate id ${r.id}`);
        seen.add(r.id);
      }
    }
    assert.equal(n.assets[0]!.id, 'site-000001');
  });

  it('assets use the model enums, lie inside their region, and systems sit at sites', () => {
    for (const a of n.assets) {
      assert.ok(ASSET_KINDS.includes(a.kind));
      assert.ok(orgs.has(a.orgId), a.orgId);
      assert.ok(SECTOR_CODES.includes(a.sector));
      assert.ok(sectorSubs.get(a.sector)!.has(a.subSector!), `${a.sector}/${a.subSector}`);
      assert.ok(Number.isInteger(a.criticality) && a.criticality >= 0 && a.criticality <= 5);
      // people are counted at the site; its systems serve them through it
      if (a.kind === 'site') assert.ok(Number.isInteger(a.populationServed) && a.populationServed > 0);
      else assert.equal(a.populationServed, 0, a.id);
      assert.ok(a.essentialService && a.name.length > 0);
      const [minLat, minLon, maxLat, maxLon] = boxes.get(a.region)!;
      assert.ok(a.lat! >= minLat && a.lat! <= maxLat && a.lon! >= minLon && a.lon! <= maxLon, `${a.id} outside ${a.region}`);
      if (a.kind === 'site') {
        assert.equal(a.siteId, null);
        assert.equal(a.systemType, null);
        assert.equal(a.networkZone, null);
      } else {
        const site = assets.get(a.siteId!);
        assert.ok(site && site.kind === 'site');
        assert.equal(site.orgId, a.orgId);
        assert.equal(site.lat, a.lat);
        assert.ok(SYSTEM_TYPES.includes(a.systemType!));
        assert.ok(NETWORK_ZONES.includes(a.networkZone!));
        assert.ok(a.function);
      }
    }
  });

  it('components belong to systems of the same owner and name a CPE 2.3, a purl or vendor/product', () => {
    for (const c of n.components) {
      const sys = assets.get(c.systemId);
      assert.ok(sys && sys.kind === 'system', c.systemId);
      assert.equal(c.orgId, sys.orgId);
      if (c.cpe) {
        assert.match(c.cpe, /^cpe:2\.3:[aoh]:/);
        assert.equal(c.cpe.replace(/\\:/g, '').split(':').length, 13, c.cpe);
      }
      if (c.purl) assert.match(c.purl, /^pkg:(npm|maven|pypi|nuget)\/[^@]+@[^@]+$/);
      assert.ok(c.cpe || c.purl || (c.vendor && c.product && c.version), c.id);
    }
  });

  it('dependencies join existing assets and respect the model ranges', () => {
    for (const d of n.dependencies) {
      assert.ok(assets.has(d.dependentId), d.dependentId);
      assert.ok(assets.has(d.providerId), d.providerId);
      assert.notEqual(d.dependentId, d.providerId);
      assert.ok(DEPENDENCY_TYPES.includes(d.type));
      assert.ok(SERVICES.includes(d.service));
      assert.ok(BACKUP_KINDS.includes(d.backupKind));
      assert.ok(d.timeToImpactHours >= 0 && d.recoveryHours >= 0);
      if (d.backupKind === 'none') {
        assert.equal(d.backupHours, 0);
        assert.equal(d.backupHoursLow, null);
      } else {
        assert.ok(d.backupHours > 0);
        if (d.backupHoursLow !== null) assert.ok(d.backupHoursLow <= d.backupHours && d.backupHours <= d.backupHoursHigh!);
      }
      assert.ok(d.shareLost > 0 && d.shareLost <= 1);
      assert.ok(d.failureProbability >= 0 && d.failureProbability <= 1);
    }
  });

  it('an alternate group has at least two providers, and no pair of assets is joined twice for one service', () => {
    const groups = new Map<string, Set<string>>();
    const pairs = new Set<string>();
    for (const d of n.dependencies) {
      if (d.alternateGroup) {
        const key = `${d.dependentId}/${d.alternateGroup}`;
        const g = groups.get(key) ?? new Set<string>();
        g.add(d.providerId);
        groups.set(key, g);
      }
      const pair = `${d.dependentId}>${d.providerId}>${d.service}>${d.alternateGroup}`;
      assert.ok(!pairs.has(pair), `duplicate ${pair}`);
      pairs.add(pair);
    }
    for (const [k, g] of groups) assert.ok(g.size >= 2, `${k} has one provider`);
  });
});

describe('nation generator: structure follows how sectors lean on each other', () => {
  const n = nation(20000, 5);
  const byId = new Map(n.assets.map((a) => [a.id, a]));
  const sites = n.assets.filter((a) => a.kind === 'site');
  const deps = new Map<string, DependencyRecord[]>();
  for (const d of n.dependencies) (deps.get(d.dependentId) ?? deps.set(d.dependentId, []).get(d.dependentId)!).push(d);
  const siteKind = (a: AssetRecord) => a.name.replace(/^.*? (North|South|East|West|Central|Road|Lane|Park|Moor|Bridge|Green|Hill|Vale|Common|Fields|Cross|Gate|Mill|Heath|Wood|Marsh|Castle|Abbey|Farm) /, '');

  it('every sector has operators and sites; every region has sites; CAT skews low', () => {
    const s = summariseNation({ organisations: n.organisations, assets: n.assets, components: n.components, dependencies: n.dependencies });
    for (const code of SECTOR_CODES) {
      assert.ok(s.bySector[code]!.organisations >= 1 && s.bySector[code]!.sites >= 1, code);
    }
    for (const r of REGIONS) assert.ok((s.byRegion[r.code] ?? 0) > 0, r.code);
    assert.ok(s.byRegion.UKI! > s.byRegion.UKN!, 'London has more sites than Northern Ireland');
    const [c0, c1, c2, c3, c4, c5] = s.byCriticality as [number, number, number, number, number, number];
    assert.ok(c0 + c1 > 5 * (c4 + c5) && c4 + c5 > 0 && c3 > c5, s.byCriticality.join('/'));
    assert.ok(c2 > 0);
    assert.equal(s.sites + s.systems, 20000);
    assert.ok(formatSummary(s).includes('dependencies'));
  });

  it('power is under nearly everything, and about 4 dependencies per asset', () => {
    const withPower = sites.filter((a) => (deps.get(a.id) ?? []).some((d) => d.service === 'power')).length;
    assert.ok(withPower / sites.length > 0.9, `${withPower}/${sites.length}`);
    const perAsset = n.dependencies.length / n.assets.length;
    assert.ok(perAsset > 3.3 && perAsset < 6, String(perAsset));
  });

  it('hospitals have generators (with fuel) and dual feeds; exchanges have batteries or generators', () => {
    const hospitals = sites.filter((a) => siteKind(a) === 'General Hospital');
    assert.ok(hospitals.length > 0);
    for (const h of hospitals) {
      const power = deps.get(h.id)!.filter((d) => d.service === 'power');
      assert.ok(power.every((d) => d.backupKind === 'generator' && d.backupHours >= 24 && d.backupHours <= 72), h.id);
      assert.ok(deps.get(h.id)!.some((d) => d.service === 'fuel'), h.id);
    }
    assert.ok(hospitals.some((h) => deps.get(h.id)!.filter((d) => d.service === 'power' && d.alternateGroup).length >= 2));
    const exchanges = sites.filter((a) => siteKind(a) === 'Telephone Exchange');
    for (const e of exchanges) {
      const p = deps.get(e.id)!.filter((d) => d.service === 'power');
      assert.ok(p.length > 0 && p.every((d) => d.backupKind === 'battery' || d.backupKind === 'generator'), e.id);
    }
    assert.ok(exchanges.some((e) => deps.get(e.id)!.some((d) => d.backupKind === 'battery' && d.backupHours >= 4 && d.backupHours <= 8)));
  });

  it('has alternates, partial losses, uncertain edges and backups with bounds', () => {
    const alt = n.dependencies.filter((d) => d.alternateGroup).length;
    assert.ok(alt / n.dependencies.length > 0.1, String(alt));
    assert.ok(n.dependencies.some((d) => d.shareLost < 1));
    assert.ok(n.dependencies.filter((d) => d.shareLost === 1).length > n.dependencies.length / 2);
    assert.ok(n.dependencies.some((d) => d.failureProbability < 1));
    assert.ok(n.dependencies.filter((d) => d.failureProbability === 1).length > 0.8 * n.dependencies.length);
    assert.ok(n.dependencies.some((d) => d.backupHoursLow !== null && d.backupHoursLow < d.backupHoursHigh!));
    for (const kind of ['generator', 'battery', 'storage', 'manual'] as const) assert.ok(n.dependencies.some((d) => d.backupKind === kind), kind);
  });

  it('has cycles across sectors, as in reality (exchange → substation → its RTU → exchange)', () => {
    // Tarjan's strongly connected components over dependent → provider edges.
    const ids = n.assets.map((a) => a.id);
    const index = new Map(ids.map((id, i) => [id, i]));
    const adj: number[][] = ids.map(() => []);
    for (const d of n.dependencies) adj[index.get(d.dependentId)!]!.push(index.get(d.providerId)!);
    const idx = new Int32Array(ids.length).fill(-1);
    const low = new Int32Array(ids.length);
    const onStack = new Uint8Array(ids.length);
    const stack: number[] = [];
    let counter = 0;
    let crossSector = 0;
    for (let root = 0; root < ids.length; root++) {
      if (idx[root] !== -1) continue;
      const work: [number, number][] = [[root, 0]];
      idx[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = 1;
      while (work.length) {
        const top = work[work.length - 1]!;
        const [v, e] = top;
        if (e < adj[v]!.length) {
          top[1]++;
          const w = adj[v]![e]!;
          if (idx[w] === -1) {
            idx[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = 1;
            work.push([w, 0]);
          } else if (onStack[w]) low[v] = Math.min(low[v]!, idx[w]!);
        } else {
          work.pop();
          if (work.length) low[work[work.length - 1]![0]] = Math.min(low[work[work.length - 1]![0]]!, low[v]!);
          if (low[v] === idx[v]) {
            const comp: number[] = [];
            let w: number;
            do {
              w = stack.pop()!;
              onStack[w] = 0;
              comp.push(w);
            } while (w !== v);
            if (new Set(comp.map((c) => byId.get(ids[c]!)!.sector)).size > 1) crossSector++;
          }
        }
      }
    }
    assert.ok(crossSector > 0, 'no cycle joins two sectors');
  });

  it('a single loss cascades locally or regionally, never through the whole nation (sustained loss, full needs only)', () => {
    // Needs: a dependent's alternates form one need (lost when all are lost); share < 1 does not fail the dependent.
    const index = new Map(n.assets.map((a, i) => [a.id, i]));
    const needOf = new Map<string, number>();
    const needDependent: number[] = [];
    const needSize: number[] = [];
    const byProvider: number[][] = n.assets.map(() => []);
    for (const d of n.dependencies) {
      if (d.shareLost < 1) continue;
      const key = d.alternateGroup ? `${d.dependentId}|${d.alternateGroup}` : d.id;
      let g = needOf.get(key);
      if (g === undefined) {
        g = needDependent.length;
        needOf.set(key, g);
        needDependent.push(index.get(d.dependentId)!);
        needSize.push(0);
      }
      needSize[g]!++;
      byProvider[index.get(d.providerId)!]!.push(g);
    }
    const left = new Int32Array(needSize.length);
    const failed = new Int32Array(n.assets.length).fill(-1);
    let largest = 0;
    let regional = 0;
    sites.forEach((s, run) => {
      const start = index.get(s.id)!;
      const touched: number[] = [];
      const queue = [start];
      failed[start] = run;
      let count = 1;
      while (queue.length) {
        const v = queue.pop()!;
        for (const g of byProvider[v]!) {
          if (left[g] === 0) touched.push(g), (left[g] = needSize[g]!);
          if (--left[g]! === 0) {
            left[g] = -1;
            const w = needDependent[g]!;
            if (failed[w] !== run) (failed[w] = run), count++, queue.push(w);
          }
        }
      }
      for (const g of touched) left[g] = 0;
      largest = Math.max(largest, count);
      if (count >= 20) regional++;
    });
    assert.ok(largest < n.assets.length * 0.1, `one loss takes ${largest} of ${n.assets.length}`);
    assert.ok(regional > 0, 'no loss spreads beyond its neighbourhood');
  });

  it('OT systems sit mostly in control and safety zones; a small share of components is internet-exposed', () => {
    const ot = n.assets.filter((a) => a.systemType === 'OT');
    const inner = ot.filter((a) => a.networkZone === 'control' || a.networkZone === 'safety' || a.networkZone === 'isolated').length;
    assert.ok(inner / ot.length > 0.7, `${inner}/${ot.length}`);
    assert.ok(ot.some((a) => a.networkZone === 'internet'), 'some OT carelessly exposed');
    const exposed = n.components.filter((c) => c.internetExposed).length;
    assert.ok(exposed > 0 && exposed / n.components.length < 0.1, String(exposed));
    const vpn = n.components.filter((c) => /FortiOS|PAN-OS|Connect Secure|NetScaler/.test(c.name));
    assert.ok(vpn.filter((c) => c.internetExposed).length > vpn.length / 2);
  });

  it('includes existing operators when asked', () => {
    const g = generateNationArrays({ assets: 3000, seed: 5, operators: [{ id: 'northgrid', name: 'NorthGrid Energy', sector: 'energy' }] });
    assert.ok(g.organisations.some((o) => o.id === 'northgrid' && o.sector === 'energy'));
    assert.ok(g.assets.some((a) => a.orgId === 'northgrid'));
  });
});
