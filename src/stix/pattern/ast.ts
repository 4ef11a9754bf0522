/**
 * Syntax tree of a STIX 2.1 pattern (STIX 2.1 §9). Every node carries `loc`, the half-open range of 0-based
 * character offsets `[start, end)` it was read from.
 *
 * Chains of one operator are flattened: `[a] AND [b] AND [c]` is one `observation-compound` node with three
 * operands, while parentheses that group a different operator nest (`([a] OR [b]) AND [c]`).
 */

export interface Loc {
  readonly start: number;
  readonly end: number;
}

// ---------------------------------------------------------------- object paths

/** `.name` or `.'quoted name'` (the first step after `type:` is always a property step). */
export interface PropertyStep {
  readonly kind: 'property';
  readonly name: string;
  /** Written as a quoted string literal, e.g. `hashes.'SHA-256'`. */
  readonly quoted: boolean;
  readonly loc: Loc;
}

/** `[3]`, `[-1]` or `[*]` (any element of the list). */
export interface IndexStep {
  readonly kind: 'index';
  readonly index: number | '*';
  readonly loc: Loc;
}

export type PathStep = PropertyStep | IndexStep;

/** `file:hashes.'SHA-256'`, `network-traffic:extensions.'http-request-ext'.request_header.Host[0]` */
export interface ObjectPath {
  readonly kind: 'path';
  readonly objectType: string;
  /** Where the object type is written (for error positions). */
  readonly typeLoc: Loc;
  /** Never empty; `steps[0]` is a `PropertyStep`. */
  readonly steps: readonly PathStep[];
  readonly loc: Loc;
}

// ---------------------------------------------------------------- literals

export interface StringLiteral {
  readonly kind: 'string';
  /** Unescaped value (`\'` → `'`, `\\` → `\`). */
  readonly value: string;
  readonly loc: Loc;
}
export interface IntLiteral {
  readonly kind: 'int';
  readonly value: number;
  /** As written, e.g. `+5`; exact even past 2^53. */
  readonly raw: string;
  readonly loc: Loc;
}
export interface FloatLiteral {
  readonly kind: 'float';
  readonly value: number;
  readonly raw: string;
  readonly loc: Loc;
}
export interface BoolLiteral {
  readonly kind: 'bool';
  readonly value: boolean;
  readonly loc: Loc;
}
/** `t'2016-06-01T01:30:00.123Z'`; `value` is the text between the quotes. */
export interface TimestampLiteral {
  readonly kind: 'timestamp';
  readonly value: string;
  readonly loc: Loc;
}
/** `h'ffd8'`; `value` is the hex digits as written. */
export interface HexLiteral {
  readonly kind: 'hex';
  readonly value: string;
  readonly loc: Loc;
}
/** `b'dGVzdA=='`; `value` is the base64 text. */
export interface BinaryLiteral {
  readonly kind: 'binary';
  readonly value: string;
  readonly loc: Loc;
}

export type OrderableLiteral =
  | StringLiteral
  | IntLiteral
  | FloatLiteral
  | TimestampLiteral
  | HexLiteral
  | BinaryLiteral;
export type PrimitiveLiteral = OrderableLiteral | BoolLiteral;

/** `('a', 'b')` or `()`. */
export interface SetLiteral {
  readonly kind: 'set';
  readonly elements: readonly PrimitiveLiteral[];
  readonly loc: Loc;
}

export type Literal = PrimitiveLiteral | SetLiteral;

// ---------------------------------------------------------------- comparison expressions (inside [ ])

/** Operators as normalised in the tree: `==` is read as `=`, `<>` as `!=`. */
export type ComparisonOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'IN'
  | 'LIKE'
  | 'MATCHES'
  | 'ISSUBSET'
  | 'ISSUPERSET';

/** `path [NOT] op value`. The value's kind is constrained by the operator (e.g. LIKE takes a string). */
export interface Comparison {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  readonly operator: ComparisonOperator;
  readonly negated: boolean;
  readonly value: Literal;
  readonly loc: Loc;
}

/** `[NOT] EXISTS path` */
export interface ExistsTest {
  readonly kind: 'exists';
  readonly path: ObjectPath;
  readonly negated: boolean;
  readonly loc: Loc;
}

export interface ComparisonCompound {
  readonly kind: 'comparison-compound';
  readonly operator: 'AND' | 'OR';
  /** At least two. */
  readonly operands: readonly ComparisonExpression[];
  readonly loc: Loc;
}

export type ComparisonExpression = Comparison | ExistsTest | ComparisonCompound;

// ---------------------------------------------------------------- observation expressions

/** `[ comparison-expression ]` */
export interface Observation {
  readonly kind: 'observation';
  readonly expression: ComparisonExpression;
  readonly loc: Loc;
}

export interface ObservationCompound {
  readonly kind: 'observation-compound';
  readonly operator: 'AND' | 'OR' | 'FOLLOWEDBY';
  /** At least two. */
  readonly operands: readonly ObservationExpression[];
  readonly loc: Loc;
}

export interface WithinQualifier {
  readonly kind: 'within';
  /** Positive (an integer or a decimal, as the grammar allows). */
  readonly seconds: number;
  readonly loc: Loc;
}
export interface RepeatsQualifier {
  readonly kind: 'repeats';
  readonly times: number;
  readonly loc: Loc;
}
export interface StartStopQualifier {
  readonly kind: 'start-stop';
  /** Timestamp text, e.g. `2016-06-01T01:30:00.123Z`. */
  readonly start: string;
  readonly stop: string;
  readonly loc: Loc;
}
export type Qualifier = WithinQualifier | RepeatsQualifier | StartStopQualifier;

/** `expression WITHIN 5 SECONDS` etc.; stacked qualifiers nest, the innermost being written first. */
export interface QualifiedObservation {
  readonly kind: 'qualified';
  readonly expression: ObservationExpression;
  readonly qualifier: Qualifier;
  readonly loc: Loc;
}

export type ObservationExpression = Observation | ObservationCompound | QualifiedObservation;

/** Root of a parsed pattern. */
export interface PatternAst {
  readonly kind: 'pattern';
  readonly expression: ObservationExpression;
  readonly loc: Loc;
}

export type PatternNode =
  | PatternAst
  | ObservationExpression
  | Qualifier
  | ComparisonExpression
  | ObjectPath
  | PathStep
  | Literal;
