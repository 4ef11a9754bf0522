/**
 * Operational technology: PLCs, RTUs, protection relays, HMIs and SCADA software, industrial
 * network gear. CPEs where NVD names the product (firmware `o:` with its hardware `h:`), otherwise
 * vendor / product / version as CISA ICS advisories name them.
 */
import type { Product } from './catalogue-types.js';

export const OT_PRODUCTS: readonly Product[] = [
  // ── PLCs ──
  {
    key: 's7-1500', vendor: 'Siemens', product: 'SIMATIC S7-1500 CPU 1516-3 PN/DP firmware',
    cpe: 'o:siemens:simatic_s7-1500_cpu_firmware', hw: 'h:siemens:simatic_s7-1500_cpu_1516-3_pn\\/dp',
    hwProduct: 'SIMATIC S7-1500 CPU 1516-3 PN/DP',
    versions: [{ v: '2.8.3', w: 2 }, { v: '2.9.4', w: 3 }, { v: '3.0.3', w: 3 }, { v: '3.1.2', w: 1 }],
  },
  {
    key: 's7-1200', vendor: 'Siemens', product: 'SIMATIC S7-1200 CPU 1214C firmware',
    cpe: 'o:siemens:simatic_s7-1200_cpu_firmware', hw: 'h:siemens:simatic_s7-1200_cpu_1214c_dc\\/dc\\/dc',
    hwProduct: 'SIMATIC S7-1200 CPU 1214C DC/DC/DC',
    versions: [{ v: '4.2.3', w: 2 }, { v: '4.4.0', w: 2 }, { v: '4.5.2', w: 3 }, { v: '4.6.1', w: 1 }],
  },
  { key: 's7-300', vendor: 'Siemens', product: 'SIMATIC S7-300 CPU 315-2 PN/DP', versions: [{ v: 'V3.2.17' }, { v: 'V3.2.19' }] },
  {
    key: 'cp1543', vendor: 'Siemens', product: 'SIMATIC CP 1543-1 firmware', cpe: 'o:siemens:simatic_cp_1543-1_firmware',
    hw: 'h:siemens:simatic_cp_1543-1', hwProduct: 'SIMATIC CP 1543-1',
    versions: [{ v: '1.1.25', kev: ['CVE-2016-8562'] }, { v: '3.0.37', w: 3 }],
  },
  {
    key: 'm340', vendor: 'Schneider Electric', product: 'Modicon M340 firmware', cpe: 'o:schneider-electric:modicon_m340_firmware',
    hw: 'h:schneider-electric:modicon_m340', hwProduct: 'Modicon M340 BMXP342020',
    versions: [{ v: '3.20', w: 1 }, { v: '3.40', w: 2 }, { v: '3.51', w: 2 }],
  },
  {
    key: 'm580', vendor: 'Schneider Electric', product: 'Modicon M580 firmware', cpe: 'o:schneider-electric:modicon_m580_firmware',
    hw: 'h:schneider-electric:modicon_m580', hwProduct: 'Modicon M580 BMEP582040',
    versions: [{ v: '3.20' }, { v: '4.02', w: 2 }, { v: '4.10', w: 2 }],
  },
  { key: 'm221', vendor: 'Schneider Electric', product: 'Modicon M221', versions: [{ v: '1.6.2.0' }, { v: '1.10.2.2' }] },
  {
    key: 'controllogix', vendor: 'Rockwell Automation', product: 'ControlLogix 5580 firmware',
    cpe: 'o:rockwellautomation:controllogix_5580_firmware', hw: 'h:rockwellautomation:controllogix_5580', hwProduct: 'ControlLogix 5580 1756-L83E',
    versions: [{ v: '32.011' }, { v: '33.011', w: 2 }, { v: '34.011', w: 2 }, { v: '35.013' }],
  },
  {
    key: 'compactlogix', vendor: 'Rockwell Automation', product: 'CompactLogix 5380 firmware',
    cpe: 'o:rockwellautomation:compactlogix_5380_firmware', hw: 'h:rockwellautomation:compactlogix_5380', hwProduct: 'CompactLogix 5380 5069-L320ER',
    versions: [{ v: '31.011' }, { v: '33.011', w: 2 }, { v: '35.011' }],
  },
  { key: 'micrologix', vendor: 'Rockwell Automation', product: 'MicroLogix 1400', versions: [{ v: 'B 21.007' }, { v: 'B 21.6' }] },
  {
    key: 'unitronics', vendor: 'Unitronics', product: 'Vision V1210 PLC/HMI',
    versions: [{ v: 'VOS 9.8.64', kev: ['CVE-2023-6448'] }, { v: 'VOS 9.9.00', w: 2 }],
  },
  { key: 'ac500', vendor: 'ABB', product: 'AC500 PM5650-2ETH', versions: [{ v: '3.5.0' }, { v: '3.6.1' }] },
  { key: 'wago-pfc200', vendor: 'WAGO', product: 'PFC200 750-8212', versions: [{ v: '03.10.08(22)' }, { v: '04.02.13(24)' }] },
  // ── RTUs and substation automation ──
  { key: 'rtu500', vendor: 'Hitachi Energy', product: 'RTU500 series CMU', versions: [{ v: '12.7.3', w: 2 }, { v: '13.2.1', w: 2 }, { v: '13.4.2', w: 1 }] },
  { key: 'rtu560', vendor: 'ABB', product: 'RTU560 CMU', versions: [{ v: '12.2.11' }, { v: '12.4.11' }] },
  { key: 'sicam-a8000', vendor: 'Siemens', product: 'SICAM A8000 CP-8050', versions: [{ v: 'CPCI85 V05.11' }, { v: 'CPCI85 V05.30', w: 2 }] },
  { key: 'sel-rtac', vendor: 'Schweitzer Engineering Laboratories', product: 'SEL-3530 RTAC', versions: [{ v: 'R148' }, { v: 'R150' }] },
  { key: 'ge-d20mx', vendor: 'GE Vernova', product: 'D20MX', versions: [{ v: '3.5.0' }, { v: '4.1.0' }] },
  { key: 'scadapack', vendor: 'Schneider Electric', product: 'SCADAPack 570', versions: [{ v: '9.8.4' }, { v: '9.12.2', w: 2 }] },
  { key: 'ovarro-tbox', vendor: 'Ovarro', product: 'TBox LT2', versions: [{ v: '1.46.0' }, { v: '1.50.2' }] },
  // ── protection relays ──
  { key: 'siprotec5', vendor: 'Siemens', product: 'SIPROTEC 5 7SJ82', versions: [{ v: 'V8.30' }, { v: 'V9.40', w: 2 }] },
  { key: 'relion670', vendor: 'ABB', product: 'Relion 670 series', versions: [{ v: '2.2.5' }, { v: '2.2.4' }] },
  { key: 'micom-p14x', vendor: 'GE Vernova', product: 'MiCOM P14x', versions: [{ v: '57' }, { v: '62' }] },
  { key: 'multilin-ur', vendor: 'GE Vernova', product: 'Multilin UR L90', versions: [{ v: '7.80' }, { v: '8.20' }] },
  { key: 'sel-751', vendor: 'Schweitzer Engineering Laboratories', product: 'SEL-751 Feeder Protection Relay', versions: [{ v: 'R403' }, { v: 'R412' }] },
  // ── SCADA / HMI software ──
  {
    key: 'wincc', vendor: 'Siemens', product: 'SIMATIC WinCC', cpe: 'a:siemens:simatic_wincc',
    versions: [{ v: '7.5', u: 'sp2', w: 2 }, { v: '8.0', w: 1 }, { v: '7.4', u: 'sp1', w: 1 }],
  },
  { key: 'geo-scada', vendor: 'Schneider Electric', product: 'EcoStruxure Geo SCADA Expert', cpe: 'a:schneider-electric:ecostruxure_geo_scada_expert', versions: [{ v: '2021', w: 2 }, { v: '2023' }] },
  { key: 'microscada', vendor: 'Hitachi Energy', product: 'MicroSCADA X SYS600', cpe: 'a:hitachienergy:microscada_x_sys600', versions: [{ v: '10.3' }, { v: '10.4', w: 2 }, { v: '10.5' }] },
  { key: 'ifix', vendor: 'GE Vernova', product: 'Proficy HMI/SCADA iFIX', cpe: 'a:ge:ifix', versions: [{ v: '6.1' }, { v: '6.5', w: 2 }, { v: '2023' }] },
  { key: 'cimplicity', vendor: 'GE Vernova', product: 'Proficy CIMPLICITY', cpe: 'a:ge:cimplicity', versions: [{ v: '2022' }, { v: '2023', w: 2 }] },
  { key: 'factorytalk', vendor: 'Rockwell Automation', product: 'FactoryTalk View SE', cpe: 'a:rockwellautomation:factorytalk_view', cpeTail: '*:*:se:*:*:*', versions: [{ v: '12.0' }, { v: '13.0', w: 2 }] },
  { key: 'intouch', vendor: 'AVEVA', product: 'InTouch HMI', cpe: 'a:aveva:intouch', versions: [{ v: '2020', u: 'r2', w: 2 }, { v: '2023' }] },
  { key: 'pi-server', vendor: 'AVEVA', product: 'PI Server', cpe: 'a:aveva:pi_server', versions: [{ v: '2018', u: 'sp3' }, { v: '2023', w: 2 }] },
  { key: 'experion', vendor: 'Honeywell', product: 'Experion PKS', versions: [{ v: 'R510.2' }, { v: 'R520.2' }] },
  { key: 'deltav', vendor: 'Emerson', product: 'DeltaV DCS', versions: [{ v: '14.3' }, { v: '15.LTS' }] },
  { key: 'centum', vendor: 'Yokogawa', product: 'CENTUM VP', versions: [{ v: 'R6.09' }, { v: 'R6.11' }] },
  { key: 'niagara', vendor: 'Tridium', product: 'Niagara Framework', cpe: 'a:tridium:niagara', versions: [{ v: '4.10' }, { v: '4.14', w: 2 }] },
  { key: 'desigo', vendor: 'Siemens', product: 'Desigo PXC5', versions: [{ v: 'V6.00' }, { v: 'V7.00' }] },
  { key: 'metasys', vendor: 'Johnson Controls', product: 'Metasys ADX', versions: [{ v: '12.0' }, { v: '13.0' }] },
  { key: 'scada-dnp3-os', vendor: 'Canonical', product: 'Ubuntu Linux', cpe: 'o:canonical:ubuntu_linux', cpeTail: '*:*:lts:*:*:*', versions: [{ v: '20.04' }, { v: '22.04', w: 2 }] },
  // ── industrial networking ──
  {
    key: 'scalance-xc208', vendor: 'Siemens', product: 'SCALANCE XC208 firmware', cpe: 'o:siemens:scalance_xc208_firmware',
    hw: 'h:siemens:scalance_xc208', hwProduct: 'SCALANCE XC208', versions: [{ v: '4.3' }, { v: '4.5', w: 2 }],
  },
  {
    key: 'ruggedcom-ros', vendor: 'Siemens', product: 'RUGGEDCOM ROS', cpe: 'o:siemens:ruggedcom_ros',
    hw: 'h:siemens:ruggedcom_rsg2300', hwProduct: 'RUGGEDCOM RSG2300', versions: [{ v: '4.3.7' }, { v: '5.6.0', w: 2 }, { v: '5.8.0' }],
  },
  {
    key: 'moxa-nport', vendor: 'Moxa', product: 'NPort 5110 firmware', cpe: 'o:moxa:nport_5110_firmware',
    hw: 'h:moxa:nport_5110', hwProduct: 'NPort 5110', versions: [{ v: '2.10', w: 2 }, { v: '2.11' }],
  },
  {
    key: 'moxa-eds', vendor: 'Moxa', product: 'EDS-510E firmware', cpe: 'o:moxa:eds-510e_firmware',
    hw: 'h:moxa:eds-510e', hwProduct: 'EDS-510E', versions: [{ v: '5.2' }, { v: '5.3' }],
  },
  { key: 'hirschmann-rsp', vendor: 'Hirschmann (Belden)', product: 'RSP industrial switch (HiOS)', versions: [{ v: 'HiOS 08.7.00' }, { v: 'HiOS 09.1.00', w: 2 }] },
  { key: 'hirschmann-eagle', vendor: 'Hirschmann (Belden)', product: 'EAGLE40 industrial firewall (HiSecOS)', versions: [{ v: 'HiSecOS 04.2.00' }, { v: 'HiSecOS 04.4.01' }] },
  { key: 'stratix', vendor: 'Rockwell Automation', product: 'Stratix 5700', versions: [{ v: '15.2(7)E4' }, { v: '15.2(8)E2' }] },
  { key: 'cisco-ie', vendor: 'Cisco', product: 'Catalyst IE3400 (IOS XE)', cpe: 'o:cisco:ios_xe', versions: [{ v: '17.6.4' }, { v: '17.9.5', w: 2 }] },
  // ── cellular routers and serial gateways (often carelessly exposed) ──
  { key: 'teltonika', vendor: 'Teltonika', product: 'RUT240 cellular router', versions: [{ v: 'RUT2XX_R_00.01.14.7' }, { v: 'RUT2_R_00.07.06.10' }] },
  { key: 'sierra-rv50', vendor: 'Sierra Wireless', product: 'AirLink RV50X', versions: [{ v: '4.16.0' }, { v: '4.17.0' }] },
  { key: 'moxa-oncell', vendor: 'Moxa', product: 'OnCell G3150A-LTE', versions: [{ v: '1.3' }, { v: '1.4' }] },
  // ── clinical devices and building / rail / telecom equipment ──
  { key: 'intellivue', vendor: 'Philips', product: 'IntelliVue MX800 patient monitor', versions: [{ v: 'M.00.03' }, { v: 'N.00.01' }] },
  { key: 'carescape', vendor: 'GE HealthCare', product: 'CARESCAPE Central Station', versions: [{ v: '2.0' }, { v: '3.0' }] },
  { key: 'westlock', vendor: 'Siemens Mobility', product: 'Trackguard Westlock interlocking', versions: [{ v: '2.4' }, { v: '3.1' }] },
  { key: 'ebilock', vendor: 'Hitachi Rail', product: 'Ebilock 950 interlocking', versions: [{ v: 'R4' }, { v: 'R5' }] },
  { key: 'nokia-sros', vendor: 'Nokia', product: '7750 SR (SR OS)', versions: [{ v: '22.10.R1' }, { v: '23.7.R2', w: 2 }] },
  { key: 'ericsson-bb', vendor: 'Ericsson', product: 'Baseband 6630', versions: [{ v: '23.Q2' }, { v: '24.Q1' }] },
  { key: 'ios-xr', vendor: 'Cisco', product: 'IOS XR (ASR 9000)', cpe: 'o:cisco:ios_xr', versions: [{ v: '7.5.2' }, { v: '7.9.2', w: 2 }] },
  { key: 'junos', vendor: 'Juniper Networks', product: 'Junos OS (MX series)', cpe: 'o:juniper:junos', versions: [{ v: '21.4', u: 'r3-s5' }, { v: '22.4', u: 'r3', w: 2 }] },
  { key: 'meinberg', vendor: 'Meinberg', product: 'LANTIME M3000 time server', versions: [{ v: '7.06.013' }, { v: '7.08.007' }] },
];
