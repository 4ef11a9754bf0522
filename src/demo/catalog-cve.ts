/**
 * Curated, embedded list of real CVEs that matter to UK infrastructure operators: internet-facing edge devices
 * (VPN, firewalls, ADCs), remote-management and file-transfer products, identity and collaboration servers, and
 * OT/ICS products (PLCs, protection relays, RTUs, HMIs). Vendor, product and name were checked against the CISA
 * Known Exploited Vulnerabilities catalog (kev: true) or the CISA ICS advisories in CSAF (kev: false) when written;
 * nothing here is read from disk at run time.
 */

export interface CveEntry {
  id: string;
  vendor: string;
  product: string;
  /** Short descriptive name, e.g. "Citrix NetScaler ADC and NetScaler Gateway Buffer Overflow Vulnerability". */
  name: string;
  /** Popular nickname where one is widely used ("Citrix Bleed", "Log4Shell"); empty otherwise. */
  nickname: string;
  /** 'ot' for operational-technology / ICS products, 'it' otherwise. */
  domain: 'it' | 'ot';
  /** Listed in CISA's Known Exploited Vulnerabilities catalog (as of 2025-08). */
  kev: boolean;
}

type Row = readonly [string, string, string, string, string, 'it' | 'ot', boolean];

const ROWS: readonly Row[] = [
  ['CVE-2021-44228', 'Apache', 'Log4j2', 'Apache Log4j2 Remote Code Execution Vulnerability', 'Log4Shell', 'it', true],
  ['CVE-2019-19781', 'Citrix', 'Application Delivery Controller (ADC), Gateway, and SD-WAN WANOP Appliance', 'Citrix ADC, Gateway, and SD-WAN WANOP Appliance Code Execution Vulnerability', '', 'it', true],
  ['CVE-2023-4966', 'Citrix', 'NetScaler ADC and NetScaler Gateway', 'Citrix NetScaler ADC and NetScaler Gateway Buffer Overflow Vulnerability', 'Citrix Bleed', 'it', true],
  ['CVE-2023-3519', 'Citrix', 'NetScaler ADC and NetScaler Gateway', 'Citrix NetScaler ADC and NetScaler Gateway Code Injection Vulnerability', '', 'it', true],
  ['CVE-2025-5777', 'Citrix', 'NetScaler ADC and Gateway', 'Citrix NetScaler ADC and Gateway Out-of-Bounds Read Vulnerability', 'Citrix Bleed 2', 'it', true],
  ['CVE-2025-6543', 'Citrix', 'NetScaler ADC and Gateway', 'Citrix NetScaler ADC and Gateway Buffer Overflow Vulnerability', '', 'it', true],
  ['CVE-2023-46805', 'Ivanti', 'Connect Secure and Policy Secure', 'Ivanti Connect Secure and Policy Secure Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2024-21887', 'Ivanti', 'Connect Secure and Policy Secure', 'Ivanti Connect Secure and Policy Secure Command Injection Vulnerability', '', 'it', true],
  ['CVE-2024-21893', 'Ivanti', 'Connect Secure, Policy Secure, and Neurons', 'Ivanti Connect Secure, Policy Secure, and Neurons Server-Side Request Forgery (SSRF) Vulnerability', '', 'it', true],
  ['CVE-2025-0282', 'Ivanti', 'Connect Secure, Policy Secure, and ZTA Gateways', 'Ivanti Connect Secure, Policy Secure, and ZTA Gateways Stack-Based Buffer Overflow Vulnerability', '', 'it', true],
  ['CVE-2025-22457', 'Ivanti', 'Connect Secure, Policy Secure, and ZTA Gateways', 'Ivanti Connect Secure, Policy Secure, and ZTA Gateways Stack-Based Buffer Overflow Vulnerability', '', 'it', true],
  ['CVE-2019-11510', 'Ivanti', 'Pulse Connect Secure', 'Ivanti Pulse Connect Secure Arbitrary File Read Vulnerability', '', 'it', true],
  ['CVE-2021-22893', 'Ivanti', 'Pulse Connect Secure', 'Ivanti Pulse Connect Secure Use-After-Free Vulnerability', '', 'it', true],
  ['CVE-2023-35078', 'Ivanti', 'Endpoint Manager Mobile (EPMM)', 'Ivanti Endpoint Manager Mobile Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2025-4427', 'Ivanti', 'Endpoint Manager Mobile (EPMM)', 'Ivanti Endpoint Manager Mobile (EPMM) Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2025-4428', 'Ivanti', 'Endpoint Manager Mobile (EPMM)', 'Ivanti Endpoint Manager Mobile (EPMM) Code Injection Vulnerability', '', 'it', true],
  ['CVE-2024-3400', 'Palo Alto Networks', 'PAN-OS', 'Palo Alto Networks PAN-OS Command Injection Vulnerability', '', 'it', true],
  ['CVE-2024-0012', 'Palo Alto Networks', 'PAN-OS', 'Palo Alto Networks PAN-OS Management Interface Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2024-9474', 'Palo Alto Networks', 'PAN-OS', 'Palo Alto Networks PAN-OS Management Interface OS Command Injection Vulnerability', '', 'it', true],
  ['CVE-2025-0108', 'Palo Alto Networks', 'PAN-OS', 'Palo Alto Networks PAN-OS Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2019-1579', 'Palo Alto Networks', 'PAN-OS', 'Palo Alto Networks PAN-OS Remote Code Execution Vulnerability', '', 'it', true],
  ['CVE-2022-1388', 'F5', 'BIG-IP', 'F5 BIG-IP Missing Authentication Vulnerability', '', 'it', true],
  ['CVE-2023-46747', 'F5', 'BIG-IP Configuration Utility', 'F5 BIG-IP Configuration Utility Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2020-5902', 'F5', 'BIG-IP', 'F5 BIG-IP Traffic Management User Interface (TMUI) Remote Code Execution Vulnerability', '', 'it', true],
  ['CVE-2018-13379', 'Fortinet', 'FortiOS', 'Fortinet FortiOS SSL VPN Path Traversal Vulnerability', '', 'it', true],
  ['CVE-2022-40684', 'Fortinet', 'Multiple Products', 'Fortinet Multiple Products Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2022-42475', 'Fortinet', 'FortiOS', 'Fortinet FortiOS Heap-Based Buffer Overflow Vulnerability', '', 'it', true],
  ['CVE-2023-27997', 'Fortinet', 'FortiOS and FortiProxy SSL-VPN', 'Fortinet FortiOS and FortiProxy SSL-VPN Heap-Based Buffer Overflow Vulnerability', '', 'it', true],
  ['CVE-2024-21762', 'Fortinet', 'FortiOS', 'Fortinet FortiOS Out-of-Bound Write Vulnerability', '', 'it', true],
  ['CVE-2024-55591', 'Fortinet', 'FortiOS and FortiProxy', 'Fortinet FortiOS and FortiProxy Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2024-47575', 'Fortinet', 'FortiManager', 'Fortinet FortiManager Missing Authentication Vulnerability', '', 'it', true],
  ['CVE-2023-48788', 'Fortinet', 'FortiClient EMS', 'Fortinet FortiClient EMS SQL Injection Vulnerability', '', 'it', true],
  ['CVE-2025-25257', 'Fortinet', 'FortiWeb', 'Fortinet FortiWeb SQL Injection Vulnerability', '', 'it', true],
  ['CVE-2021-26855', 'Microsoft', 'Exchange Server', 'Microsoft Exchange Server Remote Code Execution Vulnerability', 'ProxyLogon', 'it', true],
  ['CVE-2021-34473', 'Microsoft', 'Exchange Server', 'Microsoft Exchange Server Remote Code Execution Vulnerability', 'ProxyShell', 'it', true],
  ['CVE-2022-41040', 'Microsoft', 'Exchange Server', 'Microsoft Exchange Server Server-Side Request Forgery Vulnerability', 'ProxyNotShell', 'it', true],
  ['CVE-2022-41082', 'Microsoft', 'Exchange Server', 'Microsoft Exchange Server Remote Code Execution Vulnerability', 'ProxyNotShell', 'it', true],
  ['CVE-2023-23397', 'Microsoft', 'Office', 'Microsoft Office Outlook Privilege Escalation Vulnerability', '', 'it', true],
  ['CVE-2020-1472', 'Microsoft', 'Netlogon', 'Microsoft Netlogon Privilege Escalation Vulnerability', 'Zerologon', 'it', true],
  ['CVE-2021-34527', 'Microsoft', 'Windows', 'Microsoft Windows Print Spooler Remote Code Execution Vulnerability', 'PrintNightmare', 'it', true],
  ['CVE-2022-30190', 'Microsoft', 'Windows', 'Microsoft Windows Support Diagnostic Tool (MSDT) Remote Code Execution Vulnerability', 'Follina', 'it', true],
  ['CVE-2023-34362', 'Progress', 'MOVEit Transfer', 'Progress MOVEit Transfer SQL Injection Vulnerability', '', 'it', true],
  ['CVE-2023-0669', 'Fortra', 'GoAnywhere MFT', 'Fortra GoAnywhere MFT Remote Code Execution Vulnerability', '', 'it', true],
  ['CVE-2024-50623', 'Cleo', 'Multiple Products', 'Cleo Multiple Products Unrestricted File Upload Vulnerability', '', 'it', true],
  ['CVE-2024-1709', 'ConnectWise', 'ScreenConnect', 'ConnectWise ScreenConnect Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2024-57727', 'SimpleHelp', 'SimpleHelp', 'SimpleHelp Path Traversal Vulnerability', '', 'it', true],
  ['CVE-2023-20198', 'Cisco', 'IOS XE Web UI', 'Cisco IOS XE Web UI Privilege Escalation Vulnerability', '', 'it', true],
  ['CVE-2023-20273', 'Cisco', 'Cisco IOS XE Web UI', 'Cisco IOS XE Web UI Command Injection Vulnerability', '', 'it', true],
  ['CVE-2018-0171', 'Cisco', 'IOS and IOS XE', 'Cisco IOS and IOS XE Software Smart Install Remote Code Execution Vulnerability', '', 'it', true],
  ['CVE-2024-20353', 'Cisco', 'Adaptive Security Appliance (ASA) and Firepower Threat Defense (FTD)', 'Cisco ASA and FTD Denial of Service Vulnerability', '', 'it', true],
  ['CVE-2024-20359', 'Cisco', 'Adaptive Security Appliance (ASA) and Firepower Threat Defense (FTD)', 'Cisco ASA and FTD Privilege Escalation Vulnerability', '', 'it', true],
  ['CVE-2025-20281', 'Cisco', 'Identity Services Engine', 'Cisco Identity Services Engine Injection Vulnerability', '', 'it', true],
  ['CVE-2023-22515', 'Atlassian', 'Confluence Data Center and Server', 'Atlassian Confluence Data Center and Server Broken Access Control Vulnerability', '', 'it', true],
  ['CVE-2023-22518', 'Atlassian', 'Confluence Data Center and Server', 'Atlassian Confluence Data Center and Server Improper Authorization Vulnerability', '', 'it', true],
  ['CVE-2022-26134', 'Atlassian', 'Confluence Server/Data Center', 'Atlassian Confluence Server and Data Center Remote Code Execution Vulnerability', '', 'it', true],
  ['CVE-2021-26084', 'Atlassian', 'Confluence Server and Data Center', 'Atlassian Confluence Server and Data Center Object-Graph Navigation Language (OGNL) Injection Vulnerability', '', 'it', true],
  ['CVE-2023-42793', 'JetBrains', 'TeamCity', 'JetBrains TeamCity Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2024-27198', 'JetBrains', 'TeamCity', 'JetBrains TeamCity Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2021-22005', 'VMware', 'vCenter Server', 'VMware vCenter Server File Upload Vulnerability', '', 'it', true],
  ['CVE-2021-21972', 'VMware', 'vCenter Server', 'VMware vCenter Server Remote Code Execution Vulnerability', '', 'it', true],
  ['CVE-2023-34048', 'VMware', 'vCenter Server', 'VMware vCenter Server Out-of-Bounds Write Vulnerability', '', 'it', true],
  ['CVE-2024-37085', 'VMware', 'ESXi', 'VMware ESXi Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2023-27532', 'Veeam', 'Backup & Replication', 'Veeam Backup & Replication Cloud Connect Missing Authentication for Critical Function Vulnerability', '', 'it', true],
  ['CVE-2024-40711', 'Veeam', 'Backup & Replication', 'Veeam Backup and Replication Deserialization Vulnerability', '', 'it', true],
  ['CVE-2024-40766', 'SonicWall', 'SonicOS', 'SonicWall SonicOS Improper Access Control Vulnerability', '', 'it', true],
  ['CVE-2021-20016', 'SonicWall', 'SSLVPN SMA100', 'SonicWall SSLVPN SMA100 SQL Injection Vulnerability', '', 'it', true],
  ['CVE-2024-53704', 'SonicWall', 'SonicOS', 'SonicWall SonicOS SSLVPN Improper Authentication Vulnerability', '', 'it', true],
  ['CVE-2024-24919', 'Check Point', 'Quantum Security Gateways', 'Check Point Quantum Security Gateways Information Disclosure Vulnerability', '', 'it', true],
  ['CVE-2023-2868', 'Barracuda Networks', 'Email Security Gateway (ESG) Appliance', 'Barracuda Networks ESG Appliance Improper Input Validation Vulnerability', '', 'it', true],
  ['CVE-2023-28771', 'Zyxel', 'Multiple Firewalls', 'Zyxel Multiple Firewalls OS Command Injection Vulnerability', '', 'it', true],
  ['CVE-2022-30525', 'Zyxel', 'Multiple Firewalls', 'Zyxel Multiple Firewalls OS Command Injection Vulnerability', '', 'it', true],
  ['CVE-2023-36845', 'Juniper', 'Junos OS', 'Juniper Junos OS EX Series and SRX Series PHP External Variable Modification Vulnerability', '', 'it', true],
  ['CVE-2025-21590', 'Juniper', 'Junos OS', 'Juniper Junos OS Improper Isolation or Compartmentalization Vulnerability', '', 'it', true],
  ['CVE-2023-46604', 'Apache', 'ActiveMQ', 'Apache ActiveMQ Deserialization of Untrusted Data Vulnerability', '', 'it', true],
  ['CVE-2017-5638', 'Apache', 'Struts', 'Apache Struts Remote Code Execution Vulnerability', '', 'it', true],
  ['CVE-2021-40539', 'Zoho', 'ManageEngine', 'Zoho ManageEngine ADSelfService Plus Authentication Bypass Vulnerability', '', 'it', true],
  ['CVE-2022-47966', 'Zoho', 'ManageEngine', 'Zoho ManageEngine Multiple Products Remote Code Execution Vulnerability', '', 'it', true],
  ['CVE-2025-31324', 'SAP', 'NetWeaver', 'SAP NetWeaver Unrestricted File Upload Vulnerability', '', 'it', true],
  ['CVE-2019-0708', 'Microsoft', 'Remote Desktop Services', 'Microsoft Remote Desktop Services Remote Code Execution Vulnerability', 'BlueKeep', 'it', true],
  ['CVE-2017-0144', 'Microsoft', 'SMBv1', 'Microsoft SMBv1 Remote Code Execution Vulnerability', 'EternalBlue', 'it', true],
  ['CVE-2020-0688', 'Microsoft', 'Exchange Server', 'Microsoft Exchange Server Validation Key Remote Code Execution Vulnerability', '', 'it', true],
  ['CVE-2024-6670', 'Progress', 'WhatsUp Gold', 'Progress WhatsUp Gold SQL Injection Vulnerability', '', 'it', true],
  ['CVE-2023-20269', 'Cisco', 'Adaptive Security Appliance and Firepower Threat Defense', 'Cisco Adaptive Security Appliance and Firepower Threat Defense Unauthorized Access Vulnerability', '', 'it', true],
  ['CVE-2021-22986', 'F5', 'BIG-IP and BIG-IQ Centralized Management', 'F5 BIG-IP and BIG-IQ Centralized Management iControl REST Remote Code Execution Vulnerability', '', 'it', true],
  ['CVE-2022-22954', 'VMware', 'Workspace ONE Access and Identity Manager', 'VMware Workspace ONE Access and Identity Manager Server-Side Template Injection Vulnerability', '', 'it', true],
  ['CVE-2024-4577', 'PHP Group', 'PHP', 'PHP-CGI OS Command Injection Vulnerability', '', 'it', true],
  ['CVE-2023-44487', 'IETF', 'HTTP/2', 'HTTP/2 Rapid Reset Attack Vulnerability', 'HTTP/2 Rapid Reset', 'it', true],
  ['CVE-2025-53770', 'Microsoft', 'SharePoint', 'Microsoft SharePoint Deserialization of Untrusted Data Vulnerability', 'ToolShell', 'it', true],
  ['CVE-2022-29303', 'SolarView', 'Compact', 'SolarView Compact Command Injection Vulnerability', '', 'ot', true],
  ['CVE-2021-36260', 'Hikvision', 'Security cameras web server', 'Hikvision Improper Input Validation', '', 'ot', true],
  ['CVE-2016-8562', 'Siemens', 'SIMATIC CP', 'Siemens SIMATIC CP 1543-1 Improper Privilege Management Vulnerability', '', 'ot', true],
  ['CVE-2023-6448', 'Unitronics', 'Vision PLC and HMI', 'Unitronics Vision PLC and HMI Insecure Default Password Vulnerability', '', 'ot', true],
  ['CVE-2018-7841', 'Schneider Electric', 'U.motion Builder', 'Schneider Electric U.motion Builder SQL Injection Vulnerability', '', 'ot', true],
  ['CVE-2021-38406', 'Delta Electronics', 'DOPSoft 2', 'Delta Electronics DOPSoft 2 Improper Input Validation Vulnerability', '', 'ot', true],
  // OT / ICS, from CISA ICS advisories (ICSA-…); not all are in KEV.
  ['CVE-2021-22681', 'Rockwell Automation', 'Logix Controllers (Studio 5000 Logix Designer, RSLinx)', 'Rockwell Automation Logix Controllers Insufficiently Protected Credentials', '', 'ot', false],
  ['CVE-2022-1161', 'Rockwell Automation', 'Logix Controllers', 'Rockwell Automation Logix Controllers Inclusion of Functionality from Untrusted Control Sphere', '', 'ot', false],
  ['CVE-2024-6242', 'Rockwell Automation', 'ControlLogix / GuardLogix Controllers', 'Rockwell Automation Logix Controllers Unprotected Alternate Channel (Trusted Slot bypass)', '', 'ot', false],
  ['CVE-2023-3595', 'Rockwell Automation', 'ControlLogix Communication Modules (1756-EN2*, 1756-EN4*)', 'Rockwell Automation Select Communication Modules Out-of-bounds Write', '', 'ot', false],
  ['CVE-2023-3596', 'Rockwell Automation', 'ControlLogix Communication Modules (1756-EN4*)', 'Rockwell Automation Select Communication Modules Out-of-bounds Write', '', 'ot', false],
  ['CVE-2019-10929', 'Siemens', 'SIMATIC S7-1200 and S7-1500 CPU families', 'Siemens SIMATIC S7-1200/S7-1500 Use of a Broken or Risky Cryptographic Algorithm', '', 'ot', false],
  ['CVE-2020-15782', 'Siemens', 'SIMATIC S7-1200 and S7-1500 CPU families', 'Siemens SIMATIC S7-1200/S7-1500 Memory Protection Bypass', '', 'ot', false],
  ['CVE-2022-38465', 'Siemens', 'SIMATIC S7-1200 and S7-1500 CPU families', 'Siemens SIMATIC S7-1200/S7-1500 Insufficiently Protected Credentials (global private key)', '', 'ot', false],
  ['CVE-2019-13945', 'Siemens', 'SIMATIC S7-1200 and S7-200 SMART CPUs', 'Siemens S7-1200 and S7-200 SMART Exposed Dangerous Method or Function (hardware access mode)', '', 'ot', false],
  ['CVE-2015-5374', 'Siemens', 'SIPROTEC 4 and SIPROTEC Compact (EN100 module)', 'Siemens SIPROTEC 4 and SIPROTEC Compact Denial of Service', '', 'ot', false],
  ['CVE-2023-28489', 'Siemens', 'SICAM A8000 CPCI85 firmware', 'Siemens SICAM A8000 CPCI85 Command Injection', '', 'ot', false],
  ['CVE-2021-22779', 'Schneider Electric', 'Modicon M340/M580 controllers and EcoStruxure Control Expert', 'Schneider Electric Modicon Authentication Bypass by Spoofing', 'ModiPwn', 'ot', false],
  ['CVE-2022-45789', 'Schneider Electric', 'EcoStruxure Control Expert, Process Expert, Modicon M340 and M580', 'Schneider Electric Modicon Authentication Bypass by Capture-replay', '', 'ot', false],
  ['CVE-2020-14509', 'Wibu-Systems', 'CodeMeter Runtime', 'Wibu-Systems CodeMeter Buffer Access with Incorrect Length Value', '', 'ot', false],
  ['CVE-2021-27478', 'EIPStackGroup', 'OpENer EtherNet/IP stack', 'EIPStackGroup OpENer EtherNet/IP Incorrect Conversion between Numeric Types', '', 'ot', false],
];

export const CVE_CATALOG: readonly CveEntry[] = ROWS.map(([id, vendor, product, name, nickname, domain, kev]) => ({
  id,
  vendor,
  product,
  name,
  nickname,
  domain,
  kev,
}));
