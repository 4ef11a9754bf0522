import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AUTOMATABLES, decide, EXPLOITATIONS, EXPOSURES, HUMAN_IMPACTS, outcomeRank, raiseOneStep,
} from './decision-table.js';
import { automatableOf, exploitationOf, exposureOf, humanImpactOf } from './mappings.js';
import { compareByPriority, type PriorityInput, prioritise } from './prioritise.js';

// SSVC "Deployer Patch Application Priority" 1.0.0, row by row in its published order
// (exploitation none/PoC/active × exposure small/controlled/open × automatable no/yes × human impact L/M/H/VH).
const SSVC_ROWS = [
  'DDSS DSSS DSSS SSSS DSSS SSSO',
  'DSSS SSSS DSSS SSSO SSSO SSOO',
  'SSOO SOOO SSOO OOOO SOOI OOII',
].join(' ').replace(/ /g, '');
const L: Record<string, string> = { D: 'defer', S: 'scheduled', O: 'out-of-cycle', I: 'immediate' };

test('decision table: every one of the 72 paths equals the SSVC deployer table', () => {
  let row = 0;
  for (const exploitation of EXPLOITATIONS) for (const exposure of EXPOSURES) for (const automatable of AUTOMATABLES) {
    for (const humanImpact of HUMAN_IMPACTS) {
      assert.equal(decide({ exploitation, exposure, automatable, humanImpact }), L[SSVC_ROWS[row]!],
        `row ${row + 1}: ${exploitation}/${exposure}/${automatable}/${humanImpact}`);
      row++;
    }
  }
  assert.equal(row, 72);
});

test('decision table is monotone: raising any one decision point never lowers the outcome', () => {
  const dims = [EXPLOITATIONS, EXPOSURES, AUTOMATABLES, HUMAN_IMPACTS] as const;
  for (const e of EXPLOITATIONS) for (const x of EXPOSURES) for (const a of AUTOMATABLES) for (const h of HUMAN_IMPACTS) {
    const at = [e, x, a, h] as string[];
    const base = outcomeRank(decide({ exploitation: e, exposure: x, automatable: a, humanImpact: h }));
    dims.forEach((values, d) => {
      const i = (values as readonly string[]).indexOf(at[d]!);
      if (i + 1 >= values.length) return;
      const up = [...at];
      up[d] = values[i + 1]!;
      const r = outcomeRank(decide({ exploitation: up[0] as never, exposure: up[1] as never, automatable: up[2] as never, humanImpact: up[3] as never }));
      assert.ok(r >= base, `${at.join('/')} → ${up.join('/')}`);
    });
  }
});

test('raiseOneStep: one step, immediate stays', () => {
  assert.deepEqual(['defer', 'scheduled', 'out-of-cycle', 'immediate'].map((o) => raiseOneStep(o as never)),
    ['scheduled', 'out-of-cycle', 'immediate', 'immediate']);
});

test('exposure mapping: zones, internet-exposed flag, unknown zone', () => {
  const zones = { internet: 'open', dmz: 'open', corporate: 'controlled', control: 'small', safety: 'small', isolated: 'small' } as const;
  for (const [zone, exp] of Object.entries(zones)) {
    assert.equal(exposureOf(false, zone as never).value, exp, zone);
    assert.deepEqual(exposureOf(true, zone as never), { value: 'open', reason: 'Internet-facing component: open exposure' });
  }
  assert.equal(exposureOf(false, 'control').reason, 'System in the control zone: small exposure');
  assert.deepEqual(exposureOf(false, null), { value: 'controlled', reason: 'Network zone not recorded: controlled exposure assumed' });
});

test('human impact mapping: CAT 0–5, safety-of-life sectors one step higher', () => {
  const plain = [0, 1, 2, 3, 4, 5].map((c) => humanImpactOf(c as never, 'finance').value);
  assert.deepEqual(plain, ['low', 'low', 'medium', 'high', 'high', 'very-high']);
  for (const s of ['health', 'civil-nuclear', 'chemicals', 'water', 'energy'] as const) {
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((c) => humanImpactOf(c as never, s).value),
      ['medium', 'medium', 'high', 'very-high', 'very-high', 'very-high'], s);
  }
  assert.equal(humanImpactOf(4, 'water').reason, 'CAT 4 water asset: very high human impact');
  assert.equal(humanImpactOf(1, 'transport').reason, 'CAT 1 transport asset: low human impact');
});

test('automatable mapping: CVSS v3.1 and v4.0 vectors, caller override, missing vector', () => {
  assert.deepEqual(automatableOf('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), { value: 'yes', reason: 'Automatable: AV:N/AC:L/PR:N/UI:N' });
  assert.deepEqual(automatableOf('CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:H/I:H/A:H'), { value: 'no', reason: 'Not automatable: PR:L/UI:R' });
  assert.equal(automatableOf('CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').value, 'no');
  assert.deepEqual(automatableOf('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'),
    { value: 'yes', reason: 'Automatable: AV:N/AC:L/PR:N/UI:N/AT:N' });
  assert.deepEqual(automatableOf('CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), { value: 'no', reason: 'Not automatable: AT:P' });
  assert.deepEqual(automatableOf(null), { value: 'no', reason: 'Not known to be automatable (no CVSS vector)' });
  assert.deepEqual(automatableOf('CVSS:3.1/AV:L/AC:H/PR:H/UI:R', true), { value: 'yes', reason: 'Automatable (as assessed)' });
});

test('exploitation mapping: KEV, sightings, exploit-tagged references, caller PoC, none', () => {
  assert.deepEqual(exploitationOf({ kev: { dateAdded: '2024-01-10' } }), { value: 'active', reason: 'Exploited in the wild (CISA KEV, added 2024-01-10)' });
  assert.equal(exploitationOf({ kev: { dateAdded: '2024-01-10', knownRansomwareCampaignUse: 'Known' } }).reason,
    'Exploited in the wild (CISA KEV, added 2024-01-10; used in ransomware campaigns)');
  assert.deepEqual(exploitationOf({ sightings: [{ source: 'NCSC', exploited: false }, { source: 'NCSC', date: '2024-03-02', exploited: true }] }),
    { value: 'active', reason: 'Exploited in the wild (sighting by NCSC, 2024-03-02)' });
  assert.deepEqual(exploitationOf({ sightings: [{ source: 'NCSC', exploited: false }], referenceTags: [['Exploit', 'Third Party Advisory'], ['Patch']] }),
    { value: 'poc', reason: 'Public proof of concept (1 reference tagged Exploit)' });
  assert.deepEqual(exploitationOf({ publicPoc: true }), { value: 'poc', reason: 'Public proof of concept (reported)' });
  assert.deepEqual(exploitationOf({ referenceTags: [['Patch']] }), { value: 'none', reason: 'No known exploitation' });
});

const base: PriorityInput = {
  cve: 'CVE-2024-0001', exploitation: {}, internetExposed: false, networkZone: 'control',
  cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', criticality: 4, sector: 'water',
};
const voltTyphoon = { name: 'Volt Typhoon', kind: 'intrusion-set', targetsSectors: ['energy', 'water', 'communications'] } as const;

test('prioritise: KEV, internet-facing, CAT 4 water → immediate, with every reason', () => {
  const p = prioritise({ ...base, exploitation: { kev: { dateAdded: '2024-01-10' } }, internetExposed: true, epss: { probability: 0.94312, percentile: 0.99871 } });
  assert.equal(p.outcome, 'immediate');
  assert.deepEqual(p.reasons, [
    'Exploited in the wild (CISA KEV, added 2024-01-10)',
    'Internet-facing component: open exposure',
    'Automatable: AV:N/AC:L/PR:N/UI:N',
    'CAT 4 water asset: very high human impact',
    'EPSS 0.943 (percentile 99.9)',
    'Decision: active exploitation, open exposure, automatable, very high human impact → immediate',
  ]);
  assert.deepEqual(p.sortKey, [3, 0, 0.94312, 4]);
});

test('threat context: raises one step, names the actors targeting the sector, ignores others', () => {
  const apt = { name: 'Sandworm Team', kind: 'intrusion-set', targetsSectors: ['energy'] } as const;
  const p = prioritise({ ...base, sector: 'energy', usedBy: [voltTyphoon, apt, { name: 'FIN7', kind: 'intrusion-set', targetsSectors: ['finance'] }] });
  assert.equal(p.tableOutcome, 'scheduled'); // none/small/yes/very high
  assert.equal(p.outcome, 'out-of-cycle');
  assert.deepEqual(p.threatContext, ['Volt Typhoon', 'Sandworm Team']);
  assert.deepEqual(p.reasons.slice(4), [
    'Used by Volt Typhoon, which targets energy',
    'Used by Sandworm Team, which targets energy',
    'Threat context raises scheduled to out-of-cycle',
    'Decision: none exploitation, small exposure, automatable, very high human impact → scheduled (raised to out-of-cycle by Volt Typhoon and Sandworm Team)',
  ]);
  assert.equal(p.sortKey[1], 1);
  // Already immediate: stays, and the context is still reported.
  const q = prioritise({ ...base, exploitation: { kev: { dateAdded: '2024-01-10' } }, internetExposed: true, usedBy: [voltTyphoon] });
  assert.equal(q.outcome, 'immediate');
  assert.deepEqual(q.threatContext, ['Volt Typhoon']);
  assert.ok(q.reasons.includes('Threat context: already immediate'));
  // An actor that does not target the sector changes nothing.
  const r = prioritise({ ...base, sector: 'finance', criticality: 2, usedBy: [voltTyphoon] });
  assert.deepEqual([r.outcome, r.threatContext.length], [r.tableOutcome, 0]);
});

test('defer path: no exploitation, small exposure, not automatable, low impact', () => {
  const p = prioritise({ ...base, cvssVector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', criticality: 0, sector: 'finance' });
  assert.equal(p.outcome, 'defer');
  assert.equal(p.reasons.at(-1), 'Decision: none exploitation, small exposure, not automatable, low human impact → defer');
});

test('ranking: outcome, then threat context, then EPSS, then criticality, then CVE id', () => {
  const mk = (cve: string, over: Partial<PriorityInput>) => prioritise({ ...base, cve, ...over });
  const kev = { kev: { dateAdded: '2024-01-10' } };
  const items = [
    mk('CVE-A', { epss: { probability: 0.9, percentile: 0.99 } }), // scheduled, no context, high EPSS
    mk('CVE-B', { exploitation: kev }), // active/small/yes/VH → out-of-cycle
    mk('CVE-C', { exploitation: kev, sector: 'finance', criticality: 4, usedBy: [{ ...voltTyphoon, targetsSectors: ['finance'] }] }), // O → immediate
    mk('CVE-D', { exploitation: kev, epss: { probability: 0.5, percentile: 0.9 } }), // out-of-cycle, EPSS 0.5
    mk('CVE-E', { sector: 'energy', criticality: 1, usedBy: [voltTyphoon], cvssVector: null }), // none/small/no/medium→defer→scheduled, context
    mk('CVE-F', { epss: { probability: 0.9, percentile: 0.99 }, criticality: 3 }), // scheduled, EPSS 0.9, CAT 3 (high+1 = VH)
    mk('CVE-G', { epss: { probability: 0.9, percentile: 0.99 } }), // ties with A down to the CVE id
  ];
  const order = [...items].sort(compareByPriority).map((p) => `${p.cve}:${p.outcome}`);
  assert.deepEqual(order, [
    'CVE-C:immediate', 'CVE-D:out-of-cycle', 'CVE-B:out-of-cycle', 'CVE-E:scheduled', 'CVE-A:scheduled', 'CVE-G:scheduled', 'CVE-F:scheduled',
  ]);
});
