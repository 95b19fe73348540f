/**
 * Fast path of metric queries: a leaf pipeline `| json | <label filters> [| unwrap <field> [| __error__=""]]`
 * whose names are all columns is answered from the chunks' columns (typed arrays once sealed, plain
 * values in the head), without building labels or parsing numbers per entry. It gives what the general
 * path gives, entry for entry, in the same order (store.test.ts compares both); what it cannot answer so
 * — a line that is not a JSON object, text where a number is read, a missing unwrap value without
 * `__error__=""` to drop it, a field shadowed by a stream label — goes through the general path.
 */
import type { Chunk, Column, ColumnSchema } from './chunk';
import { matchesLabel, type LabelFilterExpr, type LabelMatcher, type NumberOp, type RangeAggregation } from './logql';
import { compare } from './pipeline';
import { columnsAnswerJson, type Stream, type TimeSplit } from './store';

type Labels = Readonly<Record<string, string>>;

/** A label filter over columns (or a stream label, constant for a whole stream). */
type ColumnFilter =
  | { kind: 'number'; col: number; op: NumberOp; value: number }
  | { kind: 'string'; col: number; name: string; matcher: LabelMatcher }
  | { kind: 'and' | 'or'; left: ColumnFilter; right: ColumnFilter };

/** Where the entries go: the caller's general path and its leaf series. */
export interface ScanSink {
  /** Evaluates entry i the general way. */
  general(i: number): void;
  /** The leaf series of entries with these labels (stream labels plus extracted ones). */
  series(labels: Labels): Series;
  /** Series times are nanoseconds since this time. */
  base: TimeSplit;
  stats: { linesProcessed: number; bytesProcessed: number; postFilterLines: number; entriesFromColumns?: number };
}

type Series = { ts: number[]; values: number[] };
type TextColumn = Extract<Column, { kind: 'text' }>;

interface Slot {
  next?: Map<unknown, Slot>;
  series?: Series;
}

/** What one stream's scan keeps between its chunks. */
interface StreamScan {
  stream: Stream;
  sink: ScanSink;
  /** Columns of the extracted labels and their label names. */
  keyCols: number[];
  keyLabels: string[];
  /** Dictionary sizes of the key columns, when their codes combine into one exact number. */
  radix: number[] | undefined;
  /** Series by combined dictionary codes (chunks where every key column is text). */
  byCode: Map<number, Series>;
  /** Series by each key column's text or number (other chunks). */
  root: Slot;
  /** Whether the columns answer `| json`, by a chunk's set of names. */
  answers: Map<ReadonlySet<string>, boolean>;
}

const ERROR = '__error__';
const ERROR_DETAILS = '__error_details__';
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function compileFilter(expr: LabelFilterExpr, schema: ColumnSchema): ColumnFilter | undefined {
  switch (expr.kind) {
    case 'and':
    case 'or': {
      const left = compileFilter(expr.left, schema);
      const right = compileFilter(expr.right, schema);
      return left && right ? { kind: expr.kind, left, right } : undefined;
    }
    case 'number': {
      const col = schema.index.get(expr.name);
      return col === undefined ? undefined : { kind: 'number', col, op: expr.op, value: expr.value };
    }
    case 'string': {
      // No error can be set before unwrap where the columns answer: `__error__` reads as absent.
      if (expr.matcher.name === ERROR || expr.matcher.name === ERROR_DETAILS) return { kind: 'string', col: -1, name: expr.matcher.name, matcher: expr.matcher };
      const col = schema.index.get(expr.matcher.name);
      return col === undefined ? undefined : { kind: 'string', col, name: expr.matcher.name, matcher: expr.matcher };
    }
    default:
      return undefined;
  }
}

/** Names the numeric comparisons read: a stream label of that name, or a text column, needs the general path. */
function numericNames(f: ColumnFilter, schema: ColumnSchema, out: Set<string>): void {
  if (f.kind === 'number') out.add(schema.names[f.col]);
  else if (f.kind !== 'string') {
    numericNames(f.left, schema, out);
    numericNames(f.right, schema, out);
  }
}

const isDropErrors = (f: LabelFilterExpr): boolean =>
  f.kind === 'string' && f.matcher.name === ERROR && f.matcher.op === '=' && f.matcher.value === '';

/** A leaf the columns can answer: its filters, unwrapped column and the names `| json` must give. */
export class ColumnScan {
  private readonly numericNames = new Set<string>();

  private constructor(
    private readonly schema: ColumnSchema,
    private readonly wanted: ReadonlySet<string>,
    private readonly filters: ColumnFilter[],
    private readonly unwrap: { col: number; label: string; dropErrors: boolean } | undefined,
    private readonly byteSamples: boolean,
  ) {
    for (const f of filters) numericNames(f, schema, this.numericNames);
  }

  /**
   * The scan of `leaf` when its pipeline is `| json` then label filters on column fields, and its unwrap
   * (if any) reads a column without conversion, followed at most by `__error__=""`; undefined otherwise.
   * `wanted` is the set of extracted labels the answer depends on (required: all fields would be many).
   */
  static plan(leaf: RangeAggregation, wanted: ReadonlySet<string> | undefined, schema: ColumnSchema): ColumnScan | undefined {
    if (!wanted) return undefined;
    const [first, ...rest] = leaf.pipeline;
    if (first?.kind !== 'json' || first.extractions) return undefined;
    const filters: ColumnFilter[] = [];
    for (const stage of rest) {
      const f = stage.kind === 'labelFilter' ? compileFilter(stage.expr, schema) : undefined;
      if (!f) return undefined;
      filters.push(f);
    }
    let unwrap: { col: number; label: string; dropErrors: boolean } | undefined;
    if (leaf.unwrap) {
      const col = schema.index.get(leaf.unwrap.label);
      if (col === undefined || leaf.unwrap.conversion !== 'none' || !leaf.unwrap.postFilters.every(isDropErrors)) return undefined;
      unwrap = { col, label: leaf.unwrap.label, dropErrors: leaf.unwrap.postFilters.length > 0 };
    }
    return new ColumnScan(schema, wanted, filters, unwrap, leaf.op === 'bytes_over_time' || leaf.op === 'bytes_rate');
  }

  /** Scans entries [from, to) of a stream, handing what the columns cannot answer to the general path. */
  run(stream: Stream, from: number, to: number, sink: ScanSink): void {
    const base = stream.labels;
    // A stream label shadows the field of the same name (`| json` renames it to `X_extracted`), and an
    // unwrap or numeric filter would then read the label's text: the general path handles that.
    if ((this.unwrap && hasOwn(base, this.unwrap.label)) || [...this.numericNames].some((n) => hasOwn(base, n))) {
      for (let i = from; i < to; i++) sink.general(i);
      return;
    }
    // The extracted labels, named as `| json` names them next to this stream's labels; unwrap drops its own.
    const keyCols: number[] = [];
    const keyLabels: string[] = [];
    for (const [name, col] of this.schema.index) {
      if (!this.wanted.has(name) && !this.wanted.has(`${name}_extracted`)) continue;
      const label = hasOwn(base, name) ? `${name}_extracted` : name;
      if (label === this.unwrap?.label) continue;
      keyCols.push(col);
      keyLabels.push(label);
    }
    // Dictionary codes of text columns combine into one number while the product of their sizes is exact.
    const radix = keyCols.map((col) => this.schema.dictionaries[col].values.length + 1);
    const combinable = radix.reduce((a, b) => a * b, 1) < Number.MAX_SAFE_INTEGER;
    const state: StreamScan = { stream, sink, keyCols, keyLabels, radix: combinable ? radix : undefined, byCode: new Map(), root: {}, answers: new Map() };
    let i = from;
    while (i < to) {
      const chunk = stream.chunkOf(i);
      const first = stream.slotOf(i);
      const end = Math.min(to, i + chunk.count - first);
      if (!this.scanChunk(state, chunk, i, end, first)) for (let k = i; k < end; k++) sink.general(k);
      i = end;
    }
  }

  /** Entries [i, end) of one chunk (slot `first` onwards); false when the chunk's columns cannot answer. */
  private scanChunk(state: StreamScan, chunk: Chunk, i: number, end: number, first: number): boolean {
    const { stream, sink, keyCols } = state;
    const base = stream.labels;
    // Sealed chunks share their name sets: the check is made once per set.
    let answers = state.answers.get(chunk.jsonNames);
    if (answers === undefined) state.answers.set(chunk.jsonNames, (answers = columnsAnswerJson(chunk, this.schema, base, this.wanted)));
    if (!answers) return false;
    if (!chunk.sealed) {
      this.scanHead(state, chunk, i, end, first);
      return true;
    }
    let unwrapValues: Float32Array | Float64Array | undefined;
    if (this.unwrap) {
      const c = chunk.column(this.unwrap.col)!;
      if (c.kind !== 'number') return false;
      unwrapValues = c.values;
    }
    for (const name of this.numericNames) if (chunk.column(this.schema.index.get(name)!)!.kind !== 'number') return false;
    const keyColumns = keyCols.map((col) => chunk.column(col)!);
    const codes = state.radix && keyColumns.every((c) => c.kind === 'text') ? keyColumns.map((c) => (c as TextColumn).codes) : undefined;
    const { stats } = sink;
    let scanned = 0;
    for (let slot = first; i < end; i++, slot++) {
      if (!chunk.parsed[slot]) {
        sink.general(i);
        continue;
      }
      const passes = this.filters.length === 0 || this.passesAll(chunk, slot, base);
      let value = 1;
      if (unwrapValues) value = unwrapValues[slot];
      else if (this.byteSamples) value = chunk.byteLength(slot);
      // A sample extraction error kept by the query: the general path builds its error series.
      if (passes && Number.isNaN(value) && !this.unwrap!.dropErrors) {
        sink.general(i);
        continue;
      }
      stats.linesProcessed++;
      stats.bytesProcessed += chunk.byteLength(slot);
      scanned++;
      if (!passes || Number.isNaN(value)) continue;
      stats.postFilterLines++;
      let series: Series | undefined;
      if (codes) {
        let key = 0;
        for (let k = codes.length - 1; k >= 0; k--) key = key * state.radix![k] + codes[k][slot];
        series = state.byCode.get(key);
        if (!series) state.byCode.set(key, (series = this.seriesOf(state, chunk, slot)));
      } else series = this.trieSeries(state, chunk, slot);
      series.ts.push(stream.nsSince(i, sink.base));
      series.values.push(value);
    }
    stats.entriesFromColumns = (stats.entriesFromColumns ?? 0) + scanned;
    return true;
  }

  /**
   * Entries [i, end) of the stream's head chunk, whose values are still plain JSON values: an entry with
   * text where a number is read goes through the general path.
   */
  private scanHead(state: StreamScan, chunk: Chunk, i: number, end: number, first: number): void {
    const { stream, sink } = state;
    const { stats } = sink;
    for (let slot = first; i < end; i++, slot++) {
      let value = this.unwrap ? chunk.numberAt(this.unwrap.col, slot) : this.byteSamples ? chunk.byteLength(slot) : 1;
      let numbers = value !== undefined;
      for (const name of this.numericNames) if (chunk.numberAt(this.schema.index.get(name)!, slot) === undefined) numbers = false;
      if (!chunk.parsed[slot] || !numbers) {
        sink.general(i);
        continue;
      }
      value = value!;
      const passes = this.passesAll(chunk, slot, stream.labels);
      if (passes && Number.isNaN(value) && !this.unwrap!.dropErrors) {
        sink.general(i);
        continue;
      }
      stats.linesProcessed++;
      stats.bytesProcessed += chunk.byteLength(slot);
      stats.entriesFromColumns = (stats.entriesFromColumns ?? 0) + 1;
      if (!passes || Number.isNaN(value)) continue;
      stats.postFilterLines++;
      const series = this.trieSeries(state, chunk, slot);
      series.ts.push(stream.nsSince(i, sink.base));
      series.values.push(value);
    }
  }

  /** The leaf series of the entry in `slot`, found by each key column's value in turn. */
  private trieSeries(state: StreamScan, chunk: Chunk, slot: number): Series {
    let node = state.root;
    for (const col of state.keyCols) {
      const key = chunk.keyAt(col, slot);
      node.next ??= new Map();
      let next = node.next.get(key);
      if (!next) node.next.set(key, (next = {}));
      node = next;
    }
    return (node.series ??= this.seriesOf(state, chunk, slot));
  }

  /** The leaf series of the entry in `slot`: the stream's labels plus its non-empty extracted ones. */
  private seriesOf(state: StreamScan, chunk: Chunk, slot: number): Series {
    const labels: Record<string, string> = { ...state.stream.labels };
    for (let k = 0; k < state.keyCols.length; k++) {
      const text = chunk.text(state.keyCols[k], slot);
      if (text !== undefined && text !== '') labels[state.keyLabels[k]] = text;
    }
    return state.sink.series(labels);
  }

  private passesAll(chunk: Chunk, slot: number, base: Labels): boolean {
    for (const f of this.filters) if (!this.passes(f, chunk, slot, base)) return false;
    return true;
  }

  private passes(f: ColumnFilter, chunk: Chunk, slot: number, base: Labels): boolean {
    switch (f.kind) {
      case 'and': return this.passes(f.left, chunk, slot, base) && this.passes(f.right, chunk, slot, base);
      case 'or': return this.passes(f.left, chunk, slot, base) || this.passes(f.right, chunk, slot, base);
      case 'number': {
        // Never text here: such entries and chunks go through the general path.
        const v = chunk.numberAt(f.col, slot)!;
        return !Number.isNaN(v) && compare(f.op, v, f.value);
      }
      case 'string':
        // A stream label shadows the field (`| json` renamed it) and any `__error__` (none is set here).
        if (hasOwn(base, f.name)) return matchesLabel(f.matcher, base[f.name]);
        return matchesLabel(f.matcher, f.col < 0 ? undefined : chunk.text(f.col, slot));
    }
  }
}
