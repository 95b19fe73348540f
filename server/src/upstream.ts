/**
 * What the Loki and Prometheus clients share: TLS set-up, the bearer token choice, one GET with a
 * timeout that turns every transport failure into an UpstreamError with a clear message, and a bound
 * on the number of upstream queries running at once.
 */
import fs from 'node:fs';
import { Agent, Dispatcher, request } from 'undici';

/** A failure of Loki or Prometheus (or of reaching them), with the status and message the API answers. */
export class UpstreamError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/** Upstream bodies quoted in messages may echo the request's credentials (some proxies do): hide the caller's token. */
export function withoutToken(message: string, auth: CallerAuth): string {
  const token = auth.bearerToken;
  if (!token) return message;
  const ellipsis = message.endsWith('…') ? '…' : '';
  let out = message.slice(0, message.length - ellipsis.length).split(token).join('[redacted]');
  // A message shortened in the middle of the token ends with its first characters.
  for (let n = Math.min(token.length - 1, out.length); n >= 8; n--) {
    if (out.endsWith(token.slice(0, n))) {
      out = `${out.slice(0, -n)}[redacted]`;
      break;
    }
  }
  return out + ellipsis;
}

/** The caller's credentials, as received by the route. */
export interface CallerAuth {
  /** The value of the caller's `Authorization` header, if it is a bearer token. */
  bearerToken?: string;
}

/** The connection and credential settings common to `loki` and `prometheus` in the config. */
export interface UpstreamSettings {
  url: string;
  forwardUserToken: boolean;
  tokenFile?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipVerify: boolean;
  timeoutSeconds: number;
}

/** Told about every upstream request: which target, how long, and how it ended. */
export type QueryObserver = (target: Target, seconds: number, outcome: string) => void;
export type Target = 'loki' | 'prometheus';

const targetNames: Record<Target, string> = { loki: 'Loki', prometheus: 'Prometheus' };

/** Upstream error texts can be long; keep them readable and bounded. */
const maxMessageLength = 500;
export const shorten = (s: string): string => {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > maxMessageLength ? `${t.slice(0, maxMessageLength)}…` : t;
};

const unreachableCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
]);

export function errorCode(e: unknown): string | undefined {
  for (let cur = e as { code?: unknown; cause?: unknown } | undefined, i = 0; cur && i < 5; cur = cur.cause as typeof cur, i++) {
    if (typeof cur.code === 'string') return cur.code;
  }
  return undefined;
}

/** Reads a file named in the config at start, failing with the key and the reason. */
function readConfigured(key: string, file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new Error(`${key}: cannot read ${file} (${errorCode(e) ?? (e as Error).message})`);
  }
}

/**
 * One HTTP connection pool per upstream. CA and client certificate are read once at start: a missing
 * file stops the backend with a clear message rather than failing every query later.
 */
export class UpstreamHttp {
  readonly origin: string;
  private readonly dispatcher: Dispatcher;
  private readonly name: string;

  constructor(
    private readonly target: Target,
    private readonly settings: UpstreamSettings,
    private readonly limiter: QueryLimiter,
    private readonly observe: QueryObserver = () => undefined,
  ) {
    this.origin = new URL(settings.url).origin;
    this.name = targetNames[target];
    this.dispatcher = new Agent({
      connect: {
        ca: readConfigured(`${target}.caFile`, settings.caFile),
        cert: readConfigured(`${target}.certFile`, settings.certFile),
        key: readConfigured(`${target}.keyFile`, settings.keyFile),
        rejectUnauthorized: !settings.insecureSkipVerify,
      },
    });
  }

  /** The token sent upstream: the caller's (when forwarding) or the configured token file's. */
  private authorization(auth: CallerAuth): string | undefined {
    if (this.settings.forwardUserToken && auth.bearerToken) return `Bearer ${auth.bearerToken}`;
    if (this.settings.tokenFile) {
      try {
        // Read on every call: projected service account tokens rotate.
        return `Bearer ${fs.readFileSync(this.settings.tokenFile, 'utf8').trim()}`;
      } catch (e) {
        throw new UpstreamError(500, `cannot read the ${this.name} token file ${this.settings.tokenFile}: ${errorCode(e) ?? 'unknown error'}`);
      }
    }
    return undefined;
  }

  /** A GET within the concurrency bound and the timeout; the body is returned whatever the status. */
  async get(url: string, auth: CallerAuth, extraHeaders: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    return this.limiter.run(async () => {
      const started = performance.now();
      let outcome = 'error';
      try {
        const res = await this.send(url, auth, extraHeaders);
        outcome = String(res.status);
        return res;
      } catch (e) {
        outcome = e instanceof UpstreamError ? `error_${e.status}` : 'error';
        throw e;
      } finally {
        this.observe(this.target, (performance.now() - started) / 1000, outcome);
      }
    });
  }

  private async send(url: string, auth: CallerAuth, extraHeaders: Record<string, string>): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    const authorization = this.authorization(auth);
    if (authorization) headers.authorization = authorization;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.settings.timeoutSeconds * 1000);
    try {
      const res = await request(url, { method: 'GET', headers, dispatcher: this.dispatcher, signal: controller.signal });
      let text: string;
      try {
        text = await res.body.text();
      } catch (e) {
        // The answer started, so the upstream is reachable: it was cut off (a proxy or the upstream gave up).
        if (!controller.signal.aborted) throw new UpstreamError(502, `${this.name} answer was cut off before its end (${errorCode(e) ?? (e as Error).message}); retry, or narrow the query`);
        throw e;
      }
      return { status: res.statusCode, text };
    } catch (e) {
      if (e instanceof UpstreamError) throw e;
      if (controller.signal.aborted) {
        throw new UpstreamError(504, `${this.name} did not answer within ${this.settings.timeoutSeconds} s; narrow the time range or add filters`);
      }
      const code = errorCode(e);
      if (code && (unreachableCodes.has(code) || code.startsWith('ERR_TLS') || code.includes('CERT'))) {
        throw new UpstreamError(503, `${this.name} is unreachable at ${this.origin} (${code})`);
      }
      throw new UpstreamError(502, `${this.name} request to ${this.origin} failed: ${code ?? (e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The body as JSON, or a 502 saying what came instead. */
  parseJson(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw new UpstreamError(502, `${this.name} answered with something that is not JSON: ${shorten(text).slice(0, 100)}`);
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/**
 * Bounds the upstream queries running at once (Loki's query frontend queues and answers 429 when
 * flooded; Prometheus slows everyone down). Beyond the queue's length the caller gets a 503 at once.
 */
export class QueryLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueued: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) {
      if (this.waiting.length >= this.maxQueued) {
        throw new UpstreamError(
          503,
          `the backend is saturated (${this.running} upstream queries running, ${this.waiting.length} waiting); retry in a moment`,
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      // Hand the slot over to the next waiter, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
