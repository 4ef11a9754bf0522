/** Building blocks for the dependency rules of site kinds (see kind-types.ts). */
import type { Need, SystemTemplate } from './kind-types.js';
import type { KitCode } from './kits.js';
import type { NetworkZone } from '../model.js';

type Opts = Partial<Need>;

export const LOCAL_POWER = ['primary-substation'];
export const BULK_POWER = ['grid-supply-point'];

export const power = (o: Opts = {}): Need => ({ service: 'power', from: LOCAL_POWER, type: 'physical', recovery: [1, 8], ...o });
/** Telecoms: a telemetry system (`by: 'sys1'`) is lost without it; a staffed site works on, degraded, unless told otherwise. */
export const telecoms = (o: Opts = {}): Need => ({
  service: 'telecoms', from: ['telephone-exchange'], type: 'cyber', alt: 0.55, altFrom: ['mobile-mast'], recovery: [1, 12],
  partial: o.by === 'sys1' ? undefined : [0.6, 0.2, 0.6], ...o,
});
/** Telecoms that the site's function is (control rooms, 999): losing them loses the site. */
export const FULL = { partial: undefined } as const;
export const water = (o: Opts = {}): Need => ({
  service: 'water', from: ['service-reservoir', 'water-pumping-station'], type: 'physical', tti: [2, 12], alt: 0.35, recovery: [6, 48], ...o,
});
export const fuel = (o: Opts = {}): Need => ({
  service: 'fuel', from: ['fuel-depot'], type: 'physical', backup: { kind: 'storage', hours: [48, 168] }, alt: 0.4, recovery: [12, 72], ...o,
});
export const gas = (o: Opts = {}): Need => ({ service: 'gas', from: ['gas-offtake'], type: 'physical', recovery: [12, 96], ...o });
export const staff = (o: Opts = {}): Need => ({
  service: 'staff', from: ['railway-station', 'bus-depot'], type: 'logical', tti: [4, 24], partial: [1, 0.1, 0.4], alt: 0.8, recovery: [2, 12], ...o,
});
export const haulage = (o: Opts = {}): Need => ({
  service: 'transport', from: ['road-haulage-depot'], type: 'logical', tti: [12, 48], alt: 0.6, recovery: [12, 48], ...o,
});
export const hosting = (o: Opts = {}): Need => ({
  service: 'data', from: ['data-centre'], type: 'cyber', by: 'sys1', alt: 0.5, recovery: [2, 24], ...o,
});
export const chemicals = (o: Opts = {}): Need => ({
  service: 'chemicals', from: ['chemical-storage', 'chemical-plant'], type: 'physical',
  backup: { kind: 'storage', hours: [168, 336] }, alt: 0.5, recovery: [24, 96], ...o,
});
/** Generator backup of 24–72 h (fuelled on site), present with probability p. */
export const generator = (p = 1, hours: readonly [number, number] = [24, 72]): Need['backup'] => ({ kind: 'generator', hours, p });
export const battery = (hours: readonly [number, number], p = 1): Need['backup'] => ({ kind: 'battery', hours, p });

const Z = {
  control: [['control', 80], ['safety', 8], ['corporate', 7], ['dmz', 4], ['internet', 1]] as const,
  safety: [['safety', 85], ['control', 13], ['isolated', 2]] as const,
  corporate: [['corporate', 90], ['dmz', 8], ['internet', 2]] as const,
  dmz: [['dmz', 75], ['internet', 25]] as const,
  isolated: [['isolated', 70], ['safety', 30]] as const,
  building: [['corporate', 50], ['control', 40], ['dmz', 6], ['internet', 4]] as const,
};

export function sys(fn: string, kit: KitCode, zone: keyof typeof Z, crit = 0): SystemTemplate {
  const type = zone === 'corporate' || zone === 'dmz' ? 'IT' : 'OT'; // 'building' systems are OT
  return { fn, type, zones: Z[zone] as ReadonlyArray<readonly [NetworkZone, number]>, kit, crit };
}

/** Systems found at many kinds of site. */
export const S = {
  corporate: sys('corporate IT', 'desktop', 'corporate', -1),
  remote: sys('remote access gateway', 'remote-access', 'dmz', -1),
  perimeter: sys('perimeter firewall', 'firewall', 'dmz', -1),
  bms: sys('building management system', 'bms', 'building', -2),
  servers: sys('business applications', 'server', 'corporate', -1),
  web: sys('public web service', 'web-app', 'dmz', -1),
  erp: sys('enterprise resource planning', 'erp', 'corporate', -1),
  devops: sys('engineering and operations tooling', 'devops', 'corporate', -1),
  monitoring: sys('infrastructure monitoring', 'monitoring', 'corporate', -1),
};
