/**
 * NVD CPE API 2.0 product pages (the CPE dictionary) → {@link CpeDictionaryRecord}s, streamed. The CPE
 * name is checked with the matching core's own parser (a name it cannot read is reported, not kept).
 */
import { parseFormattedString } from '../cpe-parse.js';
import { CpeSyntaxError } from '../cpe-wfn.js';
import { type ByteSource, chunksOf } from './input.js';
import { FieldError, isObj, join, optArray, reqDateTime, reqObj, reqString, type RecordIssue, typeName } from './issues.js';
import { streamArrayElements } from './json-array-stream.js';

export interface CpeDictionaryRecord {
  readonly cpeName: string;
  readonly cpeNameId: string;
  readonly deprecated: boolean;
  /** The English title (else the first one), and every title by language. */
  readonly title: string | undefined;
  readonly titles: readonly { readonly title: string; readonly lang: string }[];
  readonly lastModified: string;
  readonly created: string;
  /** Names that replace a deprecated one. */
  readonly deprecatedBy: readonly string[];
}

export type CpeItem = { kind: 'record'; index: number; record: CpeDictionaryRecord } | RecordIssue;

export function normaliseCpeProduct(item: unknown): CpeDictionaryRecord {
  const c = reqObj(reqObj(item, '').cpe, 'cpe');
  const cpeName = reqString(c, 'cpeName', 'cpe');
  try {
    parseFormattedString(cpeName);
  } catch (e) {
    if (e instanceof CpeSyntaxError) throw new FieldError('cpe.cpeName', e.message);
    throw e;
  }
  if (typeof c.deprecated !== 'boolean') throw new FieldError('cpe.deprecated', c.deprecated === undefined ? 'is required' : `must be a boolean, not ${typeName(c.deprecated)}`);
  const titles = (optArray(c, 'titles', 'cpe') ?? []).map((t, k) => {
    const p = join('cpe.titles', k);
    const o = reqObj(t, p);
    return { title: reqString(o, 'title', p), lang: reqString(o, 'lang', p) };
  });
  const deprecatedBy = (optArray(c, 'deprecatedBy', 'cpe') ?? []).map((d, k) => {
    const p = join('cpe.deprecatedBy', k);
    return reqString(reqObj(d, p), 'cpeName', p);
  });
  return {
    cpeName, cpeNameId: reqString(c, 'cpeNameId', 'cpe'), deprecated: c.deprecated,
    title: (titles.find((t) => t.lang === 'en' || t.lang.startsWith('en-')) ?? titles[0])?.title,
    titles, lastModified: reqDateTime(c, 'lastModified', 'cpe'), created: reqDateTime(c, 'created', 'cpe'), deprecatedBy,
  };
}

export async function* readCpeDictionary(source: ByteSource): AsyncGenerator<CpeItem> {
  for await (const el of streamArrayElements(chunksOf(source), 'products')) {
    let value: unknown;
    try {
      value = JSON.parse(el.text);
      yield { kind: 'record', index: el.index, record: normaliseCpeProduct(value) };
    } catch (e) {
      if (e instanceof SyntaxError) {
        yield { kind: 'rejected', index: el.index, field: '', reason: `invalid JSON at byte ${el.offset}: ${e.message}` };
      } else if (e instanceof FieldError) {
        const name = isObj(value) && isObj(value.cpe) && typeof value.cpe.cpeName === 'string' ? value.cpe.cpeName : undefined;
        yield name === undefined ? { kind: 'rejected', index: el.index, field: e.field, reason: e.reason } : { kind: 'rejected', index: el.index, id: name, field: e.field, reason: e.reason };
      } else throw e;
    }
  }
}
