/**
 * Prints a pattern tree back to STIX pattern text in one canonical spelling: single spaces, `=`/`!=` for
 * `==`/`<>`, parentheses only where precedence needs them, quotes on property names only where required.
 * Parsing the output gives the same tree (up to `loc`).
 */
import type {
  ComparisonExpression,
  Literal,
  ObjectPath,
  ObservationExpression,
  PatternAst,
  Qualifier,
} from './ast.js';
import { keywordOf } from './lexer.js';

export function formatPattern(ast: PatternAst): string {
  return observation(ast.expression);
}

const OBS_PRECEDENCE = { FOLLOWEDBY: 1, OR: 2, AND: 3 } as const;

function observationPrecedence(e: ObservationExpression): number {
  if (e.kind === 'observation-compound') return OBS_PRECEDENCE[e.operator];
  return e.kind === 'qualified' ? 4 : 5;
}

function observation(e: ObservationExpression): string {
  switch (e.kind) {
    case 'observation':
      return `[${comparison(e.expression)}]`;
    case 'observation-compound': {
      const own = OBS_PRECEDENCE[e.operator];
      return e.operands
        .map((op) => (observationPrecedence(op) <= own ? `(${observation(op)})` : observation(op)))
        .join(` ${e.operator} `);
    }
    case 'qualified': {
      const inner = observationPrecedence(e.expression) < 4 ? `(${observation(e.expression)})` : observation(e.expression);
      return `${inner} ${qualifier(e.qualifier)}`;
    }
  }
}

function qualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return `WITHIN ${q.seconds} SECONDS`;
    case 'repeats':
      return `REPEATS ${q.times} TIMES`;
    case 'start-stop':
      return `START t'${q.start}' STOP t'${q.stop}'`;
  }
}

function comparisonPrecedence(e: ComparisonExpression): number {
  if (e.kind === 'comparison-compound') return e.operator === 'OR' ? 1 : 2;
  return 3;
}

function comparison(e: ComparisonExpression): string {
  switch (e.kind) {
    case 'comparison':
      return `${formatObjectPath(e.path)} ${e.negated ? 'NOT ' : ''}${e.operator} ${formatLiteral(e.value)}`;
    case 'exists':
      return `${e.negated ? 'NOT ' : ''}EXISTS ${formatObjectPath(e.path)}`;
    case 'comparison-compound': {
      const own = comparisonPrecedence(e);
      return e.operands
        .map((op) => (comparisonPrecedence(op) <= own ? `(${comparison(op)})` : comparison(op)))
        .join(` ${e.operator} `);
    }
  }
}

function isPlainName(name: string): boolean {
  if (name.length === 0 || keywordOf(name) || name === 'true' || name === 'false') return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (i > 0 && c >= 48 && c <= 57);
    if (!ok) return false;
  }
  return true;
}

/** `'...'` with `'` and `\` escaped as the pattern grammar requires. */
export function quoteString(value: string): string {
  let out = "'";
  for (const ch of value) out += ch === "'" ? "\\'" : ch === '\\' ? '\\\\' : ch;
  return `${out}'`;
}

export function formatObjectPath(p: ObjectPath): string {
  let out = `${p.objectType}:`;
  p.steps.forEach((step, i) => {
    if (step.kind === 'index') {
      out += `[${step.index}]`;
    } else {
      const name = isPlainName(step.name) ? step.name : quoteString(step.name);
      out += i === 0 ? name : `.${name}`;
    }
  });
  return out;
}

export function formatLiteral(v: Literal): string {
  switch (v.kind) {
    case 'string':
      return quoteString(v.value);
    case 'int':
    case 'float':
      return v.raw;
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'timestamp':
      return `t'${v.value}'`;
    case 'hex':
      return `h'${v.value}'`;
    case 'binary':
      return `b'${v.value}'`;
    case 'set':
      return `(${v.elements.map(formatLiteral).join(', ')})`;
  }
}
