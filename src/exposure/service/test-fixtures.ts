/**
 * Small vulnerability data for the register of src/register/test-fixtures.ts (tests of the exposure
 * service, API and CLI): NVD records that hit its three components, KEV and EPSS for some of them, and
 * an intrusion set that uses one CVE and targets the energy sector.
 *
 *   CVE-2025-10001  WinCC OA < 3.19             → ng-scada-hmi (northgrid), in KEV
 *   CVE-2025-10002  Hitachi Energy RTU560 < 13.4 → ng-scada-rtu (northgrid, internet-facing), used by Copper Lantern
 *   CVE-2025-10003  Modicon M340 (hardware)     → aq-plc-cpu (aquaflow), in KEV
 *   CVE-2025-10004  WinCC OA < 3.0              → nothing
 */
import { TLP2_MARKING_IDS } from '../../stix/markings.js';
import { vulnerabilityId } from '../sources/stix-vulnerability.js';

const vector = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

export function nvdCve(id: string, criteria: string, bounds: Record<string, string>, matchCriteriaId: string, lastModified = '2025-03-01T10:00:00.000'): object {
  return {
    cve: {
      id, sourceIdentifier: 'test@bulwark.invalid', published: '2025-02-01T10:00:00.000', lastModified, vulnStatus: 'Analyzed',
      descriptions: [{ lang: 'en', value: `Test vulnerability ${id}.` }],
      metrics: { cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { version: '3.1', vectorString: vector, baseScore: 9.8, baseSeverity: 'CRITICAL' }, exploitabilityScore: 3.9, impactScore: 5.9 }] },
      weaknesses: [{ source: 'nvd@nist.gov', type: 'Primary', description: [{ lang: 'en', value: 'CWE-787' }] }],
      configurations: [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria, ...bounds, matchCriteriaId }] }] }],
      references: [{ url: `https://example.invalid/${id}`, source: 'test@bulwark.invalid', tags: ['Vendor Advisory'] }],
    },
  };
}

export const NVD_PAGE = {
  resultsPerPage: 4, startIndex: 0, totalResults: 4, format: 'NVD_CVE', version: '2.0', timestamp: '2025-03-02T00:00:00.000',
  vulnerabilities: [
    nvdCve('CVE-2025-10001', 'cpe:2.3:a:siemens:simatic_wincc_oa:*:*:*:*:*:*:*:*', { versionEndExcluding: '3.19' }, '11111111-1111-4111-8111-111111111111'),
    nvdCve('CVE-2025-10002', 'cpe:2.3:o:hitachi_energy:rtu560:*:*:*:*:*:*:*:*', { versionEndExcluding: '13.4' }, '22222222-2222-4222-8222-222222222222'),
    nvdCve('CVE-2025-10003', 'cpe:2.3:h:schneider-electric:modicon_m340:*:*:*:*:*:*:*:*', {}, '33333333-3333-4333-8333-333333333333'),
    nvdCve('CVE-2025-10004', 'cpe:2.3:a:siemens:simatic_wincc_oa:*:*:*:*:*:*:*:*', { versionEndExcluding: '3.0' }, '44444444-4444-4444-8444-444444444444'),
  ],
};

const kevEntry = (cveID: string, dateAdded: string) => ({
  cveID, vendorProject: 'Test', product: 'Test', vulnerabilityName: `Test ${cveID}`, dateAdded, shortDescription: 'Test entry.',
  requiredAction: 'Apply updates.', dueDate: '2025-04-01', knownRansomwareCampaignUse: 'Unknown', notes: '', cwes: [],
});

export const KEV_CATALOGUE = {
  title: 'Test KEV', catalogVersion: '2025.03.02', dateReleased: '2025-03-02T00:00:00.000Z', count: 2,
  vulnerabilities: [kevEntry('CVE-2025-10001', '2025-03-01'), kevEntry('CVE-2025-10003', '2025-03-02')],
};

export const EPSS_CSV = '#model_version:v2025.03.14,score_date:2025-03-02T00:00:00+0000\ncve,epss,percentile\n' +
  'CVE-2025-10001,0.91000,0.99500\nCVE-2025-10002,0.12000,0.95000\nCVE-2025-10003,0.40000,0.97000\n';

const T = '2025-03-01T00:00:00.000Z';
const green = [TLP2_MARKING_IDS.GREEN];
const energy = { type: 'identity', spec_version: '2.1', id: 'identity--0e000000-0000-4000-8000-000000000001', created: T, modified: T, name: 'Energy sector', identity_class: 'class', sectors: ['energy'], object_marking_refs: green };
const set = { type: 'intrusion-set', spec_version: '2.1', id: 'intrusion-set--0e000000-0000-4000-8000-000000000002', created: T, modified: T, name: 'Copper Lantern', object_marking_refs: green };
const rel = (n: number, kind: string, target: string) => ({
  type: 'relationship', spec_version: '2.1', id: `relationship--0e000000-0000-4000-8000-00000000001${n}`, created: T, modified: T,
  relationship_type: kind, source_ref: set.id, target_ref: target, object_marking_refs: green,
});

/** Copper Lantern uses CVE-2025-10002 and targets energy (the NVD import's vulnerability objects are the targets). */
export const THREAT_OBJECTS = [energy, set, rel(1, 'uses', vulnerabilityId('CVE-2025-10002')), rel(2, 'targets', energy.id)];
