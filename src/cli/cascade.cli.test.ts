/** `bulwark generate`, `rank` and `cascade` run as real child processes against a temporary embedded store. */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from './test-support.js';

const { dir, bulwark } = cliSandbox('bulwark-cascade-cli-');

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('bulwark generate, rank and cascade', () => {
  before(() => {
    const r = bulwark(['generate', '--assets', '1000', '--seed', '3', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.stored.asset.inserted, 1000);
    assert.ok(out.stored.dependency.inserted > 1000);
  });

  test('generate --out writes the same file for the same seed and another for another seed', () => {
    const a = JSON.parse(bulwark(['generate', '--assets', '1000', '--seed', '5', '--out', join(dir, 'a'), '--json']).stdout);
    const b = JSON.parse(bulwark(['generate', '--assets', '1000', '--seed', '5', '--out', join(dir, 'b'), '--json']).stdout);
    const c = JSON.parse(bulwark(['generate', '--assets', '1000', '--seed', '6', '--out', join(dir, 'c'), '--json']).stdout);
    assert.equal(sha(a.file), sha(b.file));
    assert.notEqual(sha(a.file), sha(c.file));
    assert.equal(a.summary.sites + a.summary.systems, 1000);
  });

  test('generate refuses a size out of range, naming the option', () => {
    const r = bulwark(['generate', '--assets', '10']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--assets must be a whole number from 1000/);
  });

  test('rank --json lists assets by consequence and the single points of failure', () => {
    const r = bulwark(['rank', '--top', '5', '--hours', '72', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.assets, 1000);
    assert.equal(out.ranking.length, 5);
    for (let i = 1; i < out.ranking.length; i++) assert.ok(out.ranking[i - 1].peopleAffected >= out.ranking[i].peopleAffected);
    assert.equal(out.horizonHours, 72);
  });

  test('cascade --fail gives the time-ordered failures with their explanations; text and JSON agree', () => {
    const top = JSON.parse(bulwark(['rank', '--top', '1', '--hours', '72', '--json']).stdout).ranking[0];
    const r = bulwark(['cascade', '--fail', top.assetId, '--hours', '72', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.totals.assetsLost, top.assetsLost);
    const initial = out.events.filter((e: { cause: string }) => e.cause === 'initial');
    assert.deepEqual(initial.map((e: { assetId: string; timeHours: number }) => [e.assetId, e.timeHours]), [[top.assetId, 0]]);
    for (let i = 1; i < out.events.length; i++) assert.ok(out.events[i - 1].timeHours <= out.events[i].timeHours, 'time-ordered');
    for (const e of out.events.filter((x: { cause: string }) => x.cause === 'need')) {
      assert.equal(e.chain.at(-1).assetId, top.assetId, `the chain of ${e.assetId} leads back to the failed asset`);
      assert.ok(e.need.providers.length >= 1, `${e.assetId} names its lost providers`);
    }
    const text = bulwark(['cascade', '--fail', top.assetId, '--hours', '72']);
    assert.match(text.stdout, new RegExp(`${out.totals.assetsLost} assets lost`));
  });

  test('cascade --runs gives distributions, the same for the same seed', () => {
    const top = JSON.parse(bulwark(['rank', '--top', '1', '--json']).stdout).ranking[0];
    const a = JSON.parse(bulwark(['cascade', '--fail', top.assetId, '--runs', '200', '--seed', '9', '--json']).stdout);
    const b = JSON.parse(bulwark(['cascade', '--fail', top.assetId, '--runs', '200', '--seed', '9', '--json']).stdout);
    assert.deepEqual(a.assetsLost, b.assetsLost);
    assert.deepEqual(a.peopleAffected, b.peopleAffected);
    assert.equal(a.runs, 200);
  });

  test('cascade names an unknown asset and a malformed option', () => {
    const r = bulwark(['cascade', '--fail', 'no-such-asset']);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /unknown asset: no-such-asset/);
    const bad = bulwark(['cascade', '--service-lost', 'power:XX']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--service-lost takes "service:region"/);
  });
});
