/**
 * RFC 5646 language-tag check. The tag must be well formed, and its primary language, script and
 * region subtags must be codes that exist (ISO 639-1/639-2, ISO 15924, ISO 3166-1 or UN M.49).
 */
import { COUNTRY_ALPHA2, LANG_ALPHA2, LANG_ALPHA3, SCRIPT_CODES, words } from './data.js';

const GRANDFATHERED = words(
  'en-gb-oed i-ami i-bnn i-default i-enochian i-hak i-klingon i-lux i-mingo i-navajo i-pwn i-tao i-tay i-tsu ' +
    'sgn-be-fr sgn-be-nl sgn-ch-de art-lojban cel-gaulish no-bok no-nyn zh-guoyu zh-hakka zh-min zh-min-nan zh-xiang',
);

function isAlpha(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 97 || ch > 122) return false; // input is lower-cased
  }
  return s.length > 0;
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 48 || ch > 57) return false;
  }
  return s.length > 0;
}

function isAlnum(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (!((ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57))) return false;
  }
  return s.length > 0;
}

function isVariant(s: string): boolean {
  if (!isAlnum(s)) return false;
  if (s.length >= 5 && s.length <= 8) return true;
  return s.length === 4 && s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57;
}

/** ISO 639-2 code, or one of the qaa..qtz codes reserved for local use. */
function isLanguage3(s: string): boolean {
  if (LANG_ALPHA3.has(s)) return true;
  return s.charCodeAt(0) === 113 /* q */ && s >= 'qaa' && s <= 'qtz';
}

function privateUse(parts: string[], from: number): boolean {
  if (from >= parts.length) return false;
  for (let i = from; i < parts.length; i++) {
    const p = parts[i] as string;
    if (p.length < 1 || p.length > 8 || !isAlnum(p)) return false;
  }
  return true;
}

/** True when `tag` is a valid RFC 5646 language tag (case-insensitive). */
export function isLanguageTag(tag: string): boolean {
  if (tag.length < 2 || tag.length > 128) return false;
  const lower = tag.toLowerCase();
  if (GRANDFATHERED.has(lower)) return true;
  const parts = lower.split('-');
  const first = parts[0] as string;
  if (first === 'x') return privateUse(parts, 1);
  if (!isAlpha(first)) return false;
  if (first.length === 2) {
    if (!LANG_ALPHA2.has(first)) return false;
  } else if (first.length === 3) {
    if (!isLanguage3(first)) return false;
  } else {
    return false;
  }
  let i = 1;
  for (let ext = 0; ext < 3 && i < parts.length && (parts[i] as string).length === 3 && isAlpha(parts[i] as string); ext++) i++;
  if (i < parts.length && (parts[i] as string).length === 4 && isAlpha(parts[i] as string)) {
    if (!SCRIPT_CODES.has(parts[i] as string)) return false;
    i++;
  }
  if (i < parts.length) {
    const p = parts[i] as string;
    if (p.length === 2 && isAlpha(p)) {
      if (!COUNTRY_ALPHA2.has(p.toUpperCase())) return false;
      i++;
    } else if (p.length === 3 && isDigits(p)) {
      i++;
    }
  }
  while (i < parts.length && isVariant(parts[i] as string)) i++;
  while (i < parts.length && (parts[i] as string).length === 1 && parts[i] !== 'x') {
    i++;
    const start = i;
    while (i < parts.length && (parts[i] as string).length >= 2 && (parts[i] as string).length <= 8 && isAlnum(parts[i] as string)) i++;
    if (i === start) return false;
  }
  if (i < parts.length && parts[i] === 'x') return privateUse(parts, i + 1);
  return i === parts.length;
}
