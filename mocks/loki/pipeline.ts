/**
 * Per-entry evaluation of a log pipeline, following Loki's semantics: line filters on the raw line,
 * `| json` turning scalar fields into labels, label filters over stream and extracted labels, with
 * `__error__` / `__error_details__` set the way Loki sets them.
 */
import type { JsonExtraction, LabelFilterExpr, LineFilter, NumberOp, Stage } from './logql';
import { matchesLabel } from './logql';

const ERROR = '__error__';
const ERROR_DETAILS = '__error_details__';

/** Labels of one entry while it goes through the pipeline: the stream's plus what stages add. */
export class EntryLabels {
  readonly extracted = new Map<string, string>();

  constructor(private streamLabels: Readonly<Record<string, string>>) {}

  get base(): Readonly<Record<string, string>> {
    return this.streamLabels;
  }

  /** Starts over for another entry (a pipeline reuses one instance: entries are many). */
  reset(streamLabels: Readonly<Record<string, string>>): this {
    this.streamLabels = streamLabels;
    this.extracted.clear();
    return this;
  }

  get(name: string): string | undefined {
    return this.extracted.get(name) ?? (Object.prototype.hasOwnProperty.call(this.base, name) ? this.base[name] : undefined);
  }

  delete(name: string): void {
    this.extracted.set(name, '');
  }

  hasError(): boolean {
    return this.extracted.has(ERROR);
  }

  setError(kind: string, details: string): void {
    if (this.hasError()) return;
    this.extracted.set(ERROR, kind);
    this.extracted.set(ERROR_DETAILS, details);
  }

  /** The final label set; null when nothing was added (the stream's own labels apply). */
  result(): Record<string, string> | null {
    if (this.extracted.size === 0) return null;
    const out: Record<string, string> = { ...this.base };
    for (const [k, v] of this.extracted) if (v !== '') out[k] = v;
    return out;
  }
}

function lineMatches(f: LineFilter, line: string): boolean {
  switch (f.op) {
    case '|=': return line.includes(f.value);
    case '!=': return !line.includes(f.value);
    case '|~': return f.regex!.test(line);
    case '!~': return !f.regex!.test(line);
  }
}

/** Loki's label-name sanitising: invalid characters become `_`, a leading digit gets a `_` prefix. */
export function sanitizeLabelName(key: string, isPrefix: boolean): string {
  // JSON keys repeat from line to line: remember their label names.
  const cache = isPrefix ? sanitizedTop : sanitizedNested;
  let name = cache.get(key);
  if (name === undefined) {
    name = sanitize(key, isPrefix);
    if (cache.size < 10_000) cache.set(key, name);
  }
  return name;
}

const sanitizedTop = new Map<string, string>();
const sanitizedNested = new Map<string, string>();

function sanitize(key: string, isPrefix: boolean): string {
  const trimmed = key.trim();
  if (trimmed === '') return trimmed;
  const prefixed = isPrefix && /^[0-9]/.test(trimmed) ? `_${trimmed}` : trimmed;
  return prefixed.replace(/[^a-zA-Z0-9_]/g, '_');
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

function addLabel(labels: EntryLabels, name: string, value: string): void {
  const key = Object.prototype.hasOwnProperty.call(labels.base, name) ? `${name}_extracted` : name;
  labels.extracted.set(key, value);
}

/**
 * Flattens nested objects with `_`, skips arrays and nulls, stringifies scalars. Numbers come out in
 * JavaScript's shortest form, which equals the written text for the integers and plain decimals of flow
 * lines (Loki keeps the raw text, so `1.50` or `1e3` would differ).
 */
function flatten(obj: Record<string, unknown>, prefix: string, labels: EntryLabels, wanted?: ReadonlySet<string>): void {
  for (const [rawKey, value] of Object.entries(obj)) {
    const key = prefix === '' ? sanitizeLabelName(rawKey, true) : `${prefix}_${sanitizeLabelName(rawKey, false)}`;
    if (key === '' || value === null || Array.isArray(value)) continue;
    if (typeof value === 'object') {
      flatten(value as Record<string, unknown>, key, labels, wanted);
      continue;
    }
    if (wanted && !wanted.has(key) && !wanted.has(`${key}_extracted`)) continue;
    const text = scalarText(value);
    if (text !== undefined) addLabel(labels, key, text);
  }
}

function parseJsonObject(line: string, labels: EntryLabels): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    labels.setError('JSONParserErr', (e as Error).message);
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    labels.setError('JSONParserErr', 'Value looks like a JSON scalar or array, expecting an object');
    return undefined;
  }
  return parsed as Record<string, unknown>;
}

function extract(obj: Record<string, unknown>, extractions: JsonExtraction[], labels: EntryLabels): void {
  for (const { label, path } of extractions) {
    let cur: unknown = obj;
    for (const step of path) {
      if (cur === null || typeof cur !== 'object') {
        cur = undefined;
        break;
      }
      cur = (cur as Record<string | number, unknown>)[step];
    }
    if (cur === undefined || cur === null) continue;
    // Objects and arrays come out as their JSON text, like Loki's JSON expression parser.
    addLabel(labels, sanitizeLabelName(label, true), scalarText(cur) ?? JSON.stringify(cur));
  }
}

/** Go's strconv.ParseFloat accepts more than Number() in places, and less in others (no hex, no ''). */
function parseFloatStrict(v: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|[iI]nf(inity)?|NaN)$/.test(v)) return undefined;
  if (/inf/i.test(v)) return v.startsWith('-') ? -Infinity : Infinity;
  return Number(v);
}

/** A numeric label filter's comparison (also used by the column scan, which reads numbers from columns). */
export function compare(op: NumberOp, a: number, b: number): boolean {
  switch (op) {
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '==': return a === b;
    default: return a !== b;
  }
}

export function labelFilterPasses(expr: LabelFilterExpr, labels: EntryLabels): boolean {
  switch (expr.kind) {
    case 'and': {
      const left = labelFilterPasses(expr.left, labels);
      const right = labelFilterPasses(expr.right, labels);
      return left && right;
    }
    case 'or':
      return labelFilterPasses(expr.left, labels) || labelFilterPasses(expr.right, labels);
    case 'string':
      return matchesLabel(expr.matcher, labels.get(expr.matcher.name));
    case 'number': {
      // Once an entry carries an error only string matchers (e.g. __error__="") may filter it out.
      if (labels.hasError()) return true;
      const raw = labels.get(expr.name);
      if (raw === undefined) return false;
      const value = parseFloatStrict(raw);
      if (value === undefined) {
        labels.setError('LabelFilterErr', `strconv.ParseFloat: parsing ${JSON.stringify(raw)}: invalid syntax`);
        return true;
      }
      return compare(expr.op, value, expr.value);
    }
    case 'ip': {
      if (labels.hasError()) return true;
      const raw = labels.get(expr.name);
      if (raw === undefined) return false;
      const hit = expr.matches(raw);
      return expr.op === '=' ? hit : !hit;
    }
  }
}

/**
 * An entry given to a pipeline without its text at hand: the line is decoded only when a stage needs
 * it, and an unparameterised `| json` may be answered from columns parsed at ingestion.
 */
export interface EntryRef {
  line(): string;
  /** Adds what `| json` adds for the wanted names; false when it cannot tell (the line is then parsed). */
  jsonFromColumns(labels: EntryLabels, wanted: ReadonlySet<string>): boolean;
}

/**
 * A compiled pipeline: returns the entry's labels, or undefined when the entry is filtered out. The
 * labels are only valid until the pipeline's next call.
 */
export type EntryPipeline = (entry: string | EntryRef, streamLabels: Readonly<Record<string, string>>) => EntryLabels | undefined;

function lineOf(entry: string | EntryRef): string {
  return typeof entry === 'string' ? entry : entry.line();
}

/**
 * Compiles pipeline stages. `wanted`, when given, names the only extracted labels the caller will
 * look at (e.g. the `by` labels of a metric query): `| json` then skips the others, which gives the
 * same answer faster.
 */
export function compilePipeline(stages: Stage[], wanted?: ReadonlySet<string>): EntryPipeline {
  const reused = new EntryLabels({});
  return (entry, streamLabels) => {
    const labels = reused.reset(streamLabels);
    for (const stage of stages) {
      switch (stage.kind) {
        case 'lineFilter':
          if (!lineMatches(stage.filter, lineOf(entry))) return undefined;
          break;
        case 'json': {
          if (labels.hasError()) break;
          if (!stage.extractions && wanted && typeof entry !== 'string' && entry.jsonFromColumns(labels, wanted)) break;
          const obj = parseJsonObject(lineOf(entry), labels);
          if (!obj) break;
          if (stage.extractions) extract(obj, stage.extractions, labels);
          else flatten(obj, '', labels, wanted);
          break;
        }
        case 'labelFilter':
          if (!labelFilterPasses(stage.expr, labels)) return undefined;
          break;
      }
    }
    return labels;
  };
}
