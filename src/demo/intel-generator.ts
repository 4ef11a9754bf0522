/**
 * Deterministic generator of realistic, entirely synthetic STIX 2.1 threat intelligence about UK critical national
 * infrastructure: used by `bulwark demo` to seed a demo store and by benchmarks to build large bundles.
 *
 * Guarantees:
 *  - exactly `count` objects (the stream is cut at `count`; a cut may leave the last few SCOs of an observation
 *    without their observed-data, never a dangling reference);
 *  - every reference (created_by_ref, *_ref, *_refs, object_marking_refs) points to an object earlier in the stream,
 *    except the well-known marking-definition ids when those are not emitted as objects;
 *  - same seed + count → the same objects, byte-identical when serialised (a different count changes the mix and
 *    the clock, so a smaller count is not a prefix of a larger one);
 *  - some objects reappear later as newer versions (same id, later `modified`), a few are revoked;
 *  - timestamps fall in 2024–2026 (RFC 3339, milliseconds, Z), modified ≥ created;
 *  - real MITRE ATT&CK technique ids and real CVE ids; actors, malware, campaigns, organisations and domains are fictional.
 * Memory is bounded (reference pools have fixed capacity), so `count` can be in the millions.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errors } from '../errors.js';
import type { StixBundle, StixObject } from '../stix/types.js';
import { activityStep } from './activity.js';
import { foundation } from './foundation.js';
import { Prng } from './prng.js';
import { IntelState } from './state.js';

export interface IntelGeneratorOptions {
  /** Any finite number; the whole output is a function of (seed, count, producerIdentityId). */
  seed: number;
  /** Number of objects to produce (exactly), 0 … 100,000,000. */
  count: number;
  /** Id to give the national-authority producer identity (the first identity, creator of most objects). */
  producerIdentityId?: string;
  /**
   * Start the stream with the 8 well-known marking-definitions it refers to (5 TLP 2.0 + 3 UK classification, as in
   * ../stix/markings.ts), so a bundle is self-contained. Default true; pass false when the target already has them.
   */
  includeMarkingDefinitions?: boolean;
}

export const MAX_INTEL_COUNT = 100_000_000;
const IDENTITY_ID = /^identity--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function checkOptions(opts: IntelGeneratorOptions): void {
  if (typeof opts.seed !== 'number' || !Number.isFinite(opts.seed)) {
    throw errors.badRequest('The generator seed must be a finite number.', [{ path: 'seed', message: `got ${String(opts.seed)}` }]);
  }
  if (!Number.isSafeInteger(opts.count) || opts.count < 0 || opts.count > MAX_INTEL_COUNT) {
    throw errors.badRequest(`The object count must be a whole number from 0 to ${MAX_INTEL_COUNT}.`, [
      { path: 'count', message: `got ${String(opts.count)}` },
    ]);
  }
  if (opts.producerIdentityId !== undefined && !IDENTITY_ID.test(opts.producerIdentityId)) {
    throw errors.badRequest('The producer identity id must look like identity--<uuid> (lower case).', [
      { path: 'producerIdentityId', message: `got ${opts.producerIdentityId}` },
    ]);
  }
}

/** Streams exactly `opts.count` STIX 2.1 objects. Do not mutate yielded objects if you keep iterating. */
export function* generateIntel(opts: IntelGeneratorOptions): Generator<StixObject, void, undefined> {
  checkOptions(opts);
  const count = opts.count;
  if (count === 0) return;
  const s = new IntelState(opts.seed, count);
  const found = foundation(s, opts.producerIdentityId, opts.includeMarkingDefinitions ?? true);
  let inFoundation = true;
  let emitted = 0;
  const out = s.out;
  for (;;) {
    s.emitted = emitted;
    s.advance();
    if (inFoundation) inFoundation = !found.next().done;
    else activityStep(s);
    for (let i = 0; i < out.length; i++) {
      yield out[i]!;
      if (++emitted === count) return;
    }
    out.length = 0;
  }
}

/** The bundle id for a seed (deterministic, independent of the object stream). */
export function intelBundleId(seed: number): string {
  return `bundle--${new Prng(seed, 1).uuid4()}`;
}

/** The whole stream as one in-memory bundle (fine for demos; use writeIntelBundle for millions of objects). */
export function generateIntelBundle(opts: IntelGeneratorOptions): StixBundle {
  checkOptions(opts);
  return { type: 'bundle', id: intelBundleId(opts.seed), objects: [...generateIntel(opts)] };
}

export interface WriteResult {
  count: number;
  bytes: number;
}

const CHUNK = 1 << 20;

function* chunks(parts: Iterable<string>, result: WriteResult): Generator<string> {
  let buf = '';
  for (const p of parts) {
    buf += p;
    if (buf.length >= CHUNK) {
      result.bytes += Buffer.byteLength(buf);
      yield buf;
      buf = '';
    }
  }
  if (buf.length) {
    result.bytes += Buffer.byteLength(buf);
    yield buf;
  }
}

async function writeParts(path: string, parts: Iterable<string>): Promise<WriteResult> {
  const result: WriteResult = { count: 0, bytes: 0 };
  await pipeline(Readable.from(chunks(parts, result), { objectMode: false }), createWriteStream(path));
  return result;
}

/**
 * Streams a bundle to `path` without holding it in memory. The file is byte-identical to
 * `JSON.stringify(generateIntelBundle(opts))`.
 */
export async function writeIntelBundle(path: string, opts: IntelGeneratorOptions): Promise<WriteResult> {
  checkOptions(opts);
  let n = 0;
  function* parts(): Generator<string> {
    yield `{"type":"bundle","id":${JSON.stringify(intelBundleId(opts.seed))},"objects":[`;
    for (const o of generateIntel(opts)) yield (n++ === 0 ? '' : ',') + JSON.stringify(o);
    yield ']}';
  }
  const r = await writeParts(path, parts());
  r.count = n;
  return r;
}

/** Streams the objects to `path` as JSON Lines: one object per line, each line ending in "\n". */
export async function writeIntelJsonl(path: string, opts: IntelGeneratorOptions): Promise<WriteResult> {
  checkOptions(opts);
  let n = 0;
  function* parts(): Generator<string> {
    for (const o of generateIntel(opts)) {
      n++;
      yield JSON.stringify(o) + '\n';
    }
  }
  const r = await writeParts(path, parts());
  r.count = n;
  return r;
}
