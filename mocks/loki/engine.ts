/**
 * Query evaluation of the mock Loki. Log queries walk the selected streams newest-first (backward) or
 * oldest-first (forward) through a heap, run each entry through the pipeline and stop at `limit`
 * entries overall, then group entries by their full label set as Loki does. Metric queries will be a
 * second evaluator next to `evaluateLogQuery`, dispatched from `evaluate`.
 */
import { checkSelector, matchesLabel, parseQuery, type LabelMatcher, type LogQuery } from './logql';
import { compilePipeline } from './pipeline';
import { labelsKey, type LokiStore, type Stream } from './store';

export type Direction = 'backward' | 'forward';

export interface RangeParams {
  startNs: bigint;
  endNs: bigint;
  limit: number;
  direction: Direction;
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

/** Streams whose labels satisfy every matcher, using the label index for the first equality matcher. */
export function selectStreams(store: LokiStore, selector: LabelMatcher[]): Stream[] {
  const eq = selector.find((m) => m.op === '=' && m.value !== '');
  const candidates = eq ? store.candidates(eq.name, eq.value) : store.candidates();
  return candidates.filter((s) => selector.every((m) => matchesLabel(m, s.labels[m.name])));
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
    stats.bytesProcessed += line.length;
    const outcome = pipeline(line, stream.labels);
    if (outcome) {
      stats.postFilterLines++;
      const labels = outcome.labels ?? stream.labels;
      const key = outcome.labels ? labelsKey(labels) : stream.key;
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

/** Parses and evaluates a query over a time range. Throws LokiError for bad or unsupported queries. */
export function evaluateRange(store: LokiStore, queryText: string, params: RangeParams): StreamsResult {
  const query = parseQuery(queryText);
  switch (query.kind) {
    case 'log':
      return evaluateLogQuery(store, query, params);
  }
}
