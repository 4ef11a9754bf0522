/**
 * Reference data for the STIX 2.1 validator: open vocabularies and enumerations from the STIX 2.1
 * specification, and the ISO code lists (ISO 639-1/-2 languages, ISO 3166-1 countries, ISO 15924
 * scripts) used to check language tags and country codes. Lists are kept as space-separated strings
 * and turned into Sets once, at module load.
 */

/** Builds a Set from a space-separated word list. */
export function words(s: string): ReadonlySet<string> {
  return new Set(s.split(' ').filter((w) => w.length > 0));
}

// ---- Open vocabularies (STIX 2.1 section 10) ----
export const ATTACK_MOTIVATION = words(
  'accidental coercion dominance ideology notoriety organizational-gain personal-gain personal-satisfaction revenge unpredictable',
);
export const ATTACK_RESOURCE_LEVEL = words('individual club contest team organization government');
export const GROUPING_CONTEXT = words('suspicious-activity malware-analysis unspecified');
export const IDENTITY_CLASS = words('individual group system organization class unknown');
export const IMPLEMENTATION_LANGUAGE = words(
  'applescript bash c c++ c# go java javascript lua objective-c perl php powershell python ruby scala swift typescript ' +
    'visual-basic x86-32 x86-64',
);
export const INDICATOR_TYPE = words('anomalous-activity anonymization benign compromised malicious-activity attribution unknown');
export const INDUSTRY_SECTOR = words(
  'agriculture aerospace automotive chemical commercial communications construction defense education energy ' +
    'entertainment financial-services government emergency-services government-local government-national ' +
    'government-public-services government-regional healthcare hospitality-leisure infrastructure dams nuclear water ' +
    'insurance manufacturing mining non-profit pharmaceuticals retail technology telecommunications transportation utilities',
);
export const INFRASTRUCTURE_TYPE = words(
  'amplification anonymization botnet command-and-control control-system exfiltration firewall hosting-malware ' +
    'hosting-target-lists phishing reconnaissance routers-switches staging workstation unknown',
);
export const MALWARE_RESULT = words('malicious suspicious benign unknown');
export const MALWARE_TYPE = words(
  'adware backdoor bot bootkit ddos downloader dropper exploit-kit keylogger ransomware remote-access-trojan ' +
    'resource-exploitation rogue-security-software rootkit screen-capture spyware trojan unknown virus webshell wiper worm',
);
export const MALWARE_CAPABILITIES = words(
  'accesses-remote-machines anti-debugging anti-disassembly anti-emulation anti-memory-forensics anti-sandbox anti-vm ' +
    'captures-input-peripherals captures-output-peripherals captures-system-state-data cleans-traces-of-infection ' +
    'commits-fraud communicates-with-c2 compromises-data-availability compromises-data-integrity ' +
    'compromises-system-availability controls-local-machine degrades-security-software degrades-system-updates ' +
    'determines-c2-server emails-spam escalates-privileges evades-av exfiltrates-data fingerprints-host hides-artifacts ' +
    'hides-executing-code infects-files infects-remote-machines installs-other-components persists-after-system-reboot ' +
    'prevents-artifact-access prevents-artifact-deletion probes-network-environment self-modifies ' +
    'steals-authentication-credentials violates-system-operational-integrity',
);
export const PATTERN_TYPE = words('stix pcre sigma snort suricata yara');
export const PROCESSOR_ARCHITECTURE = words('alpha arm ia-64 mips powerpc sparc x86 x86-64');
export const REGION = words(
  'africa eastern-africa middle-africa northern-africa southern-africa western-africa americas latin-america-caribbean ' +
    'south-america caribbean central-america northern-america asia central-asia eastern-asia southern-asia ' +
    'south-eastern-asia western-asia europe eastern-europe northern-europe southern-europe western-europe oceania ' +
    'antarctica australia-new-zealand melanesia micronesia polynesia',
);
export const REPORT_TYPE = words(
  'attack-pattern campaign identity indicator intrusion-set malware observed-data threat-actor threat-report tool vulnerability',
);
export const THREAT_ACTOR_TYPE = words(
  'activist competitor crime-syndicate criminal hacker insider-accidental insider-disgruntled nation-state ' +
    'sensationalist spy terrorist unknown',
);
export const THREAT_ACTOR_ROLE = words(
  'agent director independent infrastructure-architect infrastructure-operator malware-author sponsor',
);
export const THREAT_ACTOR_SOPHISTICATION = words('none minimal intermediate advanced expert innovator strategic');
export const TOOL_TYPE = words(
  'denial-of-service exploitation information-gathering network-capture credential-exploitation remote-access ' +
    'vulnerability-scanning unknown',
);
export const HASH_ALGORITHM = words('MD5 SHA-1 SHA-256 SHA-512 SHA3-256 SHA3-512 SSDEEP TLSH');
export const WINDOWS_PEBINARY_TYPE = words('exe dll sys');
export const ACCOUNT_TYPE = words(
  'facebook ldap nis openid radius skype tacacs twitter unix windows-local windows-domain',
);

// ---- Enumerations (closed) ----
export const ENCRYPTION_ALGORITHM = words('AES-256-GCM ChaCha20-Poly1305 mime-type-indicated');
export const OPINION = words('strongly-disagree disagree neutral agree strongly-agree');
export const EXTENSION_TYPE = words('new-sdo new-sco new-sro property-extension toplevel-property-extension');
export const WINDOWS_INTEGRITY_LEVEL = words('low medium high system');
export const WINDOWS_SERVICE_START_TYPE = words(
  'SERVICE_AUTO_START SERVICE_BOOT_START SERVICE_DEMAND_START SERVICE_DISABLED SERVICE_SYSTEM_ALERT',
);
export const WINDOWS_SERVICE_TYPE = words(
  'SERVICE_KERNEL_DRIVER SERVICE_FILE_SYSTEM_DRIVER SERVICE_WIN32_OWN_PROCESS SERVICE_WIN32_SHARE_PROCESS',
);
export const WINDOWS_SERVICE_STATUS = words(
  'SERVICE_CONTINUE_PENDING SERVICE_PAUSE_PENDING SERVICE_PAUSED SERVICE_RUNNING SERVICE_START_PENDING ' +
    'SERVICE_STOP_PENDING SERVICE_STOPPED',
);
export const WINDOWS_REGISTRY_DATATYPE = words(
  'REG_NONE REG_SZ REG_EXPAND_SZ REG_BINARY REG_DWORD REG_DWORD_BIG_ENDIAN REG_DWORD_LITTLE_ENDIAN REG_LINK ' +
    'REG_MULTI_SZ REG_RESOURCE_LIST REG_FULL_RESOURCE_DESCRIPTION REG_RESOURCE_REQUIREMENTS_LIST REG_QWORD REG_INVALID_TYPE',
);
export const SOCKET_ADDRESS_FAMILY = words('AF_UNSPEC AF_INET AF_IPX AF_APPLETALK AF_NETBIOS AF_INET6 AF_IRDA AF_BTH');
export const SOCKET_TYPE = words('SOCK_STREAM SOCK_DGRAM SOCK_RAW SOCK_RDM SOCK_SEQPACKET');

// ---- External-source lists used by best-practice checks ----
/** PDF Document Information Dictionary keys (PDF 32000-1, 14.3.3). */
export const PDF_DOC_INFO_KEYS = words('Title Author Subject Keywords Creator Producer CreationDate ModDate Trapped');

/** HTTP request header names (standard and widespread de-facto ones), compared case-insensitively. */
export const HTTP_REQUEST_HEADERS = words(
  [
    'a-im accept accept-charset accept-datetime accept-encoding accept-language access-control-request-method',
    'access-control-request-headers authorization cache-control connection content-encoding content-length content-md5',
    'content-type cookie date expect forwarded from host http2-settings if-match if-modified-since if-none-match',
    'if-range if-unmodified-since max-forwards origin pragma prefer proxy-authorization range referer te trailer',
    'transfer-encoding user-agent upgrade via warning upgrade-insecure-requests x-requested-with dnt x-forwarded-for',
    'x-forwarded-host x-forwarded-proto front-end-https x-http-method-override x-att-deviceid x-wap-profile',
    'proxy-connection x-uidh x-csrf-token x-request-id x-correlation-id save-data sec-gpc keep-alive',
  ].join(' '),
);

/** Socket option names (SO_/IP_/IPV6_/TCP_/ICMP_/ICMP6_/MCAST_/IRLMP_) from the BSD, Linux and Winsock APIs. */
export const SOCKET_OPTIONS = words(
  [
    'SO_ACCEPTCONN SO_ACCEPTFILTER SO_ATTACH_FILTER SO_BINDTODEVICE SO_BINTIME SO_BROADCAST SO_BSDCOMPAT SO_BSP_STATE',
    'SO_BUSY_POLL SO_CONDITIONAL_ACCEPT SO_CONNECT_TIME SO_DEBUG SO_DETACH_FILTER SO_DOMAIN SO_DONTLINGER SO_DONTROUTE',
    'SO_ERROR SO_EXCLUSIVEADDRUSE SO_GROUP_ID SO_GROUP_PRIORITY SO_INCOMING_CPU SO_KEEPALIVE SO_LABEL SO_LINGER',
    'SO_LISTENQLEN SO_LISTENQLIMIT SO_LOCK_FILTER SO_MARK SO_MAX_MSG_SIZE SO_MAX_PACING_RATE SO_NKE SO_NOFCS',
    'SO_NOSIGPIPE SO_NO_DDP SO_NO_OFFLOAD SO_NREAD SO_OOBINLINE SO_PASSCRED SO_PASSSEC SO_PEEK_OFF SO_PEERCRED',
    'SO_PEERLABEL SO_PEERSEC SO_PORT_SCALABILITY SO_PRIORITY SO_PROTOCOL SO_PROTOCOL_INFO SO_RANDOMIZE_PORT SO_RCVBUF',
    'SO_RCVBUFFORCE SO_RCVLOWAT SO_RCVTIMEO SO_REUSEADDR SO_REUSEPORT SO_REUSE_MULTICASTPORT SO_REUSE_UNICASTPORT',
    'SO_RXQ_OVFL SO_SELECT_ERR_QUEUE SO_SETFIB SO_SNDBUF SO_SNDBUFFORCE SO_SNDLOWAT SO_SNDTIMEO SO_TIMESTAMP',
    'SO_TIMESTAMPING SO_TIMESTAMPNS SO_TXTIME SO_TYPE SO_UPDATE_ACCEPT_CONTEXT SO_UPDATE_CONNECT_CONTEXT',
    'SO_USELOOPBACK SO_USER_COOKIE SO_WIFI_STATUS SO_ZEROCOPY',
    'IP_ADD_IFLIST IP_ADD_MEMBERSHIP IP_ADD_SOURCE_MEMBERSHIP IP_BINDANY IP_BINDMULTI IP_BIND_ADDRESS_NO_PORT',
    'IP_BLOCK_SOURCE IP_BOUND_IF IP_CHECKSUM IP_DEL_IFLIST IP_DONTFRAG IP_DONTFRAGMENT IP_DROP_MEMBERSHIP',
    'IP_DROP_SOURCE_MEMBERSHIP IP_ECN IP_FAITH IP_FLOWID IP_FLOWTYPE IP_FREEBIND IP_GET_IFLIST IP_HDRINCL IP_HOPLIMIT',
    'IP_IFLIST IP_IPSEC_POLICY IP_MINTTL IP_MSFILTER IP_MTU IP_MTU_DISCOVER IP_MULTICAST_ALL IP_MULTICAST_IF',
    'IP_MULTICAST_LOOP IP_MULTICAST_TTL IP_NODEFRAG IP_NRPT_OPTIONS IP_ONESBCAST IP_OPTIONS IP_ORIGINAL_ARRIVAL_IF',
    'IP_PASSSEC IP_PKTINFO IP_PKTINFO_EX IP_PMTUDISC_DO IP_PMTUDISC_DONT IP_PMTUDISC_PROBE IP_PMTUDISC_WANT IP_PORTRANGE',
    'IP_RECEIVE_BROADCAST IP_RECVDSTADDR IP_RECVERR IP_RECVIF IP_RECVOPTS IP_RECVORIGDSTADDR IP_RECVPKTINFO',
    'IP_RECVRTHDR IP_RECVTCLASS IP_RECVTOS IP_RECVTTL IP_RETOPTS IP_ROUTER_ALERT IP_RSSBUCKETID IP_RTHDR IP_TCLASS',
    'IP_TOS IP_TRANSPARENT IP_TTL IP_UNBLOCK_SOURCE IP_UNICAST_IF IP_USER_MTU IP_WFP_REDIRECT_CONTEXT',
    'IP_WFP_REDIRECT_RECORDS IP_XFRM_POLICY',
    'IPV6_ADDRFORM IPV6_ADDR_PREFERENCES IPV6_ADD_IFLIST IPV6_ADD_MEMBERSHIP IPV6_AUTHHDR IPV6_BINDANY IPV6_CHECKSUM',
    'IPV6_DEL_IFLIST IPV6_DONTFRAG IPV6_DROP_MEMBERSHIP IPV6_DSTOPTS IPV6_ECN IPV6_FLOWINFO IPV6_FREEBIND',
    'IPV6_GET_IFLIST IPV6_HOPLIMIT IPV6_HOPOPTS IPV6_IFLIST IPV6_IPSEC_POLICY IPV6_JOIN_GROUP IPV6_LEAVE_GROUP',
    'IPV6_MINHOPCOUNT IPV6_MTU IPV6_MTU_DISCOVER IPV6_MULTICAST_ALL IPV6_MULTICAST_HOPS IPV6_MULTICAST_IF',
    'IPV6_MULTICAST_LOOP IPV6_NEXTHOP IPV6_ORIGDSTADDR IPV6_PATHMTU IPV6_PKTINFO IPV6_PKTINFO_EX IPV6_PORTRANGE',
    'IPV6_PROTECTION_LEVEL IPV6_RECVDSTADDR IPV6_RECVDSTOPTS IPV6_RECVERR IPV6_RECVHOPLIMIT IPV6_RECVHOPOPTS',
    'IPV6_RECVIF IPV6_RECVORIGDSTADDR IPV6_RECVPATHMTU IPV6_RECVPKTINFO IPV6_RECVRTHDR IPV6_RECVTCLASS',
    'IPV6_ROUTER_ALERT IPV6_RTHDR IPV6_RTHDRDSTOPTS IPV6_TCLASS IPV6_TRANSPARENT IPV6_UNICAST_HOPS IPV6_UNICAST_IF',
    'IPV6_USER_MTU IPV6_USE_MIN_MTU IPV6_WFP_REDIRECT_CONTEXT IPV6_WFP_REDIRECT_RECORDS IPV6_XFRM_POLICY',
    'TCP_ATMARK TCP_BBR_LOWGAIN TCP_CONGESTION TCP_CONGESTION_ALGORITHM TCP_CONNECTIONTIMEOUT TCP_CORK',
    'TCP_DEFER_ACCEPT TCP_DELAY_FIN_ACK TCP_EXPEDITED TCP_FAIL_CONNECT_ON_ICMP_ERROR TCP_FASTOPEN',
    'TCP_FASTOPEN_CONNECT TCP_FASTOPEN_KEY TCP_FASTOPEN_NO_COOKIE TCP_ICMP_ERROR_INFO TCP_ICW TCP_INFO TCP_INQ',
    'TCP_KEEPALIVE TCP_KEEPCNT TCP_KEEPIDLE TCP_KEEPINIT TCP_KEEPINTVL TCP_LINGER TCP_MAXRT TCP_MAXSEG TCP_NODELAY',
    'TCP_NOOPT TCP_NOPUSH TCP_NOSYNRETRIES TCP_NOTSENT_LOWAT TCP_NOURG TCP_OFFLOAD_PREFERENCE TCP_QUEUE_SEQ',
    'TCP_QUICKACK TCP_REPAIR TCP_REPAIR_OPTIONS TCP_REPAIR_QUEUE TCP_SAVED_SYN TCP_SAVE_SYN TCP_STDURG TCP_SYNCNT',
    'TCP_THIN_DUPACK TCP_THIN_LINEAR_TIMEOUTS TCP_TIMESTAMP TCP_TIMESTAMPS TCP_TX_DELAY TCP_ULP TCP_USER_TIMEOUT',
    'TCP_WINDOW_CLAMP TCP_ZEROCOPY_RECEIVE',
    'ICMP_FILTER ICMP6_FILTER MCAST_BLOCK_SOURCE MCAST_EXCLUDE MCAST_INCLUDE MCAST_JOIN_GROUP MCAST_JOIN_SOURCE_GROUP',
    'MCAST_LEAVE_GROUP MCAST_LEAVE_SOURCE_GROUP MCAST_MSFILTER MCAST_UNBLOCK_SOURCE IRLMP_DISCOVERY_MODE',
    'IRLMP_ENUMDEVICES IRLMP_EXCLUSIVE_MODE IRLMP_IAS_QUERY IRLMP_IAS_SET IRLMP_IRLPT_MODE IRLMP_PARAMETERS',
    'IRLMP_SEND_PDU_LEN IRLMP_SHARP_MODE IRLMP_TINYTP_MODE',
  ].join(' '),
);

// ---- ISO code lists (from the Debian iso-codes data) ----
const ISO639_1 =
  'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el ' +
  'en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ' +
  'ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na ' +
  'nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so ' +
  'sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu';
const ISO639_2 =
  'aar abk ace ach ada ady afa afh afr ain aka akk alb ale alg alt amh ang anp apa ara arc arg arm arn arp art ' +
  'arw asm ast ath aus ava ave awa aym aze bad bai bak bal bam ban baq bas bat bej bel bem ben ber bho bih bik ' +
  'bin bis bla bnt bod bos bra bre btk bua bug bul bur byn cad cai car cat cau ceb cel ces cha chb che chg chi ' +
  'chk chm chn cho chp chr chu chv chy cmc cnr cop cor cos cpe cpf cpp cre crh crp csb cus cym cze dak dan dar ' +
  'day del den deu dgr din div doi dra dsb dua dum dut dyu dzo efi egy eka ell elx eng enm epo est eus ewe ewo ' +
  'fan fao fas fat fij fil fin fiu fon fra fre frm fro frr frs fry ful fur gaa gay gba gem geo ger gez gil gla ' +
  'gle glg glv gmh goh gon gor got grb grc gre grn gsw guj gwi hai hat hau haw heb her hil him hin hit hmn hmo ' +
  'hrv hsb hun hup hye iba ibo ice ido iii ijo iku ile ilo ina inc ind ine inh ipk ira iro isl ita jav jbo jpn ' +
  'jpr jrb kaa kab kac kal kam kan kar kas kat kau kaw kaz kbd kha khi khm kho kik kin kir kmb kok kom kon kor ' +
  'kos kpe krc krl kro kru kua kum kur kut lad lah lam lao lat lav lez lim lin lit lol loz ltz lua lub lug lui ' +
  'lun luo lus mac mad mag mah mai mak mal man mao map mar mas may mdf mdr men mga mic min mis mkd mkh mlg mlt ' +
  'mnc mni mno moh mon mos mri msa mul mun mus mwl mwr mya myn myv nah nai nap nau nav nbl nde ndo nds nep new ' +
  'nia nic niu nld nno nob nog non nor nqo nso nub nwc nya nym nyn nyo nzi oci oji ori orm osa oss ota oto paa ' +
  'pag pal pam pan pap pau peo per phi phn pli pol pon por pra pro pus que raj rap rar roa roh rom ron rum run ' +
  'rup rus sad sag sah sai sal sam san sas sat scn sco sel sem sga sgn shn sid sin sio sit sla slk slo slv sma ' +
  'sme smi smj smn smo sms sna snd snk sog som son sot spa sqi srd srn srp srr ssa ssw suk sun sus sux swa swe ' +
  'syc syr tah tai tam tat tel tem ter tet tgk tgl tha tib tig tir tiv tkl tlh tli tmh tog ton tpi tsi tsn tso ' +
  'tuk tum tup tur tut tvl twi tyv udm uga uig ukr umb und urd uzb vai ven vie vol vot wak wal war was wel wen ' +
  'wln wol xal xho yao yap yid yor ypk zap zbl zen zgh zha zho znd zul zun zxx zza';
const ISO3166_ALPHA2 =
  'AC AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BU BV ' +
  'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CR CS CT CU CV CW CX CY CZ DD DE DG DJ DK DM DO DY DZ EA EC EE ' +
  'EG EH ER ES ET EU EZ FI FJ FK FM FO FQ FR FX GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN ' +
  'HR HT HU HV IC ID IE IL IM IN IO IQ IR IS IT JE JM JO JP JT KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR ' +
  'LS LT LU LV LY MA MC MD ME MF MG MH MI MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NH NI NL ' +
  'NO NP NQ NR NT NU NZ OM PA PC PE PF PG PH PK PL PM PN PR PS PT PU PW PY PZ QA RE RH RO RS RU RW SA SB SC SD SE ' +
  'SG SH SI SJ SK SL SM SN SO SR SS ST SU SV SX SY SZ TA TC TD TF TG TH TJ TK TL TM TN TO TP TR TT TV TW TZ UA UG ' +
  'UK UM UN US UY UZ VA VC VD VE VG VI VN VU WF WK WS YD YE YT YU ZA ZM ZR ZW';
const ISO15924 =
  'Adlm Afak Aghb Ahom Arab Aran Armi Armn Avst Bali Bamu Bass Batk Beng Bhks Blis Bopo Brah Brai Bugi Buhd Cakm ' +
  'Cans Cari Cham Cher Cirt Copt Cprt Cyrl Cyrs Deva Dsrt Dupl Egyd Egyh Egyp Elba Ethi Geok Geor Glag Goth Gran ' +
  'Grek Gujr Guru Hanb Hang Hani Hano Hans Hant Hatr Hebr Hira Hluw Hmng Hrkt Hung Inds Ital Jamo Java Jpan Jurc ' +
  'Kali Kana Khar Khmr Khoj Kitl Kits Knda Kore Kpel Kthi Lana Laoo Latf Latg Latn Leke Lepc Limb Lina Linb Lisu ' +
  'Loma Lyci Lydi Mahj Mand Mani Marc Maya Mend Merc Mero Mlym Modi Mong Moon Mroo Mtei Mult Mymr Narb Nbat Newa ' +
  'Nkgb Nkoo Nshu Ogam Olck Orkh Orya Osge Osma Palm Pauc Perm Phag Phli Phlp Phlv Phnx Piqd Plrd Prti Qaaa Qabx ' +
  'Rjng Roro Runr Samr Sara Sarb Saur Sgnw Shaw Shrd Sidd Sind Sinh Sora Sund Sylo Syrc Syre Syrj Syrn Tagb Takr ' +
  'Tale Talu Taml Tang Tavt Telu Teng Tfng Tglg Thaa Thai Tibt Tirh Ugar Vaii Visp Wara Wole Xpeo Xsux Yiii Zinh ' +
  'Zmth Zsye Zsym Zxxx Zyyy Zzzz';

/** ISO 639-1 two-letter language codes. */
export const LANG_ALPHA2 = words(ISO639_1);
/** ISO 639-2 three-letter language codes (terminology and bibliographic forms). */
export const LANG_ALPHA3 = words(ISO639_2);
/** ISO 3166-1 alpha-2 country codes, including formerly used and exceptionally reserved codes (upper case). */
export const COUNTRY_ALPHA2 = words(ISO3166_ALPHA2);
/** ISO 15924 script codes, lower-cased for case-insensitive lookup. */
export const SCRIPT_CODES = words(ISO15924.toLowerCase());
