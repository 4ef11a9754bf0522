/**
 * The demo's generated vulnerability data: valid NVD, KEV and EPSS documents (read back by the real
 * readers), and configurations that affect exactly the catalogue versions that carry each KEV CVE —
 * the affected version matches, the patched one does not, firmware only on its hardware.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNvdCves } from '../exposure/sources/nvd-cve-reader.js';
import { readKev } from '../exposure/sources/kev.js';
import { readEpss } from '../exposure/sources/epss.js';
import { compileConfigurations } from '../exposure/nvd-config.js';
import { evaluateCve } from '../exposure/evaluate.js';
import { compileComponent, type DeviceComponent } from '../exposure/component.js';
import { allProducts } from '../register/generator/kits.js';
import { cpeName, hwCpeName } from '../register/generator/catalogue-types.js';
import type { CveRecord } from '../exposure/sources/nvd-cve-record.js';
import { catalogueKev, generateDemoVulnerabilities, GENERATED_NOTE } from './vuln-data.js';

const data = generateDemoVulnerabilities();

async function records(): Promise<CveRecord[]> {
  const out: CveRecord[] = [];
  for await (const item of readNvdCves(Buffer.from(JSON.stringify(data.nvd)))) {
    assert.equal(item.kind, 'record', JSON.stringify(item));
    if (item.kind === 'record') out.push(item.record);
  }
  return out;
}

test('the demo NVD page reads back with the NVD reader: one record per KEV CVE of the catalogue, each marked generated', async () => {
  const recs = await records();
  assert.deepEqual(recs.map((r) => r.id), data.cves);
  // every KEV CVE of the catalogue; those of products without a CPE have no configurations
  const kevCves = new Set(allProducts().flatMap((p) => p.versions.flatMap((v) => v.kev ?? [])));
  assert.deepEqual(data.cves, [...kevCves].sort());
  for (const id of catalogueKev().keys()) assert.ok(recs.find((r) => r.id === id)!.configurations.length > 0, id);
  assert.deepEqual(recs.find((r) => r.id === 'CVE-2023-6448')!.configurations, []);
  assert.ok(recs.length >= 50, `${recs.length} CVEs`);
  for (const r of recs) assert.ok(r.description.startsWith(GENERATED_NOTE), r.id);
  assert.deepEqual(generateDemoVulnerabilities(), data, 'the same every time');
});

test('the demo KEV catalogue and EPSS file read back with their readers, one entry per CVE', async () => {
  const kev: string[] = [];
  for await (const item of readKev(Buffer.from(JSON.stringify(data.kev)))) {
    assert.equal(item.kind, 'record', JSON.stringify(item));
    if (item.kind === 'record') kev.push(item.record.cveID);
  }
  assert.deepEqual(kev, data.cves);
  const epss: string[] = [];
  for await (const item of readEpss(Buffer.from(data.epss))) {
    assert.equal(item.kind, 'record', JSON.stringify(item));
    if (item.kind === 'record') {
      epss.push(item.record.cve);
      assert.ok(item.record.epss > 0 && item.record.epss < 1);
    }
  }
  assert.deepEqual(epss, data.cves);
});

test('each configuration affects the catalogue versions that carry the CVE, never a patched one; firmware only on its hardware', async () => {
  const byId = new Map((await records()).map((r) => [r.id, r]));
  // catalogue products may share a CPE (IOS XE on routers and on industrial switches): the KEV CVEs of a
  // CPE version are those any of them lists
  const kevOf = new Map<string, Set<string>>();
  for (const p of allProducts()) for (const v of p.versions) {
    const key = `${p.cpe}|${v.v}|${v.u ?? ''}`;
    kevOf.set(key, new Set([...(kevOf.get(key) ?? []), ...(v.kev ?? [])]));
  }
  let affected = 0;
  let patched = 0;
  for (const p of allProducts()) {
    if (!p.cpe) continue;
    p.versions.forEach((v, k) => {
      const hw = hwCpeName(p);
      const device: DeviceComponent[] = [{ id: `${p.key}-${k}`, cpe: cpeName(p, v)! }];
      if (hw) device.push({ id: `${p.key}-hw`, cpe: hw });
      const comps = device.map(compileComponent);
      for (const [cve, rec] of byId) {
        const findings = evaluateCve(compileConfigurations(cve, rec.configurations), comps).filter((f) => f.componentId === `${p.key}-${k}`);
        const expected = kevOf.get(`${p.cpe}|${v.v}|${v.u ?? ''}`)!.has(cve);
        assert.equal(findings.length > 0, expected, `${cve} on ${p.key} ${v.v}${v.u ? ` ${v.u}` : ''}: ${JSON.stringify(findings)}`);
        if (expected) {
          affected++;
          assert.equal(findings[0]!.status, 'affected');
          if (hw) {
            assert.deepEqual(findings[0]!.platform.map((x) => x.componentId), [`${p.key}-hw`]);
            // the firmware alone (no hardware recorded) is not a finding
            assert.equal(evaluateCve(compileConfigurations(cve, rec.configurations), [comps[0]!]).length, 0);
          }
        } else if (rec.configurations.some((c) => JSON.stringify(c).includes(`:${p.cpe}:`))) patched++;
      }
    });
  }
  assert.ok(affected >= 60, `${affected} affected versions`);
  assert.ok(patched >= 20, `${patched} patched versions of affected products`);
});
