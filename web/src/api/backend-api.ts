/**
 * The browser's only HTTP client to the backend: typed answers, abortable calls, and failures turned into
 * an ApiCallError carrying the backend's own `{error}` message (or a plain one when there is none).
 */
import { ApiError, FlowsResponse } from '../model/flow';
import { MetricsResponse } from '../model/metrics';
import { FlowQuery } from '../model/query';
import { ApiCallError } from './errors';
import { flowQueryParams } from './flow-query-params';
import { FrontendConfig } from './frontend-config';
import { MetricsQuery, metricsQueryParams } from './metrics-query';

/** How to reach the backend: its URL prefix and a fetch carrying the user's credentials. */
export interface BackendHost {
  backendBase: string;
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
}

export interface BackendApi {
  getFlows(query: FlowQuery, signal?: AbortSignal): Promise<FlowsResponse>;
  getFrontendConfig(signal?: AbortSignal): Promise<FrontendConfig>;
  /** Top series of a metric over time (overview panels, topology edges). */
  getMetrics(query: MetricsQuery, signal?: AbortSignal): Promise<MetricsResponse>;
  /** Known values of a field starting with `prefix` (case-insensitive), for autocomplete. */
  getValues(field: string, prefix: string, signal?: AbortSignal): Promise<string[]>;
}

/** Enough suggestions to choose from without a long list. */
const valuesLimit = 20;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function errorMessageOf(body: unknown): string | undefined {
  if (isObject(body) && typeof (body as Partial<ApiError>).error === 'string') return body.error as string;
  return undefined;
}

async function readJson(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    if (!res.ok) {
      const snippet = text.trim().slice(0, 200);
      throw new ApiCallError(
        `${what} failed: the backend answered ${res.status} ${res.statusText}`.trim() + (snippet ? `: ${snippet}` : ''),
        res.status,
      );
    }
    throw new ApiCallError(`${what} failed: the backend answered with something that is not JSON`, res.status);
  }
}

async function call(host: BackendHost, path: string, what: string, signal?: AbortSignal): Promise<unknown> {
  let res: Response;
  try {
    res = await host.fetch(`${host.backendBase}${path}`, { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (signal?.aborted) throw e;
    const reason = e instanceof Error && e.message ? ` (${e.message})` : '';
    throw new ApiCallError(`${what} failed: cannot reach the backend${reason}`);
  }
  const body = await readJson(res, what);
  if (!res.ok) {
    throw new ApiCallError(errorMessageOf(body) ?? `${what} failed: the backend answered ${res.status}`, res.status);
  }
  return body;
}

function asFlowsResponse(body: unknown): FlowsResponse {
  if (!isObject(body) || !Array.isArray(body.records) || !isObject(body.stats)) {
    throw new ApiCallError('Loading flows failed: the backend answer has no records or stats');
  }
  return body as unknown as FlowsResponse;
}

function asMetricsResponse(body: unknown): MetricsResponse {
  if (!isObject(body) || !Array.isArray(body.metrics) || !isObject(body.stats) || typeof body.dataSource !== 'string') {
    throw new ApiCallError('Loading metrics failed: the backend answer has no metrics, stats or data source');
  }
  return body as unknown as MetricsResponse;
}

export function backendApi(host: BackendHost): BackendApi {
  return {
    async getFlows(query, signal) {
      const path = `/api/flows?${flowQueryParams(query).toString()}`;
      return asFlowsResponse(await call(host, path, 'Loading flows', signal));
    },
    async getMetrics(query, signal) {
      const path = `/api/metrics?${metricsQueryParams(query).toString()}`;
      return asMetricsResponse(await call(host, path, 'Loading metrics', signal));
    },
    async getFrontendConfig(signal) {
      const body = await call(host, '/api/frontend-config', 'Loading the configuration', signal);
      if (!isObject(body)) throw new ApiCallError('Loading the configuration failed: the backend answer is not an object');
      return body as FrontendConfig;
    },
    async getValues(field, prefix, signal) {
      const params = new URLSearchParams({ field, prefix, limit: String(valuesLimit) });
      const body = await call(host, `/api/values?${params.toString()}`, 'Loading suggestions', signal);
      if (!isObject(body) || !Array.isArray(body.values)) throw new ApiCallError('Loading suggestions failed: the backend answer has no values');
      return body.values.filter((v): v is string => typeof v === 'string');
    },
  };
}
