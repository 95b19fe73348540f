/**
 * The backend's HTTP client to Prometheus or the Thanos querier (`/api/v1/query_range`). Like the Loki
 * client it forwards the caller's token (or a token file's), validates the answer's shape and turns
 * every failure into an UpstreamError with a message the page can show.
 */
import { z } from 'zod';
import { MatrixSeries, matrixSchema } from './matrix';
import { PrometheusConfig } from './config';
import { CallerAuth, QueryLimiter, QueryObserver, UpstreamError, UpstreamHttp, shorten } from './upstream';

export type PromSeries = MatrixSeries;

/** Prometheus' error body: `{"status":"error","errorType":"bad_data","error":"..."}`. */
const errorSchema = z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string() });

export interface PromRangeParams {
  /** Epoch seconds. */
  start: number;
  end: number;
  stepSeconds: number;
}

export class PrometheusClient {
  private readonly http: UpstreamHttp;
  private readonly apiBase: string;

  constructor(config: PrometheusConfig, limiter: QueryLimiter = new QueryLimiter(Infinity, 0), observe?: QueryObserver) {
    this.apiBase = `${config.url.replace(/\/+$/, '')}/api/v1`;
    this.http = new UpstreamHttp('prometheus', config, limiter, observe);
  }

  /** Maps a non-2xx answer to the error the API returns, with Prometheus' own message when it gave one. */
  private failure(status: number, text: string): UpstreamError {
    let message = shorten(text);
    try {
      const parsed = errorSchema.safeParse(JSON.parse(text));
      if (parsed.success) message = shorten(parsed.data.error);
    } catch {
      // A proxy in front of Prometheus may answer in plain text or HTML: keep the text.
    }
    if (status === 400 || status === 422) return new UpstreamError(400, `Prometheus rejected the query: ${message}`);
    if (status === 401 || status === 403) return new UpstreamError(status, `Prometheus refused the credentials (${status})`);
    if (status === 429 || status === 503) return new UpstreamError(503, `Prometheus is overloaded or unavailable (${status}); retry in a moment`);
    if (status === 504) return new UpstreamError(504, 'Prometheus did not answer in time (504); narrow the time range or add filters');
    return new UpstreamError(502, `Prometheus answered ${status}${message ? `: ${message}` : ''}`);
  }

  private async getValid<T>(url: string, auth: CallerAuth, schema: z.ZodType<T>): Promise<T> {
    const { status, text } = await this.http.get(url, auth);
    if (status < 200 || status >= 300) throw this.failure(status, text);
    const parsed = schema.safeParse(this.http.parseJson(text));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UpstreamError(502, `Prometheus answered with an unexpected shape (${issue.path.join('.') || 'body'}: ${issue.message})`);
    }
    return parsed.data;
  }

  async queryRange(promql: string, params: PromRangeParams, auth: CallerAuth): Promise<PromSeries[]> {
    const qs = new URLSearchParams({ query: promql, start: String(params.start), end: String(params.end), step: String(params.stepSeconds) });
    return (await this.getValid(`${this.apiBase}/query_range?${qs.toString()}`, auth, matrixSchema)).data.result;
  }

  /**
   * Whether Prometheus answers a trivial query with these credentials. The Thanos querier behind its
   * OAuth/RBAC proxy exposes no /-/ready to users, so the query API is the probe that works everywhere.
   */
  async ready(auth: CallerAuth): Promise<void> {
    const qs = new URLSearchParams({ query: 'vector(1)' });
    await this.getValid(`${this.apiBase}/query?${qs.toString()}`, auth, z.object({ status: z.literal('success') }));
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}
