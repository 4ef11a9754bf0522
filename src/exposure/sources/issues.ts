/**
 * What a source reader says about a record it could not take: which record (position, id when known),
 * which field (a JSON path inside the record), and why. Readers yield these beside the good records and
 * go on; they never stop a stream for one bad record.
 */
export interface RecordIssue {
  readonly kind: 'rejected';
  /** 0-based position of the record in its source (array element, CSV data row, tar entry). */
  readonly index: number;
  /** The record's id when it could be read (a CVE id, a CPE name, an advisory id). */
  readonly id?: string;
  /** JSON path of the offending field inside the record ('' for the record itself), or a CSV column. */
  readonly field: string;
  readonly reason: string;
}

/** Thrown by record checks; turned into a {@link RecordIssue} by the reader. */
export class FieldError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field || '(record)'}: ${reason}`);
    this.name = 'FieldError';
  }
}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Field readers that raise FieldError naming the path. */
export function reqString(o: Record<string, unknown>, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new FieldError(join(path, key), v === undefined ? 'is required' : `must be a string, not ${typeName(v)}`);
  return v;
}
export function optString(o: Record<string, unknown>, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new FieldError(join(path, key), `must be a string, not ${typeName(v)}`);
  return v;
}
export function optArray(o: Record<string, unknown>, key: string, path: string): unknown[] | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new FieldError(join(path, key), `must be an array, not ${typeName(v)}`);
  return v;
}
export function reqArray(o: Record<string, unknown>, key: string, path: string): unknown[] {
  const v = optArray(o, key, path);
  if (v === undefined) throw new FieldError(join(path, key), 'is required');
  return v;
}
export function reqObj(v: unknown, path: string): Record<string, unknown> {
  if (v === undefined) throw new FieldError(path, 'is required');
  if (!isObj(v)) throw new FieldError(path, `must be an object, not ${typeName(v)}`);
  return v;
}
export function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** NVD and CSAF timestamps: `2023-02-08T18:15:11.523` (NVD gives UTC without a zone), with or without a zone. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?$/;
export function reqDateTime(o: Record<string, unknown>, key: string, path: string): string {
  const v = reqString(o, key, path);
  if (!DATE_TIME.test(v) || Number.isNaN(Date.parse(v.endsWith('Z') || /[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`))) {
    throw new FieldError(join(path, key), `'${v}' is not a date-time`);
  }
  return v;
}
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export function checkDate(v: string, field: string): string {
  if (!DATE.test(v) || Number.isNaN(Date.parse(v))) throw new FieldError(field, `'${v}' is not a date (YYYY-MM-DD)`);
  return v;
}

/** A timestamp as STIX wants it: UTC with `Z` and milliseconds. A zone-less NVD time is UTC. */
export function toStixTimestamp(v: string): string {
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`;
  return new Date(withZone).toISOString();
}
