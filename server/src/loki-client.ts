/**
 * The backend's HTTP client to Loki: plain Loki, the LokiStack gateway (tenant path) or a multi-tenant
 * Loki (X-Scope-OrgID). It forwards the caller's bearer token only to the configured Loki (or uses the
 * configured token file), validates the answer's shape, and turns every failure into an UpstreamError
 * whose status and message can go to the browser as they are (never a token, never a stack).
 */
import fs from 'node:fs';
import { Agent, Dispatcher, request } from 'undici';
import { z } from 'zod';
import { LokiConfig } from './config';

/** A failure of Loki (or of reaching it), with the status and message the API answers. */
export class UpstreamError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/** The caller's credentials, as received by the route. */
export interface CallerAuth {
  /** The value of the caller's `Authorization` header, if it is a bearer token. */
  bearerToken?: string;
}

export interface QueryRangeParams {
  /** Nanoseconds since epoch, as a decimal string (exact, unlike a float of seconds). */
  startNs: string;
  endNs: string;
  limit: number;
  direction: 'backward' | 'forward';
}

const streamsSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('streams'),
    result: z.array(
      z.object({
        stream: z.record(z.string(), z.string()),
        values: z.array(z.tuple([z.string().regex(/^\d+$/), z.string()])),
      }),
    ),
  }),
});

export type LokiStream = z.infer<typeof streamsSchema>['data']['result'][number];

/** Loki's own error texts are plain; keep them readable and bounded. */
const maxMessageLength = 500;
const shorten = (s: string) => {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > maxMessageLength ? `${t.slice(0, maxMessageLength)}…` : t;
};

const unreachableCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
]);

function errorCode(e: unknown): string | undefined {
  for (let cur = e as { code?: unknown; cause?: unknown } | undefined, i = 0; cur && i < 5; cur = cur.cause as typeof cur, i++) {
    if (typeof cur.code === 'string') return cur.code;
  }
  return undefined;
}

export class LokiClient {
  private readonly dispatcher: Dispatcher;
  private readonly apiBase: string;
  private readonly origin: string;

  constructor(private readonly config: LokiConfig) {
    const base = config.url.replace(/\/+$/, '');
    this.origin = new URL(config.url).origin;
    this.apiBase = config.tenantId ? `${base}/api/logs/v1/${encodeURIComponent(config.tenantId)}/loki/api/v1` : `${base}/loki/api/v1`;
    this.dispatcher = new Agent({
      connect: {
        ca: config.caFile ? fs.readFileSync(config.caFile) : undefined,
        rejectUnauthorized: !config.insecureSkipVerify,
      },
    });
  }

  /** The token sent to Loki: the caller's (when forwarding) or the configured token file's. */
  private authorization(auth: CallerAuth): string | undefined {
    if (this.config.forwardUserToken && auth.bearerToken) return `Bearer ${auth.bearerToken}`;
    if (this.config.tokenFile) {
      try {
        // Read on every call: projected service account tokens rotate.
        return `Bearer ${fs.readFileSync(this.config.tokenFile, 'utf8').trim()}`;
      } catch (e) {
        throw new UpstreamError(500, `cannot read the Loki token file ${this.config.tokenFile}: ${errorCode(e) ?? 'unknown error'}`);
      }
    }
    return undefined;
  }

  private async get(url: string, auth: CallerAuth): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const authorization = this.authorization(auth);
    if (authorization) headers.authorization = authorization;
    if (this.config.orgId) headers['x-scope-orgid'] = this.config.orgId;
    const timeoutMs = this.config.timeoutSeconds * 1000;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await request(url, { method: 'GET', headers, dispatcher: this.dispatcher, signal: controller.signal });
      return { status: res.statusCode, text: await res.body.text() };
    } catch (e) {
      if (controller.signal.aborted) {
        throw new UpstreamError(504, `Loki did not answer within ${this.config.timeoutSeconds} s; narrow the time range or add filters`);
      }
      const code = errorCode(e);
      if (code && (unreachableCodes.has(code) || code.startsWith('ERR_TLS') || code.includes('CERT'))) {
        throw new UpstreamError(503, `Loki is unreachable at ${this.origin} (${code})`);
      }
      throw new UpstreamError(502, `Loki request to ${this.origin} failed: ${code ?? (e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
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
    const { status, text } = await this.get(`${this.apiBase}/query_range?${qs.toString()}`, auth);
    if (status < 200 || status >= 300) throw this.failure(status, text);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new UpstreamError(502, `Loki answered with something that is not JSON: ${shorten(text).slice(0, 100)}`);
    }
    const parsed = streamsSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UpstreamError(502, `Loki answered with an unexpected shape (${issue.path.join('.') || 'body'}: ${issue.message})`);
    }
    return parsed.data.data.result;
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
    await this.dispatcher.close();
  }
}
