/** Site kinds of the utilities: electricity, gas, fuel, water, telecoms, data centres, space, nuclear. */
import type { SiteKind } from './kind-types.js';
import { BULK_POWER, FULL, S, battery, chemicals, fuel, gas, generator, hosting, power, staff, sys, telecoms, water } from './needs.js';

const rtu = sys('substation RTU and telemetry', 'rtu', 'control');
const protection = sys('protection relays', 'relays', 'safety');
const scadaControl = (what: string) => sys(`${what} SCADA`, 'scada', 'control');
const telemetryOutstation = sys('telemetry outstation', 'telemetry', 'control');
const ctrlLink = { service: 'data', from: ['electricity-control-centre'], to: 'sys1', by: 'sys1', type: 'cyber', alt: 0.7, backup: { kind: 'manual', hours: [8, 48], p: 0.8 }, partial: [1, 0.2, 0.5], recovery: [1, 8] } as const;

export const UTILITY_KINDS: readonly SiteKind[] = [
  // ── electricity ──
  {
    code: 'power-station', sector: 'energy', subSector: 'electricity', label: 'Power Station', service: 'electricity generation',
    share: 0.35, min: 4, rural: true, spread: 0.12, pop: [200_000, 2_000_000], crit: [0, 1, 4, 6, 3, 0],
    systems: [sys('plant distributed control system', 'dcs', 'control'), protection, S.corporate, S.remote, S.bms], sys: [2, 5],
    control: { hours: [0, 2], uncertain: 0.2 },
    needs: [
      gas({ from: ['gas-compressor', 'gas-offtake'], p: 0.55, alt: 0.8, backup: { kind: 'storage', hours: [1, 6], p: 0.3 } }),
      telecoms({ by: 'sys1', alt: 0.5, partial: [1, 0.2, 0.5] }), staff(), water({ p: 0.5, tti: [6, 48], partial: [1, 0.05, 0.2] }),
      { ...ctrlLink, from: ['electricity-control-centre'] },
    ],
  },
  {
    code: 'transmission-substation', sector: 'energy', subSector: 'electricity', label: '400 kV Substation', service: 'electricity transmission',
    share: 0.3, min: 3, rural: true, spread: 0.15, pop: [400_000, 3_000_000], crit: [0, 0, 1, 5, 4, 1],
    systems: [rtu, protection, sys('substation control system', 'scada', 'control')], sys: [2, 3],
    control: { hours: [12, 72], uncertain: 0.4, partial: [0.1, 0.4] },
    needs: [
      { service: 'power', from: ['power-station'], type: 'physical', alt: 1, recovery: [2, 24] },
      telecoms({ by: 'sys1', alt: 0.6, backup: battery([8, 24]) }), ctrlLink,
    ],
  },
  {
    code: 'grid-supply-point', sector: 'energy', subSector: 'electricity', label: 'Grid Supply Point', service: 'electricity distribution',
    share: 1.0, min: 4, rural: true, spread: 0.08, pop: [80_000, 500_000], crit: [0, 1, 6, 4, 1, 0],
    systems: [rtu, protection, sys('substation control system', 'scada', 'control')], sys: [2, 3],
    control: { hours: [12, 72], uncertain: 0.4, partial: [0.1, 0.4] },
    needs: [
      { service: 'power', from: ['transmission-substation'], type: 'physical', alt: 0.8, recovery: [2, 12] },
      telecoms({ by: 'sys1', alt: 0.4, backup: battery([8, 24]) }), ctrlLink,
    ],
  },
  {
    code: 'primary-substation', sector: 'energy', subSector: 'electricity', label: 'Primary Substation', service: 'electricity distribution',
    share: 7.0, min: 8, rural: false, spread: 0.05, pop: [4_000, 40_000], crit: [3, 8, 3, 0.3, 0, 0],
    systems: [rtu, protection], sys: [1, 2],
    control: { hours: [24, 96], uncertain: 0.5, partial: [0.1, 0.3] },
    needs: [
      { service: 'power', from: BULK_POWER, type: 'physical', alt: 0.5, recovery: [1, 6] },
      telecoms({ by: 'sys1', alt: 0.6, backup: battery([4, 12], 0.7) }), { ...ctrlLink, alt: 0.5 },
    ],
  },
  {
    code: 'electricity-control-centre', sector: 'energy', subSector: 'electricity', label: 'Electricity Control Centre', service: 'electricity network control',
    share: 0.06, min: 2, rural: false, spread: 0.04, pop: [1_000_000, 5_000_000], crit: [0, 0, 0, 3, 5, 2],
    systems: [sys('network management system (ADMS)', 'scada', 'control'), S.corporate, S.servers, S.remote, S.perimeter], sys: [3, 5],
    needs: [
      power({ alt: 0.8, backup: generator(1, [48, 120]) }), telecoms({ alt: 0.9, ...FULL }), fuel({ partial: [1, 0.1, 0.3] }), staff({ partial: [0.5, 0.2, 0.5] }),
      hosting({ p: 0.3 }),
    ],
  },
  // ── gas ──
  {
    code: 'gas-terminal', sector: 'energy', subSector: 'gas', label: 'Gas Terminal', service: 'gas supply',
    share: 0.03, min: 2, rural: true, spread: 0.1, pop: [2_000_000, 10_000_000], crit: [0, 0, 0, 2, 4, 3],
    systems: [sys('terminal process control', 'dcs', 'control'), sys('emergency shutdown system', 'plc', 'safety'), S.corporate, S.remote], sys: [2, 4],
    control: { hours: [0, 1], uncertain: 0.1 },
    needs: [power({ from: BULK_POWER, alt: 0.6, backup: generator(0.8, [12, 48]) }), telecoms({ by: 'sys1', alt: 0.7, partial: [1, 0.2, 0.5] }), staff(), { service: 'data', from: ['gas-control-centre'], to: 'sys1', by: 'sys1', type: 'cyber', alt: 0.8, backup: { kind: 'manual', hours: [4, 48], p: 0.8 }, partial: [1, 0.2, 0.5], recovery: [1, 8] }],
  },
  {
    code: 'gas-compressor', sector: 'energy', subSector: 'gas', label: 'Gas Compressor Station', service: 'gas transmission',
    share: 0.1, min: 2, rural: true, spread: 0.15, pop: [500_000, 4_000_000], crit: [0, 0, 1, 5, 3, 0],
    systems: [sys('compressor control', 'plc', 'control'), sys('gas SCADA outstation', 'rtu', 'control')], sys: [1, 2],
    control: { hours: [0, 4], uncertain: 0.3 },
    needs: [
      { service: 'gas', from: ['gas-terminal'], type: 'physical', alt: 0.5, backup: { kind: 'storage', hours: [6, 24], p: 0.6 }, recovery: [6, 48] },
      power({ from: BULK_POWER, alt: 0.5, backup: generator(0.5, [12, 48]) }), telecoms({ by: 'sys1', alt: 0.5, partial: [1, 0.2, 0.5] }),
      { service: 'data', from: ['gas-control-centre'], to: 'sys1', by: 'sys1', type: 'cyber', alt: 0.8, backup: { kind: 'manual', hours: [4, 48], p: 0.8 }, partial: [1, 0.2, 0.5], recovery: [1, 8] },
    ],
  },
  {
    code: 'gas-offtake', sector: 'energy', subSector: 'gas', label: 'Gas Pressure Reduction Station', service: 'gas distribution',
    share: 1.2, min: 4, rural: true, spread: 0.07, pop: [10_000, 200_000], crit: [2, 5, 3, 0.5, 0, 0],
    systems: [sys('pressure control telemetry', 'telemetry', 'control')], sys: [1, 1],
    control: { hours: [24, 168], uncertain: 0.3, partial: [0.1, 0.4] },
    needs: [
      { service: 'gas', from: ['gas-compressor'], type: 'physical', alt: 0.9, backup: { kind: 'storage', hours: [2, 12], p: 0.5 }, recovery: [6, 48] },
      telecoms({ by: 'sys1', backup: battery([8, 48]) }),
      { service: 'data', from: ['gas-control-centre'], to: 'sys1', by: 'sys1', type: 'cyber', alt: 0.8, backup: { kind: 'manual', hours: [4, 48], p: 0.8 }, partial: [1, 0.2, 0.5], recovery: [1, 8] },
    ],
  },
  {
    code: 'gas-control-centre', sector: 'energy', subSector: 'gas', label: 'Gas National Control Centre', service: 'gas network control',
    share: 0.02, min: 2, rural: false, spread: 0.04, pop: [5_000_000, 20_000_000], crit: [0, 0, 0, 1, 3, 2],
    systems: [sys('gas network SCADA', 'scada', 'control'), S.corporate, S.remote], sys: [2, 3],
    needs: [power({ alt: 0.9, backup: generator(1, [48, 120]) }), telecoms({ alt: 0.9, ...FULL }), fuel({ partial: [1, 0.1, 0.3] }), staff()],
  },
  // ── fuel ──
  {
    code: 'fuel-terminal', sector: 'energy', subSector: 'fuel', label: 'Oil Refinery and Import Terminal', service: 'fuel supply',
    share: 0.04, min: 2, rural: true, spread: 0.05, pop: [2_000_000, 10_000_000], crit: [0, 0, 0, 3, 4, 2],
    systems: [sys('refinery distributed control system', 'dcs', 'control'), sys('safety instrumented system', 'plc', 'safety'), S.corporate, S.erp, S.remote], sys: [3, 5],
    control: { hours: [0, 1], uncertain: 0.1 },
    needs: [power({ from: BULK_POWER, alt: 0.7 }), gas({ from: ['gas-compressor', 'gas-offtake'], partial: [1, 0.3, 0.6] }), telecoms({ alt: 0.6 }), staff(), water({ tti: [4, 24], partial: [1, 0.3, 0.6] })],
  },
  {
    code: 'fuel-depot', sector: 'energy', subSector: 'fuel', label: 'Fuel Distribution Depot', service: 'fuel distribution',
    share: 0.35, min: 3, rural: true, spread: 0.06, pop: [50_000, 600_000], crit: [0, 2, 5, 2, 0.2, 0],
    systems: [sys('terminal automation system', 'plc', 'control'), S.corporate], sys: [1, 2],
    control: { hours: [4, 24], uncertain: 0.4 },
    needs: [
      { service: 'fuel', from: ['fuel-terminal'], type: 'physical', alt: 0.7, backup: { kind: 'storage', hours: [72, 240] }, recovery: [24, 96] },
      power({ backup: generator(0.4, [24, 72]) }), telecoms({ alt: 0.3 }), haulageNeed(),
    ],
  },
  // ── water ──
  {
    code: 'water-treatment-works', sector: 'water', subSector: 'treatment', label: 'Water Treatment Works', service: 'drinking water',
    share: 1.2, min: 3, rural: true, spread: 0.08, pop: [20_000, 800_000], crit: [0, 2, 5, 3, 0.5, 0],
    systems: [scadaControl('treatment'), sys('chemical dosing control', 'plc', 'control'), S.corporate, S.remote], sys: [2, 4],
    control: { hours: [8, 48], uncertain: 0.4 },
    needs: [
      power({ alt: 0.8, backup: generator(0.6, [24, 72]) }), telecoms({ by: 'sys1', alt: 0.3, partial: [1, 0.2, 0.5] }), chemicals(),
      { service: 'data', from: ['water-control-centre'], to: 'sys1', by: 'sys1', type: 'cyber', alt: 0.5, backup: { kind: 'manual', hours: [12, 72] }, partial: [1, 0.2, 0.5], recovery: [1, 8] },
      staff(), fuel({ p: 0.6, partial: [1, 0.1, 0.3] }),
    ],
  },
  {
    code: 'water-pumping-station', sector: 'water', subSector: 'supply', label: 'Water Pumping Station', service: 'drinking water',
    share: 5.0, min: 4, rural: true, spread: 0.06, pop: [2_000, 60_000], crit: [3, 7, 2, 0.2, 0, 0],
    systems: [telemetryOutstation, sys('pump control panel', 'plc', 'control')], sys: [1, 2],
    control: { hours: [24, 168], uncertain: 0.5, partial: [0.2, 0.5] },
    needs: [
      { service: 'water', from: ['water-treatment-works'], type: 'physical', alt: 0.7, tti: [2, 12], recovery: [6, 24] },
      power({ backup: generator(0.15, [12, 48]) }), telecoms({ by: 'sys1', backup: battery([8, 48], 0.8) }),
      { service: 'data', from: ['water-control-centre'], to: 'sys1', by: 'sys1', type: 'cyber', alt: 0.5, backup: { kind: 'manual', hours: [24, 168], p: 0.8 }, partial: [1, 0.2, 0.5], recovery: [1, 8] },
    ],
  },
  {
    code: 'service-reservoir', sector: 'water', subSector: 'supply', label: 'Service Reservoir', service: 'drinking water storage',
    share: 2.0, min: 3, rural: true, spread: 0.06, pop: [3_000, 80_000], crit: [3, 6, 2, 0.2, 0, 0],
    systems: [telemetryOutstation], sys: [1, 1],
    control: { hours: [72, 336], uncertain: 0.3, partial: [0.1, 0.3] },
    needs: [
      { service: 'water', from: ['water-pumping-station'], type: 'physical', tti: [12, 36], backup: { kind: 'storage', hours: [12, 48] }, recovery: [6, 24] },
      telecoms({ by: 'sys1', backup: battery([24, 72]) }),
      { service: 'data', from: ['water-control-centre'], to: 'sys1', by: 'sys1', type: 'cyber', alt: 0.5, backup: { kind: 'manual', hours: [24, 168], p: 0.8 }, partial: [1, 0.2, 0.5], recovery: [1, 8] },
    ],
  },
  {
    code: 'wastewater-treatment-works', sector: 'water', subSector: 'waste-water', label: 'Wastewater Treatment Works', service: 'sewage treatment',
    share: 2.5, min: 2, rural: true, spread: 0.07, pop: [2_000, 500_000], crit: [3, 6, 3, 0.5, 0, 0],
    systems: [scadaControl('wastewater'), sys('inlet pumping control', 'plc', 'control'), S.corporate], sys: [1, 3],
    control: { hours: [12, 72], uncertain: 0.5 },
    needs: [power({ backup: generator(0.3, [24, 72]) }), telecoms({ by: 'sys1', partial: [1, 0.2, 0.5] }), chemicals({ partial: [1, 0.2, 0.5] }), { service: 'data', from: ['water-control-centre'], to: 'sys1', by: 'sys1', type: 'cyber', alt: 0.5, backup: { kind: 'manual', hours: [24, 168], p: 0.8 }, partial: [1, 0.2, 0.5], recovery: [1, 8] }, staff({ p: 0.5 })],
  },
  {
    code: 'water-control-centre', sector: 'water', subSector: 'supply', label: 'Water Operations Control Centre', service: 'water network control',
    share: 0.06, min: 2, rural: false, spread: 0.04, pop: [500_000, 5_000_000], crit: [0, 0, 1, 4, 3, 0],
    systems: [sys('regional water SCADA', 'scada', 'control'), S.corporate, S.servers, S.remote, S.web], sys: [3, 5],
    needs: [power({ alt: 0.7, backup: generator(0.9, [24, 72]) }), telecoms({ alt: 0.8, ...FULL }), fuel({ partial: [1, 0.1, 0.3] }), staff(), hosting({ p: 0.4 })],
  },
  // ── communications ──
  {
    code: 'core-network-node', sector: 'communications', subSector: 'internet', label: 'Core Network Node', service: 'national telecoms backbone',
    share: 0.1, min: 3, rural: false, spread: 0.03, pop: [1_000_000, 8_000_000], crit: [0, 0, 0, 2, 5, 2],
    systems: [sys('IP/MPLS core routers', 'telecom-core', 'control'), sys('network operations OSS', 'devops', 'corporate'), S.remote], sys: [2, 3],
    needs: [
      power({ from: BULK_POWER, alt: 0.8, backup: generator(1, [48, 96]) }), fuel({ partial: [1, 0.1, 0.3] }),
      { service: 'other', from: ['timing-station'], type: 'logical', by: 'sys1', tti: [24, 72], partial: [1, 0.1, 0.3], alt: 0.5, recovery: [1, 4] },
      { service: 'cooling', from: ['water-pumping-station'], type: 'physical', tti: [4, 12], backup: { kind: 'storage', hours: [12, 48], p: 0.5 }, partial: [1, 0.2, 0.5], recovery: [4, 24], p: 0.5 },
    ],
  },
  {
    code: 'telephone-exchange', sector: 'communications', subSector: 'fixed', label: 'Telephone Exchange', service: 'fixed telecoms and broadband',
    share: 5.0, min: 6, rural: false, spread: 0.04, pop: [3_000, 60_000], crit: [3, 8, 3, 0.3, 0, 0],
    systems: [sys('access network equipment', 'telecom-access', 'control'), S.bms], sys: [1, 2],
    needs: [
      power({ alt: 0.2, backup: battery([4, 8]), bigBackup: generator(1, [24, 72]) }),
      { service: 'telecoms', from: ['core-network-node'], type: 'cyber', alt: 0.7, recovery: [1, 8] },
      fuel({ p: 0.35, partial: [1, 0.1, 0.3] }),
      { service: 'data', from: ['core-network-node'], to: 'sys1', by: 'sys1', type: 'cyber', alt: 0.7, backup: { kind: 'manual', hours: [24, 168], p: 0.5 }, partial: [1, 0.2, 0.5], recovery: [1, 8] },
      { service: 'other', from: ['timing-station'], type: 'logical', by: 'sys1', tti: [4, 24], partial: [1, 0.1, 0.3], alt: 0.5, recovery: [1, 4] },
    ],
  },
  {
    code: 'mobile-mast', sector: 'communications', subSector: 'mobile', label: 'Mobile Mast', service: 'mobile telecoms',
    share: 6.0, min: 6, rural: true, spread: 0.06, pop: [500, 15_000], crit: [8, 4, 0.5, 0, 0, 0],
    systems: [sys('radio base station', 'telecom-access', 'control')], sys: [1, 1],
    needs: [
      power({ backup: battery([1, 4], 0.8) }),
      { service: 'telecoms', from: ['telephone-exchange'], type: 'cyber', alt: 0.4, altFrom: ['mobile-mast'], recovery: [1, 6] },
      { service: 'telecoms', from: ['core-network-node'], to: 'sys1', by: 'sys1', type: 'cyber', alt: 0.6, recovery: [1, 6] },
      { service: 'other', from: ['timing-station'], type: 'logical', by: 'sys1', tti: [4, 24], partial: [1, 0.1, 0.3], alt: 0.5, recovery: [1, 4] },
    ],
  },
  {
    code: 'broadcast-transmitter', sector: 'communications', subSector: 'broadcast', label: 'Broadcast Transmitter', service: 'broadcasting',
    share: 0.2, min: 2, rural: true, spread: 0.15, pop: [50_000, 2_000_000], crit: [0, 2, 4, 2, 0.3, 0],
    systems: [sys('transmitter control', 'plc', 'control'), S.remote], sys: [1, 2],
    needs: [power({ backup: generator(0.9, [24, 96]) }), { service: 'telecoms', from: ['core-network-node'], type: 'cyber', alt: 0.5, recovery: [1, 6] }, fuel({ partial: [1, 0.1, 0.3] })],
  },
  {
    code: 'data-centre', sector: 'data-infrastructure', subSector: 'data-centres', label: 'Data Centre', service: 'hosting and cloud services',
    share: 0.35, min: 3, rural: false, spread: 0.05, pop: [50_000, 3_000_000], crit: [0, 1, 3, 4, 2, 0.3],
    systems: [sys('hosting platform', 'virtual', 'corporate'), sys('data centre infrastructure management', 'bms', 'control'), S.perimeter, S.devops], sys: [2, 4],
    needs: [
      power({ from: ['primary-substation', 'grid-supply-point'], alt: 0.9, backup: generator(1, [24, 72]) }),
      { service: 'telecoms', from: ['core-network-node'], type: 'cyber', alt: 0.9, recovery: [1, 6] },
      { service: 'cooling', from: ['water-pumping-station'], type: 'physical', tti: [2, 8], backup: { kind: 'storage', hours: [12, 48], p: 0.7 }, alt: 0.5, partial: [0.5, 0.3, 0.6], recovery: [4, 24] },
      fuel({ partial: [1, 0.1, 0.3] }), staff({ partial: [1, 0.05, 0.2] }),
    ],
  },
  // ── space ──
  {
    code: 'satellite-ground-station', sector: 'space', subSector: 'ground-segment', label: 'Satellite Ground Station', service: 'satellite communications',
    share: 0.04, min: 1, rural: true, spread: 0.1, pop: [100_000, 2_000_000], crit: [0, 1, 2, 3, 1, 0],
    systems: [sys('antenna control system', 'plc', 'control'), sys('mission network', 'server', 'corporate'), S.remote], sys: [2, 3],
    needs: [power({ backup: generator(0.9, [24, 72]) }), { service: 'telecoms', from: ['core-network-node'], type: 'cyber', alt: 0.6, recovery: [1, 6] }, fuel({ partial: [1, 0.1, 0.3] })],
  },
  {
    code: 'timing-station', sector: 'space', subSector: 'positioning-timing', label: 'Time and Frequency Station', service: 'precise time (PNT)',
    share: 0.02, min: 2, rural: true, spread: 0.1, pop: [1_000_000, 10_000_000], crit: [0, 0, 1, 3, 2, 0],
    systems: [sys('time distribution system', 'telecom-core', 'control')], sys: [1, 1],
    needs: [power({ backup: generator(0.9, [48, 168]) })],
  },
  // ── civil nuclear ──
  {
    code: 'nuclear-power-station', sector: 'civil-nuclear', subSector: 'generation', label: 'Nuclear Power Station', service: 'electricity generation (nuclear)',
    share: 0.02, min: 1, rural: true, spread: 0.05, pop: [1_000_000, 4_000_000], crit: [0, 0, 0, 0, 3, 4],
    systems: [sys('reactor protection system', 'nuclear-ics', 'isolated'), sys('plant control system', 'dcs', 'control'), S.corporate, S.servers], sys: [2, 4],
    control: { hours: [0, 1], uncertain: 0.05 },
    needs: [
      { service: 'power', from: ['transmission-substation'], type: 'physical', alt: 1, backup: generator(1, [72, 168]), recovery: [6, 48] },
      telecoms({ alt: 0.9 }), fuel({ backup: { kind: 'storage', hours: [168, 336] }, partial: [1, 0.1, 0.3] }), staff({ partial: [1, 0.2, 0.5] }),
      water({ tti: [12, 72], backup: { kind: 'storage', hours: [48, 168] } }),
    ],
  },
  {
    code: 'nuclear-fuel-site', sector: 'civil-nuclear', subSector: 'fuel-cycle', label: 'Nuclear Fuel and Reprocessing Site', service: 'nuclear fuel cycle',
    share: 0.01, min: 1, rural: true, spread: 0.05, pop: [100_000, 1_000_000], crit: [0, 0, 0, 2, 3, 2],
    systems: [sys('process control system', 'nuclear-ics', 'control'), S.corporate], sys: [1, 2],
    control: { hours: [0, 2], uncertain: 0.1 },
    needs: [power({ from: BULK_POWER, alt: 0.9, backup: generator(1, [72, 168]) }), telecoms({ alt: 0.6 }), fuel({ partial: [1, 0.1, 0.3] }), water(), staff()],
  },
  {
    code: 'nuclear-waste-store', sector: 'civil-nuclear', subSector: 'waste', label: 'Radioactive Waste Store', service: 'radioactive waste management',
    share: 0.01, min: 1, rural: true, spread: 0.08, pop: [10_000, 200_000], crit: [0, 1, 2, 2, 0, 0],
    systems: [sys('ventilation and monitoring control', 'plc', 'control')], sys: [1, 1],
    needs: [power({ backup: generator(1, [48, 120]) }), telecoms(), fuel({ partial: [1, 0.1, 0.3] })],
  },
];

function haulageNeed() {
  return { service: 'transport', from: ['road-haulage-depot'], type: 'logical', tti: [6, 24], recovery: [6, 24], partial: [0.5, 0.3, 0.7] } as const;
}
