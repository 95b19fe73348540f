/**
 * Start-up of `npm start`'s mocks process (mocks/start.js, default 3 h of history): time until both
 * mocks answer, and its resident memory then — with the metric families served by default and with all
 * of them (`--metrics all`), since recording the metrics is most of the cost.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchResult } from './types';

interface StartFigures {
  readyMs: number;
  rssMiB: number;
}

/** Starts the mocks on free ports, waits for "mock Prometheus ready", reads VmRSS, stops them. */
function measureStart(extraArgs: string[]): Promise<StartFigures> {
  const script = path.join(__dirname, '../mocks/start.js');
  const started = performance.now();
  const child = spawn(process.execPath, [script, '--loki-port', '0', '--prom-port', '0', ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!/mock Prometheus ready on/.test(out)) return;
      const readyMs = performance.now() - started;
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
      child.removeAllListeners('exit');
      child.once('exit', () => resolve({ readyMs, rssMiB: kb / 1024 }));
      child.kill('SIGTERM');
    });
    child.once('exit', (code) => reject(new Error(`the mocks exited (${code}) before they were ready: ${out.slice(-500)}`)));
  });
}

export async function run(): Promise<BenchResult[]> {
  const served = await measureStart([]);
  const all = await measureStart(['--metrics', 'all']);
  return [
    { figure: 'mocks process (npm start, 3 h of history): time until both mocks answer', value: Math.round(served.readyMs), unit: 'ms' },
    { figure: 'mocks process: RSS when ready', value: Math.round(served.rssMiB), unit: 'MiB' },
    { figure: 'mocks process with --metrics all: time until both mocks answer', value: Math.round(all.readyMs), unit: 'ms' },
    { figure: 'mocks process with --metrics all: RSS when ready', value: Math.round(all.rssMiB), unit: 'MiB' },
  ];
}
