/**
 * Validation context: the current JSON path (kept as a segment stack so nothing is allocated unless
 * an issue is reported), the collected issues, and which best-practice checks are switched on.
 */
import type { ValidationIssue } from '../types.js';

/**
 * Options. By default only requirements of the STIX 2.1 specification (MUSTs) are errors; the
 * best-practice checks (SHOULDs, named as in the OASIS stix2-validator, e.g. 'hash-algo' or code
 * '241') are reported into `warnings` when that array is given, and become errors with `strict`.
 */
export interface ValidateOptions {
  /** Report best-practice findings as errors (OASIS `--strict`). */
  strict?: boolean;
  /** Best practice: only object types defined by the specification (OASIS `--strict-types`). */
  strictTypes?: boolean;
  /** Best practice: only properties defined by the specification (OASIS `--strict-properties`). */
  strictProperties?: boolean;
  /**
   * Best-practice checks to skip: names or codes, comma-separated or a list (OASIS `--disable`).
   * The selection mirrors the OASIS validator exactly, including that with any `disabled` list the
   * checks it does not list under --disable (uuid-check, extension-description, extension-properties,
   * grouping-context, implementation-languages, infrastructure-types, malware-capabilities,
   * processor-architecture, malware-result) are off unless named in `enabled`.
   */
  disabled?: string | readonly string[];
  /** Best-practice checks to run; with no `disabled`, only these run (OASIS `--enable`). */
  enabled?: string | readonly string[];
  /** When given, best-practice findings that are not errors are appended here. */
  warnings?: ValidationIssue[];
}

/** Check codes of the OASIS validator, mapped to check names. */
const CODES: Record<string, string> = {
  '1': 'format-checks', '101': 'custom-prefix', '102': 'custom-prefix-lax', '103': 'uuid-check',
  '111': 'open-vocab-format', '121': 'kill-chain-names', '141': 'observable-object-keys',
  '142': 'observable-dictionary-keys', '143': 'malware-analysis-product', '149': 'windows-process-priority-format',
  '150': 'hash-length', '2': 'approved-values', '201': 'marking-definition-type', '202': 'relationship-types',
  '203': 'duplicate-ids', '210': 'all-vocabs', '211': 'attack-motivation', '212': 'attack-resource-level',
  '213': 'identity-class', '214': 'indicator-types', '215': 'industry-sector', '216': 'malware-types',
  '218': 'report-types', '219': 'threat-actor-types', '220': 'threat-actor-role', '221': 'threat-actor-sophistication',
  '222': 'tool-types', '223': 'region', '225': 'grouping-context', '226': 'implementation-languages',
  '227': 'infrastructure-types', '228': 'malware-capabilities', '230': 'processor-architecture', '231': 'malware-result',
  '241': 'hash-algo', '243': 'windows-pebinary-type', '244': 'account-type', '245': 'indicator-pattern-types',
  '270': 'all-external-sources', '271': 'mime-type', '272': 'protocols', '273': 'ipfix', '274': 'http-request-headers',
  '275': 'socket-options', '276': 'pdf-doc-info', '277': 'countries', '301': 'network-traffic-ports',
  '302': 'extref-hashes', '303': 'indicator-properties', '304': 'deprecated-properties', '305': 'extension-description',
  '306': 'extension-properties', '401': 'extensions-use',
};

const FORMAT = ['open-vocab-format', 'kill-chain-names', 'observable-object-keys', 'observable-dictionary-keys',
  'malware-analysis-product', 'windows-process-priority-format', 'hash-length'];
const VOCABS_MAIN = ['attack-motivation', 'attack-resource-level', 'identity-class', 'indicator-pattern-types',
  'indicator-types', 'industry-sector', 'malware-types', 'report-types', 'threat-actor-types', 'threat-actor-role',
  'threat-actor-sophistication', 'tool-types', 'region', 'hash-algo', 'windows-pebinary-type', 'account-type'];
const VOCABS_MORE = ['grouping-context', 'implementation-languages', 'infrastructure-types', 'malware-capabilities',
  'processor-architecture', 'malware-result'];
const EXTERNAL = ['mime-type', 'protocols', 'ipfix', 'http-request-headers', 'socket-options', 'pdf-doc-info', 'countries'];
const APPROVED_HEAD = ['marking-definition-type', 'relationship-types', 'duplicate-ids'];
const OTHER = ['network-traffic-ports', 'extref-hashes', 'indicator-properties', 'deprecated-properties'];
const ALL = ['uuid-check', ...FORMAT, ...APPROVED_HEAD, ...VOCABS_MAIN, ...VOCABS_MORE, ...EXTERNAL, ...OTHER,
  'extension-description', 'extension-properties', 'extensions-use'];

/** Groups that `enabled` may name. */
const GROUPS: Record<string, readonly string[]> = {
  all: ALL,
  'format-checks': ['uuid-check', ...FORMAT],
  'approved-values': [...APPROVED_HEAD, ...VOCABS_MAIN, ...VOCABS_MORE, ...EXTERNAL],
  'all-vocabs': [...VOCABS_MAIN, ...VOCABS_MORE],
  'all-external-sources': EXTERNAL,
};

/** Resolved options, computed once per options object. */
export interface Resolved {
  readonly checks: ReadonlySet<string>;
  readonly disabled: ReadonlySet<string>;
  readonly strict: boolean;
}

function names(v: string | readonly string[] | undefined): string[] {
  if (v === undefined) return [];
  const list = typeof v === 'string' ? v.split(',') : v;
  const out: string[] = [];
  for (const raw of list) {
    const t = raw.trim();
    if (t) out.push(CODES[t] ?? t);
  }
  return out;
}

/** Mirrors which SHOULD checks the OASIS validator runs for a given --disable/--enable combination. */
function resolveChecks(disabledList: string[], enabledList: string[]): Set<string> {
  const set = new Set<string>();
  const off = new Set(disabledList);
  if (disabledList.length === 0 && enabledList.length === 0) {
    for (const n of ALL) set.add(n);
    return set;
  }
  if (disabledList.length > 0 && !off.has('all')) {
    if (!off.has('format-checks')) for (const n of FORMAT) if (!off.has(n)) set.add(n);
    if (!off.has('approved-values')) {
      for (const n of APPROVED_HEAD) if (!off.has(n)) set.add(n);
      if (!off.has('all-vocabs')) for (const n of VOCABS_MAIN) if (!off.has(n)) set.add(n);
      if (!off.has('all-external-sources')) for (const n of EXTERNAL) if (!off.has(n)) set.add(n);
    }
    for (const n of OTHER) if (!off.has(n)) set.add(n);
    if (!off.has('extensions-use')) set.add('extensions-use');
    else if (!off.has('format-checks')) {
      if (!off.has('custom-prefix')) set.add('custom-prefix');
      else if (!off.has('custom-prefix-lax')) set.add('custom-prefix-lax');
    }
  }
  for (const n of enabledList) {
    const group = GROUPS[n];
    if (group) for (const g of group) set.add(g);
    else set.add(n);
  }
  return set;
}

interface CacheEntry {
  strict: unknown;
  strictTypes: unknown;
  strictProperties: unknown;
  disabled: unknown;
  enabled: unknown;
  resolved: Resolved;
}

/** Resolution is cached per options object (and redone if its fields are reassigned). */
const cache = new WeakMap<ValidateOptions, CacheEntry>();
const EMPTY_OPTIONS: ValidateOptions = {};

export function resolveOptions(opts: ValidateOptions | undefined): Resolved {
  const o = opts ?? EMPTY_OPTIONS;
  const e = cache.get(o);
  if (
    e !== undefined && e.strict === o.strict && e.strictTypes === o.strictTypes &&
    e.strictProperties === o.strictProperties && e.disabled === o.disabled && e.enabled === o.enabled
  ) {
    return e.resolved;
  }
  const disabled = names(o.disabled);
  const checks = resolveChecks(disabled, names(o.enabled));
  if (o.strictTypes) checks.add('strict-types');
  if (o.strictProperties) checks.add('strict-properties');
  const resolved: Resolved = { checks, disabled: new Set(disabled), strict: o.strict === true };
  cache.set(o, {
    strict: o.strict, strictTypes: o.strictTypes, strictProperties: o.strictProperties, disabled: o.disabled,
    enabled: o.enabled, resolved,
  });
  return resolved;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function formatPath(segs: readonly (string | number)[], n: number): string {
  let p = '';
  for (let i = 0; i < n; i++) {
    const s = segs[i] as string | number;
    if (typeof s === 'number') p += `[${s}]`;
    else if (IDENT.test(s)) p += p.length === 0 ? s : `.${s}`;
    else p += `['${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return p;
}

export class Ctx {
  private readonly segs: (string | number)[] = [];
  depth = 0;
  errors: ValidationIssue[] = [];
  warnings: ValidationIssue[] | undefined = undefined;
  opts: Resolved = resolveOptions(undefined);
  /** True when best-practice checks should run (strict mode, or a warnings collector was given). */
  practices = false;

  reset(opts: Resolved, warnings: ValidationIssue[] | undefined): void {
    this.depth = 0;
    this.errors = [];
    this.opts = opts;
    this.warnings = warnings;
    this.practices = opts.strict ? opts.checks.size > 0 : warnings !== undefined && opts.checks.size > 0;
  }

  push(seg: string | number): void {
    this.segs[this.depth++] = seg;
  }

  pop(): void {
    this.depth--;
  }

  path(extra?: string | number): string {
    if (extra === undefined) return formatPath(this.segs, this.depth);
    this.segs[this.depth] = extra;
    return formatPath(this.segs, this.depth + 1);
  }

  /** Name of the value at the current path, for messages: `name`, or `name[2]` for a list item. */
  label(extra?: string | number): string {
    const n = extra === undefined ? this.depth : this.depth + 1;
    if (extra !== undefined) this.segs[this.depth] = extra;
    if (n === 0) return 'the object';
    let i = n - 1;
    let suffix = '';
    while (i >= 0 && typeof this.segs[i] === 'number') {
      suffix = `[${this.segs[i] as number}]` + suffix;
      i--;
    }
    if (i < 0) return `item ${suffix}`;
    const name = this.segs[i] as string;
    return (IDENT.test(name) ? name : `'${name}'`) + suffix;
  }

  /** Reports a specification (MUST) violation at the current path, or at child `extra`. */
  err(message: string, extra?: string | number): void {
    this.errors.push({ path: this.path(extra), message });
  }

  /** Reports "<label> <what>" at the current path (or child `extra`). */
  bad(what: string, extra?: string | number): void {
    this.err(`${this.label(extra)} ${what}`, extra);
  }

  /** True when best-practice check `name` is on. */
  on(name: string): boolean {
    return this.practices && this.opts.checks.has(name);
  }

  /** Reports a best-practice (SHOULD) finding of check `name`: an error in strict mode, else a warning. */
  warn(name: string, message: string, extra?: string | number): void {
    if (!this.practices || !this.opts.checks.has(name)) return;
    const issue = { path: this.path(extra), message: `${message} [best practice: ${name}]` };
    if (this.opts.strict) this.errors.push(issue);
    else this.warnings?.push(issue);
  }

  /** Reports a finding that is never an error (e.g. a non-canonical SCO id); warnings only. */
  note(message: string, extra?: string | number): void {
    this.warnings?.push({ path: this.path(extra), message });
  }
}
