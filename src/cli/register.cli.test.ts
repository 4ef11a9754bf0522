/** `bulwark register …` run as a real child process against a temporary embedded store. */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS, DEPENDENCIES, ORGS, SITES, SYSTEMS, toCsv } from '../register/test-fixtures.js';
import { SCADA_SBOM } from '../api/routes/register.test-support.js';
import { cliSandbox } from './test-support.js';

const { dir, bulwark } = cliSandbox('bulwark-register-cli-');

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('bulwark register CLI', () => {
  let files: string[];
  before(() => {
    files = [
      file('organisations.csv', toCsv('organisation', ORGS)),
      file('sites.csv', toCsv('site', SITES)),
      file('systems.csv', toCsv('system', SYSTEMS)),
      file('components.csv', toCsv('component', COMPONENTS)),
      file('dependencies.csv', toCsv('dependency', DEPENDENCIES)),
    ];
  });

  test('import with a rejected row exits 1, reports file, row, column and reason, and stores nothing', () => {
    const bad = file('bad-systems.csv', toCsv('system', [{ ...SYSTEMS[0]!, criticality: 'high' }, SYSTEMS[1]!]));
    const r = bulwark(['register', 'import', '--json', files[0]!, files[1]!, bad]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { ok: boolean; errors: { file: string; row: number; column: string; reason: string }[] };
    assert.equal(out.ok, false);
    assert.deepEqual(out.errors.map((e) => [e.file, e.row, e.column]), [[bad, 2, 'criticality']]);
    const text = bulwark(['register', 'import', files[0]!, files[1]!, bad]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /rejected 1 rows: nothing was stored/);
    assert.match(text.stdout, /bad-systems\.csv:2 criticality: 'high' is not a number/);
    assert.equal(JSON.parse(bulwark(['register', 'list', 'organisations', '--json']).stdout).length, 0);
  });

  test('import of every file stores them; again is a no-op', () => {
    const r = bulwark(['register', 'import', '--json', ...files]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout) as { ok: boolean; counts: Record<string, { inserted: number }> };
    assert.deepEqual(Object.values(out.counts).map((c) => c.inserted), [2, 5, 3, 4]);
    const again = bulwark(['register', 'import', ...files]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /asset: inserted 0, updated 0, unchanged 5/);
  });

  test('list and get, filtered, as text or JSON', () => {
    const sites = JSON.parse(bulwark(['register', 'list', 'sites', '--json', '--region', 'UKC', '--min-criticality', '4']).stdout) as { id: string }[];
    assert.deepEqual(sites.map((x) => x.id), ['aq-works', 'ng-sub-1']);
    const deps = bulwark(['register', 'list', 'dependencies', '--provider', 'ng-sub-1']);
    assert.equal(deps.code, 0);
    assert.match(deps.stdout, /dep-aq-power-1\taq-works ← ng-sub-1\tpower\tphysical\talt feed/);
    const one = JSON.parse(bulwark(['register', 'get', 'system', 'aq-plc']).stdout) as { siteId: string; lat: number };
    assert.deepEqual([one.siteId, one.lat], ['aq-works', 54.99]);
    const missing = bulwark(['register', 'get', 'site', 'aq-plc']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No site with this id is available to you/);
    assert.equal(bulwark(['register', 'list', 'gizmos']).code, 2);
  });

  test('export to a file in CSV re-imports as a no-op; JSON lines without a type holds everything', () => {
    const out = join(dir, 'deps-out.csv');
    const r = bulwark(['register', 'export', '--type', 'dependencies', '--format', 'csv', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /exported 4 records/);
    assert.match(readFileSync(out, 'utf8').split('\n')[0]!, /^id,dependent_id,provider_id,org_id,type,service,time_to_impact_hours/);
    const back = JSON.parse(bulwark(['register', 'import', '--json', '--type', 'dependencies', out]).stdout) as { ok: boolean; counts: { dependency: { unchanged: number } } };
    assert.equal(back.counts.dependency.unchanged, 4);
    const all = bulwark(['register', 'export']);
    assert.equal(all.stdout.trim().split('\n').length, 2 + 5 + 3 + 4);
    assert.equal(bulwark(['register', 'export', '--format', 'csv']).code, 2);
  });

  test('sbom imports a CycloneDX file as the components of a system', () => {
    const bom = file('scada.cdx.json', JSON.stringify(SCADA_SBOM));
    const r = bulwark(['register', 'sbom', 'ng-scada', bom, '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.deepEqual((JSON.parse(r.stdout) as { counts: { component: unknown } }).counts.component, { inserted: 6, updated: 0, unchanged: 0 });
    const comps = JSON.parse(bulwark(['register', 'list', 'components', '--system', 'ng-scada', '--json']).stdout) as unknown[];
    assert.equal(comps.length, 8);
    assert.equal(bulwark(['register', 'sbom', 'ng-sub-1', bom]).code, 2);
  });
});
