/**
 * OSV advisories (https://ossf.github.io/osv-schema/): the record's identity, dates, aliases and
 * severity, and each `affected` package — its key (purl type / namespace / name, normalised, see
 * osv-ecosystems.ts), its ranges (SEMVER, ECOSYSTEM, GIT; events introduced / fixed / last_affected /
 * limit) and its explicit versions. GIT ranges are kept: they cannot place a package version, so the
 * matcher gives them no hit unless `versions` lists the version.
 *
 * Sources: one record (a JSON object), a JSON array of records, a directory (every `.json` below it, in
 * name order), a tar / tar.gz or a zip archive of record files (osv.dev's per-ecosystem `all.zip`), told
 * by magic bytes, not the file name; plain or gzip. A bad record is reported (file, index, id, field,
 * reason) and the stream goes on.
 */
import { createHash } from 'node:crypto';
import type { OsvRange } from '../purl/osv-range.js';
import { parsePurl, PurlSyntaxError } from '../purl/parse.js';
import type { ByteSource } from './input.js';
import {
  FieldError, isObj, join, optArray, optString, reqDateTime, reqObj, reqString, typeName,
} from './issues.js';
import { jsonDocuments } from './json-documents.js';
import { type PackageKey, packageKey, packageKeyOfOsvName } from './osv-ecosystems.js';

export interface OsvPackage {
  /** Position in the record's `affected[]`. */
  readonly index: number;
  readonly ecosystem: string;
  /** The package's own purl when the record gives one. */
  readonly purl: string | null;
  readonly key: PackageKey;
  readonly ranges: readonly OsvRange[];
  readonly versions: readonly string[];
}

export interface OsvRecord {
  readonly id: string;
  readonly modified: string;
  readonly published: string | null;
  readonly withdrawn: string | null;
  readonly aliases: readonly string[];
  /** The CVE ids findings are filed under: the record's CVE aliases (its id, when that is a CVE); else its own id. */
  readonly cveIds: readonly string[];
  readonly summary: string | null;
  readonly severity: readonly { readonly type: string; readonly score: string }[];
  readonly affected: readonly OsvPackage[];
  readonly references: readonly { readonly type: string; readonly url: string }[];
  /** sha256 of the record's JSON (as read). */
  readonly contentHash: string;
}

export type OsvItem =
  | { readonly kind: 'record'; readonly index: number; readonly source: string; readonly record: OsvRecord }
  | { readonly kind: 'rejected'; readonly index: number; readonly source: string; readonly id?: string; readonly field: string; readonly reason: string };

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const RANGE_TYPES = new Set(['SEMVER', 'ECOSYSTEM', 'GIT']);
const EVENT_KINDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

function strings(o: Record<string, unknown>, key: string, path: string): string[] {
  const a = optArray(o, key, path) ?? [];
  a.forEach((v, i) => { if (typeof v !== 'string') throw new FieldError(join(join(path, key), i), `must be a string, not ${typeName(v)}`); });
  return a as string[];
}

function readRange(v: unknown, path: string): OsvRange {
  const r = reqObj(v, path);
  const type = reqString(r, 'type', path);
  if (!RANGE_TYPES.has(type)) throw new FieldError(join(path, 'type'), `'${type}' is not a range type (SEMVER, ECOSYSTEM, GIT)`);
  const repo = optString(r, 'repo', path);
  if (type === 'GIT' && repo === undefined) throw new FieldError(join(path, 'repo'), 'is required for a GIT range');
  const events = (optArray(r, 'events', path) ?? []).map((e, i) => {
    const p = join(join(path, 'events'), i);
    const o = reqObj(e, p);
    const kinds = EVENT_KINDS.filter((k) => o[k] !== undefined);
    if (kinds.length !== 1) throw new FieldError(p, `an event holds exactly one of ${EVENT_KINDS.join(', ')} (found ${kinds.length})`);
    const value = reqString(o, kinds[0]!, p);
    if (value === '') throw new FieldError(join(p, kinds[0]!), 'is empty');
    return { [kinds[0]!]: value };
  });
  if (events.length === 0) throw new FieldError(join(path, 'events'), 'a range needs at least one event');
  if (!events.some((e) => e.introduced !== undefined)) throw new FieldError(join(path, 'events'), 'a range needs an introduced event');
  return { type: type as OsvRange['type'], ...(repo !== undefined ? { repo } : {}), events };
}

function readAffected(v: unknown, index: number): OsvPackage {
  const path = `affected[${index}]`;
  const a = reqObj(v, path);
  const pkg = reqObj(a.package, join(path, 'package'));
  const ecosystem = reqString(pkg, 'ecosystem', join(path, 'package'));
  const purl = optString(pkg, 'purl', join(path, 'package')) ?? null;
  let key: PackageKey;
  if (purl !== null) {
    try {
      const p = parsePurl(purl);
      key = packageKey(p.type, p.namespace, p.name);
    } catch (e) {
      if (e instanceof PurlSyntaxError) throw new FieldError(join(path, 'package.purl'), e.message);
      throw e;
    }
  } else {
    const name = reqString(pkg, 'name', join(path, 'package'));
    if (name === '') throw new FieldError(join(path, 'package.name'), 'is empty');
    key = packageKeyOfOsvName(ecosystem, name);
  }
  const ranges = (optArray(a, 'ranges', path) ?? []).map((r, i) => readRange(r, join(join(path, 'ranges'), i)));
  const versions = strings(a, 'versions', path);
  return { index, ecosystem, purl, key, ranges, versions };
}

/** One OSV record, checked; throws FieldError naming the field. */
export function readOsvRecord(raw: unknown): OsvRecord {
  const o = reqObj(raw, '');
  const id = reqString(o, 'id', '');
  if (id === '' || /\s/.test(id)) throw new FieldError('id', `'${id}' is not an OSV id`);
  const modified = reqDateTime(o, 'modified', '');
  const published = o.published === undefined ? null : reqDateTime(o, 'published', '');
  const withdrawn = o.withdrawn === undefined ? null : reqDateTime(o, 'withdrawn', '');
  const aliases = strings(o, 'aliases', '');
  const cves = [...new Set([id, ...aliases].filter((a) => CVE_ID.test(a)))];
  const severity = (optArray(o, 'severity', '') ?? []).map((s, i) => {
    const so = reqObj(s, `severity[${i}]`);
    return { type: reqString(so, 'type', `severity[${i}]`), score: reqString(so, 'score', `severity[${i}]`) };
  });
  const affected = (optArray(o, 'affected', '') ?? []).map((a, i) => readAffected(a, i));
  const references = (optArray(o, 'references', '') ?? []).map((r, i) => {
    const ro = reqObj(r, `references[${i}]`);
    return { type: reqString(ro, 'type', `references[${i}]`), url: reqString(ro, 'url', `references[${i}]`) };
  });
  return {
    id, modified, published, withdrawn, aliases, cveIds: cves.length ? cves : [id],
    summary: optString(o, 'summary', '') ?? null, severity, affected, references,
    contentHash: createHash('sha256').update(JSON.stringify(raw)).digest('hex'),
  };
}

const idOf = (raw: unknown): string | undefined => (isObj(raw) && typeof raw.id === 'string' ? raw.id : undefined);

function item(raw: unknown, index: number, source: string): OsvItem {
  try {
    return { kind: 'record', index, source, record: readOsvRecord(raw) };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    const id = idOf(raw);
    return { kind: 'rejected', index, source, ...(id !== undefined ? { id } : {}), field: e.field, reason: e.reason };
  }
}

/** The records of one JSON text: an object is one record, an array is many (index = position in it). */
export function* parseOsvText(text: string, source: string, index = 0): Generator<OsvItem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    yield { kind: 'rejected', index, source, field: '', reason: `not JSON: ${(e as Error).message}` };
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield item(value[i], i, source);
    return;
  }
  yield item(value, index, source);
}

/** Every record of a source (see the module comment for the forms). */
export async function* readOsv(source: ByteSource): AsyncGenerator<OsvItem> {
  for await (const d of jsonDocuments(source)) yield* parseOsvText(d.text, d.path, d.index);
}
