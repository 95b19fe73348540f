/**
 * LogQL front end of the mock Loki: parses a query with @grafana/lezer-logql (which never throws) and
 * turns the syntax tree into a small AST of our own, rejecting parse errors with Loki's message format
 * and constructs the mock does not evaluate with a clear 400.
 */
import { parser } from '@grafana/lezer-logql';
import type { SyntaxNode } from '@lezer/common';
import { LokiError, unsupported } from './errors';
import { ipMatcher } from './ip';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
  /** Fully anchored, as Prometheus and Loki anchor label regexes. */
  regex?: RegExp;
}

export interface LineFilter {
  op: '|=' | '!=' | '|~' | '!~';
  value: string;
  regex?: RegExp;
}

export type NumberOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

export type LabelFilterExpr =
  | { kind: 'string'; matcher: LabelMatcher }
  | { kind: 'number'; name: string; op: NumberOp; value: number }
  | { kind: 'ip'; name: string; op: '=' | '!='; pattern: string; matches: (value: string) => boolean }
  | { kind: 'and' | 'or'; left: LabelFilterExpr; right: LabelFilterExpr };

export interface JsonExtraction {
  label: string;
  /** Path into the JSON object: object keys and array indexes. */
  path: (string | number)[];
}

export type Stage =
  | { kind: 'lineFilter'; filter: LineFilter }
  | { kind: 'json'; extractions?: JsonExtraction[] }
  | { kind: 'labelFilter'; expr: LabelFilterExpr };

export interface LogQuery {
  kind: 'log';
  selector: LabelMatcher[];
  pipeline: Stage[];
}

export type RangeOp =
  | 'count_over_time' | 'rate' | 'bytes_over_time' | 'bytes_rate' | 'sum_over_time' | 'avg_over_time'
  | 'max_over_time' | 'min_over_time' | 'quantile_over_time' | 'first_over_time' | 'last_over_time'
  | 'stddev_over_time' | 'stdvar_over_time';

export type VectorOp = 'sum' | 'avg' | 'max' | 'min' | 'count' | 'topk' | 'bottomk' | 'stddev' | 'stdvar';

export interface Grouping {
  without: boolean;
  labels: string[];
}

export interface Unwrap {
  label: string;
  conversion: 'none' | 'duration' | 'duration_seconds' | 'bytes';
  /** Label filters written after `unwrap` (they see the SampleExtractionErr it may set). */
  postFilters: LabelFilterExpr[];
}

export interface RangeAggregation {
  kind: 'range';
  op: RangeOp;
  /** φ of quantile_over_time. */
  param?: number;
  selector: LabelMatcher[];
  pipeline: Stage[];
  unwrap?: Unwrap;
  rangeNs: bigint;
  offsetNs: bigint;
  grouping?: Grouping;
}

export interface VectorAggregation {
  kind: 'vector';
  op: VectorOp;
  /** k of topk and bottomk. */
  param?: number;
  grouping?: Grouping;
  inner: MetricQuery;
}

export type MetricQuery = RangeAggregation | VectorAggregation;

/** Every query the mock evaluates. */
export type Query = LogQuery | MetricQuery;

// --- Errors in Loki's format -----------------------------------------------------------------------

/** Loki's lexer names: punctuation and keywords show as themselves, other tokens by their class. */
const KEYWORDS = new Set(['json', 'logfmt', 'regexp', 'unpack', 'pattern', 'line_format', 'label_format', 'and', 'or', 'unless', 'by', 'without', 'ip', 'unwrap', 'offset', 'bool', 'on', 'ignoring', 'group_left', 'group_right', 'drop', 'keep', 'decolorize',
  'sum', 'avg', 'count', 'max', 'min', 'stddev', 'stdvar', 'bottomk', 'topk', 'sort', 'sort_desc', 'rate', 'rate_counter', 'count_over_time', 'bytes_over_time', 'bytes_rate', 'avg_over_time', 'sum_over_time', 'min_over_time', 'max_over_time', 'stddev_over_time', 'stdvar_over_time', 'quantile_over_time', 'first_over_time', 'last_over_time', 'absent_over_time', 'label_replace', 'vector']);

function tokenAt(query: string, pos: number): string {
  const rest = query.slice(pos);
  const symbol = /^(\|=|\|~|\|>|!=|!~|!>|=~|==|>=|<=|[{}(),|=<>!+\-*/%^[\]~])/.exec(rest);
  if (symbol) return symbol[1];
  if (/^["`]/.test(rest)) return 'STRING';
  const number = /^[0-9][0-9.]*([a-zA-Z]+)?/.exec(rest);
  if (number) return number[1] ? (/^(ns|us|µs|ms|s|m|h|d|w|y)$/.test(number[1]) ? 'DURATION' : 'BYTES') : 'NUMBER';
  const word = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(rest);
  if (word) return KEYWORDS.has(word[0]) ? word[0] : 'IDENTIFIER';
  return rest[0];
}

function position(query: string, pos: number): string {
  const before = query.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, col ${col}`;
}

function syntaxError(query: string, errorNode: SyntaxNode): LokiError {
  let pos = errorNode.from;
  while (pos < query.length && /\s/.test(query[pos])) pos++;
  const atEnd = pos >= query.length;
  const unexpected = atEnd ? '$end' : tokenAt(query, pos);
  // After a complete matcher inside braces, Loki expects the selector to close or continue.
  const inSelector = errorNode.parent?.name === 'Selector' || errorNode.parent?.name === 'Matchers';
  const expecting = inSelector && /["`]\s*$/.test(query.slice(0, errorNode.from)) ? ', expecting } or ,' : '';
  return new LokiError(`parse error at ${position(query, atEnd ? query.length : pos)}: syntax error: unexpected ${unexpected}${expecting}`);
}

function firstError(root: SyntaxNode): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  root.cursor().iterate((n) => {
    if (found) return false;
    if (n.type.isError) {
      found = n.node;
      return false;
    }
    return undefined;
  });
  return found;
}

// --- Strings and regexes ---------------------------------------------------------------------------

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** Go's strconv.Unquote for the two quote styles LogQL accepts. */
export function unquote(raw: string): string {
  if (raw.startsWith('`')) return raw.slice(1, -1);
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new LokiError(`invalid escape \\${e}${hex} in string ${raw}`);
      out += e === 'x' ? String.fromCharCode(parseInt(hex, 16)) : String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (e !== undefined && /[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new LokiError(`invalid escape \\${oct} in string ${raw}`);
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw new LokiError(`invalid escape \\${e ?? ''} in string ${raw}`);
  }
  return out;
}

/** Compiles an RE2 pattern to a JS RegExp, honouring a leading flag group such as `(?i)`. */
export function compileRegex(pattern: string, anchored: boolean): RegExp {
  let flags = '';
  let body = pattern;
  const flagGroup = /^\(\?([imsU]+)\)/.exec(body);
  if (flagGroup) {
    if (flagGroup[1].includes('U')) throw unsupported('the RE2 flag U (ungreedy)');
    flags = flagGroup[1].replace(/[^ims]/g, '');
    body = body.slice(flagGroup[0].length);
  }
  try {
    return new RegExp(anchored ? `^(?:${body})$` : body, flags);
  } catch (e) {
    throw new LokiError(`parse error : error parsing regexp: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}

// --- Tree to AST -----------------------------------------------------------------------------------

class AstBuilder {
  constructor(private readonly query: string) {}

  private text(node: SyntaxNode): string {
    return this.query.slice(node.from, node.to);
  }

  private child(node: SyntaxNode, name: string): SyntaxNode {
    const c = node.getChild(name);
    if (!c) throw new LokiError(`parse error at ${position(this.query, node.from)}: syntax error: incomplete ${node.name}`);
    return c;
  }

  private string(node: SyntaxNode): string {
    return unquote(this.text(this.child(node, 'String')));
  }

  /** The operator node: the first child that is not an identifier or an operand. */
  private operator(node: SyntaxNode): string {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (['Eq', 'Neq', 'Re', 'Nre', 'Gtr', 'Gte', 'Lss', 'Lte', 'Eql'].includes(c.name)) return this.text(c);
    }
    throw new LokiError(`parse error at ${position(this.query, node.from)}: syntax error: missing operator`);
  }

  matcher(node: SyntaxNode): LabelMatcher {
    const name = this.text(this.child(node, 'Identifier'));
    const op = this.operator(node) as MatchOp;
    const value = this.string(node);
    const regex = op === '=~' || op === '!~' ? compileRegex(value, true) : undefined;
    return { name, op, value, regex };
  }

  selector(node: SyntaxNode): LabelMatcher[] {
    const matchers = node.getChildren('Matcher').map((m) => this.matcher(m));
    for (const nested of node.getChildren('Matchers')) matchers.unshift(...this.selector(nested));
    return matchers;
  }

  lineFilters(node: SyntaxNode, out: Stage[]): void {
    for (const nested of node.getChildren('LineFilters')) this.lineFilters(nested, out);
    for (const lf of node.getChildren('LineFilter')) {
      const filterNode = this.child(lf, 'Filter');
      const op = this.text(filterNode) as LineFilter['op'];
      if (op !== '|=' && op !== '!=' && op !== '|~' && op !== '!~') throw unsupported(`the line filter ${op}`);
      if (lf.getChild('Ip') || lf.getChild('FilterOp')) throw unsupported('the ip() line filter');
      if (lf.getChild('OrFilter')) throw unsupported('a line filter with `or`');
      const value = this.string(lf);
      out.push({ kind: 'lineFilter', filter: { op, value, regex: op === '|~' || op === '!~' ? compileRegex(value, false) : undefined } });
    }
  }

  private number(node: SyntaxNode): number {
    const literal = this.child(node, 'LiteralExpr');
    const value = Number(this.text(literal).replace(/\s+/g, ''));
    if (!Number.isFinite(value)) throw unsupported(`the number expression ${this.text(literal)}`);
    return value;
  }

  labelFilter(node: SyntaxNode): LabelFilterExpr {
    const parts = node.getChildren('LabelFilter');
    if (parts.length === 2) {
      // `a and b`, `a or b`, `a, b` and `a b` (the last two mean and).
      const kind = node.getChild('Or') ? 'or' : 'and';
      return { kind, left: this.labelFilter(parts[0]), right: this.labelFilter(parts[1]) };
    }
    if (parts.length === 1) return this.labelFilter(parts[0]); // parenthesised
    const inner = node.firstChild;
    if (!inner) throw new LokiError(`parse error at ${position(this.query, node.from)}: syntax error: empty label filter`);
    switch (inner.name) {
      case 'Matcher':
        return { kind: 'string', matcher: this.matcher(inner) };
      case 'NumberFilter': {
        const op = this.operator(inner);
        return { kind: 'number', name: this.text(this.child(inner, 'Identifier')), op: (op === '=' ? '==' : op) as NumberOp, value: this.number(inner) };
      }
      case 'IpLabelFilter': {
        const op = this.operator(inner);
        if (op !== '=' && op !== '!=') throw unsupported(`the ip() filter operator ${op}`);
        const pattern = this.string(inner);
        const matches = ipMatcher(pattern);
        if (typeof matches === 'string') throw new LokiError(`parse error : ${matches}`);
        return { kind: 'ip', name: this.text(this.child(inner, 'Identifier')), op, pattern, matches };
      }
      case 'UnitFilter':
        throw unsupported(`the duration or bytes label filter ${this.text(inner)}`);
      default:
        throw unsupported(`the label filter ${this.text(inner)}`);
    }
  }

  private jsonPath(expr: string): (string | number)[] {
    const path: (string | number)[] = [];
    const re = /([a-zA-Z_][a-zA-Z0-9_]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|(\.)/gy;
    let m: RegExpExecArray | null;
    let last = 0;
    while ((m = re.exec(expr)) !== null) {
      if (m[1] !== undefined) path.push(m[1]);
      else if (m[2] !== undefined) path.push(Number(m[2]));
      else if (m[3] !== undefined) path.push(m[3].replace(/\\(.)/g, '$1'));
      last = re.lastIndex;
    }
    if (last !== expr.length || path.length === 0) throw new LokiError(`parse error : invalid JSON expression ${JSON.stringify(expr)}`);
    return path;
  }

  stage(node: SyntaxNode, out: Stage[]): void {
    const first = node.firstChild;
    if (!first) return;
    if (first.name === 'LineFilters') return this.lineFilters(first, out);
    const body = first.name === 'Pipe' ? first.nextSibling : first;
    if (!body) throw new LokiError(`parse error at ${position(this.query, node.to)}: syntax error: unexpected $end`);
    switch (body.name) {
      case 'LabelParser': {
        const parserName = this.text(body);
        if (parserName !== 'json') throw unsupported(`the ${parserName} parser`);
        out.push({ kind: 'json' });
        return;
      }
      case 'JsonExpressionParser': {
        const extractions: JsonExtraction[] = [];
        const collect = (list: SyntaxNode) => {
          for (const nested of list.getChildren('LabelExtractionExpressionList')) collect(nested);
          for (const e of list.getChildren('LabelExtractionExpression')) {
            const label = this.text(this.child(e, 'Identifier'));
            extractions.push({ label, path: e.getChild('String') ? this.jsonPath(this.string(e)) : [label] });
          }
        };
        collect(this.child(body, 'LabelExtractionExpressionList'));
        out.push({ kind: 'json', extractions });
        return;
      }
      case 'LabelFilter':
        out.push({ kind: 'labelFilter', expr: this.labelFilter(body) });
        return;
      case 'LogfmtParser':
      case 'LogfmtExpressionParser':
        throw unsupported('the logfmt parser');
      case 'LineFormatExpr':
        throw unsupported('line_format');
      case 'LabelFormatExpr':
        throw unsupported('label_format');
      default:
        throw unsupported(`the pipeline stage ${this.text(body)}`);
    }
  }

  pipeline(node: SyntaxNode, out: Stage[]): void {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'PipelineExpr') this.pipeline(c, out);
      else if (c.name === 'PipelineStage') this.stage(c, out);
    }
  }

  private duration(node: SyntaxNode): bigint {
    return parseDuration(this.text(node), this.query, node.from);
  }

  private grouping(node: SyntaxNode | null): Grouping | undefined {
    if (!node) return undefined;
    const labels: string[] = [];
    const collect = (list: SyntaxNode | null) => {
      if (!list) return;
      for (const nested of list.getChildren('Labels')) collect(nested);
      for (const id of list.getChildren('Identifier')) labels.push(this.text(id));
    };
    collect(node.getChild('Labels'));
    return { without: node.getChild('Without') !== null, labels };
  }

  private unwrap(node: SyntaxNode): Unwrap {
    // `| unwrap x | filter | filter` nests: the innermost UnwrapExpr holds the unwrap itself.
    const inner = node.getChild('UnwrapExpr');
    if (inner) {
      const base = this.unwrap(inner);
      const filter = node.getChild('LabelFilter');
      if (filter) base.postFilters.push(this.labelFilter(filter));
      return base;
    }
    const conv = node.getChild('ConvOp')?.firstChild?.name;
    const conversion = conv === 'DurationConv' ? 'duration' : conv === 'DurationSecondsConv' ? 'duration_seconds' : conv === 'BytesConv' ? 'bytes' : 'none';
    return { label: this.text(this.child(node, 'Identifier')), conversion, postFilters: [] };
  }

  private rangeAggregation(node: SyntaxNode): RangeAggregation {
    const op = this.text(this.child(node, 'RangeOp')) as RangeOp;
    const range = this.child(node, 'LogRangeExpr');
    let logRange = range;
    // `rate(({a="b"} | json)[1m])` style: the selector may sit inside a parenthesised LogRangeExpr.
    while (logRange.getChild('LogRangeExpr')) logRange = logRange.getChild('LogRangeExpr')!;
    const selectorNode = logRange.getChild('Selector') ?? range.getChild('Selector');
    if (!selectorNode) throw unsupported(`the range expression ${this.text(range)}`);
    const selector = this.selector(this.child(selectorNode, 'Matchers'));
    const pipeline: Stage[] = [];
    for (const pipe of [range.getChild('PipelineExpr'), logRange !== range ? logRange.getChild('PipelineExpr') : null]) {
      if (pipe) this.pipeline(pipe, pipeline);
    }
    const unwrapNode = logRange.getChild('UnwrapExpr') ?? range.getChild('UnwrapExpr');
    const unwrap = unwrapNode ? this.unwrap(unwrapNode) : undefined;
    const rangeNs = this.duration(this.child(this.child(range, 'Range'), 'Duration'));
    const offset = range.getChild('OffsetExpr');
    const offsetNs = offset ? this.duration(this.child(offset, 'Duration')) : 0n;
    const numberNode = node.getChild('Number');
    const param = numberNode ? Number(this.text(numberNode)) : undefined;
    const agg: RangeAggregation = { kind: 'range', op, param, selector, pipeline, unwrap, rangeNs, offsetNs, grouping: this.grouping(node.getChild('Grouping')) };
    validateRange(agg);
    return agg;
  }

  private vectorAggregation(node: SyntaxNode): VectorAggregation {
    const op = this.text(this.child(node, 'VectorOp')) as VectorOp;
    if (!['sum', 'avg', 'max', 'min', 'count', 'topk', 'bottomk', 'stddev', 'stdvar'].includes(op)) throw unsupported(`the ${op} aggregation`);
    const numberNode = node.getChild('Number');
    let param: number | undefined;
    if (op === 'topk' || op === 'bottomk') {
      if (!numberNode) throw new LokiError(`parse error : syntax error: missing parameter k of ${op}`);
      param = Number(this.text(numberNode));
      if (!Number.isInteger(param)) throw new LokiError(`parse error : invalid parameter ${op}(${this.text(numberNode)},: must be an integer`);
      if (param <= 0) throw new LokiError(`parse error : invalid parameter ${op}(${this.text(numberNode)},: must be greater than 0`);
    } else if (numberNode) throw new LokiError(`parse error : unsupported parameter for operation ${op}(${this.text(numberNode)},`);
    return { kind: 'vector', op, param, grouping: this.grouping(node.getChild('Grouping')), inner: this.metricExpr(this.child(node, 'MetricExpr')) };
  }

  metricExpr(node: SyntaxNode): MetricQuery {
    const body = node.getChild('RangeAggregationExpr') ?? node.getChild('VectorAggregationExpr') ?? (node.firstChild?.name === 'MetricExpr' || node.firstChild?.name === 'ParenOpen' || this.text(node).startsWith('(') ? node.getChild('MetricExpr') : null);
    switch (body?.name) {
      case 'RangeAggregationExpr': return this.rangeAggregation(body);
      case 'VectorAggregationExpr': return this.vectorAggregation(body);
      case 'MetricExpr': return this.metricExpr(body);
      default: throw unsupported(`the metric expression ${this.text(node)}`);
    }
  }

  logExpr(node: SyntaxNode): LogQuery {
    if (node.getChild('LogExpr')) return this.logExpr(this.child(node, 'LogExpr')); // parenthesised
    const selector = this.selector(this.child(this.child(node, 'Selector'), 'Matchers'));
    const pipeline: Stage[] = [];
    const pipe = node.getChild('PipelineExpr');
    if (pipe) this.pipeline(pipe, pipeline);
    return { kind: 'log', selector, pipeline };
  }
}

/** Parses a LogQL query; throws LokiError (400) with Loki's message on bad or unsupported input. */
export function parseQuery(query: string): Query {
  if (query.trim() === '') throw new LokiError('parse error : syntax error: unexpected $end');
  const tree = parser.parse(query);
  const error = firstError(tree.topNode);
  if (error) throw syntaxError(query, error);
  const expr = tree.topNode.getChild('Expr');
  if (!expr) throw new LokiError('parse error : syntax error: unexpected $end');
  const builder = new AstBuilder(query);
  const log = expr.getChild('LogExpr');
  if (log) return builder.logExpr(log);
  const metric = expr.getChild('MetricExpr');
  if (metric) return builder.metricExpr(metric);
  throw unsupported(`the expression ${query}`);
}

const UNIT_NS: Record<string, bigint> = { ns: 1n, us: 1_000n, µs: 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n, d: 86_400_000_000_000n, w: 604_800_000_000_000n, y: 31_536_000_000_000_000n };

/** A Prometheus-style duration such as `1m`, `1h30m` or `500ms`, in nanoseconds. */
export function parseDuration(text: string, query = text, at = 0): bigint {
  const re = /(\d+)(ns|us|µs|ms|s|m|h|d|w|y)/y;
  let total = 0n;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    total += BigInt(m[1]) * UNIT_NS[m[2]];
    last = re.lastIndex;
  }
  if (last !== text.length || text === '') throw new LokiError(`parse error at ${position(query, at)}: not a valid duration string: ${JSON.stringify(text)}`);
  return total;
}

const UNWRAP_OPS = new Set<RangeOp>(['sum_over_time', 'avg_over_time', 'max_over_time', 'min_over_time', 'quantile_over_time', 'first_over_time', 'last_over_time', 'stddev_over_time', 'stdvar_over_time']);
const GROUPING_OPS = new Set<RangeOp>(['avg_over_time', 'max_over_time', 'min_over_time', 'quantile_over_time', 'first_over_time', 'last_over_time', 'stddev_over_time', 'stdvar_over_time', 'rate']);

/** Loki's checks of a range aggregation, with its messages. */
function validateRange(agg: RangeAggregation): void {
  if (UNWRAP_OPS.has(agg.op) && !agg.unwrap) throw new LokiError(`parse error : invalid aggregation ${agg.op} without unwrap`);
  if (agg.unwrap && !UNWRAP_OPS.has(agg.op) && agg.op !== 'rate') throw new LokiError(`parse error : invalid aggregation ${agg.op} with unwrap`);
  if (agg.grouping && !(GROUPING_OPS.has(agg.op) && agg.unwrap)) throw new LokiError(`parse error : grouping not allowed for ${agg.op} aggregation`);
  if (agg.op === 'quantile_over_time' && (agg.param === undefined || !Number.isFinite(agg.param))) throw new LokiError('parse error : parameter required for operation quantile_over_time');
  if (agg.op !== 'quantile_over_time' && agg.param !== undefined) throw new LokiError(`parse error : parameter not supported for operation ${agg.op}`);
  if (agg.rangeNs <= 0n) throw new LokiError('parse error : invalid range: must be greater than 0');
}

/** Loki refuses selectors that every stream would match, e.g. `{app=~".*"}`. */
export function checkSelector(selector: LabelMatcher[]): void {
  const narrowing = selector.some((m) => (m.op === '=' && m.value !== '') || (m.op === '=~' && !m.regex!.test('')));
  if (!narrowing) {
    throw new LokiError('queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will');
  }
}

export function matchesLabel(m: LabelMatcher, value: string | undefined): boolean {
  const v = value ?? '';
  switch (m.op) {
    case '=': return v === m.value;
    case '!=': return v !== m.value;
    case '=~': return m.regex!.test(v);
    case '!~': return !m.regex!.test(v);
  }
}
