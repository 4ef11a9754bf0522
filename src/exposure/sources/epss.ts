/**
 * FIRST EPSS daily CSV → {@link EpssScore}s, streamed line by line (300k+ rows in well under a second).
 * The first line may be a comment `#model_version:v2023.03.01,score_date:2023-03-07T00:00:00+0000`, kept
 * as {@link EpssHeader}; then the column line (`cve,epss,percentile`, columns found by name), then one
 * row per CVE. A bad row is reported (data row number, column, reason) and skipped.
 */
import { StringDecoder } from 'node:string_decoder';
import { type ByteSource, chunksOf } from './input.js';
import type { RecordIssue } from './issues.js';

export interface EpssScore {
  readonly cve: string;
  /** Probability of exploitation activity in the next 30 days, 0..1. */
  readonly epss: number;
  /** Rank among all scored CVEs, 0..1. */
  readonly percentile: number;
}

export interface EpssHeader {
  modelVersion?: string;
  scoreDate?: string;
  columns: string[];
}

export type EpssItem = { kind: 'record'; index: number; record: EpssScore } | RecordIssue;

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

function parseComment(line: string, h: EpssHeader): void {
  for (const part of line.replace(/^#/, '').split(',')) {
    const k = part.indexOf(':');
    if (k < 0) continue;
    const key = part.slice(0, k).trim();
    const value = part.slice(k + 1).trim();
    if (key === 'model_version') h.modelVersion = value;
    else if (key === 'score_date') h.scoreDate = value;
  }
}

/**
 * Yields the rows chunk by chunk (one array per 1 MiB read: one await per chunk, not per row — the fast
 * path for 300k+ rows); `header` is filled in as the comment and column lines are read.
 */
export async function* readEpssBatches(source: ByteSource, header: EpssHeader = { columns: [] }): AsyncGenerator<EpssItem[]> {
  let carry = '';
  let cols: { cve: number; epss: number; percentile: number } | undefined;
  let index = 0;
  const line = (l: string): EpssItem | undefined => {
    if (l.endsWith('\r')) l = l.slice(0, -1);
    if (l === '') return undefined;
    if (l.charCodeAt(0) === 35 /* # */) { parseComment(l, header); return undefined; }
    if (cols === undefined) {
      header.columns = l.split(',').map((c) => c.trim().toLowerCase());
      const find = (n: string): number => header.columns.indexOf(n);
      cols = { cve: find('cve'), epss: find('epss'), percentile: find('percentile') };
      const missing = Object.entries(cols).filter(([, v]) => v < 0).map(([k]) => k);
      if (missing.length > 0) throw new Error(`EPSS CSV: the column line '${l.slice(0, 80)}' lacks ${missing.join(', ')}`);
      return undefined;
    }
    const f = l.split(',');
    const i = index++;
    const cve = f[cols.cve] ?? '';
    if (!CVE_ID.test(cve)) return { kind: 'rejected', index: i, field: 'cve', reason: `'${cve}' is not a CVE id` };
    const e = f[cols.epss] ?? '';
    const p = f[cols.percentile] ?? '';
    const epss = Number(e);
    const percentile = Number(p);
    if (e === '' || !(epss >= 0 && epss <= 1)) return { kind: 'rejected', index: i, id: cve, field: 'epss', reason: `'${e}' is not a probability from 0 to 1` };
    if (p === '' || !(percentile >= 0 && percentile <= 1)) return { kind: 'rejected', index: i, id: cve, field: 'percentile', reason: `'${p}' is not a percentile from 0 to 1` };
    return { kind: 'record', index: i, record: { cve, epss, percentile } };
  };
  const decoder = new StringDecoder('utf8'); // a character split across chunks stays whole
  for await (const chunk of chunksOf(source)) {
    const text = carry + decoder.write(chunk);
    const batch: EpssItem[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const item = line(text.slice(start, nl));
      if (item) batch.push(item);
      start = nl + 1;
    }
    carry = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  const last = line(carry + decoder.end());
  if (last) yield [last];
}

/** Yields each data row (see {@link readEpssBatches}). */
export async function* readEpss(source: ByteSource, header: EpssHeader = { columns: [] }): AsyncGenerator<EpssItem> {
  for await (const batch of readEpssBatches(source, header)) yield* batch;
}
