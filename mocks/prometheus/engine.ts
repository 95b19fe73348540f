/**
 * Evaluates the PromQL AST over the TSDB with Prometheus 2.x semantics: closed selection intervals,
 * 5 minutes of lookback for instant selectors (cut by staleness markers), Prometheus' extrapolation in
 * rate/increase, one instant evaluation per step for range queries (start + k * step).
 */
import { PromError } from './errors';
import { isComparison, isSetOp, parsePromQL, typeOf, type BinaryOp, type Expr, type VectorMatching, type VectorSelectorNode } from './promql';
import { NAME_LABEL, compareLabels, labelsKey, type Labels, type Series, type Tsdb } from './tsdb';

export const LOOKBACK_DELTA_MS = 5 * 60_000;

export interface Sample {
  labels: Labels;
  value: number;
}

export interface RangeSeries {
  labels: Labels;
  ts: number[];
  vs: number[];
}

export type Value =
  | { type: 'scalar'; value: number }
  | { type: 'string'; value: string }
  | { type: 'vector'; samples: Sample[] }
  | { type: 'matrix'; series: RangeSeries[] };

/** The answer of an instant query (at `tMs`) or a range query (always a matrix). */
export type QueryResult = { value: Value; tMs: number };

const without = (labels: Labels, ...names: string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (!names.includes(k)) out[k] = v;
  return out;
};

const dropName = (labels: Labels): Labels => (NAME_LABEL in labels ? without(labels, NAME_LABEL) : labels);

const describe = (labels: Labels): string => `{${Object.keys(labels).sort().map((k) => `${k}="${labels[k]}"`).join(', ')}}`;

function assertUniqueLabelSets(samples: Sample[]): void {
  const seen = new Set<string>();
  for (const s of samples) {
    const key = labelsKey(s.labels);
    if (seen.has(key)) throw new PromError('vector cannot contain metrics with the same labelset', 'execution');
    seen.add(key);
  }
}

class Evaluator {
  private readonly selected = new Map<VectorSelectorNode, Series[]>();

  constructor(private readonly tsdb: Tsdb) {}

  private select(sel: VectorSelectorNode): Series[] {
    let series = this.selected.get(sel);
    if (!series) {
      series = this.tsdb.select(sel.matchers);
      this.selected.set(sel, series);
    }
    return series;
  }

  eval(expr: Expr, t: number): Value {
    switch (expr.type) {
      case 'number': return { type: 'scalar', value: expr.value };
      case 'string': return { type: 'string', value: expr.value };
      case 'vector': return { type: 'vector', samples: this.instantSelect(expr, t) };
      case 'matrix': return { type: 'matrix', series: this.rangeSelect(expr.selector, expr.rangeMs, t) };
      case 'unary': {
        const v = this.eval(expr.expr, t);
        if (expr.op === '+') return v;
        if (v.type === 'scalar') return { type: 'scalar', value: -v.value };
        const samples = this.vector(v).map((s) => ({ labels: dropName(s.labels), value: -s.value }));
        assertUniqueLabelSets(samples);
        return { type: 'vector', samples };
      }
      case 'call': return this.call(expr.func, expr.args, t);
      case 'aggregate': return { type: 'vector', samples: this.aggregate(expr, t) };
      case 'binary': return this.binary(expr.op, expr.lhs, expr.rhs, expr.bool, expr.matching, t);
    }
  }

  private vector(v: Value): Sample[] {
    if (v.type !== 'vector') throw new PromError(`expected an instant vector, got ${v.type}`, 'execution');
    return v.samples;
  }

  private scalar(expr: Expr, t: number): number {
    const v = this.eval(expr, t);
    if (v.type !== 'scalar') throw new PromError(`expected a scalar, got ${v.type}`, 'execution');
    return v.value;
  }

  private instantSelect(sel: VectorSelectorNode, t: number): Sample[] {
    const end = t - sel.offsetMs;
    const out: Sample[] = [];
    for (const s of this.select(sel)) {
      const p = s.latest(end - LOOKBACK_DELTA_MS, end);
      if (p) out.push({ labels: s.labels, value: p.v });
    }
    return out;
  }

  private rangeSelect(sel: VectorSelectorNode, rangeMs: number, t: number): RangeSeries[] {
    const end = t - sel.offsetMs;
    const out: RangeSeries[] = [];
    for (const s of this.select(sel)) {
      const { ts, vs } = s.range(end - rangeMs, end);
      if (ts.length > 0) out.push({ labels: s.labels, ts, vs });
    }
    return out;
  }

  private call(func: string, args: Expr[], t: number): Value {
    switch (func) {
      case 'time': return { type: 'scalar', value: t / 1000 };
      case 'vector': return { type: 'vector', samples: [{ labels: {}, value: this.scalar(args[0], t) }] };
      case 'scalar': {
        const samples = this.vector(this.eval(args[0], t));
        return { type: 'scalar', value: samples.length === 1 ? samples[0].value : NaN };
      }
      case 'histogram_quantile': {
        const samples = histogramQuantile(this.scalar(args[0], t), this.vector(this.eval(args[1], t)));
        assertUniqueLabelSets(samples);
        return { type: 'vector', samples };
      }
    }
    const arg = args[0];
    if (arg.type !== 'matrix') throw new PromError(`expected a range vector selector in call to function "${func}"`);
    const rangeEnd = t - arg.selector.offsetMs;
    const rangeStart = rangeEnd - arg.rangeMs;
    const samples: Sample[] = [];
    for (const s of this.rangeSelect(arg.selector, arg.rangeMs, t)) {
      const value = rangeFunction(func, s, rangeStart, rangeEnd, arg.rangeMs);
      if (value !== undefined) samples.push({ labels: dropName(s.labels), value });
    }
    // Dropping the name can only merge series when the selector spans several metric names.
    if (!arg.selector.matchers.some((m) => m.name === NAME_LABEL && m.op === '=')) assertUniqueLabelSets(samples);
    return { type: 'vector', samples };
  }

  private aggregate(expr: Extract<Expr, { type: 'aggregate' }>, t: number): Sample[] {
    const samples = this.vector(this.eval(expr.expr, t));
    const groupLabels = (labels: Labels): Labels => {
      const out: Record<string, string> = {};
      if (expr.without) {
        for (const [k, v] of Object.entries(labels)) if (k !== NAME_LABEL && !expr.grouping.includes(k)) out[k] = v;
      } else {
        for (const k of expr.grouping) if (labels[k]) out[k] = labels[k];
      }
      return out;
    };
    // `by` groups are keyed by their values in the listed order, which avoids sorting label names per sample.
    const groupKey = expr.without
      ? (labels: Labels) => labelsKey(groupLabels(labels))
      : (labels: Labels) => expr.grouping.map((k) => labels[k] ?? '').join('\u0000');
    const groups = new Map<string, { labels: Labels; members: Sample[] }>();
    for (const s of samples) {
      const key = groupKey(s.labels);
      const g = groups.get(key);
      if (g) g.members.push(s);
      else groups.set(key, { labels: groupLabels(s.labels), members: [s] });
    }
    if (expr.op === 'topk' || expr.op === 'bottomk') {
      const k = Math.trunc(this.scalar(expr.param!, t));
      if (!(k >= 1)) return [];
      const out: Sample[] = [];
      const sign = expr.op === 'topk' ? 1 : -1;
      // NaN sorts last for both: it is never among the top or the bottom values while numbers remain.
      const order = (a: Sample, b: Sample): number => (Number.isNaN(a.value) ? 1 : Number.isNaN(b.value) ? -1 : sign * (b.value - a.value));
      for (const g of groups.values()) out.push(...[...g.members].sort(order).slice(0, k));
      return out;
    }
    return [...groups.values()].map(({ labels, members }) => ({ labels, value: aggregateValues(expr.op, members.map((m) => m.value)) }));
  }

  private binary(op: BinaryOp, lhsExpr: Expr, rhsExpr: Expr, bool: boolean, matching: VectorMatching | undefined, t: number): Value {
    const lhs = this.eval(lhsExpr, t);
    const rhs = this.eval(rhsExpr, t);
    if (lhs.type === 'scalar' && rhs.type === 'scalar') {
      const value = isComparison(op) ? Number(compare(op, lhs.value, rhs.value)) : arithmetic(op, lhs.value, rhs.value);
      return { type: 'scalar', value };
    }
    let samples: Sample[];
    if (lhs.type === 'vector' && rhs.type === 'vector') samples = vectorBinary(op, lhs.samples, rhs.samples, bool, matching!);
    else if (lhs.type === 'vector' && rhs.type === 'scalar') samples = scalarBinary(op, lhs.samples, rhs.value, bool, false);
    else if (lhs.type === 'scalar' && rhs.type === 'vector') samples = scalarBinary(op, rhs.samples, lhs.value, bool, true);
    else throw new PromError(`binary expression between ${lhs.type} and ${rhs.type}`, 'execution');
    assertUniqueLabelSets(samples);
    return { type: 'vector', samples };
  }
}

function aggregateValues(op: string, values: number[]): number {
  switch (op) {
    case 'sum': return values.reduce((a, b) => a + b, 0);
    case 'avg': return values.reduce((a, b) => a + b, 0) / values.length;
    case 'count': return values.length;
    case 'max': return values.reduce((a, b) => (a < b || Number.isNaN(a) ? b : a));
    case 'min': return values.reduce((a, b) => (a > b || Number.isNaN(a) ? b : a));
    default: throw new PromError(`aggregation ${op}`, 'internal');
  }
}

function arithmetic(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+': return l + r;
    case '-': return l - r;
    case '*': return l * r;
    case '/': return l / r;
    case '%': return l % r;
    case '^': return Math.pow(l, r);
    default: throw new PromError(`operator ${op} is not arithmetic`, 'internal');
  }
}

function compare(op: BinaryOp, l: number, r: number): boolean {
  switch (op) {
    case '==': return l === r;
    case '!=': return l !== r;
    case '>': return l > r;
    case '<': return l < r;
    case '>=': return l >= r;
    case '<=': return l <= r;
    default: throw new PromError(`operator ${op} is not a comparison`, 'internal');
  }
}

/** One element of a binary operation in the order written: the value to keep, or undefined to drop it. */
function elementBinary(op: BinaryOp, l: number, r: number, bool: boolean): number | undefined {
  if (!isComparison(op)) return arithmetic(op, l, r);
  const ok = compare(op, l, r);
  if (bool) return ok ? 1 : 0;
  return ok ? l : undefined;
}

function scalarBinary(op: BinaryOp, samples: Sample[], scalar: number, bool: boolean, scalarOnLeft: boolean): Sample[] {
  const out: Sample[] = [];
  for (const s of samples) {
    const [l, r] = scalarOnLeft ? [scalar, s.value] : [s.value, scalar];
    let value = elementBinary(op, l, r, bool);
    if (value === undefined) continue;
    // A filtering comparison always keeps the vector's value, whichever side it is on.
    if (isComparison(op) && !bool) value = s.value;
    out.push({ labels: isComparison(op) && !bool ? s.labels : dropName(s.labels), value });
  }
  return out;
}

function signature(labels: Labels, matching: VectorMatching): string {
  if (matching.on) return matching.labels.map((l) => `${l}\u0000${labels[l] ?? ''}`).join('\u0001');
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (k !== NAME_LABEL && !matching.labels.includes(k)) kept[k] = v;
  return labelsKey(kept);
}

function vectorBinary(op: BinaryOp, lhs: Sample[], rhs: Sample[], bool: boolean, matching: VectorMatching): Sample[] {
  if (isSetOp(op)) {
    const rightSigs = new Set(rhs.map((s) => signature(s.labels, matching)));
    if (op === 'and') return lhs.filter((s) => rightSigs.has(signature(s.labels, matching)));
    if (op === 'unless') return lhs.filter((s) => !rightSigs.has(signature(s.labels, matching)));
    const leftSigs = new Set(lhs.map((s) => signature(s.labels, matching)));
    return [...lhs, ...rhs.filter((s) => !leftSigs.has(signature(s.labels, matching)))];
  }
  // The "one" side is the right one unless group_right makes it the left one.
  const swap = matching.card === 'one-to-many';
  const [many, one] = swap ? [rhs, lhs] : [lhs, rhs];
  const oneBySig = new Map<string, Sample>();
  for (const s of one) {
    const sig = signature(s.labels, matching);
    const dup = oneBySig.get(sig);
    if (dup) {
      throw new PromError(
        `found duplicate series for the match group on the ${swap ? 'left' : 'right'} hand-side of the operation: [${describe(dup.labels)}, ${describe(s.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`,
        'execution',
      );
    }
    oneBySig.set(sig, s);
  }
  const matchedMany = new Set<string>();
  const out: Sample[] = [];
  for (const s of many) {
    const sig = signature(s.labels, matching);
    const other = oneBySig.get(sig);
    if (!other) continue;
    if (matching.card === 'one-to-one') {
      if (matchedMany.has(sig)) throw new PromError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)', 'execution');
      matchedMany.add(sig);
    }
    const [l, r] = swap ? [other.value, s.value] : [s.value, other.value];
    const value = elementBinary(op, l, r, bool);
    if (value === undefined) continue;
    out.push({ labels: resultLabels(s.labels, other.labels, op, bool, matching), value });
  }
  return out;
}

function resultLabels(many: Labels, one: Labels, op: BinaryOp, bool: boolean, matching: VectorMatching): Labels {
  let out: Record<string, string> = { ...(isComparison(op) && !bool ? many : dropName(many)) };
  if (matching.card === 'one-to-one') {
    if (matching.on) {
      const kept: Record<string, string> = {};
      for (const l of matching.labels) if (out[l] !== undefined) kept[l] = out[l];
      out = kept;
    } else {
      for (const l of matching.labels) delete out[l];
    }
  }
  for (const l of matching.include) {
    if (one[l]) out[l] = one[l];
    else delete out[l];
  }
  return out;
}

/** rate, irate, increase and the *_over_time functions of one series' samples in the range. */
function rangeFunction(func: string, s: RangeSeries, rangeStart: number, rangeEnd: number, rangeMs: number): number | undefined {
  const { ts, vs } = s;
  switch (func) {
    case 'rate': return extrapolatedRate(ts, vs, rangeStart, rangeEnd, rangeMs, true);
    case 'increase': return extrapolatedRate(ts, vs, rangeStart, rangeEnd, rangeMs, false);
    case 'irate': {
      if (vs.length < 2) return undefined;
      const last = vs.length - 1;
      const dt = (ts[last] - ts[last - 1]) / 1000;
      if (dt === 0) return undefined;
      // A counter reset: the last value counts from zero.
      const delta = vs[last] < vs[last - 1] ? vs[last] : vs[last] - vs[last - 1];
      return delta / dt;
    }
    case 'sum_over_time': return vs.reduce((a, b) => a + b, 0);
    case 'avg_over_time': return vs.reduce((a, b) => a + b, 0) / vs.length;
    case 'count_over_time': return vs.length;
    case 'max_over_time': return vs.reduce((a, b) => (a < b || Number.isNaN(a) ? b : a));
    case 'min_over_time': return vs.reduce((a, b) => (a > b || Number.isNaN(a) ? b : a));
    default: throw new PromError(`function ${func}`, 'internal');
  }
}

/**
 * Prometheus' counter rate/increase: the increase between the first and last samples (counter resets
 * added back), extrapolated towards the range edges — fully when a sample is within 1.1 average
 * intervals of the edge, else by half an interval — and never below zero at the start.
 */
function extrapolatedRate(ts: number[], vs: number[], rangeStart: number, rangeEnd: number, rangeMs: number, isRate: boolean): number | undefined {
  const n = vs.length;
  if (n < 2) return undefined;
  let increase = vs[n - 1] - vs[0];
  for (let i = 1; i < n; i++) if (vs[i] < vs[i - 1]) increase += vs[i - 1];
  const sampled = (ts[n - 1] - ts[0]) / 1000;
  let toStart = (ts[0] - rangeStart) / 1000;
  const toEnd = (rangeEnd - ts[n - 1]) / 1000;
  const avgInterval = sampled / (n - 1);
  if (increase > 0 && vs[0] >= 0) {
    const toZero = sampled * (vs[0] / increase);
    if (toZero < toStart) toStart = toZero;
  }
  const threshold = avgInterval * 1.1;
  let interval = sampled;
  interval += toStart < threshold ? toStart : avgInterval / 2;
  interval += toEnd < threshold ? toEnd : avgInterval / 2;
  const extrapolated = increase * (interval / sampled);
  return isRate ? extrapolated / (rangeMs / 1000) : extrapolated;
}

function parseBound(le: string): number {
  const t = le.trim().toLowerCase();
  if (t === '+inf' || t === 'inf') return Infinity;
  if (t === '-inf') return -Infinity;
  return t === '' ? NaN : Number(t);
}

/** histogram_quantile over classic buckets: per label set without `le`, linear interpolation in the bucket. */
function histogramQuantile(q: number, samples: Sample[]): Sample[] {
  const groups = new Map<string, { labels: Labels; buckets: { upper: number; count: number }[] }>();
  for (const s of samples) {
    const upper = parseBound(s.labels.le ?? '');
    if (Number.isNaN(upper)) continue;
    const rest = without(s.labels, NAME_LABEL, 'le');
    const key = labelsKey(rest);
    const g = groups.get(key) ?? { labels: rest, buckets: [] };
    g.buckets.push({ upper, count: s.value });
    groups.set(key, g);
  }
  return [...groups.values()].map(({ labels, buckets }) => ({ labels, value: bucketQuantile(q, buckets) }));
}

function bucketQuantile(q: number, input: { upper: number; count: number }[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.upper - b.upper);
  if (sorted.length === 0 || sorted[sorted.length - 1].upper !== Infinity) return NaN;
  // Buckets with the same bound are merged, and counts made monotonic (rates can make them dip).
  const buckets: { upper: number; count: number }[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.upper === b.upper) last.count += b.count;
    else buckets.push({ ...b });
  }
  for (let i = 1; i < buckets.length; i++) if (buckets[i].count < buckets[i - 1].count) buckets[i].count = buckets[i - 1].count;
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = buckets.findIndex((x, i) => i < buckets.length - 1 && x.count >= rank);
  if (b < 0) b = buckets.length - 1;
  if (b === buckets.length - 1) return buckets[buckets.length - 2].upper;
  if (b === 0 && buckets[0].upper <= 0) return buckets[0].upper;
  let start = 0;
  let count = buckets[b].count;
  if (b > 0) {
    start = buckets[b - 1].upper;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return start + (buckets[b].upper - start) * (rank / count);
}

/** Prometheus' instant query: the expression at `tMs`. */
export function instantQuery(tsdb: Tsdb, query: string, tMs: number): QueryResult {
  const expr = parsePromQL(query);
  return { value: new Evaluator(tsdb).eval(expr, tMs), tMs };
}

/** Prometheus' range query: the expression at start + k * step up to end, as a matrix sorted by labels. */
export function rangeQuery(tsdb: Tsdb, query: string, startMs: number, endMs: number, stepMs: number): QueryResult {
  const expr = parsePromQL(query);
  const type = typeOf(expr);
  if (type !== 'scalar' && type !== 'vector') {
    throw new PromError(`invalid expression type "${type === 'matrix' ? 'range vector' : type}" for range query, must be Scalar or instant Vector`);
  }
  const evaluator = new Evaluator(tsdb);
  const out = new Map<string, RangeSeries>();
  const add = (labels: Labels, t: number, v: number) => {
    const key = labelsKey(labels);
    let s = out.get(key);
    if (!s) {
      s = { labels, ts: [], vs: [] };
      out.set(key, s);
    }
    s.ts.push(t);
    s.vs.push(v);
  };
  for (let t = startMs; t <= endMs; t += stepMs) {
    const v = evaluator.eval(expr, t);
    if (v.type === 'scalar') add({}, t, v.value);
    else if (v.type === 'vector') for (const s of v.samples) add(s.labels, t, s.value);
  }
  const series = [...out.values()].sort((a, b) => compareLabels(a.labels, b.labels));
  return { value: { type: 'matrix', series }, tMs: endMs };
}
