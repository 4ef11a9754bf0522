/**
 * STIX 2.1 patterning language (STIX 2.1 §9): parser to a typed syntax tree with 0-based error positions, the
 * specification's semantic rules, and helpers over the tree.
 *
 *   parsePattern("[ipv4-addr:value = '198.51.100.1/32']")  // PatternAst, or throws PatternSyntaxError
 *   validatePattern(src)  // { ok: true, ast } | { ok: false, position, message }
 *
 * The grammar is the OASIS one (STIXPattern.g4); by default the semantic rules (type and property names, AND on
 * one object type, real timestamps, START before STOP, WITHIN/REPEATS above zero, no repeated qualifier on one
 * observation, hash lengths) are applied too and fail with PatternSemanticError, a PatternSyntaxError subclass.
 */
import type { Comparison, ComparisonExpression, ExistsTest, ObservationExpression, PatternAst } from './ast.js';
import { PatternSyntaxError } from './errors.js';
import { parse } from './parser.js';
import { checkSemantics } from './semantic.js';

export type * from './ast.js';
export { PatternSemanticError, PatternSyntaxError } from './errors.js';
export { formatLiteral, formatObjectPath, formatPattern, quoteString } from './format.js';
export { isValidPropertyName, isValidTypeName } from './semantic.js';

export interface ParsePatternOptions {
  /**
   * Apply the STIX semantic rules on top of the grammar (default true). With false, exactly what the OASIS
   * grammar accepts is accepted (e.g. `[x:created = t'2023-02-30T00:00:00Z']`).
   */
  semantic?: boolean;
}

/** Parses a STIX pattern; throws PatternSyntaxError (or its subclass PatternSemanticError) with the position. */
export function parsePattern(src: string, options: ParsePatternOptions = {}): PatternAst {
  const semantic = options.semantic ?? true;
  const ast = parse(src, { semantic });
  if (semantic) checkSemantics(ast);
  return ast;
}

export type PatternValidation =
  | { ok: true; ast: PatternAst }
  | { ok: false; position: number; message: string; kind: 'syntax' | 'semantic' };

/** Like parsePattern but returns the first problem instead of throwing. */
export function validatePattern(src: string, options: ParsePatternOptions = {}): PatternValidation {
  try {
    return { ok: true, ast: parsePattern(src, options) };
  } catch (e) {
    if (e instanceof PatternSyntaxError) {
      return {
        ok: false,
        position: e.position,
        message: e.message,
        kind: e.name === 'PatternSemanticError' ? 'semantic' : 'syntax',
      };
    }
    throw e;
  }
}

/** Calls `fn` for every comparison and EXISTS test, in source order. */
export function forEachComparison(ast: PatternAst, fn: (test: Comparison | ExistsTest) => void): void {
  const visitComparison = (e: ComparisonExpression): void => {
    if (e.kind === 'comparison-compound') e.operands.forEach(visitComparison);
    else fn(e);
  };
  const visitObservation = (e: ObservationExpression): void => {
    if (e.kind === 'observation') visitComparison(e.expression);
    else if (e.kind === 'observation-compound') e.operands.forEach(visitObservation);
    else visitObservation(e.expression);
  };
  visitObservation(ast.expression);
}

/** The object types a pattern refers to, in order of first use (e.g. ['file', 'ipv4-addr']). */
export function objectTypesOf(ast: PatternAst): string[] {
  const types: string[] = [];
  forEachComparison(ast, (t) => {
    if (!types.includes(t.path.objectType)) types.push(t.path.objectType);
  });
  return types;
}
