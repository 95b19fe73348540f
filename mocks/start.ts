/**
 * CLI: generates a synthetic cluster and its recent flows, serves them through the mock Loki and keeps
 * appending live flows so that "the last 5 minutes" always has data.
 *
 *   node dist/server/mocks/start.js [--host 127.0.0.1] [--loki-port 3100] [--prom-port 9090] [--seed 42] [--history-hours 3] [--rate 10]
 *     [--faults] [--require-org-id] [--gateway-token <token>] [--metrics all|<name>,<name>...]
 *
 * `--faults` enables fault injection in the mock Loki (`POST /mock/faults {"mode":"429"}`);
 * `--require-org-id` makes it refuse requests without X-Scope-OrgID; `--gateway-token` is the only bearer
 * token its LokiStack gateway paths accept (any non-empty token otherwise).
 *
 * The mock Prometheus serves the flow metrics derived from the same flows, so both agree. `--metrics`
 * chooses the families it records (names as in the backend's `prometheus.enabledMetrics`, or `all`); by
 * default those the backend enables by default, which start-up time and memory mostly depend on.
 */
import { generateCluster, type Cluster } from './cluster';
import { generateFlows } from './flows';
import { startMockLoki } from './loki/server';
import { LokiStore } from './loki/store';
import { DEFAULT_SERVED_METRICS, METRIC_DEFINITIONS, selectDefinitions, type MetricDefinition } from './prometheus/metrics';
import { FlowMetricsRecorder } from './prometheus/recorder';
import { startMockPrometheus } from './prometheus/server';
import { Tsdb } from './prometheus/tsdb';

interface CliOptions {
  host: string;
  lokiPort: number;
  promPort: number;
  seed: number;
  historyHours: number;
  rate: number;
  faults: boolean;
  requireOrgId: boolean;
  gatewayToken?: string;
  metrics: readonly MetricDefinition[];
}

const LIVE_INTERVAL_MS = 5_000;

function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = {
    host: '127.0.0.1', lokiPort: 3100, promPort: 9090, seed: 42, historyHours: 3, rate: 10, faults: false, requireOrgId: false,
    metrics: selectDefinitions(DEFAULT_SERVED_METRICS),
  };
  const switches: Record<string, 'faults' | 'requireOrgId'> = { '--faults': 'faults', '--require-org-id': 'requireOrgId' };
  const numeric: Record<string, keyof CliOptions> = { '--loki-port': 'lokiPort', '--prom-port': 'promPort', '--seed': 'seed', '--history-hours': 'historyHours', '--rate': 'rate' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (flag in switches && inline === undefined) {
      opts[switches[flag]] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    if (flag === '--host') opts.host = value;
    else if (flag === '--metrics') opts.metrics = value.trim() === 'all' ? METRIC_DEFINITIONS : selectDefinitions(value.split(','));
    else if (flag === '--gateway-token') {
      if (value.trim() === '') throw new Error('--gateway-token needs a non-empty token');
      opts.gatewayToken = value;
    } else if (flag in numeric) {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number, got "${value}"`);
      (opts[numeric[flag]] as number) = n;
    } else throw new Error(`unknown option ${flag} (options: --host, --loki-port, --prom-port, --seed, --history-hours, --rate, --faults, --require-org-id, --gateway-token, --metrics)`);
  }
  if (opts.rate <= 0) throw new Error('--rate must be greater than 0');
  if (!Number.isInteger(opts.lokiPort) || opts.lokiPort > 65535) throw new Error('--loki-port must be a port number');
  if (!Number.isInteger(opts.promPort) || opts.promPort > 65535) throw new Error('--prom-port must be a port number');
  return opts;
}

function load(store: LokiStore, metrics: FlowMetricsRecorder, cluster: Cluster, seed: number, startMs: number, endMs: number, rate: number): void {
  for (const e of generateFlows(cluster, { seed, startMs, endMs, flowsPerSecond: rate })) {
    store.push(e.labels, [{ tsNs: BigInt(e.tsNs), line: e.line }]);
    metrics.observe(e.flow, Number(BigInt(e.tsNs) / 1_000_000n));
  }
  metrics.advanceTo(endMs);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const cluster = generateCluster(opts.seed);
  const store = new LokiStore();
  const tsdb = new Tsdb();
  const metrics = new FlowMetricsRecorder(tsdb, { definitions: opts.metrics });
  // Whole seconds keep generated windows contiguous between the history and the live appends.
  let loadedUntil = Math.floor(Date.now() / 1000) * 1000;
  load(store, metrics, cluster, opts.seed, loadedUntil - opts.historyHours * 3_600_000, loadedUntil, opts.rate);
  const loki = await startMockLoki({ port: opts.lokiPort, host: opts.host, store, faults: opts.faults, requireOrgId: opts.requireOrgId, gatewayToken: opts.gatewayToken });
  const prom = await startMockPrometheus({ port: opts.promPort, host: opts.host, tsdb });

  const timer = setInterval(() => {
    const until = Math.floor(Date.now() / 1000) * 1000;
    if (until <= loadedUntil) return;
    try {
      load(store, metrics, cluster, opts.seed, loadedUntil, until, opts.rate);
      // Keep memory bounded: forget what falls out of the history window.
      store.dropBefore(BigInt(until - opts.historyHours * 3_600_000) * 1_000_000n);
      tsdb.dropBefore(until - opts.historyHours * 3_600_000);
    } catch (e) {
      // A failed live batch is a bug to see in the log, not a reason to stop serving the history.
      console.error(`mock: live append failed: ${(e as Error)?.stack ?? String(e)}`);
    }
    loadedUntil = until;
  }, LIVE_INTERVAL_MS);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    Promise.all([loki.close(), prom.close()]).then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`mock Loki ready on ${loki.url}${opts.faults ? ' (fault injection: POST /mock/faults)' : ''}`);
  console.log(`mock Prometheus ready on ${prom.url}`);
}

// The mocks serve a whole e2e run: an error escaping one request is reported loudly, and serving goes on.
process.on('unhandledRejection', (e) => console.error(`mock: unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));

main().catch((e: unknown) => {
  console.error(`mock Loki failed to start: ${(e as Error)?.message ?? String(e)}`);
  process.exit(1);
});
