/** Site kinds of the services that lean on the utilities: health, emergency services, finance, food, government, transport, chemicals, defence. */
import type { SiteKind } from './kind-types.js';
import { BULK_POWER, FULL, S, chemicals, fuel, gas, generator, haulage, hosting, power, staff, sys, telecoms, water } from './needs.js';

const dispatchLink = { service: 'data', from: ['emergency-control-room'], to: 'sys1', type: 'cyber', alt: 0.6, backup: { kind: 'manual', hours: [2, 12], p: 0.6 }, tti: [0, 1], partial: [0.6, 0.3, 0.7], recovery: [1, 6] } as const;
const payments = { service: 'finance', from: ['payment-processing-centre'], type: 'logical', alt: 0.4, partial: [0.8, 0.3, 0.7], backup: { kind: 'manual', hours: [2, 24], p: 0.5 }, recovery: [1, 12] } as const;
const signalling = { service: 'data', from: ['rail-operating-centre'], to: 'sys1', type: 'cyber', alt: 0.2, recovery: [1, 8] } as const;

export const SERVICE_KINDS: readonly SiteKind[] = [
  // ── health ──
  {
    code: 'acute-hospital', sector: 'health', subSector: 'hospitals', label: 'General Hospital', service: 'acute and emergency care',
    share: 0.5, min: 2, rural: false, spread: 0.03, pop: [150_000, 700_000], crit: [0, 0, 1, 5, 3, 0.3],
    systems: [sys('electronic patient record', 'clinical', 'corporate'), sys('patient monitoring network', 'patient-monitoring', 'control'), S.bms, S.corporate, S.remote, S.servers], sys: [3, 6],
    needs: [
      power({ alt: 0.6, backup: generator(1, [24, 72]) }), telecoms({ alt: 0.5 }), fuel({ partial: [1, 0.2, 0.4], uncertain: [1, 0.3, 0.6] }),
      water({ backup: { kind: 'storage', hours: [12, 24], p: 0.8 } }), gas({ partial: [1, 0.2, 0.4] }),
      chemicals({ from: ['chemical-plant'], partial: [1, 0.3, 0.6] }), staff({ partial: [1, 0.2, 0.5] }),
      { service: 'transport', from: ['medical-supply-centre'], type: 'logical', tti: [24, 72], partial: [1, 0.2, 0.5], recovery: [24, 72] },
      hosting({ alt: 0.5, backup: { kind: 'manual', hours: [4, 24], p: 0.7 }, partial: [1, 0.3, 0.6] }),
      { service: 'other', from: ['public-health-laboratory'], type: 'logical', tti: [12, 72], partial: [1, 0.1, 0.3], recovery: [12, 48] },
    ],
  },
  {
    code: 'community-hospital', sector: 'health', subSector: 'hospitals', label: 'Community Hospital', service: 'community health care',
    share: 0.8, min: 1, rural: false, spread: 0.05, pop: [10_000, 100_000], crit: [0, 3, 5, 1, 0, 0],
    systems: [sys('clinical systems', 'clinical', 'corporate'), S.bms, S.corporate], sys: [1, 3],
    needs: [power({ backup: generator(0.8, [24, 48]) }), telecoms(), water({ backup: { kind: 'storage', hours: [6, 24], p: 0.5 } }), fuel({ p: 0.8, partial: [1, 0.1, 0.3] }), staff(), hosting({ partial: [1, 0.3, 0.6] })],
  },
  {
    code: 'gp-surgery', sector: 'health', subSector: 'public-health', label: 'GP Surgery', service: 'primary care',
    share: 5.0, min: 1, rural: false, spread: 0.04, pop: [3_000, 20_000], crit: [6, 5, 0.5, 0, 0, 0],
    systems: [sys('practice clinical system', 'server', 'corporate')], sys: [1, 1],
    needs: [
      power(), telecoms(), water({ partial: [1, 0.3, 0.6] }), hosting({ partial: [1, 0.4, 0.8] }), staff(),
      { service: 'transport', from: ['medical-supply-centre'], type: 'logical', tti: [48, 168], partial: [1, 0.1, 0.3], recovery: [24, 72] },
      { service: 'other', from: ['acute-hospital'], type: 'logical', tti: [4, 24], partial: [1, 0.1, 0.4], recovery: [4, 24] },
    ],
  },
  {
    code: 'medical-supply-centre', sector: 'health', subSector: 'supply', label: 'Medical Supplies Distribution Centre', service: 'medical supply chain',
    share: 0.05, min: 1, rural: true, spread: 0.05, pop: [1_000_000, 8_000_000], crit: [0, 0, 2, 3, 1, 0],
    systems: [sys('warehouse management', 'erp', 'corporate'), S.corporate], sys: [1, 2],
    needs: [power({ backup: generator(0.5) }), telecoms(), haulage(), fuel(), hosting()],
  },
  {
    code: 'public-health-laboratory', sector: 'health', subSector: 'public-health', label: 'Public Health Laboratory', service: 'diagnostics and surveillance',
    share: 0.05, min: 1, rural: false, spread: 0.03, pop: [500_000, 5_000_000], crit: [0, 1, 3, 2, 0, 0],
    systems: [sys('laboratory information system', 'server', 'corporate'), S.bms], sys: [1, 2],
    needs: [power({ backup: generator(0.8) }), telecoms(), water(), staff(), hosting()],
  },
  // ── emergency services ──
  {
    code: 'emergency-control-room', sector: 'emergency-services', subSector: 'police', label: 'Emergency Services Control Room', service: '999 call handling and dispatch',
    share: 0.08, min: 2, rural: false, spread: 0.03, pop: [500_000, 3_000_000], crit: [0, 0, 0, 3, 4, 1],
    systems: [sys('computer-aided dispatch', 'dispatch', 'corporate'), S.corporate, S.servers, S.remote], sys: [2, 4],
    needs: [power({ alt: 0.7, backup: generator(1, [48, 96]) }), telecoms({ alt: 0.9, ...FULL }), fuel({ partial: [1, 0.1, 0.3] }), staff({ partial: [1, 0.2, 0.4] }), hosting({ alt: 0.6 })],
  },
  {
    code: 'police-station', sector: 'emergency-services', subSector: 'police', label: 'Police Station', service: 'policing',
    share: 1.5, min: 1, rural: false, spread: 0.04, pop: [20_000, 200_000], crit: [1, 5, 3, 0.3, 0, 0],
    systems: [sys('custody and case systems', 'server', 'corporate'), S.corporate], sys: [1, 2],
    needs: [power({ backup: generator(0.5, [24, 72]) }), telecoms(), fuel({ partial: [1, 0.3, 0.6] }), dispatchLink, water({ partial: [1, 0.1, 0.3] }), staff()],
  },
  {
    code: 'fire-station', sector: 'emergency-services', subSector: 'fire', label: 'Fire Station', service: 'fire and rescue',
    share: 1.5, min: 1, rural: false, spread: 0.05, pop: [15_000, 150_000], crit: [1, 5, 3, 0.3, 0, 0],
    systems: [sys('station alerting system', 'plc', 'control')], sys: [1, 1],
    needs: [power({ backup: generator(0.4, [12, 48]) }), telecoms(), fuel({ partial: [1, 0.5, 0.9] }), water({ partial: [1, 0.2, 0.5] }), dispatchLink],
  },
  {
    code: 'ambulance-station', sector: 'emergency-services', subSector: 'ambulance', label: 'Ambulance Station', service: 'emergency ambulance response',
    share: 1.0, min: 1, rural: false, spread: 0.05, pop: [20_000, 200_000], crit: [1, 5, 3, 0.3, 0, 0],
    systems: [sys('vehicle and crew systems', 'server', 'corporate')], sys: [1, 1],
    needs: [power(), telecoms(), fuel({ partial: [1, 0.6, 0.9] }), dispatchLink, water({ partial: [1, 0.1, 0.3] }), staff()],
  },
  {
    code: 'coastguard-station', sector: 'emergency-services', subSector: 'coastguard', label: 'Coastguard Operations Centre', service: 'maritime search and rescue',
    share: 0.05, min: 1, rural: true, spread: 0.05, pop: [200_000, 2_000_000], crit: [0, 0, 2, 3, 1, 0],
    systems: [sys('maritime rescue coordination', 'dispatch', 'corporate'), S.corporate], sys: [1, 2],
    needs: [power({ backup: generator(1, [48, 96]) }), telecoms({ alt: 0.8, ...FULL }), fuel({ partial: [1, 0.1, 0.3] })],
  },
  // ── finance ──
  {
    code: 'payment-processing-centre', sector: 'finance', subSector: 'payments', label: 'Payment Processing Centre', service: 'card and interbank payments',
    share: 0.08, min: 2, rural: false, spread: 0.03, pop: [2_000_000, 30_000_000], crit: [0, 0, 0, 2, 4, 2],
    systems: [sys('payment switching platform', 'server', 'corporate'), S.web, S.remote, S.perimeter, S.devops], sys: [2, 5],
    needs: [power({ alt: 0.9, backup: generator(1, [24, 72]) }), { service: 'telecoms', from: ['core-network-node'], type: 'cyber', alt: 0.9, recovery: [1, 6] }, hosting({ alt: 0.9 }), staff({ partial: [1, 0.1, 0.3] })],
  },
  {
    code: 'bank-operations-centre', sector: 'finance', subSector: 'banking', label: 'Bank Operations Centre', service: 'retail banking',
    share: 0.25, min: 1, rural: false, spread: 0.03, pop: [200_000, 5_000_000], crit: [0, 1, 3, 3, 1, 0],
    systems: [sys('core banking platform', 'erp', 'corporate'), S.web, S.corporate, S.remote, S.devops], sys: [2, 5],
    needs: [power({ alt: 0.6, backup: generator(0.9, [24, 72]) }), telecoms({ alt: 0.7 }), hosting({ alt: 0.8 }), payments, staff()],
  },
  {
    code: 'trading-venue', sector: 'finance', subSector: 'markets', label: 'Trading and Clearing Centre', service: 'financial markets',
    share: 0.03, min: 1, rural: false, spread: 0.02, pop: [1_000_000, 20_000_000], crit: [0, 0, 0, 2, 3, 1],
    systems: [sys('matching engine', 'server', 'corporate'), S.web, S.remote, S.perimeter], sys: [2, 4],
    needs: [power({ alt: 1, backup: generator(1, [24, 48]) }), { service: 'telecoms', from: ['core-network-node'], type: 'cyber', alt: 1, recovery: [1, 4] }, hosting({ alt: 1 }), { service: 'other', from: ['timing-station'], type: 'logical', by: 'sys1', tti: [1, 4], alt: 0.5, recovery: [1, 4] }],
  },
  {
    code: 'bank-branch', sector: 'finance', subSector: 'banking', label: 'Bank Branch', service: 'retail banking',
    share: 3.0, min: 1, rural: false, spread: 0.03, pop: [2_000, 20_000], crit: [9, 3, 0, 0, 0, 0],
    systems: [sys('branch systems', 'desktop', 'corporate')], sys: [1, 1],
    needs: [power(), telecoms(), { ...payments, from: ['bank-operations-centre'], service: 'data', type: 'cyber', by: 'sys1' }, staff(), water({ partial: [1, 0.1, 0.3] })],
  },
  // ── food ──
  {
    code: 'food-processing-plant', sector: 'food', subSector: 'processing', label: 'Food Processing Plant', service: 'food production',
    share: 1.5, min: 1, rural: true, spread: 0.07, pop: [50_000, 1_000_000], crit: [1, 5, 3, 0.5, 0, 0],
    systems: [sys('process line control', 'plc', 'control'), sys('cold store control', 'bms', 'control'), S.erp, S.corporate, S.remote], sys: [2, 5],
    control: { hours: [0, 4], uncertain: 0.5 },
    needs: [power({ backup: generator(0.3, [12, 48]) }), water(), gas({ p: 0.6, partial: [1, 0.3, 0.8] }), haulage(), staff(), telecoms(), chemicals({ p: 0.3, partial: [1, 0.2, 0.5] })],
  },
  {
    code: 'food-distribution-centre', sector: 'food', subSector: 'distribution', label: 'Food Distribution Centre', service: 'food distribution',
    share: 0.8, min: 1, rural: true, spread: 0.05, pop: [200_000, 2_000_000], crit: [0, 2, 5, 1, 0, 0],
    systems: [sys('warehouse management', 'erp', 'corporate'), sys('refrigeration control', 'bms', 'control'), S.corporate, S.remote], sys: [2, 4],
    needs: [power({ backup: generator(0.6, [24, 72]) }), haulage(), fuel(), telecoms(), staff(), hosting({ partial: [1, 0.3, 0.7] }), water({ partial: [1, 0.2, 0.5] })],
  },
  {
    code: 'supermarket', sector: 'food', subSector: 'retail', label: 'Supermarket', service: 'food retail',
    share: 6.0, min: 1, rural: false, spread: 0.04, pop: [5_000, 40_000], crit: [8, 4, 0.3, 0, 0, 0],
    systems: [sys('store systems and tills', 'desktop', 'corporate'), S.bms], sys: [1, 2],
    needs: [
      power({ backup: generator(0.1, [8, 24]) }), telecoms(), water({ partial: [1, 0.1, 0.3] }),
      { service: 'transport', from: ['food-distribution-centre'], type: 'logical', tti: [24, 72], alt: 0.3, recovery: [12, 48] }, payments, staff(),
    ],
  },
  // ── government ──
  {
    code: 'government-office', sector: 'government', subSector: 'central', label: 'Government Office', service: 'central government services',
    share: 0.4, min: 1, rural: false, spread: 0.03, pop: [100_000, 10_000_000], crit: [0, 2, 3, 2, 1, 0.2],
    systems: [sys('case management system', 'web-app', 'corporate'), S.corporate, S.remote, S.servers, S.web], sys: [2, 5],
    needs: [power({ backup: generator(0.6, [24, 72]) }), telecoms({ alt: 0.5 }), hosting({ alt: 0.5 }), staff(), water({ partial: [1, 0.2, 0.5] })],
  },
  {
    code: 'local-authority-office', sector: 'government', subSector: 'local', label: 'Council Offices', service: 'local government services',
    share: 1.0, min: 1, rural: false, spread: 0.03, pop: [50_000, 500_000], crit: [2, 5, 2, 0.3, 0, 0],
    systems: [sys('council services platform', 'web-app', 'corporate'), S.corporate, S.remote], sys: [1, 3],
    needs: [power({ backup: generator(0.3) }), telecoms(), hosting(), staff()],
  },
  // ── transport ──
  {
    code: 'rail-operating-centre', sector: 'transport', subSector: 'rail', label: 'Rail Operating Centre', service: 'rail signalling control',
    share: 0.1, min: 2, rural: false, spread: 0.03, pop: [500_000, 5_000_000], crit: [0, 0, 1, 4, 3, 0.5],
    systems: [sys('traffic management and signalling control', 'signalling', 'control'), S.corporate, S.remote], sys: [2, 3],
    needs: [power({ alt: 0.8, backup: generator(1, [24, 72]) }), telecoms({ alt: 0.9, ...FULL }), fuel({ partial: [1, 0.1, 0.3] }), staff({ partial: [1, 0.2, 0.4] })],
  },
  {
    code: 'traction-feeder-station', sector: 'transport', subSector: 'rail', label: 'Rail Traction Feeder Station', service: 'rail traction power',
    share: 0.4, min: 2, rural: true, spread: 0.06, pop: [50_000, 500_000], crit: [0, 2, 4, 2, 0, 0],
    systems: [sys('traction SCADA outstation', 'rtu', 'control'), sys('protection relays', 'relays', 'safety')], sys: [1, 2],
    control: { hours: [12, 48], uncertain: 0.4, partial: [0.1, 0.3] },
    needs: [{ service: 'power', from: BULK_POWER, type: 'physical', alt: 0.5, recovery: [1, 8] }, telecoms({ by: 'sys1' }), { ...signalling, by: 'sys1' }],
  },
  {
    code: 'railway-station', sector: 'transport', subSector: 'rail', label: 'Railway Station', service: 'rail passenger services',
    share: 3.0, min: 2, rural: false, spread: 0.03, pop: [2_000, 200_000], crit: [6, 5, 1, 0.2, 0, 0],
    systems: [sys('customer information and ticketing', 'web-app', 'corporate'), sys('station CCTV and access control', 'bms', 'control')], sys: [1, 2],
    needs: [
      power(), telecoms({ partial: [1, 0.2, 0.5] }),
      { service: 'power', from: ['traction-feeder-station'], type: 'physical', alt: 0.3, recovery: [1, 6] }, signalling,
      staff({ from: ['bus-depot'], partial: [1, 0.1, 0.3] }),
      { service: 'transport', from: ['rail-depot'], type: 'logical', tti: [12, 48], partial: [1, 0.2, 0.5], alt: 0.5, recovery: [12, 48] },
    ],
  },
  {
    code: 'rail-depot', sector: 'transport', subSector: 'rail', label: 'Train Maintenance Depot', service: 'rail fleet maintenance',
    share: 0.3, min: 1, rural: false, spread: 0.05, pop: [50_000, 500_000], crit: [0, 3, 3, 0.5, 0, 0],
    systems: [sys('fleet maintenance systems', 'server', 'corporate'), S.corporate], sys: [1, 2],
    needs: [power(), fuel(), telecoms(), staff()],
  },
  {
    code: 'bus-depot', sector: 'transport', subSector: 'road', label: 'Bus Depot', service: 'bus services',
    share: 0.8, min: 2, rural: false, spread: 0.04, pop: [20_000, 200_000], crit: [2, 6, 1, 0, 0, 0],
    systems: [sys('fleet scheduling and ticketing', 'web-app', 'corporate')], sys: [1, 1],
    needs: [power({ partial: [0.3, 0.5, 0.9] }), fuel(), telecoms({ partial: [1, 0.2, 0.4] })],
  },
  {
    code: 'road-haulage-depot', sector: 'transport', subSector: 'road', label: 'Road Haulage Depot', service: 'road freight',
    share: 1.5, min: 2, rural: true, spread: 0.06, pop: [20_000, 300_000], crit: [2, 6, 1, 0, 0, 0],
    systems: [sys('transport management system', 'erp', 'corporate')], sys: [1, 1],
    needs: [fuel({ backup: { kind: 'storage', hours: [24, 96] } }), power({ partial: [1, 0.1, 0.3] }), telecoms({ partial: [1, 0.2, 0.5] }), staff()],
  },
  {
    code: 'motorway-control-centre', sector: 'transport', subSector: 'road', label: 'Regional Traffic Operations Centre', service: 'strategic road network control',
    share: 0.04, min: 1, rural: false, spread: 0.04, pop: [1_000_000, 6_000_000], crit: [0, 1, 3, 2, 0, 0],
    systems: [sys('motorway signalling and CCTV', 'scada', 'control'), S.corporate], sys: [1, 2],
    needs: [power({ backup: generator(1) }), telecoms({ alt: 0.8, ...FULL }), fuel({ partial: [1, 0.1, 0.3] })],
  },
  {
    code: 'airport', sector: 'transport', subSector: 'aviation', label: 'Airport', service: 'air passenger and freight services',
    share: 0.08, min: 1, rural: true, spread: 0.04, pop: [500_000, 20_000_000], crit: [0, 0, 2, 3, 2, 0.3],
    systems: [sys('airfield lighting control', 'plc', 'control'), sys('baggage handling control', 'plc', 'control'), sys('airport operational database', 'web-app', 'corporate'), S.bms, S.corporate, S.remote], sys: [3, 6],
    needs: [
      power({ from: ['primary-substation', 'grid-supply-point'], alt: 0.9, backup: generator(1, [12, 48]) }),
      { service: 'fuel', from: ['fuel-terminal', 'fuel-depot'], type: 'physical', backup: { kind: 'storage', hours: [48, 168] }, recovery: [24, 72] },
      telecoms({ alt: 0.8 }),
      { service: 'data', from: ['air-traffic-control-centre'], to: 'sys1', type: 'cyber', alt: 0.5, recovery: [1, 8] },
      staff(), water(),
    ],
  },
  {
    code: 'air-traffic-control-centre', sector: 'transport', subSector: 'aviation', label: 'Air Traffic Control Centre', service: 'air navigation services',
    share: 0.01, min: 2, rural: false, spread: 0.03, pop: [10_000_000, 60_000_000], crit: [0, 0, 0, 0, 2, 3],
    systems: [sys('flight data processing system', 'server', 'control'), S.corporate, S.remote], sys: [2, 3],
    needs: [power({ alt: 1, backup: generator(1, [48, 96]) }), { service: 'telecoms', from: ['core-network-node'], type: 'cyber', alt: 1, recovery: [1, 4] }, fuel({ partial: [1, 0.1, 0.3] }), staff({ partial: [1, 0.3, 0.6] })],
  },
  {
    code: 'seaport', sector: 'transport', subSector: 'maritime', label: 'Port', service: 'maritime freight and ferries',
    share: 0.1, min: 1, rural: true, spread: 0.03, pop: [500_000, 10_000_000], crit: [0, 1, 2, 3, 1, 0],
    systems: [sys('terminal operating system', 'erp', 'corporate'), sys('crane and gate automation', 'plc', 'control'), S.corporate, S.remote], sys: [2, 4],
    needs: [power({ from: ['primary-substation', 'grid-supply-point'], alt: 0.5 }), fuel(), telecoms({ alt: 0.5 }), haulage({ partial: [1, 0.3, 0.6] }), staff()],
  },
  // ── chemicals ──
  {
    code: 'chemical-plant', sector: 'chemicals', subSector: 'manufacturing', label: 'Chemical Works', service: 'chemical manufacturing',
    share: 0.4, min: 1, rural: true, spread: 0.05, pop: [100_000, 2_000_000], crit: [0, 1, 3, 3, 1, 0],
    systems: [sys('process control system', 'dcs', 'control'), sys('safety instrumented system', 'plc', 'safety'), S.corporate, S.erp, S.remote], sys: [2, 5],
    control: { hours: [0, 1], uncertain: 0.2 },
    needs: [power({ from: ['primary-substation', 'grid-supply-point'], alt: 0.5 }), gas({ from: ['gas-offtake', 'gas-compressor'] }), water(), haulage(), telecoms(), staff()],
  },
  {
    code: 'chemical-storage', sector: 'chemicals', subSector: 'storage', label: 'Chemical Storage Terminal', service: 'chemical storage and distribution',
    share: 0.3, min: 1, rural: true, spread: 0.05, pop: [50_000, 1_000_000], crit: [0, 2, 4, 1, 0, 0],
    systems: [sys('tank farm control', 'plc', 'control'), S.corporate], sys: [1, 2],
    needs: [{ service: 'chemicals', from: ['chemical-plant'], type: 'physical', backup: { kind: 'storage', hours: [168, 504] }, recovery: [24, 96] }, power(), haulage(), telecoms()],
  },
  // ── defence ──
  {
    code: 'military-base', sector: 'defence', subSector: 'bases', label: 'Military Base', service: 'defence operations',
    share: 0.3, min: 1, rural: true, spread: 0.1, pop: [10_000, 500_000], crit: [0, 1, 3, 3, 1, 0],
    systems: [sys('base infrastructure control', 'bms', 'control'), sys('logistics systems', 'erp', 'corporate'), S.corporate], sys: [1, 3],
    needs: [power({ alt: 0.5, backup: generator(1, [72, 168]) }), telecoms({ alt: 0.7 }), fuel(), water({ backup: { kind: 'storage', hours: [24, 72] } })],
  },
  {
    code: 'defence-industry-site', sector: 'defence', subSector: 'industry', label: 'Defence Manufacturing Site', service: 'defence equipment production',
    share: 0.2, min: 1, rural: true, spread: 0.06, pop: [10_000, 200_000], crit: [0, 2, 3, 2, 0, 0],
    systems: [sys('manufacturing control', 'plc', 'control'), sys('engineering data management', 'devops', 'corporate'), S.corporate, S.remote], sys: [2, 4],
    needs: [power(), gas({ p: 0.5, partial: [1, 0.2, 0.5] }), water(), telecoms(), staff(), haulage({ partial: [1, 0.2, 0.5] })],
  },
  {
    code: 'postal-sorting-centre', sector: 'communications', subSector: 'postal', label: 'Mail Centre', service: 'postal services',
    share: 0.2, min: 1, rural: false, spread: 0.05, pop: [200_000, 2_000_000], crit: [0, 3, 3, 0.3, 0, 0],
    systems: [sys('sorting machine control', 'plc', 'control'), S.corporate], sys: [1, 2],
    needs: [power({ backup: generator(0.3) }), haulage(), fuel(), telecoms(), staff()],
  },
];
