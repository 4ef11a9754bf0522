/**
 * Curated, embedded subset of MITRE ATT&CK® (Enterprise and ICS, v18.1): real technique ids, names, tactics and
 * the ids of a few of the mitigations MITRE maps to each technique. Checked against MITRE's published STIX
 * data when written; nothing here is read from disk at run time.
 *
 * ATT&CK® is a registered trademark of The MITRE Corporation; the content is © MITRE and used under its terms of use
 * (https://attack.mitre.org/resources/legal-and-branding/terms-of-use/).
 */

export interface AttackTechnique {
  /** ATT&CK id, e.g. `T1190`, `T1059.001` or, for ICS, `T0866`. */
  id: string;
  name: string;
  /** Tactic short names (kill-chain phase names), first one is the primary tactic. */
  tactics: readonly string[];
  /** True for ATT&CK for ICS techniques (kill chain `mitre-ics-attack`). */
  ics: boolean;
  /** Ids of MITRE mitigations (see ATTACK_MITIGATIONS) mapped to this technique; may be empty. */
  mitigations: readonly string[];
  /** Canonical page, exactly as MITRE publishes it, e.g. https://attack.mitre.org/techniques/T1059/001 */
  url: string;
}

export interface AttackMitigation {
  id: string;
  name: string;
  url: string;
}

/** [id, name, tactics (space separated), mitigation ids (space separated)]. */
type Row = readonly [string, string, string, string];

const TECHNIQUE_ROWS: readonly Row[] = [
  ['T1595', 'Active Scanning', 'reconnaissance', 'M1056'],
  ['T1595.002', 'Vulnerability Scanning', 'reconnaissance', 'M1056'],
  ['T1590', 'Gather Victim Network Information', 'reconnaissance', 'M1056'],
  ['T1591', 'Gather Victim Org Information', 'reconnaissance', 'M1056'],
  ['T1592', 'Gather Victim Host Information', 'reconnaissance', 'M1056'],
  ['T1589', 'Gather Victim Identity Information', 'reconnaissance', 'M1056'],
  ['T1598', 'Phishing for Information', 'reconnaissance', 'M1017 M1054'],
  ['T1583.001', 'Domains', 'resource-development', 'M1056'],
  ['T1583.003', 'Virtual Private Server', 'resource-development', 'M1056'],
  ['T1584', 'Compromise Infrastructure', 'resource-development', 'M1056'],
  ['T1587.001', 'Malware', 'resource-development', 'M1056'],
  ['T1588.002', 'Tool', 'resource-development', 'M1056'],
  ['T1588.005', 'Exploits', 'resource-development', 'M1056'],
  ['T1608', 'Stage Capabilities', 'resource-development', 'M1056'],
  ['T1190', 'Exploit Public-Facing Application', 'initial-access', 'M1016 M1026 M1030'],
  ['T1133', 'External Remote Services', 'persistence initial-access', 'M1021 M1030 M1032'],
  ['T1078', 'Valid Accounts', 'defense-evasion persistence privilege-escalation initial-access', 'M1013 M1015 M1017'],
  ['T1078.002', 'Domain Accounts', 'defense-evasion persistence privilege-escalation initial-access', 'M1017 M1018 M1026'],
  ['T1078.004', 'Cloud Accounts', 'defense-evasion persistence privilege-escalation initial-access', 'M1015 M1017 M1018'],
  ['T1566', 'Phishing', 'initial-access', 'M1017 M1021 M1031'],
  ['T1566.001', 'Spearphishing Attachment', 'initial-access', 'M1017 M1018 M1021'],
  ['T1566.002', 'Spearphishing Link', 'initial-access', 'M1017 M1018 M1021'],
  ['T1195', 'Supply Chain Compromise', 'initial-access', 'M1013 M1016 M1018'],
  ['T1195.002', 'Compromise Software Supply Chain', 'initial-access', 'M1016 M1051'],
  ['T1199', 'Trusted Relationship', 'initial-access', 'M1018 M1030 M1032'],
  ['T1189', 'Drive-by Compromise', 'initial-access', 'M1017 M1021 M1048'],
  ['T1091', 'Replication Through Removable Media', 'lateral-movement initial-access', 'M1034 M1040 M1042'],
  ['T1200', 'Hardware Additions', 'initial-access', 'M1034 M1035'],
  ['T1059', 'Command and Scripting Interpreter', 'execution', 'M1021 M1026 M1033'],
  ['T1059.001', 'PowerShell', 'execution', 'M1026 M1038 M1042'],
  ['T1059.003', 'Windows Command Shell', 'execution', 'M1038'],
  ['T1059.004', 'Unix Shell', 'execution', 'M1038'],
  ['T1059.006', 'Python', 'execution', 'M1033 M1038 M1047'],
  ['T1059.008', 'Network Device CLI', 'execution', 'M1018 M1026 M1038'],
  ['T1047', 'Windows Management Instrumentation', 'execution', 'M1018 M1026 M1038'],
  ['T1053.005', 'Scheduled Task', 'execution persistence privilege-escalation', 'M1018 M1026 M1028'],
  ['T1204.002', 'Malicious File', 'execution', 'M1017 M1038 M1040'],
  ['T1203', 'Exploitation for Client Execution', 'execution', 'M1048 M1050 M1051'],
  ['T1569.002', 'Service Execution', 'execution', 'M1022 M1026 M1040'],
  ['T1106', 'Native API', 'execution', 'M1038 M1040'],
  ['T1505.003', 'Web Shell', 'persistence', 'M1018 M1042'],
  ['T1543.003', 'Windows Service', 'persistence privilege-escalation', 'M1018 M1028 M1040'],
  ['T1547.001', 'Registry Run Keys / Startup Folder', 'persistence privilege-escalation', ''],
  ['T1136.001', 'Local Account', 'persistence', 'M1026 M1032'],
  ['T1098', 'Account Manipulation', 'persistence privilege-escalation', 'M1018 M1022 M1026'],
  ['T1556', 'Modify Authentication Process', 'credential-access defense-evasion persistence', 'M1018 M1022 M1024'],
  ['T1542', 'Pre-OS Boot', 'defense-evasion persistence', 'M1026 M1035 M1046'],
  ['T1037', 'Boot or Logon Initialization Scripts', 'persistence privilege-escalation', 'M1022 M1024'],
  ['T1068', 'Exploitation for Privilege Escalation', 'privilege-escalation', 'M1019 M1038 M1048'],
  ['T1548.002', 'Bypass User Account Control', 'privilege-escalation defense-evasion', 'M1026 M1047 M1051'],
  ['T1055', 'Process Injection', 'defense-evasion privilege-escalation', 'M1026 M1040'],
  ['T1134', 'Access Token Manipulation', 'defense-evasion privilege-escalation', 'M1018 M1026'],
  ['T1027', 'Obfuscated Files or Information', 'defense-evasion', 'M1017 M1040 M1047'],
  ['T1036', 'Masquerading', 'defense-evasion', 'M1017 M1018 M1022'],
  ['T1070.001', 'Clear Windows Event Logs', 'defense-evasion', 'M1022 M1029 M1041'],
  ['T1070.004', 'File Deletion', 'defense-evasion', ''],
  ['T1562.001', 'Disable or Modify Tools', 'defense-evasion', 'M1018 M1022 M1024'],
  ['T1218', 'System Binary Proxy Execution', 'defense-evasion', 'M1021 M1026 M1037'],
  ['T1218.011', 'Rundll32', 'defense-evasion', 'M1050'],
  ['T1112', 'Modify Registry', 'defense-evasion persistence', 'M1024'],
  ['T1140', 'Deobfuscate/Decode Files or Information', 'defense-evasion', ''],
  ['T1014', 'Rootkit', 'defense-evasion', ''],
  ['T1497', 'Virtualization/Sandbox Evasion', 'defense-evasion discovery', ''],
  ['T1550.002', 'Pass the Hash', 'defense-evasion lateral-movement', 'M1018 M1026 M1051'],
  ['T1003', 'OS Credential Dumping', 'credential-access', 'M1015 M1017 M1025'],
  ['T1003.001', 'LSASS Memory', 'credential-access', 'M1017 M1025 M1026'],
  ['T1003.003', 'NTDS', 'credential-access', 'M1017 M1026 M1027'],
  ['T1003.006', 'DCSync', 'credential-access', 'M1015 M1026 M1027'],
  ['T1110', 'Brute Force', 'credential-access', 'M1018 M1027 M1032'],
  ['T1110.003', 'Password Spraying', 'credential-access', 'M1027 M1032 M1036'],
  ['T1552.001', 'Credentials In Files', 'credential-access', 'M1017 M1022 M1027'],
  ['T1555', 'Credentials from Password Stores', 'credential-access', 'M1026 M1027 M1051'],
  ['T1557', 'Adversary-in-the-Middle', 'credential-access collection', 'M1017 M1030 M1031'],
  ['T1558.003', 'Kerberoasting', 'credential-access', 'M1026 M1027 M1041'],
  ['T1040', 'Network Sniffing', 'credential-access discovery', 'M1018 M1030 M1032'],
  ['T1087.002', 'Domain Account', 'discovery', 'M1028'],
  ['T1046', 'Network Service Discovery', 'discovery', 'M1030 M1031 M1042'],
  ['T1018', 'Remote System Discovery', 'discovery', ''],
  ['T1082', 'System Information Discovery', 'discovery', ''],
  ['T1083', 'File and Directory Discovery', 'discovery', ''],
  ['T1016', 'System Network Configuration Discovery', 'discovery', ''],
  ['T1049', 'System Network Connections Discovery', 'discovery', ''],
  ['T1057', 'Process Discovery', 'discovery', ''],
  ['T1069', 'Permission Groups Discovery', 'discovery', ''],
  ['T1482', 'Domain Trust Discovery', 'discovery', 'M1030 M1047'],
  ['T1135', 'Network Share Discovery', 'discovery', 'M1028'],
  ['T1021.001', 'Remote Desktop Protocol', 'lateral-movement', 'M1018 M1026 M1028'],
  ['T1021.002', 'SMB/Windows Admin Shares', 'lateral-movement', 'M1026 M1027 M1035'],
  ['T1021.004', 'SSH', 'lateral-movement', 'M1018 M1032 M1042'],
  ['T1210', 'Exploitation of Remote Services', 'lateral-movement', 'M1016 M1019 M1026'],
  ['T1570', 'Lateral Tool Transfer', 'lateral-movement', 'M1031 M1037'],
  ['T1534', 'Internal Spearphishing', 'lateral-movement', ''],
  ['T1005', 'Data from Local System', 'collection', 'M1057'],
  ['T1039', 'Data from Network Shared Drive', 'collection', ''],
  ['T1114', 'Email Collection', 'collection', 'M1032 M1041 M1047'],
  ['T1560.001', 'Archive via Utility', 'collection', 'M1047'],
  ['T1074', 'Data Staged', 'collection', ''],
  ['T1213', 'Data from Information Repositories', 'collection', 'M1017 M1018 M1032'],
  ['T1071.001', 'Web Protocols', 'command-and-control', 'M1031 M1037'],
  ['T1071.004', 'DNS', 'command-and-control', 'M1031 M1037'],
  ['T1090.003', 'Multi-hop Proxy', 'command-and-control', 'M1037'],
  ['T1105', 'Ingress Tool Transfer', 'command-and-control', 'M1031 M1037'],
  ['T1572', 'Protocol Tunneling', 'command-and-control', 'M1031 M1037'],
  ['T1573.002', 'Asymmetric Cryptography', 'command-and-control', 'M1020 M1031'],
  ['T1219', 'Remote Access Tools', 'command-and-control', 'M1031 M1034 M1037'],
  ['T1102', 'Web Service', 'command-and-control', 'M1021 M1031'],
  ['T1568', 'Dynamic Resolution', 'command-and-control', 'M1021 M1031'],
  ['T1041', 'Exfiltration Over C2 Channel', 'exfiltration', 'M1031 M1057'],
  ['T1048', 'Exfiltration Over Alternative Protocol', 'exfiltration', 'M1018 M1022 M1030'],
  ['T1567.002', 'Exfiltration to Cloud Storage', 'exfiltration', 'M1021'],
  ['T1485', 'Data Destruction', 'impact', 'M1018 M1032 M1053'],
  ['T1486', 'Data Encrypted for Impact', 'impact', 'M1040 M1053'],
  ['T1489', 'Service Stop', 'impact', 'M1018 M1022 M1024'],
  ['T1490', 'Inhibit System Recovery', 'impact', 'M1018 M1028 M1038'],
  ['T1491', 'Defacement', 'impact', 'M1053'],
  ['T1495', 'Firmware Corruption', 'impact', 'M1026 M1046 M1051'],
  ['T1498', 'Network Denial of Service', 'impact', 'M1037'],
  ['T1499', 'Endpoint Denial of Service', 'impact', 'M1037'],
  ['T1529', 'System Shutdown/Reboot', 'impact', ''],
  ['T1561', 'Disk Wipe', 'impact', 'M1053'],
  ['T1565', 'Data Manipulation', 'impact', 'M1022 M1029 M1030'],
  ['T1657', 'Financial Theft', 'impact', 'M1017 M1018'],
  ['T0800', 'Activate Firmware Update Mode', 'inhibit-response-function', 'M0800 M0801 M0802'],
  ['T0803', 'Block Command Message', 'inhibit-response-function', 'M0807 M0810 M0814'],
  ['T0806', 'Brute Force I/O', 'impair-process-control', 'M0807 M0813 M0930'],
  ['T0807', 'Command-Line Interface', 'execution', 'M0938 M0942'],
  ['T0812', 'Default Credentials', 'lateral-movement', 'M0801 M0927'],
  ['T0813', 'Denial of Control', 'impact', 'M0810 M0811 M0953'],
  ['T0814', 'Denial of Service', 'inhibit-response-function', 'M0815'],
  ['T0815', 'Denial of View', 'impact', 'M0810 M0811 M0953'],
  ['T0816', 'Device Restart/Shutdown', 'inhibit-response-function', 'M0800 M0801 M0802'],
  ['T0819', 'Exploit Public-Facing Application', 'initial-access', 'M0916 M0926 M0930'],
  ['T0821', 'Modify Controller Tasking', 'execution', 'M0800 M0804 M0945'],
  ['T0822', 'External Remote Services', 'initial-access', 'M0918 M0927 M0930'],
  ['T0826', 'Loss of Availability', 'impact', 'M0810 M0811 M0953'],
  ['T0827', 'Loss of Control', 'impact', 'M0810 M0811 M0953'],
  ['T0829', 'Loss of View', 'impact', 'M0810 M0811 M0953'],
  ['T0830', 'Adversary-in-the-Middle', 'collection', 'M0802 M0810 M0813'],
  ['T0831', 'Manipulation of Control', 'impact', 'M0802 M0810 M0953'],
  ['T0832', 'Manipulation of View', 'impact', 'M0802 M0810 M0953'],
  ['T0836', 'Modify Parameter', 'impair-process-control', 'M0800 M0804 M0818'],
  ['T0837', 'Loss of Protection', 'impact', ''],
  ['T0838', 'Modify Alarm Settings', 'inhibit-response-function', 'M0800 M0801 M0804'],
  ['T0839', 'Module Firmware', 'persistence impair-process-control', 'M0801 M0802 M0804'],
  ['T0840', 'Network Connection Enumeration', 'discovery', ''],
  ['T0842', 'Network Sniffing', 'discovery', 'M0808 M0814 M0926'],
  ['T0843', 'Program Download', 'lateral-movement', 'M0800 M0801 M0802'],
  ['T0845', 'Program Upload', 'collection', 'M0800 M0801 M0802'],
  ['T0846', 'Remote System Discovery', 'discovery', 'M0814'],
  ['T0847', 'Replication Through Removable Media', 'initial-access', 'M0928 M0934 M0942'],
  ['T0855', 'Unauthorized Command Message', 'impair-process-control', 'M0802 M0807 M0813'],
  ['T0856', 'Spoof Reporting Message', 'evasion impair-process-control', 'M0802 M0807 M0813'],
  ['T0857', 'System Firmware', 'persistence inhibit-response-function', 'M0801 M0802 M0804'],
  ['T0858', 'Change Operating Mode', 'execution evasion', 'M0800 M0801 M0802'],
  ['T0859', 'Valid Accounts', 'persistence lateral-movement', 'M0801 M0913 M0915'],
  ['T0861', 'Point & Tag Identification', 'collection', 'M0800 M0801 M0802'],
  ['T0862', 'Supply Chain Compromise', 'initial-access', 'M0817 M0916 M0945'],
  ['T0865', 'Spearphishing Attachment', 'initial-access', 'M0917 M0921 M0931'],
  ['T0866', 'Exploitation of Remote Services', 'initial-access lateral-movement', 'M0916 M0919 M0926'],
  ['T0867', 'Lateral Tool Transfer', 'lateral-movement', 'M0931'],
  ['T0869', 'Standard Application Layer Protocol', 'command-and-control', 'M0807 M0930 M0931'],
  ['T0878', 'Alarm Suppression', 'inhibit-response-function', 'M0807 M0810 M0814'],
  ['T0879', 'Damage to Property', 'impact', 'M0805 M0807 M0812'],
  ['T0880', 'Loss of Safety', 'impact', 'M0805 M0812'],
  ['T0881', 'Service Stop', 'inhibit-response-function', 'M0918 M0922 M0924'],
  ['T0882', 'Theft of Operational Information', 'impact', 'M0803 M0809 M0922'],
  ['T0883', 'Internet Accessible Device', 'initial-access', 'M0930'],
  ['T0884', 'Connection Proxy', 'command-and-control', 'M0807 M0920 M0931'],
  ['T0885', 'Commonly Used Port', 'command-and-control', 'M0804 M0930 M0931'],
  ['T0886', 'Remote Services', 'initial-access lateral-movement', 'M0800 M0801 M0804'],
  ['T0888', 'Remote System Information Discovery', 'discovery', 'M0814'],
  ['T0889', 'Modify Program', 'persistence', 'M0800 M0804 M0945'],
  ['T0891', 'Hardcoded Credentials', 'lateral-movement persistence', 'M0801'],
];

const MITIGATION_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['M0800', 'Authorization Enforcement'], ['M0801', 'Access Management'], ['M0802', 'Communication Authenticity'],
  ['M0803', 'Data Loss Prevention'], ['M0804', 'Human User Authentication'], ['M0805', 'Mechanical Protection Layers'],
  ['M0807', 'Network Allowlists'], ['M0808', 'Encrypt Network Traffic'], ['M0809', 'Operational Information Confidentiality'],
  ['M0810', 'Out-of-Band Communications Channel'], ['M0811', 'Redundancy of Service'], ['M0812', 'Safety Instrumented Systems'],
  ['M0813', 'Software Process and Device Authentication'], ['M0814', 'Static Network Configuration'], ['M0815', 'Watchdog Timers'],
  ['M0817', 'Supply Chain Management'], ['M0818', 'Validate Program Inputs'], ['M0913', 'Application Developer Guidance'],
  ['M0915', 'Active Directory Configuration'], ['M0916', 'Vulnerability Scanning'], ['M0917', 'User Training'],
  ['M0918', 'User Account Management'], ['M0919', 'Threat Intelligence Program'], ['M0920', 'SSL/TLS Inspection'],
  ['M0921', 'Restrict Web-Based Content'], ['M0922', 'Restrict File and Directory Permissions'], ['M0924', 'Restrict Registry Permissions'],
  ['M0926', 'Privileged Account Management'], ['M0927', 'Password Policies'], ['M0928', 'Operating System Configuration'],
  ['M0930', 'Network Segmentation'], ['M0931', 'Network Intrusion Prevention'], ['M0934', 'Limit Hardware Installation'],
  ['M0938', 'Execution Prevention'], ['M0942', 'Disable or Remove Feature or Program'], ['M0945', 'Code Signing'],
  ['M0953', 'Data Backup'], ['M1013', 'Application Developer Guidance'], ['M1015', 'Active Directory Configuration'],
  ['M1016', 'Vulnerability Scanning'], ['M1017', 'User Training'], ['M1018', 'User Account Management'],
  ['M1019', 'Threat Intelligence Program'], ['M1020', 'SSL/TLS Inspection'], ['M1021', 'Restrict Web-Based Content'],
  ['M1022', 'Restrict File and Directory Permissions'], ['M1024', 'Restrict Registry Permissions'], ['M1025', 'Privileged Process Integrity'],
  ['M1026', 'Privileged Account Management'], ['M1027', 'Password Policies'], ['M1028', 'Operating System Configuration'],
  ['M1029', 'Remote Data Storage'], ['M1030', 'Network Segmentation'], ['M1031', 'Network Intrusion Prevention'],
  ['M1032', 'Multi-factor Authentication'], ['M1033', 'Limit Software Installation'], ['M1034', 'Limit Hardware Installation'],
  ['M1035', 'Limit Access to Resource Over Network'], ['M1036', 'Account Use Policies'], ['M1037', 'Filter Network Traffic'],
  ['M1038', 'Execution Prevention'], ['M1040', 'Behavior Prevention on Endpoint'], ['M1041', 'Encrypt Sensitive Information'],
  ['M1042', 'Disable or Remove Feature or Program'], ['M1046', 'Boot Integrity'], ['M1047', 'Audit'],
  ['M1048', 'Application Isolation and Sandboxing'], ['M1050', 'Exploit Protection'], ['M1051', 'Update Software'],
  ['M1053', 'Data Backup'], ['M1054', 'Software Configuration'], ['M1056', 'Pre-compromise'],
  ['M1057', 'Data Loss Prevention'],
];

function split(s: string): string[] {
  return s === '' ? [] : s.split(' ');
}

export const ATTACK_TECHNIQUES: readonly AttackTechnique[] = TECHNIQUE_ROWS.map(([id, name, tactics, mitigations]) => ({
  id,
  name,
  tactics: split(tactics),
  ics: id.startsWith('T0'),
  mitigations: split(mitigations),
  url: `https://attack.mitre.org/techniques/${id.replace('.', '/')}`,
}));

export const ATTACK_MITIGATIONS: readonly AttackMitigation[] = MITIGATION_ROWS.map(([id, name]) => ({
  id,
  name,
  url: `https://attack.mitre.org/mitigations/${id}`,
}));

/** Kill-chain name MITRE uses for a technique's phases. */
export function killChainName(t: AttackTechnique): 'mitre-attack' | 'mitre-ics-attack' {
  return t.ics ? 'mitre-ics-attack' : 'mitre-attack';
}
