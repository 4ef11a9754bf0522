/**
 * The demo's exposure data, so that `bulwark demo` shows findings without any external data: the generated
 * NVD records, KEV catalogue and EPSS scores of vuln-data.ts, a CSAF advisory for a PLC that has no CPE, all
 * imported through the vulnerability store's own import services; and, in the knowledge store, an intrusion
 * set that uses two of those CVEs and targets the energy sector (with a sighting of one), so findings on
 * energy assets show threat context. Everything is marked as generated.
 */
import type { AppServices } from '../app.js';
import type { Subject } from '../access/policy.js';
import { importItems, type ImportReport } from '../intel/import-service.js';
import type { RawItem } from '../intel/object-reader.js';
import { TLP2_MARKING_IDS } from '../stix/markings.js';
import { uuidv5 } from '../stix/sco-id.js';
import { vulnerabilityId } from '../exposure/sources/stix-vulnerability.js';
import { importVulnerabilities } from '../exposure/service/index.js';
import type { VulnImportReport } from '../exposure/store/index.js';
import { GENERATED_NOTE, generateDemoVulnerabilities } from './vuln-data.js';

/** The CVEs the demo intrusion set uses: FortiOS SSL-VPN (initial access at the edge), Windows AFD.sys (privilege escalation on servers). */
export const DEMO_THREAT_CVES = ['CVE-2024-21762', 'CVE-2024-38193'] as const;
export const DEMO_INTRUSION_SET = 'Copper Lantern';

const NS = '6f1c1f8e-5a55-5b0e-9d1e-3f5d2c9a7b10';
const id = (type: string, name: string) => `${type}--${uuidv5(name, NS)}`;
const T = '2026-11-01T09:00:00.000Z';

/** A CISA-style CSAF 2.0 advisory for the Unitronics Vision PLC (no CPE: vendor, product and version text). */
export function demoCsafAdvisory(): Record<string, unknown> {
  return {
    document: {
      category: 'csaf_security_advisory', csaf_version: '2.0',
      title: 'Unitronics Vision Series PLCs and HMIs (GENERATED for the Bulwark demo)',
      publisher: { category: 'other', name: 'Bulwark demo', namespace: 'https://bulwark.invalid/demo' },
      distribution: { tlp: { label: 'WHITE' } },
      notes: [{ category: 'general', title: 'Generated', text: GENERATED_NOTE }],
      tracking: {
        id: 'DEMO-ICSA-23-353-01', status: 'final', version: '1',
        initial_release_date: '2023-12-19T07:00:00.000Z', current_release_date: '2023-12-19T07:00:00.000Z',
        revision_history: [{ number: '1', date: '2023-12-19T07:00:00.000Z', summary: 'Generated demo advisory.' }],
      },
    },
    product_tree: {
      branches: [{
        category: 'vendor', name: 'Unitronics',
        branches: [{
          category: 'product_name', name: 'Vision V1210 PLC/HMI',
          branches: [
            { category: 'product_version_range', name: 'vers:generic/<9.9.00', product: { name: 'Unitronics Vision V1210 PLC/HMI: VOS versions prior to 9.9.00', product_id: 'CSAFPID-0001' } },
            { category: 'product_version', name: 'VOS 9.9.00', product: { name: 'Unitronics Vision V1210 PLC/HMI: VOS 9.9.00', product_id: 'CSAFPID-0002' } },
          ],
        }],
      }],
    },
    vulnerabilities: [{
      cve: 'CVE-2023-6448', title: 'Use of Default Password (generated text)',
      notes: [{ category: 'description', text: `${GENERATED_NOTE} Default administrative password on Unitronics Vision PLCs.` }],
      product_status: { known_affected: ['CSAFPID-0001'], fixed: ['CSAFPID-0002'] },
      remediations: [{ category: 'vendor_fix', details: 'Update VisiLogic/VOS to 9.9.00 and change the default password.', product_ids: ['CSAFPID-0001'] }],
    }],
  };
}

/** The intrusion set, the sector it targets, its use of two demo CVEs and a sighting — TLP:GREEN, OFFICIAL. */
export function demoThreatObjects(): Record<string, unknown>[] {
  const base = (type: string, name: string) => ({
    type, spec_version: '2.1', id: id(type, name), created: T, modified: T, object_marking_refs: [TLP2_MARKING_IDS.GREEN],
  });
  const sector = { ...base('identity', 'energy'), name: 'UK electricity and gas operators (generated)', identity_class: 'class', sectors: ['energy'] };
  const soc = { ...base('identity', 'soc'), name: 'Northgrid Security Operations (generated)', identity_class: 'organization' };
  const set = {
    ...base('intrusion-set', DEMO_INTRUSION_SET), name: DEMO_INTRUSION_SET, aliases: ['GENERATED-CL'],
    description: `${DEMO_INTRUSION_SET} is a fictional intrusion set (GENERATED for the Bulwark demo) exploiting edge firewalls and then Windows servers of UK energy operators.`,
    first_seen: '2025-06-01T00:00:00.000Z', goals: ['pre-position in energy control networks'],
  };
  const rel = (kind: string, target: string) => ({
    ...base('relationship', `${kind} ${target}`), relationship_type: kind, source_ref: set.id, target_ref: target,
    description: 'Generated for the Bulwark demo.',
  });
  const sighting = {
    ...base('sighting', 'fortios'), sighting_of_ref: vulnerabilityId(DEMO_THREAT_CVES[0]), created_by_ref: soc.id,
    first_seen: '2026-10-20T00:00:00.000Z', last_seen: '2026-10-27T00:00:00.000Z', count: 2,
    description: 'Exploitation of an SSL-VPN gateway (generated for the Bulwark demo).',
  };
  return [sector, soc, set, ...DEMO_THREAT_CVES.map((c) => rel('uses', vulnerabilityId(c))), rel('targets', sector.id), sighting];
}

export interface ExposureDemoResult {
  nvd: VulnImportReport;
  kev: VulnImportReport;
  epss: VulnImportReport;
  csaf: VulnImportReport;
  threat: ImportReport;
  cves: number;
}

/** Imports the demo's vulnerability data and threat intelligence (the NVD records first: the intelligence refers to their STIX objects). */
export async function seedExposureDemo(app: AppServices, actor: Subject): Promise<ExposureDemoResult> {
  const data = generateDemoVulnerabilities();
  const json = (v: unknown) => Buffer.from(JSON.stringify(v));
  const imp = (source: 'nvd' | 'kev' | 'epss' | 'csaf', bytes: Buffer) => importVulnerabilities(app.db, app.appendAudit, actor, source, bytes);
  const nvd = await imp('nvd', json(data.nvd));
  const kev = await imp('kev', json(data.kev));
  const epss = await imp('epss', Buffer.from(data.epss));
  const csaf = await imp('csaf', json(demoCsafAdvisory()));
  const objects = demoThreatObjects();
  const source = async function* (): AsyncGenerator<RawItem> {
    let index = 0;
    for (const value of objects) yield { index: index++, value };
  };
  const threat = await importItems(app.db, 'demo exposure intelligence', source, 0, {
    ctx: { ownerOrg: 'authority', recipients: null }, actor: actor.username, audit: app.appendAudit,
  });
  for (const [name, r] of Object.entries({ nvd, kev, epss, csaf })) {
    if (r.rejected > 0) throw new Error(`the demo's ${name} data was rejected: ${JSON.stringify(r.errors.slice(0, 3))}`);
  }
  return { nvd, kev, epss, csaf, threat, cves: data.cves.length };
}
