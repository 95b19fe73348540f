/**
 * In-memory log store of the mock Loki: streams keyed by their label set, each holding entries sorted
 * by timestamp in fixed-size chunks (chunk.ts): sealed chunks keep their lines deflated and the flow
 * fields the queries use as typed columns, so a million flows fit in a few hundred MB.
 */
import { Chunk, CHUNK_SIZE, ColumnSchema, InflatedCache } from './chunk';
import type { EntryLabels, EntryRef } from './pipeline';

export interface StreamEntry {
  tsNs: bigint;
  line: string;
}

/**
 * Flow fields parsed once at ingestion into columns: what the plugin's metric queries group by,
 * filter on and unwrap. Other fields are still answered, by parsing the line.
 */
export const FLOW_COLUMNS: readonly string[] = [
  ...['K8S_Namespace', 'K8S_OwnerName', 'K8S_OwnerType', 'K8S_Name', 'K8S_Type', 'K8S_HostName', 'K8S_Zone'].flatMap((f) => [`Src${f}`, `Dst${f}`]),
  'K8S_FlowLayer', '_RecordType', 'FlowDirection', 'Proto', 'DstPort', 'Bytes', 'Packets', 'TimeFlowRttNs', 'DnsLatencyMs', 'PktDropBytes', 'PktDropPackets',
];

const NS = 1_000_000_000n;

/** A nanosecond timestamp as whole seconds (floored) and the nanoseconds after them. */
export interface TimeSplit {
  secs: number;
  nanos: number;
}

export function splitNs(tsNs: bigint): TimeSplit {
  let secs = tsNs / NS;
  let nanos = tsNs % NS;
  if (nanos < 0n) {
    secs -= 1n;
    nanos += NS;
  }
  return { secs: Number(secs), nanos: Number(nanos) };
}

/** What the entries of a store share: the column schema and the cache of inflated chunks. */
interface StoreContext {
  schema: ColumnSchema;
  cache: InflatedCache;
}

/** Grows a typed array to hold at least `size` elements. */
function grow<T extends Float64Array | Int32Array>(arr: T, size: number, make: (n: number) => T): T {
  if (size <= arr.length) return arr;
  const grown = make(Math.max(size, arr.length * 2));
  grown.set(arr);
  return grown;
}

export class Stream {
  /**
   * Timestamps as whole seconds and nanoseconds: exact like int64 ns, but plain numbers, so scans do
   * not allocate a BigInt per entry.
   */
  private secs = new Float64Array(16);
  private nanos = new Int32Array(16);
  private n = 0;
  private chunks: Chunk[] = [];
  /** Physical slots of the first chunk already dropped by dropBefore. */
  private skip = 0;

  constructor(readonly id: number, readonly labels: Readonly<Record<string, string>>, readonly key: string, private readonly ctx: StoreContext) {}

  get size(): number {
    return this.n;
  }

  timestampAt(i: number): bigint {
    return BigInt(this.secs[i]) * NS + BigInt(this.nanos[i]);
  }

  /** Nanoseconds from `base` to entry i, as a number (exact within about 100 days). */
  nsSince(i: number, base: TimeSplit): number {
    return (this.secs[i] - base.secs) * 1e9 + (this.nanos[i] - base.nanos);
  }

  lineAt(i: number): string {
    const p = i + this.skip;
    return this.chunks[Math.floor(p / CHUNK_SIZE)].allLines(this.ctx.cache)[p % CHUNK_SIZE];
  }

  /** A reusable reference to entries of this stream, for pipelines that can read columns. */
  cursor(): StreamCursor {
    return new StreamCursor(this, this.ctx);
  }

  /** UTF-8 size of entry i's line, without decoding it. */
  byteLengthAt(i: number): number {
    return this.chunkOf(i).byteLength(this.slotOf(i));
  }

  chunkOf(i: number): Chunk {
    return this.chunks[Math.floor((i + this.skip) / CHUNK_SIZE)];
  }

  slotOf(i: number): number {
    return (i + this.skip) % CHUNK_SIZE;
  }

  private appendLine(line: string): void {
    let last = this.chunks[this.chunks.length - 1];
    if (!last || last.count === CHUNK_SIZE) this.chunks.push((last = new Chunk(this.ctx.schema)));
    last.append(line);
    if (last.count === CHUNK_SIZE) last.seal();
  }

  /**
   * Appends, or inserts out of order (Loki accepts out-of-order writes) after the entries with the same
   * timestamp; an entry identical to one already there is kept once.
   */
  add(tsNs: bigint, line: string): void {
    const t = splitNs(tsNs);
    const n = this.n;
    const at = this.bound(t, true);
    for (let i = this.bound(t, false); i < at; i++) if (this.lineAt(i) === line) return;
    this.secs = grow(this.secs, n + 1, (k) => new Float64Array(k));
    this.nanos = grow(this.nanos, n + 1, (k) => new Int32Array(k));
    this.secs.copyWithin(at + 1, at, n);
    this.nanos.copyWithin(at + 1, at, n);
    this.secs[at] = t.secs;
    this.nanos[at] = t.nanos;
    this.n++;
    if (at === n) {
      this.appendLine(line);
      return;
    }
    // Out-of-order writes are rare: rebuild the chunks from the one the entry lands in.
    const first = Math.floor((at + this.skip) / CHUNK_SIZE);
    const rest = this.chunks.slice(first).flatMap((c) => c.allLines(this.ctx.cache).slice(0, c.count));
    rest.splice(at + this.skip - first * CHUNK_SIZE, 0, line);
    this.chunks.length = first;
    for (const l of rest) this.appendLine(l);
  }

  /** First index whose timestamp is >= t (or > t when `after`). */
  private bound(t: TimeSplit, after: boolean): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const s = this.secs[mid];
      const below = s < t.secs || (s === t.secs && (after ? this.nanos[mid] <= t.nanos : this.nanos[mid] < t.nanos));
      if (below) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose timestamp is >= tsNs. */
  lowerBound(tsNs: bigint): number {
    return this.bound(splitNs(tsNs), false);
  }

  /** Index range [from, to) of entries with start <= ts < end. */
  range(startNs: bigint, endNs: bigint): [number, number] {
    return [this.lowerBound(startNs), this.lowerBound(endNs)];
  }

  /** Drops entries older than tsNs; returns how many were removed. */
  dropBefore(tsNs: bigint): number {
    const cut = this.lowerBound(tsNs);
    if (cut === 0) return 0;
    this.secs.copyWithin(0, cut, this.n);
    this.nanos.copyWithin(0, cut, this.n);
    this.n -= cut;
    this.skip += cut;
    const whole = Math.floor(this.skip / CHUNK_SIZE);
    this.chunks.splice(0, whole);
    this.skip -= whole * CHUNK_SIZE;
    if (this.n === 0) {
      this.chunks = [];
      this.skip = 0;
    }
    return cut;
  }

  /** Bytes of the packed lines and columns of sealed chunks. */
  get packedBytes(): number {
    return this.chunks.reduce((n, c) => n + c.packedBytes, 0);
  }
}

/**
 * One entry of a stream as a pipeline reads it. `| json` for a known set of names is answered from the
 * columns when they hold every name it could produce; otherwise the line is parsed as before.
 */
export class StreamCursor implements EntryRef {
  private index = 0;
  private chunk: Chunk | null = null;
  private slot = 0;
  private planFor: ReadonlySet<string> | null = null;
  private plan: [number, string][] = [];
  private checked: Chunk | null = null;
  private checkedCount = 0;
  private answerable = false;

  constructor(private readonly stream: Stream, private readonly ctx: StoreContext) {}

  /** Points the cursor at entry i. */
  at(i: number): this {
    this.index = i;
    this.chunk = this.stream.chunkOf(i);
    this.slot = this.stream.slotOf(i);
    return this;
  }

  line(): string {
    return this.stream.lineAt(this.index);
  }

  byteLength(): number {
    return this.chunk!.byteLength(this.slot);
  }

  jsonFromColumns(labels: EntryLabels, wanted: ReadonlySet<string>): boolean {
    const chunk = this.chunk!;
    if (!chunk.parsed[this.slot]) return false;
    if (wanted !== this.planFor) {
      this.planFor = wanted;
      this.plan = [];
      // A field named like a stream label comes out as `<name>_extracted`, as `| json` names it.
      const base = this.stream.labels;
      for (const [name, col] of this.ctx.schema.index) {
        if (wanted.has(name) || wanted.has(`${name}_extracted`)) this.plan.push([col, Object.prototype.hasOwnProperty.call(base, name) ? `${name}_extracted` : name]);
      }
      this.checked = null;
    }
    // A head chunk gains names as it grows: check again when its size changed.
    if (chunk !== this.checked || chunk.count !== this.checkedCount) {
      this.checked = chunk;
      this.checkedCount = chunk.count;
      this.answerable = columnsAnswerJson(chunk, this.ctx.schema, this.stream.labels, wanted);
    }
    if (!this.answerable) return false;
    for (const [col, label] of this.plan) {
      const text = chunk.text(col, this.slot);
      if (text !== undefined) labels.extracted.set(label, text);
    }
    return true;
  }
}

/**
 * Whether the columns give exactly what `| json` would for the wanted names in this chunk of a stream
 * with `streamLabels`: no wanted name may come from a field without a column, and a renamed
 * `X_extracted` must not meet a field already called so.
 */
export function columnsAnswerJson(chunk: Chunk, schema: ColumnSchema, streamLabels: Readonly<Record<string, string>>, wanted: ReadonlySet<string>): boolean {
  const { index } = schema;
  for (const w of wanted) {
    if (chunk.jsonNames.has(w) && !index.has(w)) return false;
    if (index.has(w) && Object.prototype.hasOwnProperty.call(streamLabels, w) && chunk.jsonNames.has(`${w}_extracted`)) return false;
    if (w.endsWith('_extracted')) {
      const field = w.slice(0, -'_extracted'.length);
      if (chunk.jsonNames.has(field) && !index.has(field)) return false;
    }
  }
  return true;
}

/** Loki-style label set key, e.g. `{app="x", b="y"}` with names sorted. */
export function labelsKey(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(', ')}}`;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export interface StoreOptions {
  /** Fields parsed into columns at ingestion (default FLOW_COLUMNS). */
  columns?: readonly string[];
}

export class LokiStore {
  private readonly ctx: StoreContext;
  private readonly streams = new Map<string, Stream>();
  private readonly byId: Stream[] = [];
  /** label name -> label value -> ids of the streams carrying it. */
  private readonly index = new Map<string, Map<string, Set<number>>>();
  private entries = 0;

  constructor(opts: StoreOptions = {}) {
    this.ctx = { schema: new ColumnSchema(opts.columns ?? FLOW_COLUMNS), cache: new InflatedCache(256) };
  }

  get entryCount(): number {
    return this.entries;
  }

  /** The columns this store's sealed chunks keep. */
  get schema(): ColumnSchema {
    return this.ctx.schema;
  }

  get streamCount(): number {
    return this.byId.length;
  }

  /** Adds entries to the stream with these labels; throws a clear error on an invalid label set. */
  push(labels: Record<string, string>, entries: Iterable<StreamEntry>): void {
    const clean: Record<string, string> = {};
    for (const [name, value] of Object.entries(labels)) {
      if (!LABEL_NAME.test(name)) throw new Error(`invalid label name ${JSON.stringify(name)}`);
      if (typeof value !== 'string') throw new Error(`label ${name} must have a string value`);
      if (value !== '') clean[name] = value;
    }
    if (Object.keys(clean).length === 0) throw new Error('error at least one label pair is required per stream');
    const key = labelsKey(clean);
    let stream = this.streams.get(key);
    if (!stream) {
      stream = new Stream(this.byId.length, Object.freeze(clean), key, this.ctx);
      this.streams.set(key, stream);
      this.byId.push(stream);
      for (const [name, value] of Object.entries(clean)) {
        let values = this.index.get(name);
        if (!values) this.index.set(name, (values = new Map()));
        let ids = values.get(value);
        if (!ids) values.set(value, (ids = new Set()));
        ids.add(stream.id);
      }
    }
    for (const entry of entries) {
      const before = stream.size;
      stream.add(entry.tsNs, entry.line);
      this.entries += stream.size - before;
    }
  }

  /** Every stream, or those carrying `name=value` (a cheap first cut for selector matching). */
  candidates(name?: string, value?: string): Stream[] {
    if (name === undefined) return this.byId;
    const ids = this.index.get(name)?.get(value ?? '');
    return ids ? [...ids].map((id) => this.byId[id]) : [];
  }

  labelNames(): string[] {
    return [...this.index.keys()];
  }

  /** Bytes of packed lines and columns in sealed chunks (the rest is head chunks and indexes). */
  get packedBytes(): number {
    return this.byId.reduce((n, s) => n + s.packedBytes, 0);
  }

  /** Drops entries older than tsNs from every stream (keeps the live store bounded). */
  dropBefore(tsNs: bigint): void {
    for (const stream of this.byId) this.entries -= stream.dropBefore(tsNs);
  }
}
