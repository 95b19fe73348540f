/**
 * A chunk of up to CHUNK_SIZE consecutive entries of one stream. While it is the stream's head it keeps
 * its lines as strings; once full it is sealed: lines are packed in one deflated Buffer (as Loki
 * compresses its chunks) and the fields parsed at ingestion become typed columns (numbers in float
 * arrays, strings as codes into a store-wide dictionary). Metric queries read the columns and never
 * inflate the lines; log queries inflate a chunk once and reuse it through a small cache.
 */
import zlib from 'node:zlib';
import { sanitizeLabelName } from './pipeline';

export const CHUNK_SIZE = 64;

/** Store-wide string dictionary of one column: code 0 means "absent", code k is values[k - 1]. */
export class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];

  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      this.values.push(value);
      this.codes.set(value, (c = this.values.length));
    }
    return c;
  }
}

/** The columns a store keeps, by name, each with its dictionary. */
export class ColumnSchema {
  readonly index = new Map<string, number>();
  readonly dictionaries: Dictionary[] = [];
  /** Sealed chunks mostly derive the same names: they share one set. */
  private readonly nameSets = new Map<string, ReadonlySet<string>>();

  shared(names: ReadonlySet<string>): ReadonlySet<string> {
    const key = [...names].sort().join('\u0000');
    let set = this.nameSets.get(key);
    if (!set) this.nameSets.set(key, (set = names));
    return set;
  }

  constructor(readonly names: readonly string[]) {
    names.forEach((n, i) => {
      this.index.set(n, i);
      this.dictionaries.push(new Dictionary());
    });
  }
}

type HeadValue = string | number | undefined;
export type Column = { kind: 'number'; values: Float64Array | Float32Array } | { kind: 'text'; codes: Uint16Array | Uint32Array; dictionary: Dictionary };

/** Recently inflated chunks, so that a log query walking a chunk entry by entry inflates it once. */
export class InflatedCache {
  private readonly entries = new Map<Chunk, string[]>();

  constructor(private readonly capacity: number) {}

  get(chunk: Chunk): string[] | undefined {
    const lines = this.entries.get(chunk);
    if (lines) {
      this.entries.delete(chunk);
      this.entries.set(chunk, lines);
    }
    return lines;
  }

  put(chunk: Chunk, lines: string[]): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(chunk, lines);
  }
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

export class Chunk {
  count = 0;
  /** 1 where the line parsed as a JSON object at ingestion (its columns are then meaningful). */
  readonly parsed = new Uint8Array(CHUNK_SIZE);
  /** Every label name an unparameterised `| json` derives from some line of this chunk. */
  get jsonNames(): ReadonlySet<string> {
    return this.sealedNames ?? this.headNames!;
  }

  private headNames: Set<string> | null = new Set<string>();
  private sealedNames: ReadonlySet<string> | null = null;
  private lines: string[] | null = [];
  /** UTF-8 sizes of the head's lines, measured once. */
  private lineBytes: number[] | null = [];
  private packed: Buffer | null = null;
  private ends: Uint32Array | null = null;
  private head: HeadValue[][] | null;
  private columns: Column[] | null = null;

  constructor(private readonly schema: ColumnSchema) {
    this.head = schema.names.map(() => new Array<HeadValue>(CHUNK_SIZE));
  }

  get sealed(): boolean {
    return this.packed !== null;
  }

  append(line: string): void {
    const slot = this.count++;
    this.lines!.push(line);
    this.lineBytes!.push(Buffer.byteLength(line));
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      return;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return;
    this.parsed[slot] = 1;
    this.collect(obj as Record<string, unknown>, '', slot);
  }

  /** Walks the object as `| json` flattens it (same names, last duplicate wins). */
  private collect(obj: Record<string, unknown>, prefix: string, slot: number): void {
    for (const rawKey in obj) {
      const value = obj[rawKey];
      const key = prefix === '' ? sanitizeLabelName(rawKey, true) : `${prefix}_${sanitizeLabelName(rawKey, false)}`;
      if (key === '' || value === null || Array.isArray(value)) continue;
      if (typeof value === 'object') {
        this.collect(value as Record<string, unknown>, key, slot);
        continue;
      }
      this.headNames!.add(key);
      const col = this.schema.index.get(key);
      if (col !== undefined) this.head![col][slot] = typeof value === 'number' ? value : scalarText(value);
    }
  }

  /** Packs the lines and types the columns; the chunk is read-only afterwards. */
  seal(): void {
    const lines = this.lines!;
    const ends = new Uint32Array(lines.length);
    let bytes = 0;
    this.lineBytes!.forEach((n, i) => (ends[i] = bytes += n));
    // Copied out: zlib's result can sit in a much larger allocation.
    this.packed = Buffer.from(zlib.deflateRawSync(Buffer.from(lines.join('')), { level: 1 }));
    this.ends = ends;
    this.lines = null;
    this.lineBytes = null;
    this.columns = this.head!.map((values, i) => typedColumn(values, this.count, this.schema.dictionaries[i]));
    this.head = null;
    this.sealedNames = this.schema.shared(this.headNames!);
    this.headNames = null;
  }

  /** Every line, inflating a sealed chunk (through the cache). */
  allLines(cache: InflatedCache): string[] {
    if (this.lines) return this.lines;
    let lines = cache.get(this);
    if (!lines) {
      const buf = zlib.inflateRawSync(this.packed!);
      lines = new Array<string>(this.count);
      let start = 0;
      for (let i = 0; i < this.count; i++) {
        lines[i] = buf.toString('utf8', start, this.ends![i]);
        start = this.ends![i];
      }
      cache.put(this, lines);
    }
    return lines;
  }

  /** UTF-8 size of the line in `slot`. */
  byteLength(slot: number): number {
    if (this.lineBytes) return this.lineBytes[slot];
    return this.ends![slot] - (slot === 0 ? 0 : this.ends![slot - 1]);
  }

  /** The text `| json` gives column `col` for the entry in `slot`, or undefined when absent. */
  text(col: number, slot: number): string | undefined {
    if (this.head) {
      const v = this.head[col][slot];
      return typeof v === 'number' ? String(v) : v;
    }
    const c = this.columns![col];
    if (c.kind === 'number') {
      const v = c.values[slot];
      return Number.isNaN(v) ? undefined : String(v);
    }
    const code = c.codes[slot];
    return code === 0 ? undefined : c.dictionary.values[code - 1];
  }

  /**
   * The number `| json` gives column `col` for the entry in `slot`: NaN when the field is absent,
   * undefined when it is text.
   */
  numberAt(col: number, slot: number): number | undefined {
    if (this.head) {
      const v = this.head[col][slot];
      return typeof v === 'number' ? v : v === undefined ? NaN : undefined;
    }
    const c = this.columns![col];
    if (c.kind === 'number') return c.values[slot];
    return c.codes[slot] === 0 ? NaN : undefined;
  }

  /** What tells entries apart in column `col`: a text, a number (NaN or undefined when absent). */
  keyAt(col: number, slot: number): unknown {
    if (this.head) return this.head[col][slot];
    const c = this.columns![col];
    if (c.kind === 'number') return c.values[slot];
    const code = c.codes[slot];
    return code === 0 ? undefined : c.dictionary.values[code - 1];
  }

  /** The typed column `col` of a sealed chunk; undefined while the chunk is the stream's head. */
  column(col: number): Column | undefined {
    return this.columns?.[col];
  }

  /** Bytes held by this chunk's packed lines and columns (for memory figures). */
  get packedBytes(): number {
    return (this.packed?.length ?? 0) + (this.columns ?? []).reduce((n, c) => n + (c.kind === 'number' ? c.values.byteLength : c.codes.byteLength), 0);
  }
}

function typedColumn(values: HeadValue[], count: number, dictionary: Dictionary): Column {
  let numeric = true;
  for (let i = 0; i < count && numeric; i++) numeric = values[i] === undefined || typeof values[i] === 'number';
  if (numeric) {
    const wide = new Float64Array(count);
    let fits = true;
    for (let i = 0; i < count; i++) {
      const v = values[i] as number | undefined;
      wide[i] = v === undefined ? NaN : v;
      if (v !== undefined && Math.fround(v) !== v) fits = false;
    }
    return { kind: 'number', values: fits ? Float32Array.from(wide) : wide };
  }
  const codes = values.slice(0, count).map((v) => (v === undefined ? 0 : dictionary.code(String(v))));
  const max = codes.reduce((a, b) => Math.max(a, b), 0);
  return { kind: 'text', codes: max < 65536 ? Uint16Array.from(codes) : Uint32Array.from(codes), dictionary };
}
