/**
 * Metric queries of the mock Loki: range aggregations (`rate`, `count_over_time`, `*_over_time` with
 * `| unwrap`) evaluated at each step over the window (t - range, t], then vector aggregations (`sum`,
 * `avg`, `topk`, ... with `by`/`without`) applied to each step's vector on its own, as Loki does.
 */
import { LokiError } from './errors';
import { ColumnScan } from './column-scan';
import { checkSelector, type Grouping, type LabelFilterExpr, type MetricQuery, type RangeAggregation, type Stage, type Unwrap, type VectorAggregation } from './logql';
import { compilePipeline, labelFilterPasses, type EntryLabels } from './pipeline';
import { selectStreams } from './select';
import { labelsKey, splitNs, type LokiStore } from './store';

export interface MetricParams {
  startNs: bigint;
  endNs: bigint;
  stepNs: bigint;
  /** Loki's max_query_series: more series in the answer is an error. */
  maxSeries: number;
  /** Checked between streams so that a long evaluation can stop at the query timeout. */
  deadline?: () => void;
}

export interface MetricStats {
  linesProcessed: number;
  bytesProcessed: number;
  postFilterLines: number;
  /** Entries read from typed columns by the fast path (column-scan.ts), not part of Loki's stats. */
  entriesFromColumns?: number;
}

export interface SeriesPoints {
  metric: Record<string, string>;
  /** [seconds, value as Loki formats it]. */
  values: [number, string][];
}

type Labels = Readonly<Record<string, string>>;

/** One step's vector: each element a series' labels and value. */
interface Sample {
  labels: Labels;
  key: string;
  value: number;
}

/** Samples of one leaf series, ascending in time (ns relative to the scan start). */
interface LeafSeries {
  labels: Labels;
  key: string;
  ts: number[];
  values: number[];
}

const ERROR_LABEL = '__error__';
const NS_PER_S = 1e9;

// --- Number formatting and conversions -------------------------------------------------------------

/** Go's strconv.FormatFloat(v, 'f', -1, 64), which Loki uses for sample values. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const s = String(v);
  if (!s.includes('e')) return s;
  const [mantissa, expText] = s.split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const pointAt = mantissa.replace(/^-/, '').indexOf('.') === -1 ? digits.length : mantissa.replace(/^-/, '').indexOf('.');
  const newPoint = pointAt + exp;
  let out: string;
  if (newPoint <= 0) out = `0.${'0'.repeat(-newPoint)}${digits}`;
  else if (newPoint >= digits.length) out = digits + '0'.repeat(newPoint - digits.length);
  else out = `${digits.slice(0, newPoint)}.${digits.slice(newPoint)}`;
  return negative ? `-${out}` : out;
}

const GO_FLOAT = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|[iI]nf(inity)?|NaN)$/;
const DURATION_UNITS_S: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4, k: 1e3, m: 1e6, g: 1e9, t: 1e12, ki: 1024, mi: 1024 ** 2, gi: 1024 ** 3, ti: 1024 ** 4 };

/** Whether v is a plain run of at most 15 decimal digits (exact as a double): the common case of flows. */
function isPlainInteger(v: string): boolean {
  if (v.length === 0 || v.length > 15) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function parseGoFloat(v: string): number | undefined {
  if (isPlainInteger(v)) return Number(v);
  if (!GO_FLOAT.test(v)) return undefined;
  if (/inf/i.test(v)) return v.startsWith('-') ? -Infinity : Infinity;
  return Number(v);
}

/** The unwrapped value of a label, or the error text Loki puts in `__error_details__`. */
function convert(raw: string, conversion: Unwrap['conversion']): number | string {
  switch (conversion) {
    case 'none': {
      const v = parseGoFloat(raw);
      return v ?? `strconv.ParseFloat: parsing ${JSON.stringify(raw)}: invalid syntax`;
    }
    case 'duration':
    case 'duration_seconds': {
      const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
      const sign = raw.startsWith('-') ? -1 : 1;
      const body = raw.replace(/^[+-]/, '');
      let total = 0;
      let last = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(body)) !== null) {
        total += Number(m[1]) * DURATION_UNITS_S[m[2]];
        last = re.lastIndex;
      }
      if (body === '0') return 0;
      if (body === '' || last !== body.length) return `time: invalid duration ${JSON.stringify(raw)}`;
      return sign * total;
    }
    case 'bytes': {
      const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(raw);
      const unit = m ? BYTE_UNITS[m[2].toLowerCase()] : undefined;
      if (!m || unit === undefined) return `strconv.ParseFloat: parsing ${JSON.stringify(raw)}: invalid syntax`;
      return Number(m[1]) * unit;
    }
  }
}

// --- Label sets ------------------------------------------------------------------------------------

function group(labels: Labels, grouping: Grouping | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!grouping) return out;
  if (grouping.without) {
    for (const [k, v] of Object.entries(labels)) if (!grouping.labels.includes(k)) out[k] = v;
  } else {
    for (const name of grouping.labels) if (labels[name] !== undefined) out[name] = labels[name];
  }
  return out;
}

function filterNames(expr: LabelFilterExpr, out: Set<string>): void {
  switch (expr.kind) {
    case 'and':
    case 'or':
      filterNames(expr.left, out);
      filterNames(expr.right, out);
      return;
    case 'string':
      out.add(expr.matcher.name);
      return;
    default:
      out.add(expr.name);
  }
}

/** Range functions whose value over merged series is the `sum`, `max` or `min` of the per-series values. */
const MERGEABLE: Partial<Record<VectorAggregation['op'], RangeAggregation['op'][]>> = {
  sum: ['count_over_time', 'rate', 'bytes_over_time', 'bytes_rate', 'sum_over_time'],
  max: ['max_over_time'],
  min: ['min_over_time'],
};

/**
 * The extracted labels the answer can depend on, when that set is known and dropping the others
 * cannot change it: the range aggregation's own `by`, or the `by` of a `sum` (`max`, `min`) right above
 * a range function that merges the same way; plus what filters and unwrap read.
 */
function wantedLabels(query: MetricQuery, leaf: RangeAggregation): Set<string> | undefined {
  let by: string[] | undefined;
  if (leaf.grouping && !leaf.grouping.without) by = leaf.grouping.labels;
  else {
    let q: MetricQuery = query;
    while (q.kind === 'vector' && q.inner.kind === 'vector') q = q.inner;
    if (q.kind === 'vector' && q.grouping && !q.grouping.without && MERGEABLE[q.op]?.includes(leaf.op)) by = q.grouping.labels;
  }
  if (by === undefined) return undefined;
  const wanted = new Set(by);
  const stages: Stage[] = leaf.pipeline;
  for (const s of stages) if (s.kind === 'labelFilter') filterNames(s.expr, wanted);
  if (leaf.unwrap) {
    wanted.add(leaf.unwrap.label);
    for (const f of leaf.unwrap.postFilters) filterNames(f, wanted);
  }
  return wanted;
}

function sortedLabels(labels: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels).sort()) out[name] = labels[name];
  return out;
}

function leafOf(query: MetricQuery): RangeAggregation {
  return query.kind === 'range' ? query : leafOf(query.inner);
}

// --- Range aggregation -----------------------------------------------------------------------------

function pipelineError(labels: Labels): LokiError {
  const kind = labels[ERROR_LABEL];
  return new LokiError(`pipeline error: '${kind}' for series: '${labelsKey(labels)}'.\n`
    + `Use a label filter to intentionally skip this error. (e.g | __error__!="${kind}").\n`
    + 'To skip all potential errors you can match empty errors.(e.g __error__="")\n'
    + 'The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__="" )');
}

/** Where the series of entries with one set of extracted labels is kept. */
interface SeriesSlot {
  series?: LeafSeries;
  next?: Map<string, SeriesSlot>;
}

/**
 * The series of one stream by what the pipeline extracted, so that label keys are built once per
 * series, not per entry. With a few wanted labels, a trie over the (name, value) pairs finds the slot
 * without building a string; with every field extracted, a joined signature keeps memory low.
 */
class StreamSeries {
  private readonly root: SeriesSlot = {};
  private readonly bySignature = new Map<string, SeriesSlot>();

  constructor(private readonly few: boolean) {}

  slot(labels: EntryLabels): SeriesSlot {
    if (this.few) {
      let node = this.root;
      for (const [k, v] of labels.extracted) node = child(child(node, k), v);
      return node;
    }
    let sig = '';
    for (const [k, v] of labels.extracted) sig += `${k}\u0000${v}\u0001`;
    let slot = this.bySignature.get(sig);
    if (!slot) this.bySignature.set(sig, (slot = {}));
    return slot;
  }
}

function child(node: SeriesSlot, key: string): SeriesSlot {
  node.next ??= new Map();
  let c = node.next.get(key);
  if (!c) node.next.set(key, (c = {}));
  return c;
}

/** Reads the selected streams once and returns each leaf series' samples in the scanned span. */
function collect(store: LokiStore, query: MetricQuery, leaf: RangeAggregation, fromNs: bigint, toNs: bigint, stats: MetricStats, deadline?: () => void): Map<string, LeafSeries> {
  checkSelector(leaf.selector);
  const wanted = wantedLabels(query, leaf);
  const pipeline = compilePipeline(leaf.pipeline, wanted);
  const unwrap = leaf.unwrap;
  const byteSamples = leaf.op === 'bytes_over_time' || leaf.op === 'bytes_rate';
  const series = new Map<string, LeafSeries>();
  const base = splitNs(fromNs);
  const leafSeries = (seriesLabels: Labels): LeafSeries => {
    const labels = leaf.grouping && seriesLabels[ERROR_LABEL] === undefined ? group(seriesLabels, leaf.grouping) : seriesLabels;
    const key = labelsKey(labels);
    let s = series.get(key);
    if (!s) series.set(key, (s = { labels, key, ts: [], values: [] }));
    return s;
  };
  const scan = ColumnScan.plan(leaf, wanted, store.schema);
  for (const stream of selectStreams(store, leaf.selector)) {
    deadline?.();
    const [from, to] = stream.range(fromNs, toNs);
    const entry = stream.cursor();
    const streamSeries = new StreamSeries(wanted !== undefined);
    const general = (i: number): void => {
      entry.at(i);
      stats.linesProcessed++;
      stats.bytesProcessed += entry.byteLength();
      const labels: EntryLabels | undefined = pipeline(entry, stream.labels);
      if (!labels) return;
      let value = 1;
      if (byteSamples) value = entry.byteLength();
      else if (unwrap) {
        const converted = convert(labels.get(unwrap.label) ?? '', unwrap.conversion);
        if (typeof converted === 'string') labels.setError('SampleExtractionErr', converted);
        else {
          value = converted;
          labels.delete(unwrap.label);
        }
        if (!unwrap.postFilters.every((f) => labelFilterPasses(f, labels))) return;
      }
      stats.postFilterLines++;
      const slot = labels.hasError() ? undefined : streamSeries.slot(labels);
      let s = slot?.series;
      if (!s) {
        let seriesLabels: Labels = labels.result() ?? stream.labels;
        if (seriesLabels[ERROR_LABEL] !== undefined && wanted) {
          // The message names the full series: redo this entry without the label projection.
          const full = compilePipeline(leaf.pipeline)(entry.line(), stream.labels);
          if (full) seriesLabels = { ...(full.result() ?? stream.labels), [ERROR_LABEL]: seriesLabels[ERROR_LABEL], __error_details__: seriesLabels.__error_details__ ?? '' };
        }
        s = leafSeries(seriesLabels);
        if (slot) slot.series = s;
      }
      s.ts.push(stream.nsSince(i, base));
      s.values.push(value);
    };
    if (scan) scan.run(stream, from, to, { general, series: leafSeries, base, stats });
    else for (let i = from; i < to; i++) general(i);
  }
  for (const s of series.values()) sortByTime(s);
  return series;
}

function sortByTime(s: LeafSeries): void {
  let sorted = true;
  for (let i = 1; i < s.ts.length && sorted; i++) sorted = s.ts[i - 1] <= s.ts[i];
  if (sorted) return;
  const order = s.ts.map((_, i) => i).sort((a, b) => s.ts[a] - s.ts[b]);
  s.ts = order.map((i) => s.ts[i]);
  s.values = order.map((i) => s.values[i]);
}

/** Prometheus' quantile: linear interpolation between the closest ranks. */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(sorted.length - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower] * (1 - weight) + sorted[upper] * weight;
}

function variance(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
}

/** The range function over window[lo, hi) (sums and counts without copying the window). */
function rangeValue(agg: RangeAggregation, window: number[], lo: number, hi: number): number {
  const rangeS = Number(agg.rangeNs) / NS_PER_S;
  const sum = () => {
    let total = 0;
    for (let i = lo; i < hi; i++) total += window[i];
    return total;
  };
  const values = () => window.slice(lo, hi);
  switch (agg.op) {
    case 'count_over_time': return hi - lo;
    case 'rate': return (agg.unwrap ? sum() : hi - lo) / rangeS;
    case 'bytes_over_time': return sum();
    case 'bytes_rate': return sum() / rangeS;
    case 'sum_over_time': return sum();
    case 'avg_over_time': return sum() / (hi - lo);
    case 'max_over_time': return Math.max(...values());
    case 'min_over_time': return Math.min(...values());
    case 'first_over_time': return window[lo];
    case 'last_over_time': return window[hi - 1];
    case 'stddev_over_time': return Math.sqrt(variance(values()));
    case 'stdvar_over_time': return variance(values());
    case 'quantile_over_time': return quantile(agg.param!, values());
  }
}

// --- Vector aggregation ----------------------------------------------------------------------------

/** Per aggregation node: input series key -> its group's labels and key (the same at every step). */
type GroupCache = Map<VectorAggregation, Map<string, { labels: Labels; key: string }>>;

function aggregate(agg: VectorAggregation, input: Sample[], cache: GroupCache): Sample[] {
  let grouped = cache.get(agg);
  if (!grouped) cache.set(agg, (grouped = new Map()));
  const groups = new Map<string, { labels: Labels; samples: Sample[] }>();
  for (const s of input) {
    let target = grouped.get(s.key);
    if (!target) {
      const labels = group(s.labels, agg.grouping);
      grouped.set(s.key, (target = { labels, key: labelsKey(labels) }));
    }
    let g = groups.get(target.key);
    if (!g) groups.set(target.key, (g = { labels: target.labels, samples: [] }));
    g.samples.push(s);
  }
  const out: Sample[] = [];
  for (const [key, g] of groups) {
    const values = g.samples.map((s) => s.value);
    const push = (value: number) => out.push({ labels: g.labels, key, value });
    switch (agg.op) {
      case 'sum': push(values.reduce((a, b) => a + b, 0)); break;
      case 'avg': push(values.reduce((a, b) => a + b, 0) / values.length); break;
      case 'max': push(Math.max(...values)); break;
      case 'min': push(Math.min(...values)); break;
      case 'count': push(values.length); break;
      case 'stddev': push(Math.sqrt(variance(values))); break;
      case 'stdvar': push(variance(values)); break;
      case 'topk':
      case 'bottomk': {
        const sign = agg.op === 'topk' ? -1 : 1;
        // Ties keep a stable order by labels so that answers do not flicker between steps.
        const ranked = [...g.samples].sort((a, b) => sign * (a.value - b.value) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        out.push(...ranked.slice(0, agg.param));
        break;
      }
    }
  }
  return out;
}

function evaluateAt(query: MetricQuery, leafVector: Sample[], cache: GroupCache): Sample[] {
  return query.kind === 'range' ? leafVector : aggregate(query, evaluateAt(query.inner, leafVector, cache), cache);
}

/**
 * Evaluates a metric query at every step from start to end (inclusive): one point per step where the
 * series has data. An instant query is the case start = end.
 */
export function evaluateMetric(store: LokiStore, query: MetricQuery, params: MetricParams, stats: MetricStats): SeriesPoints[] {
  const leaf = leafOf(query);
  const scanFrom = params.startNs - leaf.offsetNs - leaf.rangeNs + 1n;
  const scanTo = params.endNs - leaf.offsetNs + 1n;
  const series = [...collect(store, query, leaf, scanFrom, scanTo, stats, params.deadline).values()];
  const cursors = series.map(() => ({ lo: 0, hi: 0 }));
  const failed = series.map((s) => s.labels[ERROR_LABEL] !== undefined);
  const out = new Map<string, SeriesPoints>();
  const groupCache: GroupCache = new Map();
  const rangeNs = Number(leaf.rangeNs);
  for (let t = params.startNs; t <= params.endNs; t += params.stepNs) {
    // Window (t - offset - range, t - offset], relative to the scan start.
    const windowEnd = Number(t - leaf.offsetNs - scanFrom);
    const windowStart = windowEnd - rangeNs;
    const vector: Sample[] = [];
    for (let i = 0; i < series.length; i++) {
      const s = series[i];
      const c = cursors[i];
      while (c.lo < s.ts.length && s.ts[c.lo] <= windowStart) c.lo++;
      if (c.hi < c.lo) c.hi = c.lo;
      while (c.hi < s.ts.length && s.ts[c.hi] <= windowEnd) c.hi++;
      if (c.hi === c.lo) continue;
      if (failed[i]) throw pipelineError(s.labels);
      vector.push({ labels: s.labels, key: s.key, value: rangeValue(leaf, s.values, c.lo, c.hi) });
    }
    const seconds = Math.round(Number(t / 1_000_000n)) / 1000;
    for (const sample of evaluateAt(query, vector, groupCache)) {
      let points = out.get(sample.key);
      if (!points) {
        if (out.size >= params.maxSeries) throw new LokiError(`maximum of series (${params.maxSeries}) reached for a single query`);
        out.set(sample.key, (points = { metric: sortedLabels(sample.labels), values: [] }));
      }
      points.values.push([seconds, formatValue(sample.value)]);
    }
  }
  return [...out.keys()].sort().map((k) => out.get(k)!);
}
