/**
 * The backend's configuration: a YAML file (`--config <path>`) validated at start, plus a few
 * environment overrides for launchers and containers. Every problem is reported with the key that
 * holds it (`config error: loki.url: Invalid URL`), so a bad file fails fast and says why.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { defaultLokiLabels } from '../../web/src/model/fields';
import { maxLimit as lokiMaxEntries } from '../../web/src/model/query';
import { defaultQuickFilters, quickFilterFilters } from '../../web/src/model/quick-filters';

export class ConfigError extends Error {
  constructor(message: string) {
    super(`config error: ${message}`);
    this.name = 'ConfigError';
  }
}

/** The console proxy gives up after 30 s: an upstream timeout must fire first to return a clear error. */
const consoleProxyTimeoutSeconds = 30;

const nonEmpty = z.string().min(1, 'must not be empty');
const labelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'is not a valid Loki label name');

const serverSchema = z
  .object({
    host: nonEmpty.default('0.0.0.0'),
    port: z.number().int().min(0).max(65535).default(9001),
    tls: z.object({ certFile: nonEmpty, keyFile: nonEmpty }).strict().optional(),
    /** Upstream (Loki + Prometheus) queries running at once; more wait in a bounded queue. */
    maxConcurrentQueries: z.number().int().min(1).max(1000).default(8),
    /** Queries allowed to wait for a slot; beyond that the API answers 503 at once. */
    maxQueuedQueries: z.number().int().min(0).max(100000).default(100),
    /** Most rows one CSV export may stream (it pages through Loki). */
    maxExportRows: z.number().int().min(1).max(10_000_000).default(100_000),
  })
  .strict();

const upstreamTimeout = z
  .number()
  .positive()
  .lt(consoleProxyTimeoutSeconds, `must stay below the console proxy's ${consoleProxyTimeoutSeconds} s`)
  .default(25);

/** A client certificate is a pair: one without the other is a configuration mistake. */
const certPair = (v: { certFile?: string; keyFile?: string }) => (v.certFile === undefined) === (v.keyFile === undefined);
const certPairIssue = { message: 'certFile and keyFile go together (client certificate and its key)', path: ['certFile'] };

const lokiSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'Invalid URL (expected http:// or https://)' }),
    tenantId: nonEmpty.regex(/^[A-Za-z0-9_.-]+$/, 'must be a plain tenant name (letters, digits, . _ -)').optional(),
    orgId: nonEmpty.optional(),
    forwardUserToken: z.boolean().default(true),
    tokenFile: nonEmpty.optional(),
    timeoutSeconds: upstreamTimeout,
    labels: z.array(labelName).min(1).default([...defaultLokiLabels]),
    caFile: nonEmpty.optional(),
    certFile: nonEmpty.optional(),
    keyFile: nonEmpty.optional(),
    insecureSkipVerify: z.boolean().default(false),
    maxLimit: z.number().int().min(1).max(lokiMaxEntries, `must not exceed Loki's default max entries per query (${lokiMaxEntries})`).default(lokiMaxEntries),
    maxRangeDays: z.number().positive().default(30),
  })
  .strict()
  .refine(certPair, certPairIssue);

const prometheusSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'Invalid URL (expected http:// or https://)' }),
    forwardUserToken: z.boolean().default(true),
    tokenFile: nonEmpty.optional(),
    caFile: nonEmpty.optional(),
    certFile: nonEmpty.optional(),
    keyFile: nonEmpty.optional(),
    insecureSkipVerify: z.boolean().default(false),
    timeoutSeconds: upstreamTimeout,
    /** The operator's metrics that exist in this Prometheus (names without the netobserv_ prefix). */
    enabledMetrics: z.array(nonEmpty).optional(),
  })
  .strict()
  .refine(certPair, certPairIssue);

/**
 * A quick filter of the page: a name and filters in the page's grammar, parsed at start so a typo stops
 * the backend; `default: true` applies it when the page's address has no filters.
 */
const quickFilterSchema = z
  .object({ name: nonEmpty, filter: nonEmpty, default: z.boolean().optional() })
  .strict()
  .superRefine((def, ctx) => {
    const parsed = quickFilterFilters(def);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error, path: ['filter'] });
    else if (parsed.filters.length === 0) ctx.addIssue({ code: 'custom', message: `quick filter "${def.name}" has no filter`, path: ['filter'] });
  });

const quickFiltersSchema = z
  .array(quickFilterSchema)
  .superRefine((defs, ctx) => {
    const seen = new Set<string>();
    defs.forEach((def, i) => {
      if (seen.has(def.name)) ctx.addIssue({ code: 'custom', message: `"${def.name}" is given twice (names label the buttons)`, path: [i, 'name'] });
      seen.add(def.name);
    });
  })
  // An empty list is kept: it is how a cluster hides the quick filters.
  .default(defaultQuickFilters.map((q) => ({ ...q })));

const configSchema = z
  .object({
    server: serverSchema.default({ host: '0.0.0.0', port: 9001, maxConcurrentQueries: 8, maxQueuedQueries: 100, maxExportRows: 100_000 }),
    assetsDir: nonEmpty.optional(),
    loki: lokiSchema,
    prometheus: prometheusSchema.optional(),
    /** The page's quick filters; the model's defaults when the file gives none. */
    quickFilters: quickFiltersSchema,
  })
  .strict();

export type LokiConfig = z.infer<typeof lokiSchema>;
export type ServerConfig = z.infer<typeof serverSchema>;
export type PrometheusConfig = z.infer<typeof prometheusSchema>;
export type QuickFilterConfig = z.infer<typeof quickFilterSchema>;
export interface Config {
  server: ServerConfig;
  /** Absolute path of the built web assets. */
  assetsDir: string;
  loki: LokiConfig;
  /** Absent: metrics come from Loki only. */
  prometheus?: PrometheusConfig;
  quickFilters: QuickFilterConfig[];
}

/** The repository root: the nearest folder above this module with a package.json (source or dist). */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Applies NETOBSERV_* environment overrides on the raw document, before validation. */
function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out = { ...raw };
  const section = (key: string) => (out[key] = { ...(isRecord(out[key]) ? out[key] : {}) }) as Record<string, unknown>;
  if (env.NETOBSERV_LOKI_URL) section('loki').url = env.NETOBSERV_LOKI_URL;
  if (env.NETOBSERV_PROMETHEUS_URL) section('prometheus').url = env.NETOBSERV_PROMETHEUS_URL;
  if (env.NETOBSERV_HOST) section('server').host = env.NETOBSERV_HOST;
  if (env.NETOBSERV_PORT) {
    if (!/^\d+$/.test(env.NETOBSERV_PORT)) throw new ConfigError(`NETOBSERV_PORT: "${env.NETOBSERV_PORT}" is not a port number`);
    section('server').port = Number(env.NETOBSERV_PORT);
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates a parsed YAML document. `baseDir` resolves relative paths (assetsDir, files) against the
 * config file's folder, so a config works from any working directory.
 */
export function parseConfig(doc: unknown, baseDir: string, env: NodeJS.ProcessEnv = {}): Config {
  if (doc !== null && doc !== undefined && !isRecord(doc)) throw new ConfigError('the file must hold a YAML mapping');
  const parsed = configSchema.safeParse(applyEnv(isRecord(doc) ? doc : {}, env));
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error));
  const c = parsed.data;
  const resolve = (p: string | undefined) => (p === undefined ? undefined : path.resolve(baseDir, p));
  return {
    server: c.server.tls
      ? { ...c.server, tls: { certFile: resolve(c.server.tls.certFile)!, keyFile: resolve(c.server.tls.keyFile)! } }
      : c.server,
    assetsDir: resolve(c.assetsDir) ?? path.join(repoRoot(), 'dist/web'),
    loki: { ...c.loki, ...resolveFiles(c.loki, resolve) },
    prometheus: c.prometheus ? { ...c.prometheus, ...resolveFiles(c.prometheus, resolve) } : undefined,
    quickFilters: c.quickFilters,
  };
}

interface FileKeys {
  tokenFile?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

function resolveFiles(c: FileKeys, resolve: (p: string | undefined) => string | undefined): FileKeys {
  return { tokenFile: resolve(c.tokenFile), caFile: resolve(c.caFile), certFile: resolve(c.certFile), keyFile: resolve(c.keyFile) };
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (e) {
    throw new ConfigError(`${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseConfig(doc, path.dirname(path.resolve(file)), env);
}
