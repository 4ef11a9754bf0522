/**
 * Predefined SCO extensions (STIX 2.1 section 6): archive-ext, ntfs-ext, pdf-ext, raster-image-ext,
 * windows-pebinary-ext (file); http-request-ext, icmp-ext, socket-ext, tcp-ext (network-traffic);
 * windows-process-ext, windows-service-ext (process); unix-account-ext (user-account).
 */
import {
  type Chk, bool, idTypeIs, int, intRange, isIdentifier, isObj, list, num, oneOf, shape, str, strList, tsWhole,
  typeName,
} from './common.js';
import * as V from './data.js';
import { embeddedCustom } from './extensions.js';
import { hashPracticesAt } from './practices.js';
import { dict, hashes } from './structures.js';
import { hex } from './formats.js';

const BIG = Number.MAX_SAFE_INTEGER;
export const nonNegative = intRange(0, BIG);

/**
 * A reference from an SCO to other SCOs. Values that are identifiers must name an allowed type;
 * other strings are accepted (they are keys of the deprecated observed-data `objects` dictionary).
 */
export function scoRef(types: readonly string[]): Chk {
  return (v, c) => {
    if (typeof v !== 'string') return c.bad(`must be a reference (string), not ${typeName(v)}`);
    for (let i = 0; i < types.length; i++) if (idTypeIs(v, types[i] as string)) return;
    if (isIdentifier(v)) c.bad(`must refer to an object of type ${types.join(' or ')}, not '${v}'`);
  };
}

// ---------------------------------------------------------------- file

const adsItem = shape({
  what: 'an NTFS alternate data stream',
  props: { name: str, hashes, size: nonNegative },
  required: ['name'],
  onCustom: embeddedCustom('an NTFS alternate data stream'),
  extra: (o, c) => c.practices && hashPracticesAt(o, 'hashes', c),
});

const ntfs = shape({
  what: 'the ntfs-ext extension',
  props: { sid: str, alternate_data_streams: list(adsItem) },
  anyOf: ['sid', 'alternate_data_streams'],
  onCustom: embeddedCustom('the ntfs-ext extension'),
});

const EXIF_KEY_RE = /^[A-Z][a-zA-Z0-9_-]+$/;
const exifTags = dict(
  (v, c) => {
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) c.bad('must be a string or an integer');
  },
  (k, c) => {
    if (!EXIF_KEY_RE.test(k)) c.bad("is not a valid EXIF tag name (it starts with an upper-case letter, e.g. 'Make')");
  },
);

const rasterImage = shape({
  what: 'the raster-image-ext extension',
  props: { image_height: int, image_width: int, bits_per_pixel: int, exif_tags: exifTags },
  anyOf: ['image_height', 'image_width', 'bits_per_pixel', 'exif_tags'],
  onCustom: embeddedCustom('the raster-image-ext extension'),
});

const pdf = shape({
  what: 'the pdf-ext extension',
  props: { version: str, is_optimized: bool, document_info_dict: dict(str), pdfid0: str, pdfid1: str },
  anyOf: ['version', 'is_optimized', 'document_info_dict', 'pdfid0', 'pdfid1'],
  onCustom: embeddedCustom('the pdf-ext extension'),
  extra(o, c) {
    const d = o.document_info_dict;
    if (!isObj(d) || !c.on('pdf-doc-info')) return;
    c.push('document_info_dict');
    for (const k in d) {
      if (!V.PDF_DOC_INFO_KEYS.has(k)) c.warn('pdf-doc-info', `'${k}' is not a PDF Document Information Dictionary key`, k);
    }
    c.pop();
  },
});

const archive = shape({
  what: 'the archive-ext extension',
  props: { contains_refs: list(scoRef(['file', 'directory'])), comment: str },
  required: ['contains_refs'],
  onCustom: embeddedCustom('the archive-ext extension'),
});

const optionalHeaderInts = [
  'major_linker_version', 'minor_linker_version', 'address_of_entry_point', 'base_of_code', 'base_of_data', 'image_base',
  'section_alignment', 'file_alignment', 'major_os_version', 'minor_os_version', 'major_image_version',
  'minor_image_version', 'major_subsystem_version', 'minor_subsystem_version', 'number_of_rva_and_sizes',
];
const optionalHeaderCounts = [
  'size_of_code', 'size_of_initialized_data', 'size_of_uninitialized_data', 'size_of_image', 'size_of_headers',
  'size_of_stack_reserve', 'size_of_stack_commit', 'size_of_heap_reserve', 'size_of_heap_commit',
];
const optionalHeaderHex = ['magic_hex', 'win32_version_value_hex', 'checksum_hex', 'subsystem_hex', 'dll_characteristics_hex', 'loader_flags_hex'];

const optionalHeaderProps: Record<string, Chk> = { hashes };
for (const p of optionalHeaderInts) optionalHeaderProps[p] = int;
for (const p of optionalHeaderCounts) optionalHeaderProps[p] = nonNegative;
for (const p of optionalHeaderHex) optionalHeaderProps[p] = hex;

const optionalHeader = shape({
  what: 'a Windows PE optional header',
  props: optionalHeaderProps,
  closed: true,
  anyOf: Object.keys(optionalHeaderProps),
  extra: (o, c) => c.practices && hashPracticesAt(o, 'hashes', c),
});

const peSection = shape({
  what: 'a Windows PE section',
  props: { name: str, size: nonNegative, entropy: num, hashes },
  required: ['name'],
  onCustom: embeddedCustom('a Windows PE section'),
  extra: (o, c) => c.practices && hashPracticesAt(o, 'hashes', c),
});

const peAnyOf = [
  'imphash', 'machine_hex', 'number_of_sections', 'time_date_stamp', 'pointer_to_symbol_table_hex', 'number_of_symbols',
  'size_of_optional_header', 'characteristics_hex', 'file_header_hashes', 'optional_header', 'sections',
];

const peBinary = shape({
  what: 'the windows-pebinary-ext extension',
  props: {
    pe_type: str, imphash: str, machine_hex: hex, number_of_sections: nonNegative, time_date_stamp: tsWhole,
    pointer_to_symbol_table_hex: hex, number_of_symbols: nonNegative, size_of_optional_header: nonNegative,
    characteristics_hex: hex, file_header_hashes: hashes, optional_header: optionalHeader, sections: list(peSection),
  },
  required: ['pe_type'],
  anyOf: peAnyOf,
  onCustom: embeddedCustom('the windows-pebinary-ext extension'),
  extra(o, c) {
    if (!c.practices) return;
    hashPracticesAt(o, 'file_header_hashes', c);
    const t = o.pe_type;
    if (typeof t === 'string' && !V.WINDOWS_PEBINARY_TYPE.has(t)) {
      c.warn('windows-pebinary-type', `pe_type '${t}' should come from the windows-pebinary-type-ov vocabulary (exe, dll, sys)`, 'pe_type');
    }
  },
});

export const FILE_EXTENSIONS = new Map<string, Chk>([
  ['archive-ext', archive], ['ntfs-ext', ntfs], ['pdf-ext', pdf], ['raster-image-ext', rasterImage],
  ['windows-pebinary-ext', peBinary],
]);

// ---------------------------------------------------------------- network-traffic

const HEADER_KEY_RE = /^[a-zA-Z0-9_-]{1,250}$/;
const requestHeader = dict(list(str), (k, c) => {
  if (!HEADER_KEY_RE.test(k)) c.bad('is not a valid header name for this dictionary');
});

const httpRequest = shape({
  what: 'the http-request-ext extension',
  props: {
    request_method: str, request_value: str, request_version: str, request_header: requestHeader,
    message_body_length: int, message_body_data_ref: scoRef(['artifact']),
  },
  required: ['request_method', 'request_value'],
  onCustom: embeddedCustom('the http-request-ext extension'),
  extra(o, c) {
    const h = o.request_header;
    if (!isObj(h) || !c.on('http-request-headers')) return;
    c.push('request_header');
    for (const k in h) {
      if (!V.HTTP_REQUEST_HEADERS.has(k.toLowerCase())) c.warn('http-request-headers', `'${k}' is not a known HTTP request header`, k);
    }
    c.pop();
  },
});

const icmp = shape({
  what: 'the icmp-ext extension',
  props: { icmp_type_hex: hex, icmp_code_hex: hex },
  required: ['icmp_type_hex', 'icmp_code_hex'],
  onCustom: embeddedCustom('the icmp-ext extension'),
});

const SOCKET_OPTION_RE = /^(?:SO|ICMP|ICMP6|IP|IPV6|MCAST|TCP|IRLMP)(?:_[A-Z]+)+$/;
const socketOptions = dict(int, (k, c) => {
  if (!SOCKET_OPTION_RE.test(k)) c.bad('is not a socket option name (SO_*, IP_*, IPV6_*, TCP_*, ICMP_*, ICMP6_*, MCAST_* or IRLMP_*)');
});

const socket = shape({
  what: 'the socket-ext extension',
  props: {
    address_family: oneOf(V.SOCKET_ADDRESS_FAMILY, 'network-socket-address-family-enum'), is_blocking: bool,
    is_listening: bool, options: socketOptions, socket_type: oneOf(V.SOCKET_TYPE, 'network-socket-type-enum'),
    socket_descriptor: nonNegative, socket_handle: int,
  },
  required: ['address_family'],
  onCustom: embeddedCustom('the socket-ext extension'),
  extra(o, c) {
    const opts = o.options;
    if (!isObj(opts) || !c.on('socket-options')) return;
    c.push('options');
    for (const k in opts) if (!V.SOCKET_OPTIONS.has(k)) c.warn('socket-options', `'${k}' is not a known socket option`, k);
    c.pop();
  },
});

const tcp = shape({
  what: 'the tcp-ext extension',
  props: { src_flags_hex: hex, dst_flags_hex: hex },
  anyOf: ['src_flags_hex', 'dst_flags_hex'],
  onCustom: embeddedCustom('the tcp-ext extension'),
});

export const NETWORK_TRAFFIC_EXTENSIONS = new Map<string, Chk>([
  ['http-request-ext', httpRequest], ['icmp-ext', icmp], ['socket-ext', socket], ['tcp-ext', tcp],
]);

// ---------------------------------------------------------------- process and user-account

const STARTUP_STRINGS = ['lpDesktop', 'lpTitle', 'dwFillAttribute', 'dwFlags', 'wShowWindow', 'hStdInput', 'hStdOutput', 'hStdError'];
const STARTUP_INTS = ['cb', 'dwX', 'dwY', 'dwXSize', 'dwYSize', 'dwXCountChars', 'dwYCountChars'];
const startupProps: Record<string, Chk> = { cbReserved2: intRange(0, 0) };
for (const p of STARTUP_STRINGS) startupProps[p] = str;
for (const p of STARTUP_INTS) startupProps[p] = int;
const startupInfo = shape({ what: 'a Windows STARTUPINFO dictionary', props: startupProps, closed: true });

const PRIORITY_RE = /.+_CLASS$/;

const windowsProcess = shape({
  what: 'the windows-process-ext extension',
  props: {
    aslr_enabled: bool, dep_enabled: bool, priority: str, owner_sid: str, window_title: str, startup_info: startupInfo,
    integrity_level: oneOf(V.WINDOWS_INTEGRITY_LEVEL, 'windows-integrity-level-enum'),
  },
  anyOf: ['aslr_enabled', 'dep_enabled', 'priority', 'owner_sid', 'window_title', 'startup_info', 'integrity_level'],
  onCustom: embeddedCustom('the windows-process-ext extension'),
  extra(o, c) {
    const p = o.priority;
    if (typeof p === 'string' && c.on('windows-process-priority-format') && !PRIORITY_RE.test(p)) {
      c.warn('windows-process-priority-format', `priority '${p}' should end in '_CLASS' (e.g. 'HIGH_PRIORITY_CLASS')`, 'priority');
    }
  },
});

const windowsService = shape({
  what: 'the windows-service-ext extension',
  props: {
    service_name: str, descriptions: strList, display_name: str, group_name: str,
    start_type: oneOf(V.WINDOWS_SERVICE_START_TYPE, 'windows-service-start-type-enum'),
    service_dll_refs: list(scoRef(['file'])), service_type: oneOf(V.WINDOWS_SERVICE_TYPE, 'windows-service-type-enum'),
    service_status: oneOf(V.WINDOWS_SERVICE_STATUS, 'windows-service-status-enum'),
  },
  anyOf: ['service_name', 'descriptions', 'display_name', 'group_name', 'start_type', 'service_dll_refs', 'service_type', 'service_status'],
  onCustom: embeddedCustom('the windows-service-ext extension'),
});

export const PROCESS_EXTENSIONS = new Map<string, Chk>([
  ['windows-process-ext', windowsProcess], ['windows-service-ext', windowsService],
]);

const unixAccount = shape({
  what: 'the unix-account-ext extension',
  props: { gid: int, groups: strList, home_dir: str, shell: str },
  anyOf: ['gid', 'groups', 'home_dir', 'shell'],
  onCustom: embeddedCustom('the unix-account-ext extension'),
});

export const USER_ACCOUNT_EXTENSIONS = new Map<string, Chk>([['unix-account-ext', unixAccount]]);

