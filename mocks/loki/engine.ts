/**
 * Query evaluation of the mock Loki. Log queries walk the selected streams newest-first (backward) or
 * oldest-first (forward) through a heap, run each entry through the pipeline and stop at `limit`
 * entries overall, then group entries by their full label set as Loki does. Metric queries go to
 * metric.ts.
 */
import { LokiError } from './errors';
import { checkSelector, parseQuery, type LogQuery } from './logql';
import { evaluateMetric, type SeriesPoints } from './metric';
import { compilePipeline } from './pipeline';
import { selectStreams } from './select';
import { labelsKey, type LokiStore, type Stream } from './store';

export { selectStreams };

export type Direction = 'backward' | 'forward';

export interface RangeParams {
  startNs: bigint;
  endNs: bigint;
  limit: number;
  direction: Direction;
  /** Step of metric queries (Loki's default: max(1s, range / 250)). */
  stepNs?: bigint;
  /** Loki's max_query_series (default 500). */
  maxSeries?: number;
  /** Throws when the query has run out of time; called between streams. */
  deadline?: () => void;
}

export interface ResultStream {
  stream: Record<string, string>;
  values: [string, string][];
}

export interface ExecStats {
  linesProcessed: number;
  bytesProcessed: number;
  postFilterLines: number;
  entriesReturned: number;
  execTimeSec: number;
}

export interface StreamsResult {
  resultType: 'streams';
  result: ResultStream[];
  stats: ExecStats;
}

export interface MatrixResult {
  resultType: 'matrix';
  result: SeriesPoints[];
  stats: ExecStats;
}

export interface VectorResult {
  resultType: 'vector';
  result: { metric: Record<string, string>; value: [number, string] }[];
  stats: ExecStats;
}

const DEFAULT_MAX_SERIES = 500;

/** Loki's default step for a range without `step`: one point per (range / 250), at least 1 s. */
export function defaultStepNs(startNs: bigint, endNs: bigint): bigint {
  const seconds = Math.max(Math.floor(Number(endNs - startNs) / 1e9 / 250), 1);
  return BigInt(seconds) * 1_000_000_000n;
}

/** A cursor over one stream's entries in the time range, in query direction. */
interface Cursor {
  stream: Stream;
  index: number;
  stop: number;
  step: 1 | -1;
}

/** Binary heap of cursors ordered by their current timestamp (newest first when backward). */
class CursorHeap {
  private readonly items: Cursor[] = [];

  constructor(private readonly backward: boolean) {}

  get size(): number {
    return this.items.length;
  }

  private before(a: Cursor, b: Cursor): boolean {
    const ta = a.stream.timestampAt(a.index);
    const tb = b.stream.timestampAt(b.index);
    if (ta !== tb) return this.backward ? ta > tb : ta < tb;
    return a.stream.id < b.stream.id;
  }

  push(c: Cursor): void {
    const items = this.items;
    items.push(c);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): Cursor | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && this.before(items[l], items[best])) best = l;
        if (r < items.length && this.before(items[r], items[best])) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }
}

export function evaluateLogQuery(store: LokiStore, query: LogQuery, params: RangeParams): StreamsResult {
  const started = process.hrtime.bigint();
  checkSelector(query.selector);
  const pipeline = compilePipeline(query.pipeline);
  const backward = params.direction === 'backward';
  const heap = new CursorHeap(backward);
  for (const stream of selectStreams(store, query.selector)) {
    params.deadline?.();
    const [from, to] = stream.range(params.startNs, params.endNs);
    if (from >= to) continue;
    heap.push(backward ? { stream, index: to - 1, stop: from - 1, step: -1 } : { stream, index: from, stop: to, step: 1 });
  }

  const groups = new Map<string, ResultStream>();
  const stats: ExecStats = { linesProcessed: 0, bytesProcessed: 0, postFilterLines: 0, entriesReturned: 0, execTimeSec: 0 };
  while (stats.entriesReturned < params.limit && heap.size > 0) {
    const cursor = heap.pop()!;
    const { stream, index } = cursor;
    const line = stream.lineAt(index);
    stats.linesProcessed++;
    stats.bytesProcessed += stream.byteLengthAt(index);
    const outcome = pipeline(line, stream.labels);
    if (outcome) {
      stats.postFilterLines++;
      const extracted = outcome.result();
      const labels = extracted ?? stream.labels;
      const key = extracted ? labelsKey(labels) : stream.key;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { stream: sortedLabels(labels), values: [] }));
      group.values.push([stream.timestampAt(index).toString(), line]);
      stats.entriesReturned++;
    }
    cursor.index += cursor.step;
    if (cursor.index !== cursor.stop) heap.push(cursor);
  }

  // Loki's query frontend orders streams by their label string, descending for backward queries.
  const keys = [...groups.keys()].sort();
  if (backward) keys.reverse();
  stats.execTimeSec = Number(process.hrtime.bigint() - started) / 1e9;
  return { resultType: 'streams', result: keys.map((k) => groups.get(k)!), stats };
}

function sortedLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels).sort()) out[name] = labels[name];
  return out;
}

function emptyStats(): ExecStats {
  return { linesProcessed: 0, bytesProcessed: 0, postFilterLines: 0, entriesReturned: 0, execTimeSec: 0 };
}

/** Parses and evaluates a query over a time range. Throws LokiError for bad or unsupported queries. */
export function evaluateRange(store: LokiStore, queryText: string, params: RangeParams): StreamsResult | MatrixResult {
  const query = parseQuery(queryText);
  if (query.kind === 'log') return evaluateLogQuery(store, query, params);
  const started = process.hrtime.bigint();
  const stats = emptyStats();
  const stepNs = params.stepNs ?? defaultStepNs(params.startNs, params.endNs);
  const result = evaluateMetric(store, query, { startNs: params.startNs, endNs: params.endNs, stepNs, maxSeries: params.maxSeries ?? DEFAULT_MAX_SERIES, deadline: params.deadline }, stats);
  stats.entriesReturned = result.reduce((n, s) => n + s.values.length, 0);
  stats.execTimeSec = Number(process.hrtime.bigint() - started) / 1e9;
  return { resultType: 'matrix', result, stats };
}

/** An instant metric query at `timeNs`; log queries are refused as Loki refuses them. */
export function evaluateInstant(store: LokiStore, queryText: string, timeNs: bigint, opts: { maxSeries?: number; deadline?: () => void } = {}): VectorResult {
  const query = parseQuery(queryText);
  if (query.kind === 'log') throw new LokiError('log queries are not supported as an instant query type, please change your query to a range query type');
  const started = process.hrtime.bigint();
  const stats = emptyStats();
  const series = evaluateMetric(store, query, { startNs: timeNs, endNs: timeNs, stepNs: 1_000_000_000n, maxSeries: opts.maxSeries ?? DEFAULT_MAX_SERIES, deadline: opts.deadline }, stats);
  stats.entriesReturned = series.length;
  stats.execTimeSec = Number(process.hrtime.bigint() - started) / 1e9;
  return { resultType: 'vector', result: series.map((s) => ({ metric: s.metric, value: s.values[0] })), stats };
}
