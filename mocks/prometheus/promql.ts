/**
 * PromQL to a small AST. The text is parsed with @prometheus-io/lezer-promql (which never throws: error
 * nodes are looked for), then converted and type-checked as Prometheus' parser does for the subset the
 * mock evaluates; anything else is refused with a clear "not supported" error.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { PromError, unsupported } from './errors';
import { NAME_LABEL, type LabelMatcher } from './tsdb';

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

export interface VectorMatching {
  /** `on(...)` when true, `ignoring(...)` when false. */
  on: boolean;
  labels: string[];
  card: 'one-to-one' | 'many-to-one' | 'one-to-many';
  /** Labels copied from the "one" side with group_left/group_right. */
  include: string[];
}

export interface VectorSelectorNode {
  type: 'vector';
  matchers: LabelMatcher[];
  offsetMs: number;
}

export type Expr =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | VectorSelectorNode
  | { type: 'matrix'; selector: VectorSelectorNode; rangeMs: number }
  | { type: 'call'; func: string; args: Expr[] }
  | { type: 'aggregate'; op: string; param?: Expr; expr: Expr; grouping: string[]; without: boolean }
  | { type: 'binary'; op: BinaryOp; lhs: Expr; rhs: Expr; bool: boolean; matching?: VectorMatching }
  | { type: 'unary'; op: '-' | '+'; expr: Expr };

/** Functions the mock evaluates, with their argument types (Prometheus' signatures). */
export const FUNCTIONS: Readonly<Record<string, { args: ValueType[]; returns: ValueType }>> = {
  rate: { args: ['matrix'], returns: 'vector' },
  irate: { args: ['matrix'], returns: 'vector' },
  increase: { args: ['matrix'], returns: 'vector' },
  sum_over_time: { args: ['matrix'], returns: 'vector' },
  avg_over_time: { args: ['matrix'], returns: 'vector' },
  max_over_time: { args: ['matrix'], returns: 'vector' },
  min_over_time: { args: ['matrix'], returns: 'vector' },
  count_over_time: { args: ['matrix'], returns: 'vector' },
  histogram_quantile: { args: ['scalar', 'vector'], returns: 'vector' },
  scalar: { args: ['vector'], returns: 'scalar' },
  vector: { args: ['scalar'], returns: 'vector' },
  time: { args: [], returns: 'scalar' },
};

export const AGGREGATIONS = new Set(['sum', 'avg', 'max', 'min', 'count', 'topk', 'bottomk']);

const ARITHMETIC = new Set<string>(['+', '-', '*', '/', '%', '^']);
const COMPARISON = new Set<string>(['==', '!=', '>', '<', '>=', '<=']);
export const isComparison = (op: BinaryOp): op is ComparisonOp => COMPARISON.has(op);
export const isSetOp = (op: BinaryOp): op is SetOp => op === 'and' || op === 'or' || op === 'unless';

const DURATION_UNITS: Record<string, number> = { y: 365 * 86_400_000, w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** A Prometheus duration (`1h30m`, `90s`, `500ms`) in milliseconds, or undefined when it is not one. */
export function parseDurationMs(text: string): number | undefined {
  if (!/^(\d+(y|w|d|h|ms|m|s))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(y|w|d|h|ms|m|s)/g)) total += Number(n) * DURATION_UNITS[unit];
  return total;
}

function parseNumber(text: string): number {
  const t = text.toLowerCase().replace(/_/g, '');
  if (t === 'inf' || t === '+inf') return Infinity;
  if (t === '-inf') return -Infinity;
  if (t === 'nan' || t === '+nan' || t === '-nan') return NaN;
  if (/^[+-]?0x[0-9a-f]+$/.test(t)) return (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[+-]?0x/, ''), 16);
  const n = Number(t);
  if (Number.isNaN(n)) throw new PromError(`bad number or duration syntax: "${text}"`);
  return n;
}

/** The value of a Go-style string literal: "double" and 'single' quotes with escapes, `raw` backticks. */
export function unquote(text: string): string {
  const quote = text[0];
  if (text.length < 2 || text[text.length - 1] !== quote) throw new PromError(`unterminated quoted string ${text}`);
  const body = text.slice(1, -1);
  if (quote === '`') return body;
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_m, esc: string) => {
    if (esc.length === 1) {
      const c = simple[esc];
      if (c === undefined || (esc === '"' && quote !== '"') || (esc === "'" && quote !== "'")) throw new PromError(`unknown escape sequence \\${esc}`);
      return c;
    }
    if (/^[0-7]{3}$/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return String.fromCodePoint(parseInt(esc.slice(1), 16));
  });
}

/** An anchored RegExp for a PromQL regex matcher (RE2 syntax; a leading `(?i)` becomes the `i` flag). */
export function compileRegex(pattern: string): RegExp {
  let source = pattern;
  let flags = '';
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    flags = 'i';
  }
  try {
    return new RegExp(`^(?:${source})$`, flags);
  } catch {
    throw new PromError(`error parsing regexp: invalid regular expression "${pattern}"`);
  }
}

class Converter {
  constructor(private readonly text: string) {}

  private src(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private position(pos: number): string {
    const before = this.text.slice(0, pos);
    const line = before.split('\n').length;
    const col = pos - before.lastIndexOf('\n');
    return `${line}:${col}`;
  }

  error(node: SyntaxNode, message: string): PromError {
    return new PromError(`${this.position(node.from)}: parse error: ${message}`);
  }

  private children(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }

  private child(node: SyntaxNode, name: string): SyntaxNode | null {
    return node.getChild(name);
  }

  convert(node: SyntaxNode): Expr {
    switch (node.name) {
      case 'ParenExpr': return this.convert(this.exprChildren(node)[0]);
      case 'NumberDurationLiteral': return { type: 'number', value: this.number(node) };
      case 'StringLiteral': return { type: 'string', value: unquote(this.src(node)) };
      case 'VectorSelector': return this.vectorSelector(node);
      case 'MatrixSelector': return this.matrixSelector(node);
      case 'OffsetExpr': return this.offset(node);
      case 'UnaryExpr': return this.unary(node);
      case 'FunctionCall': return this.call(node);
      case 'AggregateExpr': return this.aggregate(node);
      case 'BinaryExpr': return this.binary(node);
      case 'SubqueryExpr': throw unsupported('subquery');
      case 'StepInvariantExpr': throw unsupported('the @ modifier');
      default: throw unsupported(`expression "${this.src(node)}"`);
    }
  }

  /** Child nodes that are expressions (the grammar's Expr group). */
  private exprChildren(node: SyntaxNode): SyntaxNode[] {
    return this.children(node).filter((c) => c.type.is('Expr'));
  }

  private number(node: SyntaxNode): number {
    const text = this.src(node);
    if (parseDurationMs(text.replace(/^[+-]/, '')) !== undefined) throw unsupported(`duration "${text}" used as a number`);
    return parseNumber(text);
  }

  private durationMs(node: SyntaxNode | null, what: string): number {
    if (!node) throw new PromError(`missing ${what}`);
    const lits = this.children(node);
    if (lits.length !== 1 || lits[0].name !== 'NumberDurationLiteralInDurationContext') throw unsupported(`duration arithmetic in "${this.src(node)}"`);
    const text = this.src(lits[0]);
    const ms = parseDurationMs(text) ?? (/^\d+(\.\d+)?$/.test(text) ? Math.round(Number(text) * 1000) : undefined);
    if (ms === undefined) throw this.error(node, `bad duration syntax: "${text}"`);
    return ms;
  }

  private vectorSelector(node: SyntaxNode): VectorSelectorNode {
    const matchers: LabelMatcher[] = [];
    const ident = this.child(node, 'Identifier');
    if (ident) matchers.push({ name: NAME_LABEL, op: '=', value: this.src(ident) });
    const list = this.child(node, 'LabelMatchers');
    for (const m of list ? this.children(list) : []) {
      if (m.name === 'QuotedLabelName') {
        matchers.push({ name: NAME_LABEL, op: '=', value: unquote(this.src(m)) });
        continue;
      }
      if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') continue;
      const nameNode = m.firstChild!;
      const name = nameNode.name === 'LabelName' ? this.src(nameNode) : unquote(this.src(nameNode));
      const op = this.src(this.child(m, 'MatchOp')!) as LabelMatcher['op'];
      const value = unquote(this.src(this.child(m, 'StringLiteral')!));
      const matcher: LabelMatcher = { name, op, value };
      if (op === '=~' || op === '!~') matcher.regex = compileRegex(value);
      if (name === NAME_LABEL && ident) throw this.error(m, `metric name must not be set twice: "${this.src(ident)}" or "${value}"`);
      matchers.push(matcher);
    }
    if (!matchers.some((m) => !matchesEmpty(m))) throw this.error(node, 'vector selector must contain at least one non-empty matcher');
    return { type: 'vector', matchers, offsetMs: 0 };
  }

  private matrixSelector(node: SyntaxNode): Expr {
    const [inner] = this.exprChildren(node);
    const sel = this.convert(inner);
    if (sel.type !== 'vector') throw this.error(node, 'ranges only allowed for vector selectors');
    return { type: 'matrix', selector: sel, rangeMs: this.durationMs(this.child(node, 'DurationExpr'), 'range') };
  }

  private offset(node: SyntaxNode): Expr {
    const [inner] = this.exprChildren(node);
    const expr = this.convert(inner);
    const durNode = this.child(node, 'OffsetDurationExpr');
    const negative = durNode?.firstChild?.name === 'UnaryOp' && this.src(durNode.firstChild) === '-';
    const lit = durNode?.getChild('NumberDurationLiteralInDurationContext') ?? durNode?.getChild('OffsetDurationExpr')?.getChild('NumberDurationLiteralInDurationContext');
    const text = lit ? this.src(lit) : '';
    const ms = parseDurationMs(text);
    if (ms === undefined) throw this.error(node, `bad offset "${durNode ? this.src(durNode) : ''}"`);
    const selector = expr.type === 'vector' ? expr : expr.type === 'matrix' ? expr.selector : undefined;
    if (!selector) throw this.error(node, 'offset modifier must be preceded by an instant vector selector or range vector selector');
    if (selector.offsetMs !== 0) throw this.error(node, 'offset may not be set multiple times');
    selector.offsetMs = negative ? -ms : ms;
    return expr;
  }

  private unary(node: SyntaxNode): Expr {
    const op = this.src(this.child(node, 'UnaryOp')!) as '-' | '+';
    const expr = this.convert(this.exprChildren(node)[0]);
    const t = typeOf(expr);
    if (t !== 'scalar' && t !== 'vector') throw this.error(node, `unary expression only allowed on expressions of type scalar or instant vector, got "${t}"`);
    if (expr.type === 'number') return { type: 'number', value: op === '-' ? -expr.value : expr.value };
    return { type: 'unary', op, expr };
  }

  private call(node: SyntaxNode): Expr {
    const func = this.src(this.child(node, 'FunctionIdentifier')!);
    const sig = FUNCTIONS[func];
    if (!sig) throw unsupported(`function "${func}"`);
    const args = this.exprChildren(this.child(node, 'FunctionCallBody')!).map((a) => this.convert(a));
    if (args.length !== sig.args.length) throw this.error(node, `expected ${sig.args.length} argument(s) in call to "${func}", got ${args.length}`);
    args.forEach((a, i) => this.expectType(node, a, sig.args[i], `call to function "${func}"`));
    return { type: 'call', func, args };
  }

  private aggregate(node: SyntaxNode): Expr {
    const op = this.src(this.child(node, 'AggregateOp')!);
    if (!AGGREGATIONS.has(op)) throw unsupported(`aggregation "${op}"`);
    const modifier = this.child(node, 'AggregateModifier');
    const without = modifier?.getChild('Without') !== null && modifier !== null;
    const grouping = modifier ? this.groupingLabels(modifier.getChild('GroupingLabels')!) : [];
    const args = this.exprChildren(this.child(node, 'FunctionCallBody')!).map((a) => this.convert(a));
    const needsParam = op === 'topk' || op === 'bottomk';
    if (args.length !== (needsParam ? 2 : 1)) throw this.error(node, `wrong number of arguments for aggregate expression provided, expected ${needsParam ? 2 : 1}, got ${args.length}`);
    const expr = args[args.length - 1];
    this.expectType(node, expr, 'vector', 'aggregation expression');
    if (needsParam) this.expectType(node, args[0], 'scalar', 'aggregation parameter');
    return { type: 'aggregate', op, param: needsParam ? args[0] : undefined, expr, grouping, without };
  }

  private groupingLabels(node: SyntaxNode): string[] {
    return this.children(node).filter((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName').map((c) => (c.name === 'LabelName' ? this.src(c) : unquote(this.src(c))));
  }

  private binary(node: SyntaxNode): Expr {
    const [l, r] = this.exprChildren(node);
    const lhs = this.convert(l);
    const rhs = this.convert(r);
    const opNode = this.children(node).find((c) => c.from >= l.to && c.to <= r.from && !['BoolModifier', 'MatchingModifierClause', 'FillModifier'].includes(c.name))!;
    const op = this.src(opNode).toLowerCase();
    if (op === 'atan2' || op === '</' || op === '>/') throw unsupported(`binary operator "${op}"`);
    if (this.child(node, 'FillModifier')) throw unsupported('fill modifier');
    const bool = this.child(node, 'BoolModifier') !== null;
    const lt = typeOf(lhs);
    const rt = typeOf(rhs);
    for (const t of [lt, rt]) if (t !== 'scalar' && t !== 'vector') throw this.error(node, `binary expression must contain only scalar and instant vector types`);
    const binOp = op as BinaryOp;
    if (bool && !isComparison(binOp)) throw this.error(node, 'bool modifier can only be used on comparison operators');
    if (isComparison(binOp) && lt === 'scalar' && rt === 'scalar' && !bool) throw this.error(node, 'comparisons between scalars must use BOOL modifier');
    if (isSetOp(binOp) && (lt !== 'vector' || rt !== 'vector')) throw this.error(node, `set operator "${op}" not allowed in binary scalar expression`);
    const clause = this.child(node, 'MatchingModifierClause');
    let matching: VectorMatching | undefined;
    if (lt === 'vector' && rt === 'vector') {
      matching = { on: false, labels: [], card: 'one-to-one', include: [] };
      if (clause) {
        const groups = clause.getChildren('GroupingLabels');
        matching.on = clause.getChild('On') !== null;
        matching.labels = this.groupingLabels(groups[0]);
        if (clause.getChild('GroupLeft')) matching.card = 'many-to-one';
        if (clause.getChild('GroupRight')) matching.card = 'one-to-many';
        if (groups[1]) matching.include = this.groupingLabels(groups[1]);
      }
      if (isSetOp(binOp) && matching.card !== 'one-to-one') throw this.error(node, `no grouping allowed for "${op}" operation`);
    } else if (clause) throw this.error(node, 'vector matching only allowed between instant vectors');
    if (!ARITHMETIC.has(op) && !COMPARISON.has(op) && !isSetOp(binOp)) throw unsupported(`binary operator "${op}"`);
    return { type: 'binary', op: binOp, lhs, rhs, bool, matching };
  }

  private expectType(node: SyntaxNode, expr: Expr, want: ValueType, context: string): void {
    const got = typeOf(expr);
    const names: Record<ValueType, string> = { scalar: 'scalar', vector: 'instant vector', matrix: 'range vector', string: 'string' };
    if (got !== want) throw this.error(node, `expected type ${names[want]} in ${context}, got ${names[got]}`);
  }
}

function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.op) {
    case '=': return m.value === '';
    case '!=': return m.value !== '';
    case '=~': return m.regex!.test('');
    case '!~': return !m.regex!.test('');
  }
}

export function typeOf(expr: Expr): ValueType {
  switch (expr.type) {
    case 'number': return 'scalar';
    case 'string': return 'string';
    case 'vector': return 'vector';
    case 'matrix': return 'matrix';
    case 'call': return FUNCTIONS[expr.func].returns;
    case 'aggregate': return 'vector';
    case 'unary': return typeOf(expr.expr);
    case 'binary': return typeOf(expr.lhs) === 'scalar' && typeOf(expr.rhs) === 'scalar' ? 'scalar' : 'vector';
  }
}

/** Parses a PromQL query; throws PromError (bad_data) for syntax errors and unsupported features. */
export function parsePromQL(query: string): Expr {
  if (query.trim() === '') throw new PromError('1:1: parse error: no expression found in input');
  const tree = parser.parse(query);
  const conv = new Converter(query);
  let firstError: SyntaxNode | undefined;
  tree.iterate({
    enter: (n) => {
      if (firstError) return false;
      if (n.type.isError) firstError = n.node;
      return undefined;
    },
  });
  if (firstError) {
    const near = query.slice(firstError.from, firstError.from + 12);
    throw conv.error(firstError, near ? `unexpected "${near}"` : 'unexpected end of input');
  }
  const top = tree.topNode.firstChild;
  if (!top) throw new PromError('1:1: parse error: no expression found in input');
  return conv.convert(top);
}
