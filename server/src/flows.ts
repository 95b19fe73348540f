/**
 * `GET /api/flows` behind the route: builds the LogQL queries of a FlowQuery, runs them (in parallel
 * for match=any), merges their entries into FlowRecords (a union, without duplicates), newest first,
 * cut to the limit. The route's answer is written as JSON text around each line as Loki returned it
 * (checked to be one JSON object, never parsed and serialised again): that parse and re-serialisation
 * was most of the backend's own time on a page of flows.
 */
import { hash } from 'node:crypto';
import { Flow, FlowRecord, FlowsResponse, QueryStats } from '../../web/src/model/flow';
import { FlowQuery } from '../../web/src/model/query';
import { isJsonObject } from './json-object-check';
import { CallerAuth, LokiClient, LokiStream } from './loki-client';
import { buildFlowQueries } from './logql';

export interface FlowsDeps {
  loki: Pick<LokiClient, 'queryRange'>;
  /** The configured stream labels. */
  labels: readonly string[];
  /** Told how many lines were not flow JSON (they are skipped, not fatal). */
  onSkippedLines?: (count: number) => void;
}

/** Epoch seconds (possibly fractional) as exact nanoseconds, without float rounding of 1e18 values. */
export function secondsToNs(seconds: number): string {
  const whole = Math.floor(seconds);
  const fraction = Math.round((seconds - whole) * 1e9);
  return (BigInt(whole) * 1_000_000_000n + BigInt(fraction)).toString();
}

/**
 * The stream labels of an entry. Queries with `| json` return the extracted fields as labels too, and
 * the same entry then comes back with different label sets from different queries; keeping only the
 * indexed labels gives every entry one identity, whatever query found it. `indexed` is sorted, so the
 * labels come out in one order whatever Loki's.
 */
function streamLabels(stream: Record<string, string>, indexed: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const name of indexed) if (Object.hasOwn(stream, name)) labels[name] = stream[name];
  return labels;
}

/** The identity of an entry: a digest of its labels (serialised once per stream), timestamp and line. */
function recordKey(labelsText: string, timestampNs: string, line: string): string {
  // One-shot hash of one string: a Hash object and three updates per entry cost more than the digest.
  return hash('sha1', `${labelsText}\n${timestampNs}\n${line}`, 'base64url');
}

/** An entry as read from Loki: its line still as text, known to be one JSON object. */
interface LineRecord {
  key: string;
  timestampNs: string;
  labels: Record<string, string>;
  /** `labels` as JSON, shared by the entries of a stream. */
  labelsText: string;
  line: string;
}

const parsed = (r: LineRecord): FlowRecord => ({ key: r.key, timestampNs: r.timestampNs, labels: r.labels, fields: JSON.parse(r.line) as Flow });

/** Compares decimal nanosecond strings (no leading zeros) without BigInt: longer is later, then by digits. */
function compareNs(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const newestFirst = (a: LineRecord, b: LineRecord) => compareNs(b.timestampNs, a.timestampNs) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

interface FetchedRecords {
  /** Newest first, at most `q.limit`. */
  records: LineRecord[];
  limitReached: boolean;
  numQueries: number;
}

/** The records of a flow query between two instants in nanoseconds (end excluded, as Loki does). */
async function fetchRecords(q: FlowQuery, startNs: string, endNs: string, auth: CallerAuth, deps: FlowsDeps): Promise<FetchedRecords> {
  const queries = buildFlowQueries(q, { labels: deps.labels });
  const params = { startNs, endNs, limit: q.limit, direction: 'backward' as const };
  const results: LokiStream[][] = await Promise.all(queries.map((logql) => deps.loki.queryRange(logql, params, auth)));

  const indexed = [...new Set(deps.labels)].sort();
  const records = new Map<string, LineRecord>();
  let skipped = 0;
  let limitReached = false;
  for (const streams of results) {
    let entries = 0;
    for (const stream of streams) {
      const labels = streamLabels(stream.stream, indexed);
      const labelsText = JSON.stringify(labels);
      for (const [timestampNs, line] of stream.values) {
        entries++;
        if (!isJsonObject(line)) {
          skipped++;
          continue;
        }
        const key = recordKey(labelsText, timestampNs, line);
        if (!records.has(key)) records.set(key, { key, timestampNs, labels, labelsText, line });
      }
    }
    if (entries >= q.limit) limitReached = true;
  }
  if (skipped > 0) deps.onSkippedLines?.(skipped);

  const sorted = [...records.values()].sort(newestFirst);
  if (sorted.length > q.limit) limitReached = true;
  return { records: sorted.slice(0, q.limit), limitReached, numQueries: queries.length };
}

async function queryRecords(q: FlowQuery, auth: CallerAuth, deps: FlowsDeps): Promise<{ records: LineRecord[]; stats: QueryStats }> {
  const started = performance.now();
  const { records, limitReached, numQueries } = await fetchRecords(q, secondsToNs(q.startTime), secondsToNs(q.endTime), auth, deps);
  return { records, stats: { numQueries, limitReached, durationMs: Math.round(performance.now() - started) } };
}

export async function queryFlows(q: FlowQuery, auth: CallerAuth, deps: FlowsDeps): Promise<FlowsResponse> {
  const { records, stats } = await queryRecords(q, auth, deps);
  return { records: records.map(parsed), stats };
}

/**
 * The same answer as queryFlows, as JSON text (a FlowsResponse): each record's line goes in as Loki
 * returned it. Keys are base64url, timestamps digits (checked by the Loki client): neither needs escaping.
 */
export async function queryFlowsJson(q: FlowQuery, auth: CallerAuth, deps: FlowsDeps): Promise<string> {
  const { records, stats } = await queryRecords(q, auth, deps);
  const parts = records.map((r) => `{"key":"${r.key}","timestampNs":"${r.timestampNs}","labels":${r.labelsText},"fields":${r.line}}`);
  return `{"records":[${parts.join(',')}],"stats":${JSON.stringify(stats)}}`;
}

/**
 * Up to `q.limit` records, newest first, fetched page by page (`pageSize` entries per Loki query, at
 * most Loki's max entries per query) so that only one page is held at a time. A full page may stop in
 * the middle of the records of its oldest instant (Loki picks which), so those are held back: the next
 * page ends just after that instant (Loki's end is exclusive) and returns them again, whole, in the
 * same order as one big query would. Only when a whole page shares one instant is it given as it is,
 * and the next page starts before that instant (more records in one nanosecond than a page holds).
 */
export async function* streamFlows(q: FlowQuery, pageSize: number, auth: CallerAuth, deps: FlowsDeps): AsyncGenerator<FlowRecord> {
  const startNs = secondsToNs(q.startTime);
  let endNs = secondsToNs(q.endTime);
  let remaining = q.limit;
  while (remaining > 0) {
    const page = await fetchRecords({ ...q, limit: Math.min(pageSize, remaining + 1) }, startNs, endNs, auth, deps);
    const last = page.records.length - 1;
    if (!page.limitReached || last < 0) {
      for (const r of page.records.slice(0, remaining)) yield parsed(r);
      return;
    }
    const oldest = page.records[last].timestampNs;
    const newer = page.records.filter((r) => r.timestampNs !== oldest);
    const given = newer.length > 0 ? newer : page.records;
    for (const r of given.slice(0, remaining)) yield parsed(r);
    remaining -= Math.min(given.length, remaining);
    endNs = newer.length > 0 ? (BigInt(oldest) + 1n).toString() : oldest;
  }
}
