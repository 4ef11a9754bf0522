/**
 * The 18 STIX Cyber-observable Objects: property tables, cross-property requirements and best
 * practices. Predefined extensions are in sco-ext.ts.
 */
import { computeScoId } from '../sco-id.js';
import type { StixObject } from '../types.js';
import type { Ctx } from './ctx.js';
import {
  type Chk, type Obj, bool, hasAny, int, intRange, isIdentifier, isObj, list, oneOf, shape, str, strList, strMatch,
  ts, typeName, uuidVersion,
} from './common.js';
import { type TypeSpec, SCO_REQUIRED, scoCommon, uuidPractice } from './core.js';
import * as V from './data.js';
import { embeddedCustom, extensionsChecker } from './extensions.js';
import { isLanguageTag } from './lang.js';
import { hashPracticesAt } from './practices.js';
import {
  FILE_EXTENSIONS, NETWORK_TRAFFIC_EXTENSIONS, PROCESS_EXTENSIONS, USER_ACCOUNT_EXTENSIONS, nonNegative, scoRef,
} from './sco-ext.js';
import { dict, hashes } from './structures.js';
import {
  CPE23_RE, EMAIL_RE, HIVE_ABBREV_RE, IPV4_RE, MAC_RE, MIME_RE, base64, domainValue, hex, ipv6Value, uri,
} from './formats.js';

interface ScoOptions {
  required?: readonly string[];
  anyOf?: readonly string[];
  extensions?: ReadonlyMap<string, Chk>;
  /** Properties that contribute to the deterministic id; with none present the id must be a UUIDv4. */
  optionalIdContributors?: readonly string[];
  order?: TypeSpec['order'];
  check?: (o: Obj, c: Ctx) => void;
  practices?: (o: Obj, c: Ctx) => void;
}

function sco(type: string, props: Record<string, Chk>, opt: ScoOptions = {}): TypeSpec {
  const all = { ...scoCommon(), ...props };
  if (opt.extensions) all.extensions = extensionsChecker(opt.extensions, false);
  const { anyOf, optionalIdContributors: contrib, check, practices } = opt;
  return {
    type,
    kind: 'sco',
    props: new Map(Object.entries(all)),
    required: [...SCO_REQUIRED, ...(opt.required ?? [])],
    generic: true,
    order: opt.order,
    check(o, c) {
      if (anyOf !== undefined && !hasAny(o, anyOf)) {
        c.err(`a ${type} object needs at least one of the properties ${anyOf.join(', ')}`);
      }
      const id = o.id;
      if (typeof id === 'string' && isIdentifier(id)) {
        if (type === 'process' && uuidVersion(id) !== 4) c.err('a process id must use a version 4 UUID (processes have no deterministic id)', 'id');
        if (contrib !== undefined && uuidVersion(id) !== 4 && !hasAny(o, contrib)) {
          c.err(`id must use a version 4 UUID when none of ${contrib.join(', ')} is present`, 'id');
        }
      }
      if (check !== undefined) check(o, c);
    },
    practices(o, c) {
      if (c.on('uuid-check')) uuidPractice(o, type === 'process' || (contrib !== undefined && !hasAny(o, contrib)) ? 4 : 5, c);
      if (c.on('observable-dictionary-keys')) dictionaryKeys(o, c);
      if (practices !== undefined) practices(o, c);
      if (c.warnings !== undefined && typeof o.id === 'string') {
        const want = computeScoId(o as StixObject);
        if (want !== undefined && want !== o.id) {
          c.note(`id differs from the deterministic id computed from the id-contributing properties (${want}); best practice is to use it`, 'id');
        }
      }
    },
  };
}

const NO_LOWERCASE_CHECK = new Set([
  'hashes', 'file_header_hashes', 'request_header', 'additional_header_fields', 'document_info_dict', 'exif_tags', 'ipfix',
  'options', 'environment_variables', 'key', 'startup_info',
]);

/** Dictionary keys in SCOs should be lowercase (except in dictionaries whose keys are external names). */
function dictionaryKeys(o: Obj, c: Ctx, depth = 0): void {
  for (const k in o) {
    if (k.length === 0 || k !== k.toLowerCase()) c.warn('observable-dictionary-keys', `key '${k}' should be lowercase`, k);
    const v = o[k];
    if (isObj(v) && !NO_LOWERCASE_CHECK.has(k) && depth < 32) {
      c.push(k);
      dictionaryKeys(v, c, depth + 1);
      c.pop();
    }
  }
}

const PROTOCOL_RE = /^[a-zA-Z0-9-]{1,15}$/;
const IPFIX_RE = /^[a-z][a-zA-Z0-9]+/;
const CHARSET_RE = /^[a-zA-Z0-9_()-]+$/;
const ENC_NAME_RE = /^[a-zA-Z0-9/.+_:-]{2,250}$/;

function charsetCheck(prop: string): (o: Obj, c: Ctx) => void {
  return (o, c) => {
    const v = o[prop];
    if (typeof v === 'string' && !CHARSET_RE.test(v)) c.err(`${prop} must be an IANA character set name such as 'UTF-8', not '${v}'`, prop);
  };
}
const encName = strMatch(ENC_NAME_RE, "an IANA character set name such as 'UTF-8'");

const languageList = list((v, c) => {
  if (typeof v !== 'string') c.bad(`must be a string, not ${typeName(v)}`);
  else if (!isLanguageTag(v)) c.bad(`must be an RFC 5646 language tag such as 'en' or 'pt-BR' (or an ISO 639-2 code), not '${v}'`);
});

const mimePart = shape({
  what: 'an email MIME part',
  props: { body: str, body_raw_ref: scoRef(['artifact', 'file']), content_type: str, content_disposition: str },
  onCustom: embeddedCustom('an email MIME part'),
  extra(o, c) {
    if ((o.body === undefined) === (o.body_raw_ref === undefined)) c.err('a MIME part must have exactly one of body or body_raw_ref');
  },
});

const HEADER_CAPTURED = /^date|received_lines|content_type|from_ref|sender_ref|to_refs|cc_refs|bcc_refs|subject$/;
const headerValue: Chk = (v, c) => {
  if (typeof v === 'string') return;
  if (!Array.isArray(v) || v.length < 2 || v.some((x) => typeof x !== 'string')) {
    c.bad('must be a string, or a list of two or more strings for a repeated header');
  }
};
const additionalHeaders: Chk = (v, c) => {
  dict(headerValue)(v, c);
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (keys.length > 0 && keys.every((k) => HEADER_CAPTURED.test(k))) {
      c.bad('must not repeat headers that email-message captures in its own properties (date, subject, from, to, ...)');
    }
  }
};

const registryValue = shape({
  what: 'a Windows registry value',
  props: { name: str, data: str, data_type: oneOf(V.WINDOWS_REGISTRY_DATATYPE, 'windows-registry-datatype-enum') },
  anyOf: ['name', 'data', 'data_type'],
  onCustom: embeddedCustom('a Windows registry value'),
});

const x509Strings = [
  'basic_constraints', 'name_constraints', 'policy_constraints', 'key_usage', 'extended_key_usage', 'subject_key_identifier',
  'authority_key_identifier', 'subject_alternative_name', 'issuer_alternative_name', 'subject_directory_attributes',
  'crl_distribution_points', 'inhibit_any_policy', 'certificate_policies', 'policy_mappings',
];
const x509ExtProps: Record<string, Chk> = { private_key_usage_period_not_before: ts, private_key_usage_period_not_after: ts };
for (const p of x509Strings) x509ExtProps[p] = str;
const x509Extensions = shape({
  what: 'the x509_v3_extensions property',
  props: x509ExtProps,
  anyOf: Object.keys(x509ExtProps),
  onCustom: embeddedCustom('the x509_v3_extensions property'),
});

const x509Props: Record<string, Chk> = {
  is_self_signed: bool, hashes, version: str, serial_number: str, signature_algorithm: str, issuer: str,
  validity_not_before: ts, validity_not_after: ts, subject: str, subject_public_key_algorithm: str,
  subject_public_key_modulus: str, subject_public_key_exponent: int, x509_v3_extensions: x509Extensions,
};

const netRef = scoRef(['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name']);
const emailRef = scoRef(['email-addr']);
const ipfix = dict((v, c) => {
  if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) c.bad('must be a string or an integer');
});

export const SCO_SPECS: readonly TypeSpec[] = [
  sco(
    'artifact',
    {
      mime_type: strMatch(MIME_RE, "an IANA media type of the form 'type/subtype'"), payload_bin: base64, url: uri,
      hashes, encryption_algorithm: oneOf(V.ENCRYPTION_ALGORITHM, 'encryption-algorithm-enum'), decryption_key: str,
    },
    {
      optionalIdContributors: ['hashes', 'payload_bin'],
      check(o, c) {
        const bin = o.payload_bin !== undefined;
        const url = o.url !== undefined;
        if (bin === url) c.err('an artifact must have exactly one of payload_bin or url');
        else if (url && o.hashes === undefined) c.err('hashes is required when an artifact gives a url', 'hashes');
        if (o.decryption_key !== undefined && o.encryption_algorithm === undefined) {
          c.err('decryption_key requires encryption_algorithm', 'decryption_key');
        }
      },
      practices: (o, c) => hashPracticesAt(o, 'hashes', c),
    },
  ),
  sco('autonomous-system', { number: int, name: str, rir: str }, { required: ['number'] }),
  sco(
    'directory',
    { path: str, path_enc: encName, ctime: ts, mtime: ts, atime: ts, contains_refs: list(scoRef(['file', 'directory'])) },
    { required: ['path'], check: charsetCheck('path_enc') },
  ),
  sco('domain-name', { value: domainValue, resolves_to_refs: list(scoRef(['ipv4-addr', 'ipv6-addr', 'domain-name'])) }, { required: ['value'] }),
  sco(
    'email-addr',
    { value: strMatch(EMAIL_RE, "an email address (addr-spec, e.g. 'jdoe@example.com', without a display name)"), display_name: str, belongs_to_ref: scoRef(['user-account']) },
    { required: ['value'] },
  ),
  sco(
    'email-message',
    {
      is_multipart: bool, date: ts, content_type: str, from_ref: emailRef, sender_ref: emailRef, to_refs: list(emailRef),
      cc_refs: list(emailRef), bcc_refs: list(emailRef), message_id: str, subject: str, received_lines: strList,
      additional_header_fields: additionalHeaders, body: str, body_multipart: list(mimePart),
      raw_email_ref: scoRef(['artifact']),
    },
    {
      required: ['is_multipart'],
      optionalIdContributors: ['from_ref', 'subject', 'body'],
      check(o, c) {
        if (o.is_multipart === true && o.body !== undefined) c.err("body must not be present when is_multipart is true (use body_multipart)", 'body');
        if (o.is_multipart === false && o.body_multipart !== undefined) {
          c.err('body_multipart must not be present when is_multipart is false (use body)', 'body_multipart');
        }
      },
    },
  ),
  sco(
    'file',
    {
      hashes, size: nonNegative, name: str, name_enc: encName, magic_number_hex: hex, mime_type: str, ctime: ts, mtime: ts,
      atime: ts, parent_directory_ref: scoRef(['directory']), contains_refs: list(str), content_ref: scoRef(['artifact']),
    },
    {
      anyOf: ['hashes', 'name'],
      extensions: FILE_EXTENSIONS,
      check: charsetCheck('name_enc'),
      practices(o, c) {
        hashPracticesAt(o, 'hashes', c);
        const m = o.mime_type;
        if (typeof m === 'string' && c.on('mime-type') && !MIME_RE.test(m)) {
          c.warn('mime-type', `mime_type should be an IANA media type of the form 'type/subtype', not '${m}'`, 'mime_type');
        }
      },
    },
  ),
  sco(
    'ipv4-addr',
    {
      value: strMatch(IPV4_RE, "an IPv4 address or CIDR block (e.g. '198.51.100.3' or '198.51.100.0/24')"),
      resolves_to_refs: list(scoRef(['mac-addr'])), belongs_to_refs: list(scoRef(['autonomous-system'])),
    },
    { required: ['value'] },
  ),
  sco(
    'ipv6-addr',
    { value: ipv6Value, resolves_to_refs: list(scoRef(['mac-addr'])), belongs_to_refs: list(scoRef(['autonomous-system'])) },
    { required: ['value'] },
  ),
  sco('mac-addr', { value: strMatch(MAC_RE, "a MAC address in lowercase colon-separated form (e.g. 'd2:fb:49:24:37:18')") }, { required: ['value'] }),
  sco('mutex', { name: str }, { required: ['name'] }),
  sco(
    'network-traffic',
    {
      start: ts, end: ts, is_active: bool, src_ref: netRef, dst_ref: netRef, src_port: intRange(0, 65535),
      dst_port: intRange(0, 65535), protocols: strList, src_byte_count: nonNegative, dst_byte_count: nonNegative,
      src_packets: nonNegative, dst_packets: nonNegative, ipfix, src_payload_ref: scoRef(['artifact']),
      dst_payload_ref: scoRef(['artifact']), encapsulates_refs: list(scoRef(['network-traffic'])),
      encapsulated_by_ref: scoRef(['network-traffic']),
    },
    {
      required: ['protocols'],
      anyOf: ['src_ref', 'dst_ref'],
      extensions: NETWORK_TRAFFIC_EXTENSIONS,
      order: [['end', 'start', false]],
      check(o, c) {
        if (o.is_active === true && o.end !== undefined) c.err('end must not be present when is_active is true', 'end');
      },
      practices(o, c) {
        if (c.on('network-traffic-ports') && (o.src_port === undefined || o.dst_port === undefined)) {
          c.warn('network-traffic-ports', 'network traffic should give both src_port and dst_port');
        }
        const protocols = o.protocols;
        if (Array.isArray(protocols) && c.on('protocols')) {
          protocols.forEach((p, i) => {
            if (typeof p === 'string' && !PROTOCOL_RE.test(p)) {
              c.push('protocols');
              c.warn('protocols', `'${p}' is not an IANA service name or transport protocol (e.g. 'tcp', 'http')`, i);
              c.pop();
            }
          });
        }
        const ix = o.ipfix;
        if (isObj(ix) && c.on('ipfix')) {
          c.push('ipfix');
          for (const k in ix) if (!IPFIX_RE.test(k)) c.warn('ipfix', `'${k}' is not an IANA IPFIX information element name`, k);
          c.pop();
        }
      },
    },
  ),
  sco(
    'process',
    {
      is_hidden: bool, pid: int, created_time: ts, cwd: str, command_line: str, environment_variables: dict(str),
      opened_connection_refs: list(scoRef(['network-traffic'])), creator_user_ref: scoRef(['user-account']),
      image_ref: scoRef(['file']), parent_ref: scoRef(['process']), child_refs: list(scoRef(['process'])),
    },
    {
      extensions: PROCESS_EXTENSIONS,
      anyOf: ['extensions', 'is_hidden', 'pid', 'created_time', 'cwd', 'command_line', 'environment_variables',
        'opened_connection_refs', 'creator_user_ref', 'image_ref', 'parent_ref', 'child_refs'],
    },
  ),
  sco(
    'software',
    { name: str, cpe: strMatch(CPE23_RE, 'a CPE 2.3 formatted string (cpe:2.3:part:vendor:product:...)'), swid: str, languages: languageList, vendor: str, version: str },
    { required: ['name'] },
  ),
  sco('url', { value: uri }, { required: ['value'] }),
  sco(
    'user-account',
    {
      user_id: str, credential: str, account_login: str, account_type: str, display_name: str, is_service_account: bool,
      is_privileged: bool, can_escalate_privs: bool, is_disabled: bool, account_created: ts, account_expires: ts,
      credential_last_changed: ts, account_first_login: ts, account_last_login: ts,
    },
    {
      extensions: USER_ACCOUNT_EXTENSIONS,
      optionalIdContributors: ['account_type', 'user_id', 'account_login'],
      anyOf: ['extensions', 'user_id', 'credential', 'account_login', 'account_type', 'display_name', 'is_service_account',
        'is_privileged', 'can_escalate_privs', 'is_disabled', 'account_created', 'account_expires',
        'credential_last_changed', 'account_first_login', 'account_last_login'],
      practices(o, c) {
        const t = o.account_type;
        if (typeof t === 'string' && c.on('account-type') && !V.ACCOUNT_TYPE.has(t)) {
          c.warn('account-type', `account_type '${t}' should come from the account-type-ov vocabulary`, 'account_type');
        }
      },
    },
  ),
  sco(
    'windows-registry-key',
    {
      key: (v, c) => {
        if (typeof v !== 'string') c.bad(`must be a string, not ${typeName(v)}`);
        else if (HIVE_ABBREV_RE.test(v)) c.bad(`must use the full hive name (e.g. HKEY_LOCAL_MACHINE), not an abbreviation: '${v}'`);
      },
      values: list(registryValue), modified_time: ts, creator_user_ref: scoRef(['user-account']), number_of_subkeys: int,
    },
    {
      optionalIdContributors: ['key', 'values'],
      anyOf: ['key', 'values', 'modified_time', 'creator_user_ref', 'number_of_subkeys'],
    },
  ),
  sco('x509-certificate', x509Props, {
    optionalIdContributors: ['hashes', 'serial_number'],
    anyOf: Object.keys(x509Props),
    practices: (o, c) => hashPracticesAt(o, 'hashes', c),
  }),
];

/** Property names the specification defines for each SCO type (used for patterns and strict checks). */
export const SCO_PROPERTIES = new Map<string, ReadonlySet<string>>(SCO_SPECS.map((s) => [s.type, new Set(s.props.keys())]));
