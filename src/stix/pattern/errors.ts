/** Errors raised while reading a STIX pattern. Positions are 0-based UTF-16 offsets into the pattern text. */

export class PatternSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based character offset into the pattern where the problem is. */
    readonly position: number,
  ) {
    super(message);
    this.name = 'PatternSyntaxError';
  }
}

/**
 * The pattern is grammatical but breaks a rule of the STIX 2.1 specification (an invalid type name, comparisons on
 * different object types joined by AND, START not before STOP, ...). A subclass, so `instanceof PatternSyntaxError`
 * catches both kinds.
 */
export class PatternSemanticError extends PatternSyntaxError {
  constructor(message: string, position: number) {
    super(message, position);
    this.name = 'PatternSemanticError';
  }
}
