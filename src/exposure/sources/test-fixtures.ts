/** Small hand-written inputs for the sources' unit tests (no real data needed). */
import { gzipSync } from 'node:zlib';

export const CVE_GOOD = {
  id: 'CVE-2024-12345',
  sourceIdentifier: 'productcert@siemens.com',
  published: '2024-03-12T10:15:07.123',
  lastModified: '2024-04-01T08:00:00.000',
  vulnStatus: 'Analyzed',
  descriptions: [{ lang: 'es', value: 'Una vulnerabilidad.' }, { lang: 'en', value: 'A vulnerability in the \\"web\\" server.' }],
  metrics: {
    cvssMetricV40: [{ source: 'productcert@siemens.com', type: 'Secondary', cvssData: { version: '4.0', vectorString: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', baseScore: 9.3, baseSeverity: 'CRITICAL' } }],
    cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, baseSeverity: 'CRITICAL' }, exploitabilityScore: 3.9, impactScore: 5.9 }],
    cvssMetricV2: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { version: '2.0', vectorString: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', baseScore: 7.5 }, baseSeverity: 'HIGH' }],
  },
  weaknesses: [
    { source: 'nvd@nist.gov', type: 'Primary', description: [{ lang: 'en', value: 'CWE-787' }] },
    { source: 'productcert@siemens.com', type: 'Secondary', description: [{ lang: 'en', value: 'CWE-787' }, { lang: 'en', value: 'NVD-CWE-Other' }] },
  ],
  configurations: [{
    operator: 'AND',
    nodes: [
      { operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:o:siemens:simatic_s7-1200_firmware:*:*:*:*:*:*:*:*', versionEndExcluding: '4.6', matchCriteriaId: '11111111-2222-4333-8444-555555555555' }] },
      { operator: 'OR', negate: false, cpeMatch: [{ vulnerable: false, criteria: 'cpe:2.3:h:siemens:simatic_s7-1200:-:*:*:*:*:*:*:*', matchCriteriaId: '66666666-2222-4333-8444-555555555555' }] },
    ],
  }],
  references: [{ url: 'https://cert-portal.siemens.com/productcert/html/ssa-000000.html', source: 'productcert@siemens.com', tags: ['Vendor Advisory'] }],
};

export function page(cves: unknown[], extra = ''): string {
  return `{"resultsPerPage":${cves.length},"startIndex":0,"totalResults":${cves.length},"format":"NVD_CVE","version":"2.0","timestamp":"2024-05-01T00:00:00.000",${extra}"vulnerabilities":[${cves.map((c) => JSON.stringify({ cve: c })).join(',')}]}`;
}

export const gz = (s: string): Buffer => gzipSync(Buffer.from(s));

/** Feeds a buffer in chunks of `size` bytes. */
export async function* chunked(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

/** A ustar archive of the given files (for the tar reader's tests). */
export function tarOf(files: { path: string; data: string; type?: string }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const f of files) {
    const data = Buffer.from(f.data);
    const long = Buffer.byteLength(f.path) > 100;
    if (long) {
      // a GNU long-name entry first
      const name = Buffer.from(`${f.path}\0`);
      blocks.push(header('././@LongLink', name.length, 'L'), pad(name));
    }
    blocks.push(header(long ? f.path.slice(0, 99) : f.path, data.length, f.type ?? '0'), pad(data));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
function pad(b: Buffer): Buffer {
  return Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
}
function header(name: string, size: number, type: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

export const CSAF_DOC = {
  document: {
    category: 'csaf_security_advisory', csaf_version: '2.0', title: 'Siemens EN100 Ethernet Module',
    publisher: { category: 'coordinator', name: 'CISA', namespace: 'https://www.cisa.gov/' },
    distribution: { tlp: { label: 'WHITE' } },
    tracking: { id: 'ICSA-19-038-02', initial_release_date: '2019-02-07T00:00:00.000000Z', current_release_date: '2019-03-01T00:00:00.000000Z', status: 'final', version: '2', revision_history: [] },
  },
  product_tree: {
    branches: [{
      category: 'vendor', name: 'Siemens',
      branches: [
        { category: 'product_name', name: 'Firmware variant IEC 61850 for EN100 Ethernet module', branches: [
          { category: 'product_version_range', name: 'vers:all/<V4.33', product: { name: 'EN100 IEC 61850 < V4.33', product_id: 'CSAFPID-0001', product_identification_helper: { model_numbers: ['6MF2101-0AB10-0AA0'] } } },
        ] },
        { category: 'product_family', name: 'SIPROTEC 5', branches: [
          { category: 'product_name', name: 'SIPROTEC 5 Compact', branches: [
            { category: 'product_version', name: 'V8.30', product: { name: 'SIPROTEC 5 Compact V8.30', product_id: 'CSAFPID-0002' } },
          ] },
        ] },
        { category: 'product_name', name: 'DIGSI 4', branches: [
          { category: 'product_version_range', name: '<=the_first_5_digits_of_serial_number_22081', product: { name: 'DIGSI 4', product_id: 'CSAFPID-0003' } },
        ] },
      ],
    }],
    full_product_names: [{ name: 'Example Runtime 2.0', product_id: 'CSAFPID-0004', product_identification_helper: { purl: 'pkg:generic/example/runtime@2.0', cpe: 'cpe:2.3:a:example:runtime:2.0:*:*:*:*:*:*:*' } }],
    relationships: [{ category: 'installed_on', product_reference: 'CSAFPID-0001', relates_to_product_reference: 'CSAFPID-0002', full_product_name: { name: 'EN100 on SIPROTEC 5', product_id: 'CSAFPID-0005' } }],
  },
  vulnerabilities: [
    {
      cve: 'CVE-2018-11451', cwe: { id: 'CWE-20', name: 'Improper Input Validation' },
      product_status: { known_affected: ['CSAFPID-0001', 'CSAFPID-0005'], fixed: ['CSAFPID-0002'], known_not_affected: ['CSAFPID-0099'] },
      remediations: [{ category: 'vendor_fix', details: 'Update to V4.33.', product_ids: ['CSAFPID-0001'], url: 'https://support.industry.siemens.com/' }],
      scores: [{ cvss_v3: { version: '3.0', baseScore: 7.5, baseSeverity: 'HIGH', vectorString: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }, products: ['CSAFPID-0001'] }],
    },
    { product_status: { under_investigation: ['CSAFPID-0003'] } },
  ],
};
