/**
 * A small in-memory time-series store: a series is a label set (with `__name__`) and its samples, kept
 * in fixed-size chunks of Float64Array timestamps (ms) and values, appended in time order.
 */

export type Labels = Readonly<Record<string, string>>;

export const NAME_LABEL = '__name__';
/** Chunks start small (most series are short-lived) and double up to this size. */
const CHUNK_SIZE = 256;
const FIRST_CHUNK_SIZE = 8;

interface Chunk {
  ts: Float64Array;
  vs: Float64Array;
  length: number;
}

/** Canonical text of a label set (sorted names), used as identity and for Prometheus' label ordering. */
export function labelsKey(labels: Labels): string {
  return Object.keys(labels).sort().map((k) => `${k}\u0000${labels[k]}`).join('\u0001');
}

/** Prometheus' order of label sets: pairwise by sorted name then value, a prefix first. */
export function compareLabels(a: Labels, b: Labels): number {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    const va = a[ka[i]];
    const vb = b[kb[i]];
    if (va !== vb) return va < vb ? -1 : 1;
  }
  return ka.length - kb.length;
}

export class Series {
  private readonly chunks: Chunk[] = [];
  /** Times of Prometheus' staleness markers (the series vanished from a scrape), ascending. */
  private readonly staleMarkers: number[] = [];
  private last = -Infinity;
  private count = 0;
  /** Set when the TSDB forgot this series (dropBefore): a writer holding it must look its labels up again. */
  detached = false;

  constructor(readonly labels: Labels) {}

  get sampleCount(): number {
    return this.count;
  }

  get lastTimestamp(): number | undefined {
    return this.count > 0 ? this.last : undefined;
  }

  get firstTimestamp(): number | undefined {
    const c = this.chunks[0];
    return c && c.length > 0 ? c.ts[0] : undefined;
  }

  append(tMs: number, value: number): void {
    if (!(tMs > this.last) || !(tMs > (this.staleMarkers[this.staleMarkers.length - 1] ?? -Infinity))) {
      throw new Error(`out-of-order sample for ${labelsKey(this.labels)} at ${tMs}`);
    }
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || chunk.length === chunk.ts.length) {
      const size = chunk ? Math.min(CHUNK_SIZE, chunk.ts.length * 2) : FIRST_CHUNK_SIZE;
      chunk = { ts: new Float64Array(size), vs: new Float64Array(size), length: 0 };
      this.chunks.push(chunk);
    }
    chunk.ts[chunk.length] = tMs;
    chunk.vs[chunk.length] = value;
    chunk.length++;
    this.last = tMs;
    this.count++;
  }

  /** Records that the series vanished at `tMs`: instant selectors stop seeing older samples from then on. */
  markStale(tMs: number): void {
    if (!(tMs > this.last)) throw new Error(`staleness marker before the last sample of ${labelsKey(this.labels)}`);
    this.staleMarkers.push(tMs);
  }

  /** Samples with minMs <= t <= maxMs (closed, as Prometheus 2.x selects), oldest first. */
  range(minMs: number, maxMs: number, ts: number[] = [], vs: number[] = []): { ts: number[]; vs: number[] } {
    for (const c of this.chunks) {
      if (c.length === 0 || c.ts[c.length - 1] < minMs) continue;
      if (c.ts[0] > maxMs) break;
      for (let i = lowerBound(c, minMs); i < c.length && c.ts[i] <= maxMs; i++) {
        ts.push(c.ts[i]);
        vs.push(c.vs[i]);
      }
    }
    return { ts, vs };
  }

  /** The newest sample with minMs <= t <= maxMs, unless a staleness marker follows it by maxMs. */
  latest(minMs: number, maxMs: number): { t: number; v: number } | undefined {
    for (let ci = this.chunks.length - 1; ci >= 0; ci--) {
      const c = this.chunks[ci];
      if (c.length === 0 || c.ts[0] > maxMs) continue;
      const i = lowerBound(c, maxMs + 1) - 1;
      if (i < 0) continue;
      if (c.ts[i] < minMs) return undefined;
      const t = c.ts[i];
      if (this.staleMarkers.some((m) => m > t && m <= maxMs)) return undefined;
      return { t, v: c.vs[i] };
    }
    return undefined;
  }

  /** Forgets whole chunks older than `minMs`. */
  dropBefore(minMs: number): void {
    while (this.chunks.length > 1 && this.chunks[0].ts[this.chunks[0].length - 1] < minMs) this.count -= this.chunks.shift()!.length;
    while (this.staleMarkers.length > 0 && this.staleMarkers[0] < minMs) this.staleMarkers.shift();
  }
}

/** First index of the chunk whose timestamp is >= t. */
function lowerBound(c: Chunk, t: number): number {
  let lo = 0;
  let hi = c.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c.ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A label matcher of a selector: `=`, `!=`, `=~`, `!~` (regexes fully anchored). */
export interface LabelMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
  /** Compiled, anchored regex for `=~` and `!~`. */
  regex?: RegExp;
}

export function matches(m: LabelMatcher, value: string | undefined): boolean {
  const v = value ?? '';
  switch (m.op) {
    case '=': return v === m.value;
    case '!=': return v !== m.value;
    case '=~': return m.regex!.test(v);
    case '!~': return !m.regex!.test(v);
  }
}

export class Tsdb {
  private readonly byName = new Map<string, Map<string, Series>>();

  /** The series of a label set, created on first use. */
  series(labels: Labels): Series {
    const name = labels[NAME_LABEL];
    if (!name) throw new Error('a series needs a __name__ label');
    let family = this.byName.get(name);
    if (!family) {
      family = new Map();
      this.byName.set(name, family);
    }
    const key = labelsKey(labels);
    let s = family.get(key);
    if (!s) {
      s = new Series({ ...labels });
      family.set(key, s);
    }
    return s;
  }

  append(labels: Labels, tMs: number, value: number): void {
    this.series(labels).append(tMs, value);
  }

  /** Series matching every matcher; a `__name__` equality matcher narrows the search to one family. */
  select(matchers: readonly LabelMatcher[]): Series[] {
    const nameEq = matchers.find((m) => m.name === NAME_LABEL && m.op === '=');
    const families = nameEq ? [this.byName.get(nameEq.value)].filter((f): f is Map<string, Series> => f !== undefined) : [...this.byName.values()];
    const out: Series[] = [];
    for (const family of families) {
      for (const s of family.values()) {
        if (matchers.every((m) => matches(m, s.labels[m.name]))) out.push(s);
      }
    }
    return out;
  }

  /** Every series, or those with a sample in [minMs, maxMs] when given. */
  allSeries(minMs = -Infinity, maxMs = Infinity): Series[] {
    const out: Series[] = [];
    for (const family of this.byName.values()) {
      for (const s of family.values()) if (hasSampleIn(s, minMs, maxMs)) out.push(s);
    }
    return out;
  }

  get seriesCount(): number {
    let n = 0;
    for (const f of this.byName.values()) n += f.size;
    return n;
  }

  get sampleCount(): number {
    let n = 0;
    for (const f of this.byName.values()) for (const s of f.values()) n += s.sampleCount;
    return n;
  }

  /**
   * Keeps memory bounded: forgets samples older than `minMs` (whole chunks) and series whose samples are
   * all older. A series without samples yet stays: its writer (the recorder) holds it and scrapes it next.
   */
  dropBefore(minMs: number): void {
    for (const [name, family] of this.byName) {
      for (const [key, s] of family) {
        s.dropBefore(minMs);
        if (s.sampleCount > 0 && s.lastTimestamp! < minMs) {
          family.delete(key);
          s.detached = true;
        }
      }
      if (family.size === 0) this.byName.delete(name);
    }
  }
}

export function hasSampleIn(s: Series, minMs: number, maxMs: number): boolean {
  const first = s.firstTimestamp;
  const last = s.lastTimestamp;
  if (first === undefined || last === undefined) return false;
  if (first > maxMs || last < minMs) return false;
  if (minMs === -Infinity || maxMs === Infinity) return true;
  return s.latest(minMs, maxMs) !== undefined;
}
