/**
 * Version keys. STIX timestamps may carry any number of fractional digits; the store keys each
 * version by a fixed-width normal form so that text order is time order and precision is kept.
 */
const TS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

/** '2016-04-06T20:03:48.000Z' → '2016-04-06T20:03:48.000000000Z'; undefined when not a STIX timestamp. */
export function normaliseTimestamp(ts: string): string | undefined {
  const m = TS.exec(ts);
  if (!m) return undefined;
  return `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z`;
}

/** The version key of an object: its modified, else its created, else '' (single-version objects such as SCOs). */
export function versionKeyOf(obj: { modified?: unknown; created?: unknown }): string {
  const src = typeof obj.modified === 'string' ? obj.modified : typeof obj.created === 'string' ? obj.created : undefined;
  return (src && normaliseTimestamp(src)) ?? '';
}
