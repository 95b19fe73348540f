/**
 * The backend against a real Prometheus (Debian's /usr/bin/prometheus on a loopback port), backfilled
 * with the operator's namespace byte counter through `promtool tsdb create-blocks-from openmetrics`.
 * Skipped, with a visible message, where the binaries are missing.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FastifyInstance } from 'fastify';
import { MetricsResponse } from '../../web/src/model/metrics';
import { buildApp } from './app';
import { parseConfig } from './config';

jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

const binaries = ['/usr/bin/prometheus', '/usr/bin/promtool'];
const available = binaries.every((b) => fs.existsSync(b));
if (!available) console.warn(`SKIPPED: real Prometheus tests need ${binaries.join(' and ')} (apt-get install -y prometheus)`);
const describeIf = available ? describe : describe.skip;

const endS = Math.floor(Date.now() / 1000 / 60) * 60 - 120;
const startS = endS - 3600;
/** Bytes per second of each namespace pair: the expected rate. */
const pairs: Array<[string, string, number]> = [['shop', 'db', 1000], ['shop', 'web', 250], ['ml', 'db', 40]];

function openMetrics(): string {
  const lines = ['# TYPE netobserv_namespace_ingress_bytes counter'];
  for (const [src, dst, rate] of pairs) {
    for (let t = startS; t <= endS; t += 15) {
      lines.push(`netobserv_namespace_ingress_bytes_total{SrcK8S_Namespace="${src}",DstK8S_Namespace="${dst}",K8S_FlowLayer="app"} ${(t - startS) * rate} ${t}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

describeIf('real Prometheus', () => {
  let dir: string;
  let prom: ChildProcess;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netobserv-prom-'));
    fs.writeFileSync(path.join(dir, 'data.om'), openMetrics());
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\n');
    execFileSync('/usr/bin/promtool', ['tsdb', 'create-blocks-from', 'openmetrics', path.join(dir, 'data.om'), path.join(dir, 'tsdb')], { stdio: 'pipe' });
    const port = await freePort();
    // Spawned directly (no shell), so prom.pid is Prometheus itself.
    prom = spawn('/usr/bin/prometheus', [
      `--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=15d',
    ], { stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/-/ready`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 100) throw new Error('Prometheus did not become ready in 20 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const config = parseConfig({ assetsDir: dir, server: { host: '127.0.0.1', port: 0 }, loki: { url: 'http://127.0.0.1:9' }, prometheus: { url, enabledMetrics: ['namespace_ingress_bytes_total'] } }, '/');
    app = buildApp(config, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (prom?.pid) process.kill(prom.pid, 'SIGTERM');
    await new Promise((r) => (prom && prom.exitCode === null ? prom.once('exit', r) : r(undefined)));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const range = `startTime=${endS - 1800}&endTime=${endS}&step=60`;

  it('answers namespace byte rates from Prometheus, ranked, with the expected values', async () => {
    const res = await fetch(`${base}/api/metrics?${range}&scope=namespace&type=bytes&function=rate&limit=2`);
    const body = (await res.json()) as MetricsResponse;
    expect(res.status).toBe(200);
    expect(body.dataSource).toBe('prom');
    expect(body.queries[0]).toContain('netobserv_namespace_ingress_bytes_total');
    expect(body.stats.limitReached).toBe(true);
    expect(body.metrics.map((m) => [m.source.SrcK8S_Namespace, m.destination.DstK8S_Namespace])).toEqual([['shop', 'db'], ['shop', 'web']]);
    expect(body.metrics[0].stats.avg).toBeCloseTo(1000, 0);
    expect(body.metrics[1].stats.avg).toBeCloseTo(250, 0);
  });

  it('applies label filters, hostile values included', async () => {
    const ok = (await (await fetch(`${base}/api/metrics?${range}&filters=DstK8S_Namespace=web&dataSource=prom`)).json()) as MetricsResponse;
    expect(ok.metrics.map((m) => m.source.SrcK8S_Namespace)).toEqual(['shop']);
    const filters = encodeURIComponent('SrcK8S_Namespace="a\\"}) or vector(1) #"');
    const hostile = await fetch(`${base}/api/metrics?${range}&filters=${filters}&dataSource=prom`);
    expect(hostile.status).toBe(200);
    expect(((await hostile.json()) as MetricsResponse).metrics).toEqual([]);
  });

  it('refuses dataSource=prom when no enabled metric covers the request, saying why', async () => {
    const res = await fetch(`${base}/api/metrics?${range}&scope=resource&dataSource=prom`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^dataSource: Prometheus cannot answer this request: .*has no label SrcK8S_Name/);
  });

  it('reports Prometheus as ready in the status', async () => {
    const status = (await (await fetch(`${base}/api/status`)).json()) as { prometheus: { ready: boolean }; loki: { ready: boolean } };
    expect(status.prometheus.ready).toBe(true);
    expect(status.loki.ready).toBe(false);
  });
});
