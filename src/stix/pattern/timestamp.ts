/** Timestamp literals of STIX patterns: the grammar's shape and ranges, calendar validity, ordering. */

const C_0 = 48;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_0 + 9;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - C_0;
  const b = s.charCodeAt(at + 1) - C_0;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Checks the grammar's TimestampLiteral shape `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with its field ranges
 * (month 01-12, day 01-31, hour 00-23, minute 00-59, second 00-60). Returns why not, or undefined.
 */
export function timestampFormatError(s: string): string | undefined {
  const shape = 'expected YYYY-MM-DDTHH:MM:SS[.fraction]Z in UTC';
  if (s.length < 20) return shape;
  for (let k = 0; k < 4; k++) if (!isDigit(s.charCodeAt(k))) return shape;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return shape;
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return shape;
  let i = 19;
  if (s[i] === '.') {
    i++;
    const fracStart = i;
    while (isDigit(s.charCodeAt(i))) i++;
    if (i === fracStart) return shape;
  }
  if (s[i] !== 'Z' || i + 1 !== s.length) return shape;
  if (month < 1 || month > 12) return `month ${s.slice(5, 7)} is not 01-12`;
  if (day < 1 || day > 31) return `day ${s.slice(8, 10)} is not 01-31`;
  if (hour > 23) return `hour ${s.slice(11, 13)} is not 00-23`;
  if (minute > 59) return `minute ${s.slice(14, 16)} is not 00-59`;
  if (second > 60) return `second ${s.slice(17, 19)} is not 00-60`;
  return undefined;
}

/** For a timestamp of valid shape: is it a real date (and a leap second only at 23:59:60)? */
export function timestampCalendarError(s: string): string | undefined {
  const year = Number(s.slice(0, 4));
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const max = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day > max) return `${s.slice(0, 10)} is not a calendar date`;
  if (twoDigits(s, 17) === 60 && s.slice(11, 16) !== '23:59') return 'a leap second (:60) can only be at 23:59:60Z';
  return undefined;
}

/** Orders two valid timestamps (negative when a < b); exact, including fractions of any length. */
export function compareTimestamps(a: string, b: string): number {
  const ha = a.slice(0, 19);
  const hb = b.slice(0, 19);
  if (ha !== hb) return ha < hb ? -1 : 1;
  let fa = a.length > 20 ? a.slice(20, -1) : '';
  let fb = b.length > 20 ? b.slice(20, -1) : '';
  const n = Math.max(fa.length, fb.length);
  fa = fa.padEnd(n, '0');
  fb = fb.padEnd(n, '0');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}
