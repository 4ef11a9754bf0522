/**
 * Hand-written lexer for the STIX 2.1 patterning language, following the token rules of the OASIS grammar
 * (STIXPattern.g4): keywords are case-sensitive upper case, identifiers may contain '-' (only object types may),
 * strings use single quotes with `\'` and `\\` as the only escapes, typed literals t'..' h'..' b'..',
 * whitespace and C-style comments are skipped. Tokens are produced on demand, so the first error in reading
 * order is the one reported. One pass over char codes, no regular expressions.
 */
import { PatternSemanticError, PatternSyntaxError } from './errors.js';
import { timestampCalendarError, timestampFormatError } from './timestamp.js';

export type Keyword =
  | 'AND'
  | 'OR'
  | 'NOT'
  | 'FOLLOWEDBY'
  | 'LIKE'
  | 'MATCHES'
  | 'ISSUPERSET'
  | 'ISSUBSET'
  | 'EXISTS'
  | 'LAST'
  | 'IN'
  | 'START'
  | 'STOP'
  | 'SECONDS'
  | 'WITHIN'
  | 'REPEATS'
  | 'TIMES';

export type TokenType =
  | 'eof'
  | 'invalid'
  | '['
  | ']'
  | '('
  | ')'
  | ':'
  | '.'
  | ','
  | '*'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'ident'
  | 'string'
  | 'int'
  | 'float'
  | 'bool'
  | 'timestamp'
  | 'hex'
  | 'binary'
  | Keyword;

export interface Token {
  readonly type: TokenType;
  readonly start: number;
  readonly end: number;
  /**
   * ident: the name; string: the unescaped value; timestamp, hex, binary: the text between the quotes;
   * int, float: the literal as written; bool: 'true' | 'false'; otherwise ''.
   */
  readonly text: string;
  /** An identifier containing '-' (allowed for object types only). */
  readonly hyphen: boolean;
}

const KEYWORDS: ReadonlyMap<string, Keyword> = new Map(
  (
    [
      'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS', 'LAST', 'IN',
      'START', 'STOP', 'SECONDS', 'WITHIN', 'REPEATS', 'TIMES',
    ] as const
  ).map((k) => [k, k]),
);

export function keywordOf(word: string): Keyword | undefined {
  return KEYWORDS.get(word);
}

const C_TAB = 9, C_CR = 13, C_SPACE = 32, C_QUOTE = 39, C_LPAREN = 40, C_RPAREN = 41, C_STAR = 42, C_PLUS = 43;
const C_COMMA = 44, C_MINUS = 45, C_DOT = 46, C_SLASH = 47, C_0 = 48, C_9 = 57, C_COLON = 58, C_LT = 60;
const C_EQ = 61, C_GT = 62, C_A = 65, C_Z = 90, C_LBRACK = 91, C_BACKSLASH = 92, C_RBRACK = 93, C_UNDERSCORE = 95;
const C_a = 97, C_z = 122, C_BANG = 33, C_LF = 10;

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}
function isIdentStart(c: number): boolean {
  return (c >= C_a && c <= C_z) || (c >= C_A && c <= C_Z) || c === C_UNDERSCORE;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= C_a && c <= 102) || (c >= C_A && c <= 70);
}
function isBase64Char(c: number): boolean {
  return (c >= C_a && c <= C_z) || (c >= C_A && c <= C_Z) || isDigit(c) || c === C_PLUS || c === C_SLASH;
}
/** The grammar's WS set: ASCII whitespace and the Unicode space separators. */
function isSpace(c: number): boolean {
  return (
    c === C_SPACE ||
    (c >= C_TAB && c <= C_CR) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Quotes a piece of source for an error message, shortened when long. */
export function quoteSource(text: string): string {
  return `'${text.length > 40 ? `${text.slice(0, 37)}...` : text}'`;
}

/** A piece of source that carries its own quotes (t'...'), shortened when long. */
export function shortSource(text: string): string {
  return text.length > 48 ? `${text.slice(0, 45)}...` : text;
}

/** How a token reads in "found ..." error messages. */
export function describeToken(src: string, t: Token): string {
  if (t.type === 'eof') return 'end of input';
  const text = src.slice(t.start, t.end);
  const selfQuoted = t.type === 'string' || t.type === 'timestamp' || t.type === 'hex' || t.type === 'binary';
  return selfQuoted ? shortSource(text) : quoteSource(text);
}

export class Lexer {
  private pos = 0;

  /**
   * @param strict also reject timestamps that are well-formed but not real instants (2023-02-29, 24:00 seconds
   *   60 outside 23:59), as RFC 3339 requires; the OASIS grammar alone accepts them.
   */
  constructor(
    readonly src: string,
    private readonly strict = true,
  ) {}

  next(): Token {
    const src = this.src;
    const len = src.length;
    let i = this.pos;
    // Skip whitespace and comments.
    for (;;) {
      if (i >= len) {
        this.pos = i;
        return { type: 'eof', start: len, end: len, text: '', hyphen: false };
      }
      const c = src.charCodeAt(i);
      if (isSpace(c)) {
        i++;
      } else if (c === C_SLASH && src.charCodeAt(i + 1) === C_STAR) {
        const close = src.indexOf('*/', i + 2);
        if (close < 0) throw new PatternSyntaxError(`unterminated comment starting at ${i}`, i);
        i = close + 2;
      } else if (c === C_SLASH && src.charCodeAt(i + 1) === C_SLASH) {
        i += 2;
        while (i < len && src.charCodeAt(i) !== C_LF && src.charCodeAt(i) !== C_CR) i++;
      } else {
        break;
      }
    }
    const start = i;
    const c = src.charCodeAt(i);
    switch (c) {
      case C_LBRACK:
        return this.simple('[', start, 1);
      case C_RBRACK:
        return this.simple(']', start, 1);
      case C_LPAREN:
        return this.simple('(', start, 1);
      case C_RPAREN:
        return this.simple(')', start, 1);
      case C_COLON:
        return this.simple(':', start, 1);
      case C_COMMA:
        return this.simple(',', start, 1);
      case C_STAR:
        return this.simple('*', start, 1);
      case C_DOT:
        return isDigit(src.charCodeAt(i + 1)) ? this.number(start) : this.simple('.', start, 1);
      case C_EQ:
        return src.charCodeAt(i + 1) === C_EQ ? this.simple('=', start, 2) : this.simple('=', start, 1);
      case C_BANG:
        return src.charCodeAt(i + 1) === C_EQ ? this.simple('!=', start, 2) : this.simple('invalid', start, 1);
      case C_LT: {
        const d = src.charCodeAt(i + 1);
        if (d === C_EQ) return this.simple('<=', start, 2);
        if (d === C_GT) return this.simple('!=', start, 2);
        return this.simple('<', start, 1);
      }
      case C_GT:
        return src.charCodeAt(i + 1) === C_EQ ? this.simple('>=', start, 2) : this.simple('>', start, 1);
      case C_QUOTE:
        return this.string(start);
      case C_PLUS:
      case C_MINUS: {
        const d = src.charCodeAt(i + 1);
        if (isDigit(d) || (d === C_DOT && isDigit(src.charCodeAt(i + 2)))) return this.number(start);
        return this.simple('invalid', start, 1);
      }
      default:
        break;
    }
    if (isDigit(c)) return this.number(start);
    if (isIdentStart(c)) {
      if (src.charCodeAt(i + 1) === C_QUOTE) {
        if (c === 116 /* t */) return this.timestamp(start);
        if (c === 104 /* h */) return this.hex(start);
        if (c === 98 /* b */) return this.binary(start);
      }
      return this.identifier(start);
    }
    // Keep a surrogate pair together so the message shows the whole character.
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < len ? 2 : 1;
    return this.simple('invalid', start, width);
  }

  private simple(type: TokenType, start: number, width: number): Token {
    this.pos = start + width;
    return { type, start, end: start + width, text: '', hyphen: false };
  }

  private identifier(start: number): Token {
    const src = this.src;
    let i = start + 1;
    let hyphen = false;
    for (;;) {
      const c = src.charCodeAt(i);
      if (isIdentPart(c)) i++;
      else if (c === C_MINUS) {
        hyphen = true;
        i++;
      } else break;
    }
    this.pos = i;
    const text = src.slice(start, i);
    if (!hyphen) {
      const kw = KEYWORDS.get(text);
      if (kw) return { type: kw, start, end: i, text, hyphen };
      if (text === 'true' || text === 'false') return { type: 'bool', start, end: i, text, hyphen };
    }
    return { type: 'ident', start, end: i, text, hyphen };
  }

  private number(start: number): Token {
    const src = this.src;
    let i = start;
    const first = src.charCodeAt(i);
    if (first === C_PLUS || first === C_MINUS) i++;
    const digitsStart = i;
    while (isDigit(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) === C_DOT && isDigit(src.charCodeAt(i + 1))) {
      i += 2;
      while (isDigit(src.charCodeAt(i))) i++;
      this.pos = i;
      return { type: 'float', start, end: i, text: src.slice(start, i), hyphen: false };
    }
    this.pos = i;
    const text = src.slice(start, i);
    if (i - digitsStart > 1 && src.charCodeAt(digitsStart) === C_0) {
      throw new PatternSyntaxError(
        `invalid integer ${quoteSource(text)} at ${start}: leading zeros are not allowed`,
        start,
      );
    }
    return { type: 'int', start, end: i, text, hyphen: false };
  }

  private string(start: number): Token {
    const src = this.src;
    const len = src.length;
    let i = start + 1;
    let segment = i;
    let value = '';
    for (;;) {
      if (i >= len) throw new PatternSyntaxError(`unterminated string starting at ${start}`, start);
      const c = src.charCodeAt(i);
      if (c === C_QUOTE) break;
      if (c === C_BACKSLASH) {
        const d = src.charCodeAt(i + 1);
        if (d !== C_QUOTE && d !== C_BACKSLASH) {
          const shown = i + 1 < len ? src.slice(i, i + 2) : '\\';
          throw new PatternSyntaxError(
            `invalid escape ${quoteSource(shown)} in string at ${i}: only \\' and \\\\ are allowed (write \\\\ for a backslash)`,
            i,
          );
        }
        value += src.slice(segment, i);
        segment = i + 1; // keep the escaped character
        i += 2;
        continue;
      }
      i++;
    }
    value += src.slice(segment, i);
    this.pos = i + 1;
    return { type: 'string', start, end: i + 1, text: value, hyphen: false };
  }

  /** Finds the closing quote of a typed literal (t'', h'', b''), for messages and to bound the scan. */
  private closeOf(start: number, what: string): number {
    const close = this.src.indexOf("'", start + 2);
    if (close < 0) throw new PatternSyntaxError(`unterminated ${what} literal starting at ${start}`, start);
    return close;
  }

  private timestamp(start: number): Token {
    const src = this.src;
    const close = this.closeOf(start, 'timestamp');
    const body = src.slice(start + 2, close);
    const fail = (why: string): never => {
      throw new PatternSyntaxError(
        `invalid timestamp ${shortSource(src.slice(start, close + 1))} at ${start}: ${why}`,
        start,
      );
    };
    const reason = timestampFormatError(body);
    if (reason) fail(reason);
    if (this.strict) {
      const why = timestampCalendarError(body);
      if (why) {
        throw new PatternSemanticError(
          `invalid timestamp ${shortSource(src.slice(start, close + 1))} at ${start}: ${why}`,
          start,
        );
      }
    }
    this.pos = close + 1;
    return { type: 'timestamp', start, end: close + 1, text: body, hyphen: false };
  }

  private hex(start: number): Token {
    const src = this.src;
    const close = this.closeOf(start, 'hex');
    for (let i = start + 2; i < close; i++) {
      if (!isHexDigit(src.charCodeAt(i))) {
        throw new PatternSyntaxError(`invalid hex literal at ${start}: ${quoteSource(src[i] ?? '')} is not a hex digit`, start);
      }
    }
    if ((close - start - 2) % 2 !== 0) {
      throw new PatternSyntaxError(`invalid hex literal at ${start}: expected an even number of hex digits`, start);
    }
    this.pos = close + 1;
    return { type: 'hex', start, end: close + 1, text: src.slice(start + 2, close), hyphen: false };
  }

  private binary(start: number): Token {
    const src = this.src;
    const close = this.closeOf(start, 'binary');
    const n = close - start - 2;
    let padding = 0;
    let ok = n > 0 && n % 4 === 0;
    for (let i = start + 2; ok && i < close; i++) {
      const c = src.charCodeAt(i);
      if (c === C_EQ) padding++;
      else if (padding > 0 || !isBase64Char(c)) ok = false;
    }
    if (!ok || padding > 2) {
      throw new PatternSyntaxError(
        `invalid binary literal at ${start}: expected base64 text (groups of 4 characters of A-Z a-z 0-9 + /, '=' padding only at the end)`,
        start,
      );
    }
    this.pos = close + 1;
    return { type: 'binary', start, end: close + 1, text: src.slice(start + 2, close), hyphen: false };
  }
}
