/**
 * Kits: what a system of a given function runs. A kit is a list of slots; each slot is present with
 * a probability and picks one product (weighted) from the catalogue; `exposed` is the chance that
 * the component is reachable from the internet (VPN gateways mostly; HMIs, cellular routers and
 * building controllers occasionally, carelessly).
 */
import type { Product } from './catalogue-types.js';
import { IT_PRODUCTS, PACKAGE_PRODUCTS } from './catalogue-it.js';
import { OT_PRODUCTS } from './catalogue-ot.js';

export interface Slot {
  p: number;
  pick: ReadonlyArray<readonly [string, number]>;
  exposed?: number;
  /** How many of this slot (e.g. packages of an application); default 1. */
  count?: readonly [number, number];
}

export type KitCode =
  | 'plc' | 'rtu' | 'relays' | 'telemetry' | 'scada' | 'hmi' | 'dcs' | 'bms' | 'server' | 'desktop'
  | 'remote-access' | 'firewall' | 'web-app' | 'devops' | 'erp' | 'virtual' | 'clinical' | 'dispatch'
  | 'telecom-core' | 'telecom-access' | 'signalling' | 'monitoring' | 'nuclear-ics' | 'patient-monitoring';

const controllers: Slot['pick'] = [
  ['s7-1500', 6], ['s7-1200', 5], ['s7-300', 2], ['m340', 4], ['m580', 3], ['m221', 2], ['controllogix', 4],
  ['compactlogix', 4], ['micrologix', 1], ['ac500', 1], ['wago-pfc200', 1], ['unitronics', 1],
];
const indSwitch: Slot['pick'] = [['scalance-xc208', 3], ['ruggedcom-ros', 3], ['moxa-eds', 3], ['hirschmann-rsp', 3], ['stratix', 2], ['cisco-ie', 2]];
const cellular: Slot['pick'] = [['teltonika', 3], ['sierra-rv50', 2], ['moxa-oncell', 2]];
const serverOs: Slot['pick'] = [['win2019', 5], ['win2022', 3], ['win2016', 3], ['win2012r2', 1], ['rhel', 2], ['ubuntu', 1]];
const otServerOs: Slot['pick'] = [['win2019', 5], ['win2016', 4], ['win2012r2', 2], ['win2022', 2], ['windows', 1]];
const hmiOs: Slot['pick'] = [['win10', 6], ['win7', 3], ['winxp', 1], ['windows', 1]];
const scadaSw: Slot['pick'] = [
  ['wincc', 4], ['geo-scada', 4], ['microscada', 2], ['ifix', 2], ['cimplicity', 1], ['factorytalk', 3], ['intouch', 3],
];
const otFirewall: Slot['pick'] = [['hirschmann-eagle', 2], ['fortios', 4], ['cisco-asa', 2], ['checkpoint', 1], ['panos', 1]];
const edge: Slot['pick'] = [['fortios', 5], ['panos', 3], ['ivanti-ics', 3], ['netscaler', 3], ['cisco-asa', 2], ['checkpoint', 1], ['bigip', 1]];
const packages: Slot['pick'] = [
  ['log4j', 3], ['spring-beans', 2], ['tomcat-embed', 2], ['jackson', 2], ['express', 2], ['lodash', 2], ['axios', 1],
  ['django', 1], ['requests', 2], ['urllib3', 1], ['newtonsoft', 2],
];

export const KITS: Record<KitCode, readonly Slot[]> = {
  plc: [
    { p: 1, pick: controllers },
    { p: 0.1, pick: [['cp1543', 1]], exposed: 0.03 },
    { p: 0.6, pick: indSwitch },
    { p: 0.12, pick: cellular, exposed: 0.2 },
  ],
  rtu: [
    { p: 1, pick: [['rtu500', 5], ['rtu560', 3], ['sicam-a8000', 3], ['sel-rtac', 2], ['ge-d20mx', 2]] },
    { p: 0.8, pick: [['ruggedcom-ros', 4], ['hirschmann-rsp', 3], ['moxa-eds', 2]] },
    { p: 0.3, pick: [['moxa-nport', 1]], exposed: 0.03 },
    { p: 0.2, pick: cellular, exposed: 0.15 },
  ],
  relays: [
    { p: 1, pick: [['siprotec5', 4], ['relion670', 3], ['micom-p14x', 3], ['multilin-ur', 2], ['sel-751', 2]], count: [1, 3] },
  ],
  telemetry: [
    { p: 1, pick: [['scadapack', 4], ['ovarro-tbox', 3], ['m221', 1], ['s7-1200', 2], ['unitronics', 1]] },
    { p: 0.5, pick: cellular, exposed: 0.08 },
  ],
  scada: [
    { p: 1, pick: otServerOs },
    { p: 1, pick: scadaSw, exposed: 0.005 },
    { p: 0.5, pick: [['pi-server', 1]] },
    { p: 0.4, pick: [['mssql', 1]] },
    { p: 0.6, pick: otFirewall },
  ],
  hmi: [{ p: 1, pick: hmiOs }, { p: 1, pick: scadaSw, exposed: 0.01 }, { p: 0.15, pick: [['chrome', 1]] }],
  dcs: [{ p: 1, pick: [['experion', 3], ['deltav', 3], ['centum', 2]] }, { p: 1, pick: otServerOs }, { p: 0.7, pick: otFirewall }],
  bms: [{ p: 1, pick: [['niagara', 4], ['desigo', 3], ['metasys', 3]], exposed: 0.04 }, { p: 0.5, pick: hmiOs }],
  server: [
    { p: 1, pick: serverOs },
    { p: 0.4, pick: [['esxi', 1]] },
    { p: 0.6, pick: [['mssql', 3], ['oracle-db', 2], ['postgres', 2]] },
    { p: 0.3, pick: [['openssl', 1], ['openssh', 1]] },
  ],
  desktop: [
    { p: 1, pick: [['win10', 8], ['win7', 1], ['windows', 1]] },
    { p: 0.8, pick: [['chrome', 3], ['firefox-esr', 1]] },
    { p: 0.3, pick: [['winrar', 1]] },
    { p: 0.3, pick: [['exchange', 2], ['sharepoint', 1]] },
    { p: 0.2, pick: [['ivanti-epm', 1]] },
  ],
  'remote-access': [{ p: 1, pick: edge, exposed: 0.92 }, { p: 0.3, pick: [['win2019', 1]] }],
  firewall: [{ p: 1, pick: [['fortios', 4], ['panos', 3], ['cisco-asa', 2], ['checkpoint', 2], ['ios-xe', 2]], exposed: 0.6 }],
  'web-app': [
    { p: 1, pick: [['ubuntu', 3], ['rhel', 2], ['win2019', 2], ['windows', 1]] },
    { p: 1, pick: [['httpd', 3], ['nginx', 3], ['tomcat', 2]], exposed: 0.5 },
    { p: 0.8, pick: [['nodejs', 2], ['php', 2], ['dotnet', 2], ['jre', 2]] },
    { p: 0.9, pick: packages, count: [1, 4] },
  ],
  devops: [
    { p: 1, pick: [['gitlab', 3], ['jenkins', 2], ['confluence', 3], ['zabbix', 2]], exposed: 0.1 },
    { p: 1, pick: [['ubuntu', 2], ['rhel', 1]] },
    { p: 0.5, pick: [['git', 1]] },
    { p: 0.3, pick: [['erlang', 1], ['envoy', 1]] },
  ],
  erp: [
    { p: 1, pick: [['sap-netweaver', 3], ['ofbiz', 1]], exposed: 0.05 },
    { p: 1, pick: [['oracle-db', 2], ['mssql', 1]] },
    { p: 1, pick: [['rhel', 2], ['win2019', 1]] },
  ],
  virtual: [{ p: 1, pick: [['esxi', 1]] }, { p: 0.8, pick: [['vcenter', 1]] }, { p: 0.5, pick: [['veeam', 1]] }],
  clinical: [
    { p: 1, pick: [['epr', 2], ['pacs', 2]] },
    { p: 1, pick: [['win2019', 3], ['win2016', 2]] },
    { p: 0.6, pick: [['intellivue', 2], ['carescape', 1]], count: [1, 3] },
    { p: 0.4, pick: [['mssql', 1]] },
  ],
  'patient-monitoring': [
    { p: 1, pick: [['intellivue', 2], ['carescape', 1]], count: [1, 3] },
    { p: 0.8, pick: [['win10', 3], ['win7', 1]] },
    { p: 0.3, pick: [['cisco-ie', 1], ['hirschmann-rsp', 1]] },
  ],
  dispatch: [{ p: 1, pick: [['cad', 1]] }, { p: 1, pick: [['win2019', 2], ['win2022', 1]] }, { p: 0.6, pick: [['mssql', 1]] }],
  'telecom-core': [
    { p: 1, pick: [['ios-xr', 3], ['junos', 3], ['nokia-sros', 3]], count: [1, 2] },
    { p: 0.5, pick: [['meinberg', 1]] },
    { p: 0.3, pick: [['erlang', 2], ['envoy', 1]] },
  ],
  'telecom-access': [{ p: 1, pick: [['ios-xe', 3], ['junos', 2], ['nokia-sros', 2]] }, { p: 0.5, pick: [['ericsson-bb', 1]] }],
  signalling: [
    { p: 1, pick: [['westlock', 1], ['ebilock', 1]] },
    { p: 0.8, pick: [['win10', 2], ['win7', 1]] },
    { p: 0.6, pick: [['hirschmann-rsp', 1], ['ruggedcom-ros', 1]] },
  ],
  monitoring: [{ p: 1, pick: [['zabbix', 2], ['pi-server', 1]] }, { p: 1, pick: [['ubuntu', 1], ['win2019', 1]] }],
  'nuclear-ics': [{ p: 1, pick: [['centum', 1], ['experion', 1]] }, { p: 1, pick: [['s7-300', 1], ['s7-1500', 1]] }, { p: 0.8, pick: indSwitch }],
};

const ALL: readonly Product[] = [...OT_PRODUCTS, ...IT_PRODUCTS, ...PACKAGE_PRODUCTS];
export const PRODUCTS: ReadonlyMap<string, Product> = new Map(ALL.map((p) => [p.key, p]));

/** Every product key used in a kit must be in the catalogue: checked once at load. */
for (const [kit, slots] of Object.entries(KITS)) {
  for (const s of slots) for (const [k] of s.pick) if (!PRODUCTS.has(k)) throw new Error(`kit ${kit}: unknown product ${k}`);
}

export function allProducts(): readonly Product[] {
  return ALL;
}
