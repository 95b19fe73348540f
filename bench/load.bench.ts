/**
 * Loopback load: 500 concurrent connections sending 10 k `/api/flows` requests to the backend (its own
 * process, compiled main.js, as in production) in front of the mock Loki (this process). The backend
 * bounds upstream queries (server.maxConcurrentQueries running, server.maxQueuedQueries waiting) and
 * sheds the rest with 503: that is designed; any other error is not. RSS growth of the backend over
 * the 10 k requests, after a warm-up, shows whether requests leave memory behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { generateCluster } from '../mocks/cluster';
import { generateFlows } from '../mocks/flows';
import { startMockLoki } from '../mocks/loki/server';
import { LokiStore } from '../mocks/loki/store';
import { startBackend } from './backend-process';
import { BenchResult } from './types';

const connections = 500;
const requests = 10_000;
const warmup = 1_000;
/** The whole run stops here even if requests are still pending: the bench is bounded in time. */
const maxSeconds = 100;

/** Resident memory of a process now (Linux VmRSS), in MiB. */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function load(url: string, amount: number): Promise<autocannon.Result> {
  const instance = autocannon({ url, connections, amount, timeout: 30 });
  const guard = setTimeout(() => instance.stop(), maxSeconds * 1000);
  try {
    return await instance;
  } finally {
    clearTimeout(guard);
  }
}

export async function run(): Promise<BenchResult[]> {
  const endMs = Math.floor(Date.now() / 1000) * 1000;
  const startMs = endMs - 5 * 60_000;
  const store = new LokiStore();
  for (const e of generateFlows(generateCluster(5), { seed: 5, startMs, endMs, flowsPerSecond: 20 })) {
    store.push(e.labels, [{ tsNs: BigInt(e.tsNs), line: e.line }]);
  }
  const loki = await startMockLoki({ port: 0, host: '127.0.0.1', store });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netobserv-load-'));
  const configFile = path.join(dir, 'config.yaml');
  fs.writeFileSync(configFile, `server:\n  host: 127.0.0.1\n  port: 0\nassetsDir: ${dir}\nloki:\n  url: ${loki.url}\n`);
  const backend = await startBackend(configFile);
  try {
    const url = `${backend.url}/api/flows?startTime=${startMs / 1000}&endTime=${endMs / 1000}&limit=50`;
    await load(url, warmup);
    const rssBefore = rssMiB(backend.child.pid!);
    const r = await load(url, requests);
    const rssGrowth = rssMiB(backend.child.pid!) - rssBefore;
    const shed = r.statusCodeStats['503']?.count ?? 0;
    const ok = r.statusCodeStats['200']?.count ?? 0;
    const completed = Object.values(r.statusCodeStats).reduce((n, s) => n + s.count, 0);
    const otherErrors = completed - ok - shed + r.errors;
    return [
      { figure: `/api/flows requests answered (${connections} connections, asked ${requests})`, value: completed, unit: 'requests', goal: `= ${requests}`, ok: completed === requests },
      { figure: 'throughput', value: completed / r.duration, unit: 'req/s' },
      { figure: 'answered 200', value: ok, unit: 'requests' },
      { figure: 'shed with 503 (bounded upstream queue, designed)', value: shed, unit: 'requests' },
      { figure: 'latency p50', value: r.latency.p50, unit: 'ms' },
      { figure: 'latency p99', value: r.latency.p99, unit: 'ms', goal: '< 25000 ms (upstream timeout)', ok: r.latency.p99 < 25_000 },
      { figure: 'errors other than designed shedding (other statuses, socket errors, timeouts)', value: otherErrors, unit: 'requests', goal: '= 0', ok: otherErrors === 0 },
      { figure: `backend RSS growth over ${requests} requests (after ${warmup} warm-up)`, value: rssGrowth, unit: 'MiB', goal: '< 50 MiB', ok: rssGrowth < 50 },
    ];
  } finally {
    backend.child.kill('SIGTERM');
    await loki.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
