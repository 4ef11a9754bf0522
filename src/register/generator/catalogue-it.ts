/**
 * Information technology: operating systems, servers and business software, edge devices (VPN
 * gateways, firewalls, load balancers) and software packages by purl. Versions are a mix of
 * patched releases and releases listed in CISA KEV (noted per version with the CVEs that NVD's
 * configurations, or the vendor's advisory, place them in).
 */
import type { Product } from './catalogue-types.js';

export const IT_PRODUCTS: readonly Product[] = [
  // ── operating systems ──
  { key: 'win2022', vendor: 'Microsoft', product: 'Windows Server 2022', cpe: 'o:microsoft:windows_server_2022', versions: [{ v: '10.0.20348.2113' }, { v: '10.0.20348.2700', w: 2 }] },
  {
    key: 'win2019', vendor: 'Microsoft', product: 'Windows Server 2019', cpe: 'o:microsoft:windows_server_2019',
    versions: [{ v: '10.0.17763.5458', kev: ['CVE-2024-38193'] }, { v: '10.0.17763.6414', w: 2 }],
  },
  { key: 'win2016', vendor: 'Microsoft', product: 'Windows Server 2016', cpe: 'o:microsoft:windows_server_2016', versions: [{ v: '10.0.14393.6709' }, { v: '10.0.14393.7428' }] },
  { key: 'win2012r2', vendor: 'Microsoft', product: 'Windows Server 2012 R2', cpe: 'o:microsoft:windows_server_2012', versions: [{ v: 'r2' }] },
  { key: 'win10', vendor: 'Microsoft', product: 'Windows 10 22H2', cpe: 'o:microsoft:windows_10_22h2', versions: [{ v: '10.0.19045.3930' }, { v: '10.0.19045.5011', w: 2 }] },
  { key: 'win7', vendor: 'Microsoft', product: 'Windows 7', cpe: 'o:microsoft:windows_7', versions: [{ v: '-', u: 'sp1' }] },
  { key: 'winxp', vendor: 'Microsoft', product: 'Windows XP', cpe: 'o:microsoft:windows_xp', versions: [{ v: '-', u: 'sp3' }] },
  /** Inventories that only know "Windows" record the unversioned platform: the running-on platform of several KEV configurations. */
  { key: 'windows', vendor: 'Microsoft', product: 'Windows', cpe: 'o:microsoft:windows', versions: [{ v: '-' }] },
  { key: 'rhel', vendor: 'Red Hat', product: 'Enterprise Linux', cpe: 'o:redhat:enterprise_linux', versions: [{ v: '8.6' }, { v: '8.10' }, { v: '9.4', w: 2 }] },
  { key: 'ubuntu', vendor: 'Canonical', product: 'Ubuntu Linux', cpe: 'o:canonical:ubuntu_linux', cpeTail: '*:*:lts:*:*:*', versions: [{ v: '20.04' }, { v: '22.04', w: 2 }, { v: '24.04' }] },
  // ── virtualisation and backup ──
  {
    key: 'esxi', vendor: 'VMware', product: 'ESXi', cpe: 'o:vmware:esxi',
    versions: [{ v: '7.0', u: 'update3o', kev: ['CVE-2025-22224', 'CVE-2025-22225', 'CVE-2025-22226'] }, { v: '8.0', u: 'update3e', w: 2 }],
  },
  {
    key: 'vcenter', vendor: 'VMware', product: 'vCenter Server', cpe: 'a:vmware:vcenter_server',
    versions: [{ v: '7.0', u: 'update3n', kev: ['CVE-2023-34048', 'CVE-2024-38812', 'CVE-2024-38813'] }, { v: '8.0', u: 'update3b', w: 2 }],
  },
  {
    key: 'veeam', vendor: 'Veeam', product: 'Backup & Replication', cpe: 'a:veeam:veeam_backup_\\&_replication',
    versions: [{ v: '12.1.1.56', kev: ['CVE-2024-40711'] }, { v: '12.3.0.310', w: 2 }],
  },
  // ── databases, mail, collaboration ──
  { key: 'mssql', vendor: 'Microsoft', product: 'SQL Server 2019', cpe: 'a:microsoft:sql_server_2019', versions: [{ v: '15.0.4335.1' }, { v: '15.0.4385.2' }] },
  { key: 'oracle-db', vendor: 'Oracle', product: 'Database Server', cpe: 'a:oracle:database_server', versions: [{ v: '19c' }, { v: '21c' }] },
  { key: 'postgres', vendor: 'PostgreSQL', product: 'PostgreSQL', cpe: 'a:postgresql:postgresql', versions: [{ v: '13.14' }, { v: '15.8', w: 2 }, { v: '16.4' }] },
  { key: 'exchange', vendor: 'Microsoft', product: 'Exchange Server 2019', cpe: 'a:microsoft:exchange_server', versions: [{ v: '2019', u: 'cumulative_update_13' }, { v: '2019', u: 'cumulative_update_14', w: 2 }] },
  { key: 'sharepoint', vendor: 'Microsoft', product: 'SharePoint Server 2019', cpe: 'a:microsoft:sharepoint_server', versions: [{ v: '2019' }] },
  {
    key: 'confluence', vendor: 'Atlassian', product: 'Confluence Data Center', cpe: 'a:atlassian:confluence_data_center',
    versions: [{ v: '8.3.2', kev: ['CVE-2023-22515', 'CVE-2023-22518'] }, { v: '8.5.16', w: 3 }],
  },
  {
    key: 'gitlab', vendor: 'GitLab', product: 'GitLab Community Edition', cpe: 'a:gitlab:gitlab', cpeTail: '*:*:community:*:*:*',
    versions: [{ v: '16.5.1', kev: ['CVE-2023-7028'] }, { v: '17.3.4', w: 2 }],
  },
  {
    key: 'jenkins', vendor: 'Jenkins', product: 'Jenkins LTS', cpe: 'a:jenkins:jenkins', cpeTail: '*:*:lts:*:*:*',
    versions: [{ v: '2.401.3', kev: ['CVE-2024-23897'] }, { v: '2.462.3', w: 2 }],
  },
  {
    key: 'zabbix', vendor: 'Zabbix', product: 'Zabbix', cpe: 'a:zabbix:zabbix',
    versions: [{ v: '5.4.8', kev: ['CVE-2022-23131', 'CVE-2022-23134'] }, { v: '6.0.33', w: 3 }],
  },
  {
    key: 'ivanti-epm', vendor: 'Ivanti', product: 'Endpoint Manager', cpe: 'a:ivanti:endpoint_manager',
    versions: [{ v: '2022', u: 'su4', kev: ['CVE-2024-29824'] }, { v: '2024', u: 'su1', w: 2 }],
  },
  {
    key: 'sap-netweaver', vendor: 'SAP', product: 'NetWeaver Application Server Java', cpe: 'a:sap:netweaver_application_server_java',
    versions: [{ v: '7.50', kev: ['CVE-2025-31324'] }],
  },
  {
    key: 'ofbiz', vendor: 'Apache', product: 'OFBiz', cpe: 'a:apache:ofbiz',
    versions: [{ v: '18.12.12', kev: ['CVE-2024-32113', 'CVE-2024-38856', 'CVE-2024-45195'] }, { v: '18.12.16', w: 2 }],
  },
  // ── web servers and runtimes ──
  {
    key: 'httpd', vendor: 'Apache', product: 'HTTP Server', cpe: 'a:apache:http_server',
    versions: [{ v: '2.4.58', kev: ['CVE-2024-38475'] }, { v: '2.4.62', w: 2 }],
  },
  {
    key: 'nginx', vendor: 'F5', product: 'NGINX Open Source', cpe: 'a:f5:nginx',
    versions: [{ v: '1.24.0', kev: ['CVE-2023-44487'] }, { v: '1.26.2', w: 2 }],
  },
  {
    key: 'tomcat', vendor: 'Apache', product: 'Tomcat', cpe: 'a:apache:tomcat',
    versions: [{ v: '9.0.80', kev: ['CVE-2023-44487', 'CVE-2025-24813'] }, { v: '9.0.98', kev: ['CVE-2025-24813'] }, { v: '10.1.39', w: 2 }],
  },
  {
    key: 'nodejs', vendor: 'Node.js', product: 'Node.js', cpe: 'a:nodejs:node.js',
    versions: [{ v: '18.17.1', kev: ['CVE-2023-44487'] }, { v: '20.18.0', w: 2 }],
  },
  {
    key: 'php', vendor: 'PHP Group', product: 'PHP', cpe: 'a:php:php',
    versions: [{ v: '8.1.27', kev: ['CVE-2024-4577'] }, { v: '8.3.12', w: 2 }],
  },
  {
    key: 'dotnet', vendor: 'Microsoft', product: '.NET', cpe: 'a:microsoft:.net',
    versions: [{ v: '6.0.20', kev: ['CVE-2023-44487'] }, { v: '8.0.8', w: 2 }],
  },
  { key: 'jre', vendor: 'Oracle', product: 'Java SE Runtime Environment', cpe: 'a:oracle:jre', versions: [{ v: '1.8.0', u: 'update_401' }, { v: '17.0.12', w: 2 }] },
  {
    key: 'erlang', vendor: 'Ericsson', product: 'Erlang/OTP', cpe: 'a:erlang:erlang\\/otp',
    versions: [{ v: '26.2.5', kev: ['CVE-2025-32433'] }, { v: '27.3.4', w: 2 }],
  },
  {
    key: 'envoy', vendor: 'Envoy Proxy', product: 'Envoy', cpe: 'a:envoyproxy:envoy',
    versions: [{ v: '1.26.4', kev: ['CVE-2023-44487'] }, { v: '1.31.2', w: 2 }],
  },
  { key: 'openssl', vendor: 'OpenSSL', product: 'OpenSSL', cpe: 'a:openssl:openssl', versions: [{ v: '1.1.1w' }, { v: '3.0.7' }, { v: '3.0.15', w: 2 }] },
  { key: 'openssh', vendor: 'OpenBSD', product: 'OpenSSH', cpe: 'a:openbsd:openssh', versions: [{ v: '8.9', u: 'p1', w: 2 }, { v: '9.8', u: 'p1' }] },
  // ── desktop software ──
  {
    key: 'chrome', vendor: 'Google', product: 'Chrome', cpe: 'a:google:chrome',
    versions: [
      { v: '124.0.6367.91', kev: ['CVE-2024-4947', 'CVE-2024-7965', 'CVE-2024-7971', 'CVE-2025-5419', 'CVE-2025-6554', 'CVE-2025-6558'] },
      { v: '139.0.7258.127', w: 3 },
    ],
  },
  {
    key: 'firefox-esr', vendor: 'Mozilla', product: 'Firefox ESR', cpe: 'a:mozilla:firefox_esr',
    versions: [{ v: '115.10.0', kev: ['CVE-2024-9680'] }, { v: '128.14.0', w: 2 }],
  },
  {
    key: 'git', vendor: 'Git', product: 'Git', cpe: 'a:git-scm:git',
    versions: [{ v: '2.43.0', kev: ['CVE-2025-48384'] }, { v: '2.50.1', w: 2 }],
  },
  {
    key: 'winrar', vendor: 'RARLAB', product: 'WinRAR', cpe: 'a:rarlab:winrar',
    versions: [{ v: '6.22', kev: ['CVE-2023-38831', 'CVE-2025-8088'] }, { v: '7.13', w: 2 }],
  },
  // ── edge: VPN gateways, firewalls, load balancers ──
  {
    key: 'fortios', vendor: 'Fortinet', product: 'FortiOS (FortiGate)', cpe: 'o:fortinet:fortios',
    versions: [
      { v: '6.0.4', kev: ['CVE-2018-13379'] },
      { v: '6.4.12', kev: ['CVE-2023-27997', 'CVE-2024-21762'] },
      { v: '7.0.12', kev: ['CVE-2024-21762', 'CVE-2024-55591'], w: 2 },
      { v: '7.2.4', kev: ['CVE-2023-27997', 'CVE-2024-21762'] },
      { v: '7.4.8', w: 4 },
    ],
  },
  {
    key: 'panos', vendor: 'Palo Alto Networks', product: 'PAN-OS', cpe: 'o:paloaltonetworks:pan-os',
    versions: [
      { v: '10.2.7', u: 'h3', kev: ['CVE-2024-3400', 'CVE-2024-0012', 'CVE-2024-9474', 'CVE-2025-0108'] },
      { v: '11.1.6', u: 'h1', w: 3 },
    ],
  },
  {
    key: 'ivanti-ics', vendor: 'Ivanti', product: 'Connect Secure', cpe: 'a:ivanti:connect_secure',
    versions: [
      { v: '9.1', u: 'r18.2', kev: ['CVE-2023-46805', 'CVE-2024-21887'] },
      { v: '22.7', u: 'r2.3', kev: ['CVE-2025-0282', 'CVE-2025-22457'] },
      { v: '22.7', u: 'r2.8', w: 2 },
    ],
  },
  {
    key: 'netscaler', vendor: 'Citrix', product: 'NetScaler ADC', cpe: 'a:citrix:netscaler_application_delivery_controller',
    versions: [
      { v: '13.1-49.13', kev: ['CVE-2023-4966', 'CVE-2023-6548', 'CVE-2023-6549', 'CVE-2025-5777', 'CVE-2025-6543'] },
      { v: '14.1-47.46', w: 2 },
    ],
  },
  {
    key: 'ios-xe', vendor: 'Cisco', product: 'IOS XE', cpe: 'o:cisco:ios_xe',
    versions: [{ v: '17.9.3', kev: ['CVE-2023-20198', 'CVE-2023-20273'] }, { v: '17.12.4', w: 2 }],
  },
  { key: 'cisco-asa', vendor: 'Cisco', product: 'Adaptive Security Appliance Software', cpe: 'o:cisco:adaptive_security_appliance_software', versions: [{ v: '9.16.4' }, { v: '9.20.3', w: 2 }] },
  {
    key: 'bigip', vendor: 'F5', product: 'BIG-IP Local Traffic Manager', cpe: 'a:f5:big-ip_local_traffic_manager',
    versions: [{ v: '16.1.2', kev: ['CVE-2022-1388', 'CVE-2023-46747'] }, { v: '17.1.1.4', w: 2 }],
  },
  { key: 'checkpoint', vendor: 'Check Point', product: 'Quantum Security Gateway (Gaia)', versions: [{ v: 'R81.10' }, { v: 'R81.20', w: 2 }] },
  // ── clinical / business applications named only ──
  { key: 'epr', vendor: 'Oracle Health', product: 'Millennium EPR', versions: [{ v: '2018.07' }, { v: '2022.01' }] },
  { key: 'pacs', vendor: 'Sectra', product: 'Sectra PACS', versions: [{ v: '24.2' }, { v: '25.1' }] },
  { key: 'cad', vendor: 'Motorola Solutions', product: 'CommandCentral CAD', versions: [{ v: '2023.2' }] },
];

/** Software packages by purl (application dependencies). */
export const PACKAGE_PRODUCTS: readonly Product[] = [
  {
    key: 'log4j', vendor: 'Apache', product: 'log4j-core', cpe: 'a:apache:log4j', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core',
    versions: [{ v: '2.14.1', kev: ['CVE-2021-44228'] }, { v: '2.17.2', w: 2 }, { v: '2.23.1', w: 3 }],
  },
  {
    key: 'spring-beans', vendor: 'VMware', product: 'spring-beans', purl: 'pkg:maven/org.springframework/spring-beans',
    versions: [{ v: '5.3.17', kev: ['CVE-2022-22965'] }, { v: '5.3.39', w: 2 }, { v: '6.1.13', w: 2 }],
  },
  { key: 'tomcat-embed', vendor: 'Apache', product: 'tomcat-embed-core', purl: 'pkg:maven/org.apache.tomcat.embed/tomcat-embed-core', versions: [{ v: '9.0.80' }, { v: '10.1.39', w: 2 }] },
  { key: 'jackson', vendor: 'FasterXML', product: 'jackson-databind', purl: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind', versions: [{ v: '2.13.4.2' }, { v: '2.17.2', w: 2 }] },
  { key: 'express', vendor: 'OpenJS Foundation', product: 'express', purl: 'pkg:npm/express', versions: [{ v: '4.18.2' }, { v: '4.21.0', w: 2 }] },
  { key: 'lodash', vendor: 'OpenJS Foundation', product: 'lodash', purl: 'pkg:npm/lodash', versions: [{ v: '4.17.20' }, { v: '4.17.21', w: 3 }] },
  { key: 'axios', vendor: 'axios', product: 'axios', purl: 'pkg:npm/axios', versions: [{ v: '0.21.1' }, { v: '1.7.7', w: 2 }] },
  { key: 'django', vendor: 'Django Software Foundation', product: 'Django', purl: 'pkg:pypi/django', versions: [{ v: '3.2.18' }, { v: '4.2.16', w: 2 }] },
  { key: 'requests', vendor: 'Python Software Foundation', product: 'requests', purl: 'pkg:pypi/requests', versions: [{ v: '2.25.1' }, { v: '2.32.3', w: 2 }] },
  { key: 'urllib3', vendor: 'urllib3', product: 'urllib3', purl: 'pkg:pypi/urllib3', versions: [{ v: '1.26.5' }, { v: '2.2.3', w: 2 }] },
  { key: 'newtonsoft', vendor: 'Newtonsoft', product: 'Newtonsoft.Json', purl: 'pkg:nuget/Newtonsoft.Json', versions: [{ v: '12.0.3' }, { v: '13.0.3', w: 2 }] },
];
