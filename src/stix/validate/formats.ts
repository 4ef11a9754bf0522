/**
 * Value formats: encodings (hex, base64), URIs, and the formats of SCO values (IP addresses, MAC
 * addresses, email addresses, domain names, media types, CPE names).
 */
import { type Chk, BASE64_RE, HEX_RE, strMatch, typeName } from './common.js';

const URI_RE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;

export const hex = strMatch(HEX_RE, 'hexadecimal (an even number of 0-9/a-f characters)');
export const base64 = strMatch(BASE64_RE, 'base64-encoded (RFC 4648)');
export const uri = strMatch(URI_RE, 'an absolute URL/URI with a scheme (e.g. https://...)');

export const MIME_RE = /^(?:application|audio|font|image|message|model|multipart|text|video)\/[a-zA-Z0-9.+_-]+/;

export const EMAIL_RE = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/;
export const IPV4_RE = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]\d|\d))?$/;
export const MAC_RE = /^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$/;
export const HIVE_ABBREV_RE = /^HKLM|HKCC|HKCR|HKCU|HKU|hklm|hkcc|hkcr|hkcu|hku/;
export const CPE23_RE =
  /^cpe:2\.3:[aho*-](?::(?:(?:\?*|\*?)(?:[a-zA-Z0-9\-._]|\\[\\*?!"#$%&'()+,/:;<=>@[\]^`{|}~])+(?:\?*|\*?)|[*-])){5}:(?:[a-zA-Z]{2,3}(?:-(?:[a-zA-Z]{2}|\d{3}))?|[*-])(?::(?:(?:\?*|\*?)(?:[a-zA-Z0-9\-._]|\\[\\*?!"#$%&'()+,/:;<=>@[\]^`{|}~])+(?:\?*|\*?)|[*-])){4}$/;

const PREFIX6_RE = /^(?:12[0-8]|1[01]\d|[1-9]\d|\d)$/;
const GROUP6_RE = /^[0-9A-Fa-f]{1,4}$/;
const LABEL_RE = /^[^\s.\-/:@][^\s./:@]{0,62}$/u;

/** IPv6 address (RFC 4291 text forms, optional zone and /prefix 0-128 without leading zeros). */
function isIpv6(s: string): boolean {
  let addr = s;
  const slash = s.indexOf('/');
  if (slash >= 0) {
    const pre = s.slice(slash + 1);
    if (!PREFIX6_RE.test(pre)) return false;
    addr = s.slice(0, slash);
  }
  const pct = addr.indexOf('%');
  if (pct >= 0) {
    if (pct === addr.length - 1) return false;
    addr = addr.slice(0, pct);
  }
  const lastColon = addr.lastIndexOf(':');
  if (addr.indexOf('.') > lastColon && lastColon >= 0) {
    if (!IPV4_RE.test(addr.slice(lastColon + 1))) return false;
    addr = addr.slice(0, lastColon + 1) + '0:0';
  }
  const dbl = addr.indexOf('::');
  if (dbl >= 0 && addr.indexOf('::', dbl + 1) >= 0) return false;
  const parts = dbl >= 0 ? [addr.slice(0, dbl), addr.slice(dbl + 2)] : [addr];
  let count = 0;
  for (const part of parts) {
    if (part === '') continue;
    for (const g of part.split(':')) {
      if (!GROUP6_RE.test(g)) return false;
      count++;
    }
  }
  return dbl >= 0 ? count < 8 : count === 8;
}

export const ipv6Value: Chk = (v, c) => {
  if (typeof v !== 'string') c.bad(`must be a string, not ${typeName(v)}`);
  else if (!isIpv6(v)) c.bad(`must be an IPv6 address or CIDR block (e.g. '2001:db8::1' or '2001:db8::/32'), not '${v}'`);
};

/** Domain names: dot-separated labels of 1-63 characters (letters, digits, hyphens, '_' or non-ASCII). */
export const domainValue: Chk = (v, c) => {
  if (typeof v !== 'string') return c.bad(`must be a string, not ${typeName(v)}`);
  const name = v.endsWith('.') ? v.slice(0, -1) : v;
  const ok = name.length > 0 && name.length <= 253 && name.split('.').every((l) => LABEL_RE.test(l) && !l.endsWith('-'));
  if (!ok) c.bad(`must be a domain name (e.g. 'example.com'), not '${v}'`);
};

