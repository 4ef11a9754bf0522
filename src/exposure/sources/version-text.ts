/**
 * CSAF product versions and version ranges, as advisories write them, → a version constraint in the
 * bounds shape the matcher evaluates (src/exposure/version-range.ts: versionStart/End Including/Excluding).
 *
 * Read: `vers:` ranges (`vers:all/<V4.33`, `vers:generic/>=2.0|<2.5`, CISA's unseparated
 * `vers:all/>=V7.80<V9.40`, `vers:all/*`), operator text (`< V4.1.3`, `<=1.2.3`, `>= V2.0 < V2.2.28`,
 * `>= 1.0 | <= 1.32`, `> V1.1 and < V1.3.2`), and the common phrases: "All versions", "All versions < V3.1
 * SP2", "V2.9.2 and prior" / "and earlier" / "and below", "versions prior to 4.1" / "before 4.1", "2.0 and
 * later", "1.0 through 1.4", "from V2.0 before V2.3", "between V2.5 (including) and V2.7 (excluding)",
 * `V7.x` wildcards (`<= V7.x` is `< 8`), a bare version (exactly that version), and `|` lists of those
 * (any of them). CISA's generator writes spaces as `_` (`<V18_Update_2`): read as spaces.
 *
 * Every version must be one the comparator orders (src/exposure/version.ts: it starts with a number and
 * holds no unknown word); otherwise — serial-number conditions, dates, "with …"/"on …" conditions, names
 * before the operator — the text is kept with the reason. The original text is always kept.
 */
import type { VersionBounds } from '../version-range.js';
import { parseVersion } from '../version.js';

export type VersionConstraint =
  /** Every version. */
  | { readonly kind: 'all'; readonly text: string }
  /** Any of these ranges (an exact version is a range including it at both ends). */
  | { readonly kind: 'ranges'; readonly text: string; readonly ranges: readonly VersionBounds[] }
  /** Not normalised: the text and why. `reason` starts with a stable category (before any `:`). */
  | { readonly kind: 'text'; readonly text: string; readonly reason: string };

class NotNormalised extends Error {}
const fail = (reason: string): never => { throw new NotNormalised(reason); };

type Op = '<' | '<=' | '>' | '>=' | '=';
interface Clause { op: Op; v: string }

const MONTH = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;
const CONDITION = /(^|\s)(with|without|on|only|when|if|using|running|except|excluding|manufactured|distributed|installed)(\s|$)/i;
const SERIAL = /serial/i;

/** The version of a clause, normalised and checked against the comparator; a wildcard gives two clauses. */
function versionOf(raw: string): string {
  let v = raw.trim().replace(/^\((.*)\)$/, '$1').trim();
  v = v.replace(/^(?:firmware|fw|sw|software|ver\.?|version)\s*(?=v?\d)/i, '').replace(/^v\.(?=\d)/i, 'v');
  if (v === '') fail('no version after the operator');
  if (SERIAL.test(v)) fail(`serial-number condition: '${raw.trim()}'`);
  if (CONDITION.test(v) || /\s(and|or)\s/i.test(v) || /\(/.test(v) && /[a-z]{3,}/i.test(v.replace(/^.*?\(/, ''))) fail(`a condition beside the version: '${raw.trim()}'`);
  if (MONTH.test(v) || /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v)) fail(`a date, not a version: '${raw.trim()}'`);
  if (!/^[vVrR]?\d/.test(v)) fail(`not a version: '${raw.trim()}'`);
  const p = parseVersion(v);
  const word = p.tokens.find((t) => t.t === 'word' || t.t === 'hash');
  if (word) fail(`not a version the comparator orders: '${v}' (unknown word '${word.w}')`);
  return v;
}

/** `7.x` / `V2.3.x`: the prefix, or undefined. */
function wildcardPrefix(v: string): string | undefined {
  const m = /^([vV]?\d+(?:\.\d+)*)(?:\.[xX*])+$/.exec(v.trim());
  return m ? m[1] : undefined;
}
function nextPrefix(prefix: string): string {
  const parts = prefix.replace(/^[vV]/, '').split('.');
  parts[parts.length - 1] = String(Number(parts[parts.length - 1]) + 1);
  return parts.join('.');
}

/** Expands a clause with a `N.x` version into exact comparator clauses. */
function expand(op: Op, raw: string): Clause[] {
  const w = wildcardPrefix(raw);
  if (w === undefined) return [{ op, v: versionOf(raw) }];
  const lo = w.replace(/^[vV]/, '');
  const hi = nextPrefix(w);
  switch (op) {
    case '<=': return [{ op: '<', v: hi }];
    case '<': return [{ op: '<', v: lo }];
    case '>=': return [{ op: '>=', v: lo }];
    case '>': return [{ op: '>=', v: hi }];
    case '=': return [{ op: '>=', v: lo }, { op: '<', v: hi }];
  }
}

const OPS = /(<=|>=|=<|=>|==|<|>|=)/g;

/** One `|`-separated segment in operator form (after phrase rewriting): clauses in order. */
function clauses(seg: string): Clause[] {
  const s = seg.trim();
  const found = [...s.matchAll(OPS)];
  if (found.length === 0) {
    return expand('=', s);
  }
  if (found[0]!.index !== 0) {
    const before = s.slice(0, found[0]!.index).trim();
    fail(`text before the operator: '${before}'`);
  }
  const out: Clause[] = [];
  found.forEach((m, k) => {
    const start = m.index! + m[0].length;
    const end = k + 1 < found.length ? found[k + 1]!.index! : s.length;
    const raw = s.slice(start, end).replace(/(?:\s+(?:and|&)|,)\s*$/i, '');
    const op = ({ '=<': '<=', '=>': '>=', '==': '=' } as Record<string, Op>)[m[0]] ?? (m[0] as Op);
    out.push(...expand(op, raw));
  });
  return out;
}

/** Clauses written together (`>= V2.0 < V2.2.28`, `< V2.0 and >= V1.5`): all hold, so one range. */
function intersect(cs: readonly Clause[], seg: string): VersionBounds {
  const out: VersionBounds = {};
  for (const c of cs) {
    const key = c.op === '>=' || c.op === '>' ? 'start' : c.op === '<' || c.op === '<=' ? 'end' : 'exact';
    if (key === 'exact' || (key === 'start' ? out.versionStartIncluding ?? out.versionStartExcluding : out.versionEndIncluding ?? out.versionEndExcluding) !== undefined) {
      fail(`clauses that do not make one range: '${seg.trim()}'`);
    }
    if (c.op === '>=') out.versionStartIncluding = c.v;
    else if (c.op === '>') out.versionStartExcluding = c.v;
    else if (c.op === '<=') out.versionEndIncluding = c.v;
    else out.versionEndExcluding = c.v;
  }
  return out;
}

/**
 * Segments (`|`-separated) → ranges. A segment of several clauses is one range (they all hold); single
 * clauses pair as in vers: a lower bound with the upper bound after it (`>= 1.0 | <= 1.32`), lone bounds
 * are open ranges, and `=` is an exact version.
 */
function toRanges(segments: readonly { clauses: Clause[]; text: string }[]): VersionBounds[] {
  const out: VersionBounds[] = [];
  let lower: VersionBounds | undefined;
  for (const seg of segments) {
    if (seg.clauses.length > 1) {
      if (lower) { out.push(lower); lower = undefined; }
      out.push(intersect(seg.clauses, seg.text));
      continue;
    }
    const c = seg.clauses[0];
    if (c === undefined) continue;
    switch (c.op) {
      case '>=': case '>':
        if (lower) out.push(lower);
        lower = c.op === '>=' ? { versionStartIncluding: c.v } : { versionStartExcluding: c.v };
        break;
      case '<': case '<=':
        out.push({ ...lower, ...(c.op === '<' ? { versionEndExcluding: c.v } : { versionEndIncluding: c.v }) });
        lower = undefined;
        break;
      case '=':
        if (lower) { out.push(lower); lower = undefined; }
        out.push({ versionStartIncluding: c.v, versionEndIncluding: c.v });
        break;
    }
  }
  if (lower) out.push(lower);
  return out;
}

/** Phrases → operator form (one segment). */
function rewrite(seg: string): string {
  let s = seg.trim();
  let m: RegExpExecArray | null;
  if ((m = /^between\s+(.+?)\s*\(incl(?:uding|usive)?\)\s*and\s+(.+?)\s*\(excl(?:uding|usive)?\)$/i.exec(s))) return `>= ${m[1]} < ${m[2]}`;
  if ((m = /^between\s+(.+?)\s+and\s+(.+)$/i.exec(s))) return `>= ${m[1]} <= ${m[2]}`;
  if ((m = /^from\s+(.+?)\s+(?:before|prior to|up to but excluding|until)\s+(.+)$/i.exec(s))) return `>= ${m[1]} < ${m[2]}`;
  if ((m = /^(?:from\s+)?(\S+(?:\s+(?:sp|update|upd|hf|build|r)\s*\d\S*)*)\s+(?:through|thru|to|up to and including|-)\s+(.+)$/i.exec(s)) && /^[vVrR]?\d/.test(m[1]!)) return `>= ${m[1]} <= ${m[2]}`;
  if ((m = /^(?:versions?\s+)?(?:prior to|before|earlier than|older than|lower than|below)\s+(.+)$/i.exec(s))) return `< ${m[1]}`;
  if ((m = /^(?:versions?\s+)?up to(?: and including)?\s+(.+)$/i.exec(s))) return `<= ${m[1]}`;
  if ((m = /^(.+?)\s*(?:,?\s*(?:and|or|&)\s+)(?:prior|earlier|below|older|lower|before)(?:\s+versions?)?$/i.exec(s))) return `<= ${m[1]}`;
  if ((m = /^(.+?)\s*(?:,?\s*(?:and|or|&)\s+)(?:later|newer|above|higher|greater|after)(?:\s+versions?)?$/i.exec(s))) return `>= ${m[1]}`;
  // inner connectors between operator clauses
  s = s.replace(/\s+up to and including\s+/gi, ' <= ').replace(/\s+up to\s+/gi, ' <= ');
  return s;
}

const ALL_PREFIX = /^(?:all\s+)?(?:(?:firmware|software|bios|hardware)\s+)?versions?\b\s*/i;

function freeText(text: string): VersionConstraint {
  let s = text.replace(/_+/g, ' ').replace(/\s+/g, ' ').trim();
  if (/^(all|\*|all versions?|any|any versions?)$/i.test(s)) return { kind: 'all', text };
  if (/^(no version|n\/a|none|unknown|-)$/i.test(s)) fail(`no version given: '${s}'`);
  const hadAll = /^all\b/i.test(s);
  s = s.replace(ALL_PREFIX, '').replace(/^bios\s+(?=[<>=])/i, '').trim();
  if (s === '') return { kind: 'all', text };
  if (hadAll && !/^[<>=]|^(between|from|prior|before|up to|v?\d)/i.test(s)) fail(`a condition beside the version: '${s}'`);
  const segments = s.split(/\s*\|\s*/).filter((x) => x !== '');
  if (segments.length === 0) fail('empty');
  // `|` separates clauses as in vers (`>= 1.0 | <= 1.32` is one range); a bare version is one exact version
  const ranges = toRanges(segments.map((seg) => ({ clauses: clauses(rewrite(seg)), text: seg })));
  if (ranges.length === 0) fail('no version in the text');
  return { kind: 'ranges', text, ranges };
}

/** `vers:<scheme>/<constraint>|<constraint>…` (the purl vers spec; CISA also omits the `|`). */
function vers(text: string): VersionConstraint {
  const m = /^vers:([a-z0-9.+-]+)\/(.*)$/i.exec(text.trim());
  if (!m) fail('a vers: range without a scheme');
  const body = m![2]!.replace(/_+/g, ' ').trim();
  if (body === '*' || body === '') return { kind: 'all', text };
  const segments = body.split('|').map((part) => {
    const p = part.trim();
    if (p.startsWith('!=')) fail(`an exclusion (!=) the bounds cannot hold: '${p}'`);
    return { clauses: clauses(p), text: p };
  });
  return { kind: 'ranges', text, ranges: toRanges(segments) };
}

/** Normalises one product_version or product_version_range text. Never throws. */
export function normaliseVersionText(text: string): VersionConstraint {
  try {
    if (text.trim() === '') fail('empty');
    return /^\s*vers:/i.test(text) ? vers(text) : freeText(text);
  } catch (e) {
    if (e instanceof NotNormalised) return { kind: 'text', text, reason: e.message };
    throw e;
  }
}

/** The stable category of a `text` constraint's reason (for tallies). */
export function reasonCategory(reason: string): string {
  const k = reason.indexOf(':');
  return k < 0 ? reason : reason.slice(0, k);
}
