/**
 * In-memory log store of the mock Loki: streams keyed by their label set, each holding entries sorted
 * by timestamp. Only the raw line and a numeric timestamp are kept per entry (no parsed objects), so
 * hours of generated flows fit in a few hundred MB.
 */

export interface StreamEntry {
  tsNs: bigint;
  line: string;
}

export class Stream {
  private ts: BigInt64Array = new BigInt64Array(64);
  private lines: string[] = [];

  constructor(readonly id: number, readonly labels: Readonly<Record<string, string>>, readonly key: string) {}

  get size(): number {
    return this.lines.length;
  }

  timestampAt(i: number): bigint {
    return this.ts[i];
  }

  lineAt(i: number): string {
    return this.lines[i];
  }

  /** Appends in order, or inserts (Loki accepts out-of-order writes); identical entries are kept once. */
  add(tsNs: bigint, line: string): void {
    const n = this.lines.length;
    if (n === this.ts.length) {
      const grown = new BigInt64Array(n * 2);
      grown.set(this.ts);
      this.ts = grown;
    }
    if (n === 0 || this.ts[n - 1] < tsNs) {
      this.ts[n] = tsNs;
      this.lines.push(line);
      return;
    }
    const at = this.lowerBound(tsNs);
    for (let i = at; i < n && this.ts[i] === tsNs; i++) if (this.lines[i] === line) return;
    this.ts.copyWithin(at + 1, at, n);
    this.ts[at] = tsNs;
    this.lines.splice(at, 0, line);
  }

  /** First index whose timestamp is >= tsNs. */
  lowerBound(tsNs: bigint): number {
    let lo = 0;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid] < tsNs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index range [from, to) of entries with start <= ts < end. */
  range(startNs: bigint, endNs: bigint): [number, number] {
    return [this.lowerBound(startNs), this.lowerBound(endNs)];
  }

  /** Drops entries older than tsNs; returns how many were removed. */
  dropBefore(tsNs: bigint): number {
    const cut = this.lowerBound(tsNs);
    if (cut === 0) return 0;
    this.ts.copyWithin(0, cut, this.lines.length);
    this.lines.splice(0, cut);
    return cut;
  }
}

/** Loki-style label set key, e.g. `{app="x", b="y"}` with names sorted. */
export function labelsKey(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(', ')}}`;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export class LokiStore {
  private readonly streams = new Map<string, Stream>();
  private readonly byId: Stream[] = [];
  /** label name -> label value -> ids of the streams carrying it. */
  private readonly index = new Map<string, Map<string, Set<number>>>();
  private entries = 0;

  get entryCount(): number {
    return this.entries;
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
      stream = new Stream(this.byId.length, Object.freeze(clean), key);
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

  /** Drops entries older than tsNs from every stream (keeps the live store bounded). */
  dropBefore(tsNs: bigint): void {
    for (const stream of this.byId) this.entries -= stream.dropBefore(tsNs);
  }
}
