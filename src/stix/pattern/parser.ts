/**
 * Recursive-descent parser for STIX 2.1 patterns, one token of look-ahead, after the OASIS grammar STIXPattern.g4:
 *
 *   pattern      := obsFollowed EOF
 *   obsFollowed  := obsOr ('FOLLOWEDBY' obsOr)*          (lowest precedence)
 *   obsOr        := obsAnd ('OR' obsAnd)*
 *   obsAnd       := obsQualified ('AND' obsQualified)*
 *   obsQualified := obsPrimary (WITHIN n SECONDS | REPEATS n TIMES | START t'..' STOP t'..')*
 *   obsPrimary   := '[' cmpOr ']' | '(' obsFollowed ')'
 *   cmpOr        := cmpAnd ('OR' cmpAnd)*
 *   cmpAnd       := propTest ('AND' propTest)*
 *   propTest     := '(' cmpOr ')' | NOT? EXISTS path | path NOT? operator literal
 *
 * With `semantic` on, the checks that need the tokens at hand are made here: WITHIN and REPEATS values above zero,
 * START before STOP, no qualifier type repeated directly on one `[...]` (as the OASIS validator rules), and
 * calendar-valid timestamps (in the lexer). The rest of the semantic rules are in semantic.ts.
 */
import type {
  ComparisonExpression,
  ComparisonOperator,
  Loc,
  ObjectPath,
  ObservationExpression,
  PathStep,
  PatternAst,
  PrimitiveLiteral,
  Qualifier,
  SetLiteral,
  StringLiteral,
} from './ast.js';
import { PatternSemanticError, PatternSyntaxError } from './errors.js';
import { describeToken, keywordOf, Lexer, quoteSource, type Token, type TokenType } from './lexer.js';
import { compareTimestamps } from './timestamp.js';

export interface ParserOptions {
  /** Apply the local semantic checks listed above (default true). */
  semantic?: boolean;
}

const ORDER_OPS: ReadonlySet<TokenType> = new Set(['<', '<=', '>', '>=']);
const STRING_OPS: ReadonlySet<TokenType> = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);

export function parse(src: string, options: ParserOptions = {}): PatternAst {
  return new Parser(src, options.semantic ?? true).pattern();
}

class Parser {
  private readonly lexer: Lexer;
  private tok: Token;

  constructor(
    private readonly src: string,
    private readonly semantic: boolean,
  ) {
    this.lexer = new Lexer(src, semantic);
    this.tok = this.lexer.next();
  }

  // ------------------------------------------------------------ helpers

  private advance(): Token {
    const t = this.tok;
    this.tok = this.lexer.next();
    return t;
  }

  /** Throws "expected <what> at <pos>, found <token>" with a hint for common slips. */
  private fail(what: string, hint?: string): never {
    const t = this.tok;
    let extra = hint ?? '';
    if (!extra && t.type === 'ident' && !t.hyphen && keywordOf(t.text.toUpperCase())) {
      extra = ` (keywords are upper case: ${t.text.toUpperCase()})`;
    } else if (!extra && t.type === 'invalid' && this.src[t.start] === '"') {
      extra = ' (strings are written in single quotes)';
    }
    throw new PatternSyntaxError(`expected ${what} at ${t.start}, found ${describeToken(this.src, t)}${extra}`, t.start);
  }

  private expect(type: TokenType, what: string, hint?: string): Token {
    if (this.tok.type !== type) this.fail(what, hint);
    return this.advance();
  }

  // ------------------------------------------------------------ observation expressions

  pattern(): PatternAst {
    const expression = this.obsFollowed();
    if (this.tok.type !== 'eof') {
      const what = this.tok.type === ')' ? "end of input (unbalanced ')')" : 'AND, OR, FOLLOWEDBY, a qualifier or end of input';
      this.fail(what);
    }
    return { kind: 'pattern', expression, loc: { start: 0, end: this.src.length } };
  }

  private obsFollowed(): ObservationExpression {
    return this.obsChain('FOLLOWEDBY', () => this.obsOr());
  }

  private obsOr(): ObservationExpression {
    return this.obsChain('OR', () => this.obsAnd());
  }

  private obsAnd(): ObservationExpression {
    return this.obsChain('AND', () => this.obsQualified());
  }

  private obsChain(op: 'AND' | 'OR' | 'FOLLOWEDBY', operand: () => ObservationExpression): ObservationExpression {
    const first = operand();
    if (this.tok.type !== op) return first;
    const operands = [first];
    while (this.tok.type === op) {
      this.advance();
      operands.push(operand());
    }
    const last = operands[operands.length - 1] ?? first;
    return { kind: 'observation-compound', operator: op, operands, loc: { start: first.loc.start, end: last.loc.end } };
  }

  private obsQualified(): ObservationExpression {
    const simple = this.tok.type === '[';
    let expr = this.obsPrimary();
    let seen: Set<string> | undefined;
    for (;;) {
      const t = this.tok.type;
      if (t !== 'WITHIN' && t !== 'REPEATS' && t !== 'START') return expr;
      const qualifierStart = this.tok.start;
      const qualifier = this.qualifier();
      if (this.semantic && simple) {
        seen ??= new Set();
        if (seen.has(qualifier.kind)) {
          const name = t === 'START' ? 'START/STOP' : t;
          throw new PatternSemanticError(
            `duplicate ${name} qualifier at ${qualifierStart}: an observation expression takes each qualifier type once`,
            qualifierStart,
          );
        }
        seen.add(qualifier.kind);
      }
      expr = { kind: 'qualified', expression: expr, qualifier, loc: { start: expr.loc.start, end: qualifier.loc.end } };
    }
  }

  private qualifier(): Qualifier {
    const keyword = this.advance();
    const start = keyword.start;
    if (keyword.type === 'WITHIN') {
      const n = this.tok;
      if ((n.type !== 'int' && n.type !== 'float') || n.text.startsWith('-')) this.fail('a positive number of seconds');
      this.advance();
      const seconds = Number(n.text);
      if (this.semantic && !(seconds > 0)) {
        throw new PatternSemanticError(`WITHIN needs a number of seconds above zero at ${n.start}, found ${quoteSource(n.text)}`, n.start);
      }
      const end = this.expect('SECONDS', 'SECONDS', this.tok.type === 'ident' ? ' (SECONDS is the only time unit)' : undefined).end;
      return { kind: 'within', seconds, loc: { start, end } };
    }
    if (keyword.type === 'REPEATS') {
      const n = this.tok;
      if (n.type !== 'int' || n.text.startsWith('-')) this.fail('a positive integer');
      this.advance();
      const times = Number(n.text);
      if (this.semantic && !(times > 0)) {
        throw new PatternSemanticError(`REPEATS needs a count above zero at ${n.start}, found ${quoteSource(n.text)}`, n.start);
      }
      const end = this.expect('TIMES', 'TIMES').end;
      return { kind: 'repeats', times, loc: { start, end } };
    }
    const from = this.expect('timestamp', "a timestamp t'...' after START");
    this.expect('STOP', 'STOP');
    const to = this.expect('timestamp', "a timestamp t'...' after STOP");
    if (this.semantic && compareTimestamps(from.text, to.text) >= 0) {
      throw new PatternSemanticError(
        `STOP ${quoteSource(to.text)} at ${to.start} must be later than START ${quoteSource(from.text)}`,
        to.start,
      );
    }
    return { kind: 'start-stop', start: from.text, stop: to.text, loc: { start, end: to.end } };
  }

  private obsPrimary(): ObservationExpression {
    const t = this.tok;
    if (t.type === '[') {
      this.advance();
      const expression = this.cmpOr();
      const close = this.expect(']', "']'");
      return { kind: 'observation', expression, loc: { start: t.start, end: close.end } };
    }
    if (t.type === '(') {
      this.advance();
      const inner = this.obsFollowed();
      this.expect(')', "')'");
      return inner;
    }
    return this.fail("'[' or '(' to start an observation expression");
  }

  // ------------------------------------------------------------ comparison expressions

  private cmpOr(): ComparisonExpression {
    return this.cmpChain('OR', () => this.cmpAnd());
  }

  private cmpAnd(): ComparisonExpression {
    return this.cmpChain('AND', () => this.propTest());
  }

  private cmpChain(op: 'AND' | 'OR', operand: () => ComparisonExpression): ComparisonExpression {
    const first = operand();
    if (this.tok.type !== op) return first;
    const operands = [first];
    while (this.tok.type === op) {
      this.advance();
      operands.push(operand());
    }
    const last = operands[operands.length - 1] ?? first;
    return { kind: 'comparison-compound', operator: op, operands, loc: { start: first.loc.start, end: last.loc.end } };
  }

  private propTest(): ComparisonExpression {
    const t = this.tok;
    if (t.type === '(') {
      this.advance();
      const inner = this.cmpOr();
      this.expect(')', "')'");
      return inner;
    }
    if (t.type === 'NOT' || t.type === 'EXISTS') {
      const negated = t.type === 'NOT';
      if (negated) {
        this.advance();
        this.expect('EXISTS', 'EXISTS after NOT', ' (NOT goes after the object path: path NOT = value)');
      } else {
        this.advance();
      }
      const path = this.objectPath();
      return { kind: 'exists', path, negated, loc: { start: t.start, end: path.loc.end } };
    }
    if (t.type !== 'ident') this.fail("an object path (type:property), '(' or EXISTS");
    const path = this.objectPath();
    let negated = false;
    if (this.tok.type === 'NOT') {
      negated = true;
      this.advance();
    }
    const op = this.tok;
    let operator: ComparisonOperator;
    let value: PrimitiveLiteral | SetLiteral;
    if (op.type === '=' || op.type === '!=') {
      operator = op.type;
      this.advance();
      value = this.primitive(true);
    } else if (ORDER_OPS.has(op.type)) {
      operator = op.type as ComparisonOperator;
      this.advance();
      value = this.primitive(false);
    } else if (op.type === 'IN') {
      operator = 'IN';
      this.advance();
      value = this.set();
    } else if (STRING_OPS.has(op.type)) {
      operator = op.type as ComparisonOperator;
      this.advance();
      value = this.stringLiteral();
    } else {
      return this.fail(
        negated
          ? 'a comparison operator after NOT'
          : 'a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)',
      );
    }
    return { kind: 'comparison', path, operator, negated, value, loc: { start: t.start, end: value.loc.end } };
  }

  // ------------------------------------------------------------ object paths

  private objectPath(): ObjectPath {
    const typeTok = this.tok;
    if (typeTok.type !== 'ident') this.fail('an object type');
    this.advance();
    this.expect(':', "':' after the object type", this.tok.type === '.' ? " (write type:property, e.g. file:size)" : undefined);
    const steps: PathStep[] = [this.propertyStep()];
    for (;;) {
      const t = this.tok;
      if (t.type === '.') {
        this.advance();
        steps.push(this.propertyStep());
      } else if (t.type === '[') {
        this.advance();
        const n = this.tok;
        let index: number | '*';
        if (n.type === '*') index = '*';
        else if (n.type === 'int') index = Number(n.text);
        else return this.fail("a list index (an integer or '*')");
        this.advance();
        const close = this.expect(']', "']' after the list index");
        steps.push({ kind: 'index', index, loc: { start: t.start, end: close.end } });
      } else {
        break;
      }
    }
    const last = steps[steps.length - 1];
    return {
      kind: 'path',
      objectType: typeTok.text,
      typeLoc: { start: typeTok.start, end: typeTok.end },
      steps,
      loc: { start: typeTok.start, end: last ? last.loc.end : typeTok.end },
    };
  }

  private propertyStep(): PathStep {
    const t = this.tok;
    if (t.type === 'ident' && !t.hyphen) {
      this.advance();
      return { kind: 'property', name: t.text, quoted: false, loc: { start: t.start, end: t.end } };
    }
    if (t.type === 'string') {
      this.advance();
      return { kind: 'property', name: t.text, quoted: true, loc: { start: t.start, end: t.end } };
    }
    if (t.type === 'ident') {
      return this.fail('a property name', ` (a name containing '-' must be quoted: '${t.text}')`);
    }
    return this.fail('a property name');
  }

  // ------------------------------------------------------------ literals

  private primitive(allowBool: boolean): PrimitiveLiteral {
    const t = this.tok;
    const loc: Loc = { start: t.start, end: t.end };
    switch (t.type) {
      case 'string':
        this.advance();
        return { kind: 'string', value: t.text, loc };
      case 'int':
        this.advance();
        return { kind: 'int', value: Number(t.text), raw: t.text, loc };
      case 'float':
        this.advance();
        return { kind: 'float', value: Number(t.text), raw: t.text, loc };
      case 'timestamp':
        this.advance();
        return { kind: 'timestamp', value: t.text, loc };
      case 'hex':
        this.advance();
        return { kind: 'hex', value: t.text, loc };
      case 'binary':
        this.advance();
        return { kind: 'binary', value: t.text, loc };
      case 'bool':
        if (allowBool) {
          this.advance();
          return { kind: 'bool', value: t.text === 'true', loc };
        }
        return this.fail('a number, string, timestamp, hex or binary value', ' (true/false only compare with = and !=)');
      default:
        return this.fail('a literal value', t.type === 'ident' ? ' (string values are written in single quotes)' : undefined);
    }
  }

  private stringLiteral(): StringLiteral {
    const t = this.tok;
    if (t.type !== 'string') this.fail('a string literal', t.type === 'ident' ? ' (string values are written in single quotes)' : undefined);
    this.advance();
    return { kind: 'string', value: t.text, loc: { start: t.start, end: t.end } };
  }

  private set(): SetLiteral {
    const open = this.expect('(', "'(' to start a set of values, e.g. ('a', 'b')");
    const elements: PrimitiveLiteral[] = [];
    if (this.tok.type !== ')') {
      elements.push(this.primitive(true));
      while (this.tok.type === ',') {
        this.advance();
        elements.push(this.primitive(true));
      }
    }
    const close = this.expect(')', "',' or ')'");
    return { kind: 'set', elements, loc: { start: open.start, end: close.end } };
  }
}
