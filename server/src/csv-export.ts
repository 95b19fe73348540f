/**
 * `GET /api/flows/export`: the flows of a query as CSV, for re-analysis in a spreadsheet or a script.
 * Values are raw, not formatted: numbers as numbers, arrays of scalars joined with `|`, network events
 * as their JSON array; headers are the catalogue titles. Rows are written as Loki pages arrive
 * (streamFlows), so memory stays bounded by one page whatever the number of rows.
 */
import { FieldDef, fields, getField } from '../../web/src/model/fields';
import { FlowRecord } from '../../web/src/model/flow';
import { BadRequestError, Query, single } from './flow-params';

/** Characters that make a spreadsheet read a cell as a formula (and tab/CR, which some strip first). */
const formulaStart = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180): quoted when needed; text that would start a formula is neutralised with '. */
export function csvCell(value: string, isText: boolean): string {
  const safe = isText && formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The raw value of a field as cell text, and whether it is text (numbers are never formula-guarded). */
function rawValue(field: FieldDef, value: unknown): { text: string; isText: boolean } {
  if (value === undefined || value === null) return { text: '', isText: false };
  if (typeof value === 'number') return { text: String(value), isText: false };
  if (Array.isArray(value)) {
    if (field.type === 'object[]') return { text: JSON.stringify(value), isText: true };
    return { text: value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join('|'), isText: true };
  }
  if (typeof value === 'object') return { text: JSON.stringify(value), isText: true };
  return { text: String(value), isText: typeof value === 'string' };
}

/** `columns=` (comma-separated catalogue names, in the order wanted); every field by default. */
export function parseColumns(q: Query): FieldDef[] {
  const v = single(q, 'columns');
  if (v === undefined || v.trim() === '') return [...fields];
  const names = v.split(',').map((c) => c.trim());
  const out: FieldDef[] = [];
  for (const name of names) {
    const field = getField(name);
    if (!field) throw new BadRequestError(`columns: unknown column "${name}" (use catalogue field names such as SrcK8S_Namespace)`);
    if (out.includes(field)) throw new BadRequestError(`columns: "${name}" is given twice`);
    out.push(field);
  }
  return out;
}

export function csvHeader(columns: readonly FieldDef[]): string {
  return `${columns.map((c) => csvCell(c.title, true)).join(',')}\r\n`;
}

export function csvRow(columns: readonly FieldDef[], record: FlowRecord): string {
  const flow = record.fields as Record<string, unknown>;
  return `${columns.map((c) => {
    const { text, isText } = rawValue(c, flow[c.name]);
    return csvCell(text, isText);
  }).join(',')}\r\n`;
}

/** The CSV text, header first, one chunk per batch of rows (fewer, larger writes than one per row). */
export async function* csvChunks(columns: readonly FieldDef[], records: AsyncIterable<FlowRecord>, rowsPerChunk = 500): AsyncGenerator<string> {
  yield csvHeader(columns);
  let chunk = '';
  let rows = 0;
  for await (const r of records) {
    chunk += csvRow(columns, r);
    if (++rows === rowsPerChunk) {
      yield chunk;
      chunk = '';
      rows = 0;
    }
  }
  if (chunk) yield chunk;
}
