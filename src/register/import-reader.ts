/**
 * Reading register files into rows, streamed (memory bounded by one row):
 *  - CSV (one record type per file): a header row of snake_case column names (the model's field
 *    names, `fields.ts`), then one record per row; parsed by `csv-parse`. A row's number is its
 *    record's position in the file, blank lines counted, the header being 1: its line number
 *    unless a quoted field above it spans lines.
 *  - JSON: an array of records or JSON lines (`.jsonl`, `.ndjson`, or text whose first character
 *    is not `[`), each record an object with the model's camelCase field names and a
 *    `recordType` (organisation, site, system, asset, component, dependency) unless the whole
 *    file is of one type given by the caller. A row's number is the record's 1-based position in
 *    the array, or its line in a JSON-lines file.
 * A source is a file path or a text (an HTTP request body).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse as parseCsv, CsvError } from 'csv-parse';
import { readObjects } from '../intel/object-reader.js';
import { AppError } from '../errors.js';
import { fieldsOf, parseRecordType, PLURALS, type RecordType } from './fields.js';

export type ImportFormat = 'csv' | 'json';

export interface ImportSource {
  /** What reports call the source (a file path, or e.g. `request body`). */
  name: string;
  format: ImportFormat;
  /** The record type of every row: required for CSV unless the file name tells it (sites.csv…). */
  type?: RecordType | undefined;
  /** A file to read, or the text itself. */
  file?: string | undefined;
  text?: string | undefined;
}

export interface RawRow {
  row: number;
  type: RecordType | null;
  /** Field values by model name (CSV text converted later, by the type's fields). */
  values: Record<string, unknown>;
  /** CSV: cell texts by column name (values is empty then). */
  cells?: Record<string, string>;
  /** Set when the row cannot be read at all; `column` names the culprit where there is one. */
  error?: { column: string | null; reason: string };
}

/** Format and type from a file name: `x.csv` → csv, `sites.csv`/`acme-sites.csv` → site. */
export function sourceFromFile(file: string, format?: ImportFormat, type?: RecordType): ImportSource {
  const base = file.split(/[\\/]/).pop()!.toLowerCase();
  const f = format ?? (base.endsWith('.csv') ? 'csv' : 'json');
  let t = type;
  if (!t) {
    const stem = base.replace(/\.(csv|json|jsonl|ndjson)$/, '');
    const word = Object.keys(PLURALS).find((p) => stem === p || stem.endsWith(`-${p}`) || stem.endsWith(`_${p}`) || stem.startsWith(`${p}-`) || stem.startsWith(`${p}_`) || stem.startsWith(`${p}.`));
    t = word ? PLURALS[word] : undefined;
  }
  return { name: file, format: f, type: t, file };
}

/** Rows of one source, in order. A file that cannot be read as its format throws BAD_FILE. */
export function readRows(src: ImportSource): AsyncGenerator<RawRow> {
  return src.format === 'csv' ? readCsv(src) : readJson(src);
}

function badFile(src: ImportSource, message: string): AppError {
  return new AppError('BAD_FILE', 400, `${src.name}: ${message}`, [{ path: src.name, message }]);
}

async function* readCsv(src: ImportSource): AsyncGenerator<RawRow> {
  if (!src.type) {
    throw badFile(src, `which records does this CSV file hold? Name it after them (${Object.keys(PLURALS).join('.csv, ')}.csv) or give the type`);
  }
  const input = src.file !== undefined ? createReadStream(src.file) : Readable.from([src.text ?? '']);
  // Rows are numbered by counting records, blank lines included (so that a row's number is its
  // line unless a quoted field spans lines): cheaper than asking the parser for line numbers.
  const parser = input.pipe(parseCsv({ bom: true, skip_empty_lines: false, relax_column_count: true, trim: false }));
  input.on('error', (e: Error) => parser.destroy(e));
  const known = new Set(fieldsOf(src.type).map((f) => f.csv));
  let header: string[] | null = null;
  let headerError: string | null = null;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (record.length === 1 && record[0] === '') continue; // a blank line
      if (header === null) {
        header = record.map((h) => h.trim().toLowerCase());
        const unknown = header.filter((h) => !known.has(h));
        const dup = header.filter((h, k) => header!.indexOf(h) !== k);
        if (unknown.length || dup.length) {
          headerError = unknown.length
            ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (columns of ${src.type} files: ${[...known].join(', ')})`
            : `column ${dup[0]} appears twice`;
          yield { row, type: src.type, values: {}, error: { column: unknown[0] ?? dup[0]!, reason: headerError } };
        }
        continue;
      }
      if (headerError) continue;
      if (record.length !== header.length) {
        yield { row, type: src.type, values: {}, error: { column: null, reason: `has ${record.length} fields; the header has ${header.length}` } };
        continue;
      }
      const cells: Record<string, string> = {};
      for (let k = 0; k < header.length; k++) cells[header[k]!] = record[k]!;
      yield { row, type: src.type, values: {}, cells };
    }
  } catch (e) {
    if (e instanceof CsvError) {
      yield { row: row + 1, type: src.type, values: {}, error: { column: null, reason: `not readable as CSV: ${e.message}` } };
      return;
    }
    throw e;
  }
  if (header === null) yield { row: 1, type: src.type, values: {}, error: { column: null, reason: 'the file is empty: it needs a header row' } };
}

function toRow(src: ImportSource, row: number, value: unknown, parseError?: string): RawRow {
  if (parseError !== undefined) return { row, type: src.type ?? null, values: {}, error: { column: null, reason: parseError } };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { row, type: src.type ?? null, values: {}, error: { column: null, reason: 'a record must be a JSON object' } };
  }
  const values = { ...(value as Record<string, unknown>) };
  const given = values.recordType;
  delete values.recordType;
  let type = src.type ?? null;
  if (given !== undefined) {
    const t = typeof given === 'string' ? parseRecordType(given) : null;
    if (!t) return { row, type, values, error: { column: 'recordType', reason: `'${String(given)}' is not one of organisation, site, system, asset, component, dependency` } };
    if (type && t !== type && !(type === 'asset' && (t === 'site' || t === 'system'))) {
      return { row, type, values, error: { column: 'recordType', reason: `is ${t} in a file of ${type} records` } };
    }
    type = t;
  }
  if (!type) return { row, type, values, error: { column: 'recordType', reason: 'required: which record this is (organisation, site, system, asset, component, dependency)' } };
  return { row, type, values };
}

async function* readJson(src: ImportSource): AsyncGenerator<RawRow> {
  if (src.file !== undefined) {
    const lines = /\.(jsonl|ndjson)$/i.test(src.file);
    for await (const item of readObjects(src.file)) {
      yield toRow(src, lines ? item.line ?? item.index + 1 : item.index + 1, item.value, item.parseError);
    }
    return;
  }
  const text = src.text ?? '';
  if (text.trimStart().startsWith('[')) {
    let arr: unknown;
    try {
      arr = JSON.parse(text);
    } catch (e) {
      throw badFile(src, `not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(arr)) throw badFile(src, 'expected a JSON array of records or JSON lines');
    for (let k = 0; k < arr.length; k++) yield toRow(src, k + 1, arr[k]);
    return;
  }
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!.trim();
    if (!l) continue;
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch (e) {
      yield toRow(src, k + 1, undefined, `invalid JSON: ${(e as Error).message}`);
      continue;
    }
    yield toRow(src, k + 1, v);
  }
}
