/**
 * The backend's HTTP application: routes, error shape, security headers and static assets. Every error
 * leaves as `{ "error": "<message>" }` with its status; no stack trace and no token reaches a response
 * or a log line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import fastifyStatic from '@fastify/static';
import Fastify, { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pino, { DestinationStream } from 'pino';
import { Feature, defaultColumns, fields, recordTypes } from '../../web/src/model/fields';
import { FilterError } from '../../web/src/model/filters';
import { Config } from './config';
import { csvChunks, parseColumns } from './csv-export';
import { FlowsDeps, queryFlowsJson, streamFlows } from './flows';
import { BadRequestError, parseFlowParams } from './flow-params';
import { LokiClient } from './loki-client';
import { parseMetricParams } from './metric-params';
import { queryMetrics } from './metrics';
import { createBackendMetrics } from './observability';
import { PrometheusClient } from './prometheus-client';
import { defaultEnabledMetrics } from './promql';
import { backendStatus } from './status';
import { CallerAuth, QueryLimiter, UpstreamError, withoutToken } from './upstream';
import { parseValuesParams, queryValues } from './values';

export interface AppOptions {
  /** Where log lines go (JSON, one per line); stdout by default. `false` silences the log. */
  logger?: { stream?: DestinationStream; level?: string } | false;
}

/** Header paths pino replaces before writing a line: credentials never reach the log. */
const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-forwarded-access-token"]',
  'headers.authorization',
  'authorization',
];

const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // webpack output is external scripts only; PatternFly and React set style attributes at run time.
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'",
};

function callerAuth(req: FastifyRequest): CallerAuth {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m ? { bearerToken: m[1] } : {};
}

const enabledFeatures: Feature[] = [...new Set(fields.flatMap((f) => (f.feature ? [f.feature] : [])))];

function makeLogger(opts: AppOptions['logger']): pino.Logger {
  if (opts === false) return pino({ level: 'silent' });
  const options = { level: opts?.level ?? 'info', redact: { paths: redactPaths, censor: '[redacted]' } };
  return opts?.stream ? pino(options, opts.stream) : pino(options);
}

function tlsOptions(config: Config): { cert: Buffer; key: Buffer } | undefined {
  const tls = config.server.tls;
  return tls ? { cert: fs.readFileSync(tls.certFile), key: fs.readFileSync(tls.keyFile) } : undefined;
}

export function buildApp(config: Config, options: AppOptions = {}): FastifyInstance {
  const logger = makeLogger(options.logger);
  const https = tlsOptions(config);
  // Errors raised before routing (a malformed URL...) would otherwise get fastify's own body shape.
  const frameworkErrors = (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
    // These replies skip the onSend hooks.
    reply.headers(securityHeaders).code(err.statusCode ?? 400).send({ error: err.message });
  };
  const common = { loggerInstance: logger, frameworkErrors };
  const app = (https ? Fastify({ ...common, https }) : Fastify(common)) as unknown as FastifyInstance;
  const metrics = createBackendMetrics();
  const limiter = new QueryLimiter(config.server.maxConcurrentQueries, config.server.maxQueuedQueries);
  const loki = new LokiClient(config.loki, limiter, metrics.observeUpstream);
  const prom = config.prometheus ? new PrometheusClient(config.prometheus, limiter, metrics.observeUpstream) : undefined;
  for (const [key, c] of [['loki', config.loki], ['prometheus', config.prometheus]] as const) {
    if (c?.insecureSkipVerify) app.log.warn(`${key}.insecureSkipVerify is true: the ${key} TLS certificate is not verified; use it for tests only`);
  }
  app.addHook('onClose', async () => {
    await Promise.all([loki.close(), prom?.close()]);
  });

  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, not the URL: query strings and unknown paths must not explode the label set.
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.observeRoute(route, req.method, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [name, value] of Object.entries(securityHeaders)) reply.header(name, value);
    return payload;
  });

  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (err instanceof BadRequestError || err instanceof FilterError) {
      return reply.code(400).send({ error: err.message });
    }
    if (err instanceof UpstreamError) {
      const message = withoutToken(err.message, callerAuth(req));
      req.log.warn({ status: err.status }, `upstream error: ${message}`);
      return reply.code(err.status).send({ error: message });
    }
    const status = (err as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send({ error: err.message });
    }
    req.log.error({ err: { message: err.message, name: err.name } }, 'internal error');
    return reply.code(500).send({ error: 'internal error of the backend; see its log' });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (req) => {
    await loki.ready(callerAuth(req));
    return { status: 'ready' };
  });

  app.get('/api/frontend-config', async () => ({
    fields,
    columns: defaultColumns,
    lokiLabels: config.loki.labels,
    features: enabledFeatures,
    recordTypes,
    quickFilters: config.quickFilters,
  }));

  const flowsDeps = (req: FastifyRequest): FlowsDeps => ({
    loki,
    labels: config.loki.labels,
    onSkippedLines: (count) => req.log.warn({ count }, 'Loki returned lines that are not flow JSON; skipped'),
  });

  app.get('/api/flows', async (req, reply) => {
    const query = parseFlowParams(req.query as Record<string, unknown>, config.loki);
    // Already JSON text: sent as it is, not serialised again.
    return reply.type('application/json; charset=utf-8').send(await queryFlowsJson(query, callerAuth(req), flowsDeps(req)));
  });

  app.get('/api/flows/export', async (req, reply) => {
    const params = req.query as Record<string, unknown>;
    const columns = parseColumns(params);
    const query = parseFlowParams(params, { maxLimit: config.server.maxExportRows, maxRangeDays: config.loki.maxRangeDays });
    const records = streamFlows(query, config.loki.maxLimit, callerAuth(req), flowsDeps(req));
    // The first page is awaited before answering, so that a bad query or a Loki failure is a JSON error.
    const first = await records.next();
    async function* all() {
      if (first.done) return;
      yield first.value;
      yield* records;
    }
    const body = Readable.from(csvChunks(columns, all()));
    body.on('error', (e) => req.log.warn(`CSV export stopped: ${e instanceof UpstreamError ? withoutToken(e.message, callerAuth(req)) : 'internal error'}`));
    const stamp = new Date(query.endTime * 1000).toISOString().replace(/[:.]/g, '-');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="flows-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(body);
  });

  app.get('/api/metrics', async (req) => {
    const { request, dataSource } = parseMetricParams(req.query as Record<string, unknown>, config.loki);
    return queryMetrics(request, dataSource, callerAuth(req), {
      loki,
      prom,
      labels: config.loki.labels,
      enabledMetrics: config.prometheus?.enabledMetrics ?? defaultEnabledMetrics,
    });
  });

  app.get('/api/values', async (req) => {
    const request = parseValuesParams(req.query as Record<string, unknown>, config.loki);
    return queryValues(request, callerAuth(req), { ...flowsDeps(req), loki });
  });

  app.get('/api/status', async (req) =>
    backendStatus(config, callerAuth(req), { loki: (auth) => loki.ready(auth), prometheus: prom && ((auth) => prom.ready(auth)) }),
  );

  app.get('/metrics', async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  registerAssets(app, config.assetsDir);
  return app;
}

/**
 * The built page. Unknown non-API paths get index.html so that the standalone shell's client-side
 * routes survive a reload; API paths get a JSON 404.
 */
function registerAssets(app: FastifyInstance, assetsDir: string): void {
  const hasAssets = fs.existsSync(path.join(assetsDir, 'index.html'));
  if (hasAssets) {
    app.register(fastifyStatic, { root: assetsDir, index: 'index.html', wildcard: true });
  } else {
    app.get('/', async (_req, reply: FastifyReply) =>
      reply.code(503).send({ error: `the web assets are missing in ${assetsDir}; run \`npm run build\` first` }),
    );
  }
  app.setNotFoundHandler((req, reply) => {
    const wantsPage = req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (hasAssets && wantsPage) return reply.type('text/html').sendFile('index.html');
    return reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` });
  });
}
