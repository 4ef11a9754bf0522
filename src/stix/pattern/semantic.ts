/**
 * Tree-wide semantic rules of STIX 2.1 patterns (the local ones are checked while parsing, see parser.ts):
 *
 * - every object type is a valid STIX type name (§3.1 / JSON schema `core.json`): 3-250 characters of a-z, 0-9
 *   and '-', starting with a letter, ending with a letter or digit, no '--';
 * - the first property of every path is a valid property name (3-250 characters of a-z A-Z 0-9 _), or `id`;
 * - comparisons joined by AND inside one observation expression must be satisfiable by a single object, so they
 *   must share an object type; OR may mix types. A set of possible types is carried up the tree (AND intersects,
 *   OR unites) and an empty intersection is an error, as the python stix2 library rules;
 * - a string compared with `=`, `!=` or `IN` against `...hashes.<algorithm>` has the digest length of that
 *   algorithm (as the OASIS pattern validator checks), for the hex-encoded algorithms.
 */
import type { ComparisonExpression, Literal, ObjectPath, ObservationExpression, PatternAst } from './ast.js';
import { PatternSemanticError } from './errors.js';
import { quoteSource } from './lexer.js';

/** STIX type name rule; also used for SCO types in ids. */
export function isValidTypeName(name: string): boolean {
  const n = name.length;
  if (n < 3 || n > 250) return false;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    const letter = c >= 97 && c <= 122;
    const digit = c >= 48 && c <= 57;
    if (c === 45) {
      if (i === 0 || i === n - 1 || prev === 45) return false;
    } else if (!letter && !(digit && i > 0)) {
      return false;
    }
    prev = c;
  }
  return true;
}

/** STIX property name rule (3-250 of a-z A-Z 0-9 _); `id` is the one shorter name the specification defines. */
export function isValidPropertyName(name: string): boolean {
  if (name === 'id') return true;
  const n = name.length;
  if (n < 3 || n > 250) return false;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}

/** Hex digest lengths by algorithm, keyed by the name upper-cased without '-' or '_'. */
const HEX_HASHES: ReadonlyMap<string, [display: string, hexDigits: number]> = new Map([
  ['MD5', ['MD5', 32]],
  ['SHA1', ['SHA-1', 40]],
  ['SHA224', ['SHA-224', 56]],
  ['SHA256', ['SHA-256', 64]],
  ['SHA384', ['SHA-384', 96]],
  ['SHA512', ['SHA-512', 128]],
  ['SHA3224', ['SHA3-224', 56]],
  ['SHA3256', ['SHA3-256', 64]],
  ['SHA3384', ['SHA3-384', 96]],
  ['SHA3512', ['SHA3-512', 128]],
  ['RIPEMD160', ['RIPEMD-160', 40]],
  ['WHIRLPOOL', ['WHIRLPOOL', 128]],
]);

function normaliseHashName(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch !== '-' && ch !== '_') out += ch;
  }
  return out.toUpperCase();
}

function isHexOfLength(s: string, n: number): boolean {
  if (s.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

export function checkSemantics(ast: PatternAst): void {
  observation(ast.expression);
}

function observation(e: ObservationExpression): void {
  switch (e.kind) {
    case 'observation':
      comparison(e.expression);
      return;
    case 'observation-compound':
      for (const op of e.operands) observation(op);
      return;
    case 'qualified':
      observation(e.expression);
      return;
  }
}

/** Checks a comparison expression; returns the object types a single matching object could have. */
function comparison(e: ComparisonExpression): readonly string[] {
  switch (e.kind) {
    case 'comparison':
      path(e.path);
      if (e.operator === '=' || e.operator === '!=' || e.operator === 'IN') hashValue(e.path, e.value);
      return [e.path.objectType];
    case 'exists':
      path(e.path);
      return [e.path.objectType];
    case 'comparison-compound': {
      let types: readonly string[] | undefined;
      for (const op of e.operands) {
        const t = comparison(op);
        if (types === undefined) {
          types = t;
        } else if (e.operator === 'OR') {
          types = types.concat(t.filter((x) => !types?.includes(x)));
        } else {
          const before = types;
          types = types.filter((x) => t.includes(x));
          if (types.length === 0) {
            throw new PatternSemanticError(
              `comparisons joined by AND must all be on one object type, found ${listTypes(t)} at ` +
                `${op.loc.start} after ${listTypes(before)} (use OR, or separate observations: [..] AND [..])`,
              op.loc.start,
            );
          }
        }
      }
      return types ?? [];
    }
  }
}

function listTypes(types: readonly string[]): string {
  return types.map((t) => `'${t}'`).join('/');
}

function path(p: ObjectPath): void {
  if (!isValidTypeName(p.objectType)) {
    throw new PatternSemanticError(
      `invalid object type ${quoteSource(p.objectType)} at ${p.typeLoc.start}: type names are 3-250 characters of ` +
        `a-z, 0-9 and '-', starting with a letter`,
      p.typeLoc.start,
    );
  }
  const first = p.steps[0];
  if (first && first.kind === 'property' && !isValidPropertyName(first.name)) {
    throw new PatternSemanticError(
      `invalid property name ${quoteSource(first.name)} at ${first.loc.start}: property names are 3-250 ` +
        `characters of a-z, A-Z, 0-9 and '_'`,
      first.loc.start,
    );
  }
}

function hashValue(p: ObjectPath, value: Literal): void {
  const n = p.steps.length;
  const last = p.steps[n - 1];
  const parent = p.steps[n - 2];
  if (!last || last.kind !== 'property' || !parent || parent.kind !== 'property' || parent.name !== 'hashes') return;
  const algo = HEX_HASHES.get(normaliseHashName(last.name));
  if (!algo) return;
  const [display, digits] = algo;
  const values = value.kind === 'set' ? value.elements : [value];
  for (const v of values) {
    if (v.kind === 'string' && !isHexOfLength(v.value, digits)) {
      throw new PatternSemanticError(
        `${quoteSource(v.value)} at ${v.loc.start} is not a valid ${display} hash (${digits} hex digits)`,
        v.loc.start,
      );
    }
  }
}
