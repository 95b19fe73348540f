/**
 * Backend figures, measured against the mock Loki in this process and the backend as its own process
 * (compiled main.js), as in production:
 * - overhead of /api/flows?limit=1000 over querying Loki directly with the same LogQL (median of
 *   several runs each, same store, same run);
 * - CSV export of 100k flows: rows per second, and the backend's peak RSS (streaming keeps it bounded).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCluster } from '../mocks/cluster';
import { generateFlows } from '../mocks/flows';
import { startMockLoki } from '../mocks/loki/server';
import { LokiStore } from '../mocks/loki/store';
import { defaultLokiLabels } from '../web/src/model/fields';
import { buildFlowQueries } from '../server/src/logql';
import { secondsToNs } from '../server/src/flows';
import { startBackend } from './backend-process';
import { BenchResult } from './types';

const repetitions = 7;
const exportRows = 100_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - started;
}

/** Peak resident memory of a process (Linux VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * CPU time a process has used (user + system), in ms, from /proc/<pid>/stat (clock ticks, 100 per
 * second on Linux). Unlike wall time, it hardly moves with the machine's load.
 */
function cpuMs(pid: number): number {
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export async function run(): Promise<BenchResult[]> {
  const endMs = Math.floor(Date.now() / 1000) * 1000;
  const startMs = endMs - 25 * 60_000;
  const store = new LokiStore();
  for (const e of generateFlows(generateCluster(11), { seed: 11, startMs, endMs, flowsPerSecond: 90 })) {
    store.push(e.labels, [{ tsNs: BigInt(e.tsNs), line: e.line }]);
  }
  const loki = await startMockLoki({ port: 0, store });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netobserv-bench-'));
  const configFile = path.join(dir, 'config.yaml');
  fs.writeFileSync(configFile, `server:\n  host: 127.0.0.1\n  port: 0\nassetsDir: ${dir}\nloki:\n  url: ${loki.url}\n`);
  const backend = await startBackend(configFile);
  try {
    const startTime = startMs / 1000;
    const endTime = endMs / 1000;
    const [logql] = buildFlowQueries(
      { filters: [], match: 'all', startTime, endTime, limit: 1000, recordType: 'flowLog', dedup: true, packetLoss: 'all' },
      { labels: defaultLokiLabels },
    );
    const direct = `${loki.url}/loki/api/v1/query_range?${new URLSearchParams({ query: logql, start: secondsToNs(startTime), end: secondsToNs(endTime), limit: '1000', direction: 'backward' })}`;
    const viaBackend = `${backend.url}/api/flows?startTime=${startTime}&endTime=${endTime}&limit=1000`;
    await timed(direct);
    await timed(viaBackend); // warm both paths
    const directMs: number[] = [];
    const backendMs: number[] = [];
    let backendCpuMs = 0;
    const load = os.loadavg()[0];
    for (let i = 0; i < repetitions; i++) {
      directMs.push(await timed(direct));
      const cpuBefore = cpuMs(backend.child.pid!);
      backendMs.push(await timed(viaBackend));
      backendCpuMs += cpuMs(backend.child.pid!) - cpuBefore;
    }
    const ratio = median(backendMs) / median(directMs);

    const started = performance.now();
    const res = await fetch(`${backend.url}/api/flows/export?startTime=${startTime}&endTime=${endTime}&limit=${exportRows}&dedup=false`);
    if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
    let newlines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++;
    }
    const seconds = (performance.now() - started) / 1000;
    const rows = newlines - 1;
    const rss = peakRssMiB(backend.child.pid!);
    return [
      { figure: '/api/flows?limit=1000 time / direct Loki time (median)', value: ratio, unit: 'x', goal: '<= 1.05', ok: ratio <= 1.05 },
      { figure: '/api/flows?limit=1000 backend time (median)', value: median(backendMs), unit: 'ms' },
      { figure: 'direct Loki query time, same LogQL (median)', value: median(directMs), unit: 'ms' },
      { figure: "backend's own CPU per /api/flows?limit=1000 (mean, 10 ms ticks)", value: backendCpuMs / repetitions, unit: 'ms' },
      { figure: 'load average (1 min) when the timings started, on this many cores', value: load, unit: `/ ${os.cpus().length}` },
      { figure: `CSV export rows (asked ${exportRows})`, value: rows, unit: 'rows', goal: `= ${exportRows}`, ok: rows === exportRows },
      { figure: 'CSV export throughput', value: rows / seconds, unit: 'rows/s' },
      { figure: 'backend peak RSS after the export', value: rss, unit: 'MiB', goal: '< 256 MiB', ok: rss < 256 },
    ];
  } finally {
    backend.child.kill('SIGTERM');
    await loki.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
