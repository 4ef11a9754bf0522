/**
 * Test support for the register's REST API: a test server (users of every role in 'authority'
 * and 'northgrid') plus the organisation 'aquaflow' with an operator, and the register of
 * register/test-fixtures.ts imported. Readers and the records each must (not) see are written
 * out here by hand from the policy's rules.
 */
import { startTestServer, PASSWORD, type TestServer } from '../test-server.js';
import { SYSTEM } from '../../access/test-support.js';
import type { EngineName } from '../../store/test-engines.js';
import { allJsonLines } from '../../register/test-fixtures.js';

export interface RegisterTestServer extends TestServer {
  /** Token of the Aquaflow operator. */
  aqOperator: { token: string };
}

export async function startRegisterServer(engine: EngineName): Promise<RegisterTestServer> {
  const s = await startTestServer(engine, { seed: false });
  try {
    await s.svc.users.createOrganisation(SYSTEM, { id: 'aquaflow', name: 'Aquaflow Water' });
    const u = await s.svc.users.createUser(SYSTEM, { username: 'aqoperator', orgId: 'aquaflow', role: 'operator', clearance: 'OFFICIAL', password: PASSWORD });
    const { token } = await s.svc.users.createToken(SYSTEM, { userId: u.id, name: 'test' });
    const r = await s.svc.register.import(SYSTEM, [{ name: 'fixtures', format: 'json', text: allJsonLines() }]);
    if (!r.ok) throw new Error(`fixtures rejected: ${JSON.stringify(r.errors)}`);
    return { ...s, aqOperator: { token } };
  } catch (e) {
    await s.close();
    throw e;
  }
}

export const ALL_ASSETS = ['aq-plc', 'aq-works', 'ng-scada', 'ng-sub-1', 'ng-sub-2'];
export const NG_ASSETS = ['ng-scada', 'ng-sub-1', 'ng-sub-2'];
export const AQ_ASSETS = ['aq-plc', 'aq-works'];
export const ALL_DEPS = ['dep-aq-power-1', 'dep-aq-power-2', 'dep-ng-scada-water', 'dep-ng-sub2-sub1'];
export const NG_DEPS = ['dep-ng-scada-water', 'dep-ng-sub2-sub1'];
export const AQ_DEPS = ['dep-aq-power-1', 'dep-aq-power-2'];
export const ALL_COMPONENTS = ['aq-plc-cpu', 'ng-scada-hmi', 'ng-scada-rtu'];

/** A realistic CycloneDX 1.5 SBOM of a substation SCADA system: firmware, OS, libraries, one nested. */
export const SCADA_SBOM = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  version: 1,
  metadata: {
    timestamp: '2025-03-01T09:00:00Z',
    component: { type: 'device', name: 'Distribution SCADA front end', version: '7.2' },
    supplier: { name: 'Northgrid Energy' },
  },
  components: [
    {
      type: 'firmware', 'bom-ref': 'fw-s7-1500', supplier: { name: 'Siemens AG' }, name: 'SIMATIC S7-1500 CPU firmware', version: '2.9.4',
      cpe: 'cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*',
    },
    {
      type: 'operating-system', 'bom-ref': 'os-debian', publisher: 'Debian', name: 'debian', version: '12.5',
      purl: 'pkg:generic/debian@12.5',
    },
    {
      type: 'application', 'bom-ref': 'app-hmi', supplier: { name: 'Siemens AG' }, name: 'WinCC OA', version: '3.18',
      cpe: 'cpe:2.3:a:siemens:simatic_wincc_oa:3.18:*:*:*:*:*:*:*',
      components: [
        { type: 'library', 'bom-ref': 'lib-openssl', author: 'OpenSSL Software Foundation', name: 'openssl', version: '3.0.13', purl: 'pkg:generic/openssl@3.0.13', cpe: 'cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*' },
        { type: 'library', 'bom-ref': 'lib-zlib', group: 'madler', name: 'zlib', version: '1.3.1', purl: 'pkg:github/madler/zlib@1.3.1' },
      ],
    },
    { type: 'library', 'bom-ref': 'lib-log4j', group: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.17.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1', supplier: { name: 'The Apache Software Foundation' } },
  ],
  dependencies: [{ ref: 'app-hmi', dependsOn: ['lib-openssl', 'lib-zlib'] }],
};
