/**
 * `npm start`: runs the whole data path on this machine. Starts the mock Loki and mock Prometheus
 * (mocks/start.ts, one process fed by the same flows) and, once both are ready, the backend
 * (server/src/main.ts) pointed at them, as processes that talk only over HTTP, exactly like the backend,
 * Loki and Prometheus in a cluster. Ctrl-C stops everything.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(__dirname, '../../..');
const dist = path.join(root, 'dist/server');
const lokiPort = process.env.MOCK_LOKI_PORT ?? '3100';
const promPort = process.env.MOCK_PROM_PORT ?? '9090';
// The metric families the mock Prometheus records: by default those the backend enables by default.
const promMetrics = process.env.MOCK_PROM_METRICS ? ['--metrics', process.env.MOCK_PROM_METRICS] : [];
const children: ChildProcess[] = [];

/** Starts a node script, prefixes its output, resolves when a line matches `ready`. */
function run(name: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    const onLine = (line: string) => {
      console.log(`[${name}] ${line}`);
      if (ready.test(line)) resolve(child);
    };
    readline.createInterface({ input: child.stdout! }).on('line', onLine);
    // Errors stay on stderr, where test runners that hide stdout still show them.
    readline.createInterface({ input: child.stderr! }).on('line', (line) => console.error(`[${name}] ${line}`));
    child.on('exit', (code, signal) => {
      reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
      if (!stopping) {
        console.error(`[start] ${name} stopped (code ${code}, signal ${signal}); stopping everything`);
        stop(1);
      }
    });
  });
}

let stopping = false;
function stop(code: number): void {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function main(): Promise<void> {
  // The mocks print the Prometheus line after the Loki one: once it is seen, both answer.
  await run('mocks', [path.join(dist, 'mocks/start.js'), '--loki-port', lokiPort, '--prom-port', promPort, ...promMetrics], /mock Prometheus ready on/);
  await run('backend', [path.join(dist, 'server/src/main.js'), '--config', path.join(root, 'config/dev.yaml')], /listening on/, {
    NETOBSERV_LOKI_URL: `http://127.0.0.1:${lokiPort}`,
    NETOBSERV_PROMETHEUS_URL: `http://127.0.0.1:${promPort}`,
  });
  console.log('[start] Network Traffic page: http://localhost:9001');
}

main().catch((err: Error) => {
  console.error(`[start] ${err.message}`);
  stop(1);
});
