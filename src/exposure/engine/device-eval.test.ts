import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileComponent } from '../component.js';
import { evaluateCve } from '../evaluate.js';
import { compileConfigurations } from '../nvd-config.js';
import { productKeyOf } from './compile.js';
import { deviceStatuses } from './device-eval.js';
import { AFFECTED, entryAt, matchable } from './identities.js';
import { world } from './test-support.js';

test('deviceStatuses answers what evaluateCve answers, for random devices and CVEs (AND, OR, negate, running-on, undecidable)', () => {
  let compared = 0;
  let findings = 0;
  for (const seed of [21, 22, 23]) {
    const w = world(seed);
    for (let k = 0; k < 300; k++) {
      const c = w.newCve(`CVE-2024-${k}`);
      const cve = compileConfigurations(c.id, c.configurations);
      const device = Array.from({ length: 1 + Math.floor(w.r() * 4) }, (_, i) => w.newComponent(`c${i}`, ['s']))
        .map((x, i) => ({ ...compileComponent(matchable(x, String(i))) }));
      const want = new Map<string, number>();
      for (const f of evaluateCve(cve, device)) {
        if (f.componentId === '') continue;
        const key = `${f.componentId} ${productKeyOf(entryAt(cve, f.path))}`;
        want.set(key, Math.max(want.get(key) ?? 0, f.status === 'affected' ? AFFECTED : 0));
      }
      const got = new Map<string, number>();
      deviceStatuses(cve, device, (i, e, st) => {
        const key = `${i} ${productKeyOf(e)}`;
        got.set(key, Math.max(got.get(key) ?? 0, st));
      });
      assert.deepEqual(got, want, JSON.stringify(c.configurations));
      compared++;
      findings += want.size;
    }
  }
  assert.ok(findings > 50, `${compared} devices, ${findings} findings`);
});
