/**
 * The backend's HTTP client to Loki: plain Loki, the LokiStack gateway (tenant path) or a multi-tenant
 * Loki (X-Scope-OrgID). It forwards the caller's bearer token only to the configured Loki (or uses the
 * configured token file), validates the answer's shape, and turns every failure into an UpstreamError
 * whose status and message can go to the browser as they are (never a token, never a stack).
 */
import { z } from 'zod';
import { MatrixSeries, matrixSchema } from './matrix';
import { LokiConfig } from './config';
import { CallerAuth, QueryLimiter, QueryObserver, UpstreamError, UpstreamHttp, shorten } from './upstream';

export { UpstreamError } from './upstream';
export type { CallerAuth } from './upstream';

export interface QueryRangeParams {
  /** Nanoseconds since epoch, as a decimal string (exact, unlike a float of seconds). */
  startNs: string;
  endNs: string;
  limit: number;
  direction: 'backward' | 'forward';
}

/** One stream of a log query's answer: its labels and `[nanoseconds, line]` entries. */
export interface LokiStream {
  stream: Record<string, string>;
  values: Array<[string, string]>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nanoseconds = /^\d+$/;

/**
 * The streams of a log query's answer, or the path of the first thing that is not as Loki documents
 * it. A hand-written walk rather than a schema: a page holds thousands of entries, each with dozens of
 * labels after `| json`, and a schema library's per-value bookkeeping cost more than Loki's own answer
 * time. Every value is still checked (types, timestamp digits).
 */
export function checkStreams(body: unknown): LokiStream[] | string {
  if (!isRecord(body) || body.status !== 'success') return 'status: expected "success"';
  const data = body.data;
  if (!isRecord(data) || data.resultType !== 'streams') return 'data.resultType: expected "streams"';
  const result = data.result;
  if (!Array.isArray(result)) return 'data.result: expected an array';
  for (let i = 0; i < result.length; i++) {
    const s: unknown = result[i];
    if (!isRecord(s) || !isRecord(s.stream)) return `data.result.${i}.stream: expected an object`;
    for (const k in s.stream) if (typeof s.stream[k] !== 'string') return `data.result.${i}.stream.${k}: expected a string`;
    const values = s.values;
    if (!Array.isArray(values)) return `data.result.${i}.values: expected an array`;
    for (let j = 0; j < values.length; j++) {
      const v: unknown = values[j];
      if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || !nanoseconds.test(v[0]) || typeof v[1] !== 'string') {
        return `data.result.${i}.values.${j}: expected ["<nanoseconds>", "<line>"]`;
      }
    }
  }
  return result as LokiStream[];
}

export type LokiMatrixSeries = MatrixSeries;

const labelValuesSchema = z.object({ status: z.literal('success'), data: z.array(z.string()).optional() });

export interface MetricRangeParams {
  startNs: string;
  endNs: string;
  stepSeconds: number;
}

const unexpectedShape = (where: string) => new UpstreamError(502, `Loki answered with an unexpected shape (${where})`);

export class LokiClient {
  private readonly http: UpstreamHttp;
  private readonly apiBase: string;

  constructor(
    private readonly config: LokiConfig,
    limiter: QueryLimiter = new QueryLimiter(Infinity, 0),
    observe?: QueryObserver,
  ) {
    const base = config.url.replace(/\/+$/, '');
    this.apiBase = config.tenantId ? `${base}/api/logs/v1/${encodeURIComponent(config.tenantId)}/loki/api/v1` : `${base}/loki/api/v1`;
    this.http = new UpstreamHttp('loki', config, limiter, observe);
  }

  private get origin(): string {
    return this.http.origin;
  }

  private get(url: string, auth: CallerAuth): Promise<{ status: number; text: string }> {
    return this.http.get(url, auth, this.config.orgId ? { 'x-scope-orgid': this.config.orgId } : {});
  }

  /** A 2xx answer's body as JSON; anything else becomes the API's error. */
  private async getJson(url: string, auth: CallerAuth): Promise<unknown> {
    const { status, text } = await this.get(url, auth);
    if (status < 200 || status >= 300) throw this.failure(status, text);
    return this.http.parseJson(text);
  }

  /** A 2xx answer's body validated against `schema`; anything else becomes the API's error. */
  private async getValid<T>(url: string, auth: CallerAuth, schema: z.ZodType<T>): Promise<T> {
    const parsed = schema.safeParse(await this.getJson(url, auth));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw unexpectedShape(`${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    return parsed.data;
  }

  /** Maps a non-2xx answer of Loki to the error the API returns. */
  private failure(status: number, text: string): UpstreamError {
    const message = shorten(text);
    if (status === 400) {
      if (/max entries limit/i.test(message)) {
        return new UpstreamError(400, `Loki refused the limit: ${message}; lower the limit`);
      }
      return new UpstreamError(400, `Loki rejected the query: ${message}`);
    }
    if (status === 401 || status === 403) return new UpstreamError(status, `Loki refused the credentials (${status})`);
    if (status === 429) return new UpstreamError(503, 'Loki is overloaded (too many outstanding requests); retry in a moment');
    if (status === 504) {
      return new UpstreamError(504, `Loki did not answer in time (504); narrow the time range or add filters`);
    }
    return new UpstreamError(502, `Loki answered ${status}${message ? `: ${message}` : ''}`);
  }

  /** A LogQL log query over a time range (`/loki/api/v1/query_range`), streams as Loki returns them. */
  async queryRange(logql: string, params: QueryRangeParams, auth: CallerAuth): Promise<LokiStream[]> {
    const qs = new URLSearchParams({
      query: logql,
      start: params.startNs,
      end: params.endNs,
      limit: String(params.limit),
      direction: params.direction,
    });
    const streams = checkStreams(await this.getJson(`${this.apiBase}/query_range?${qs.toString()}`, auth));
    if (typeof streams === 'string') throw unexpectedShape(streams);
    return streams;
  }

  /** A LogQL metric query over a time range: one series per label set, `[seconds, "value"]` points. */
  async queryMatrix(logql: string, params: MetricRangeParams, auth: CallerAuth): Promise<LokiMatrixSeries[]> {
    const qs = new URLSearchParams({ query: logql, start: params.startNs, end: params.endNs, step: String(params.stepSeconds) });
    return (await this.getValid(`${this.apiBase}/query_range?${qs.toString()}`, auth, matrixSchema)).data.result;
  }

  /** The values an indexed label takes in a time range (`/loki/api/v1/label/<name>/values`). */
  async labelValues(name: string, range: { startNs: string; endNs: string }, auth: CallerAuth): Promise<string[]> {
    const qs = new URLSearchParams({ start: range.startNs, end: range.endNs });
    const body = await this.getValid(`${this.apiBase}/label/${encodeURIComponent(name)}/values?${qs.toString()}`, auth, labelValuesSchema);
    return body.data ?? [];
  }

  /**
   * Whether Loki answers. Plain Loki has `/ready`; behind the LokiStack gateway only tenant APIs are
   * exposed, so any answer of the labels API other than a server error counts as reachable.
   */
  async ready(auth: CallerAuth): Promise<void> {
    if (this.config.tenantId) {
      const { status, text } = await this.get(`${this.apiBase}/labels`, auth);
      if (status >= 500 || status === 429) throw this.failure(status, text);
      return;
    }
    const { status, text } = await this.get(`${this.config.url.replace(/\/+$/, '')}/ready`, auth);
    if (status !== 200) throw new UpstreamError(503, `Loki at ${this.origin} is not ready: ${shorten(text) || status}`);
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}
