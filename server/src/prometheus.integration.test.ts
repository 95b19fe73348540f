/**
 * The backend against a real Prometheus (Debian's /usr/bin/prometheus on a loopback port), backfilled
 * through `promtool tsdb create-blocks-from openmetrics` with the operator's namespace byte, drop and
 * network event counters and DNS latency histogram (for the breakdowns).
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

/** Counter families with the labels their breakdowns read: [labels, per-second rate]. */
const drops: Array<[string, number]> = [
  ['SrcK8S_Namespace="shop",DstK8S_Namespace="db",PktDropLatestDropCause="SKB_DROP_REASON_NO_SOCKET",PktDropLatestState="TCP_INVALID_STATE"', 5],
  ['SrcK8S_Namespace="shop",DstK8S_Namespace="db",PktDropLatestDropCause="OVS_DROP_EXPLICIT"', 2],
  ['SrcK8S_Namespace="ml",DstK8S_Namespace="db",PktDropLatestState="TCP_ESTABLISHED"', 1],
];
const events: Array<[string, number]> = [
  ['SrcK8S_Namespace="web",DstK8S_Namespace="shop",type="NetworkPolicy",namespace="shop",name="deny-all",action="drop",direction="Ingress"', 4],
  ['SrcK8S_Namespace="web",DstK8S_Namespace="shop",type="AdminNetworkPolicy",name="allow-monitoring",action="allow",direction="Egress"', 1],
];
/** DNS answers per second by response code, every one faster than 10 ms. */
const dns: Array<[string, number]> = [['NoError', 10], ['NXDomain', 3]];

function openMetrics(): string {
  const times: number[] = [];
  for (let t = startS; t <= endS; t += 15) times.push(t);
  const lines = ['# TYPE netobserv_namespace_ingress_bytes counter'];
  for (const [src, dst, rate] of pairs) {
    for (const t of times) lines.push(`netobserv_namespace_ingress_bytes_total{SrcK8S_Namespace="${src}",DstK8S_Namespace="${dst}",K8S_FlowLayer="app"} ${(t - startS) * rate} ${t}`);
  }
  lines.push('# TYPE netobserv_namespace_drop_packets counter');
  for (const [labels, rate] of drops) for (const t of times) lines.push(`netobserv_namespace_drop_packets_total{${labels}} ${(t - startS) * rate} ${t}`);
  lines.push('# TYPE netobserv_namespace_network_policy_events counter');
  for (const [labels, rate] of events) for (const t of times) lines.push(`netobserv_namespace_network_policy_events_total{${labels}} ${(t - startS) * rate} ${t}`);
  lines.push('# TYPE netobserv_namespace_dns_latency_seconds histogram');
  for (const [rcode, rate] of dns) {
    const labels = `SrcK8S_Namespace="shop",DstK8S_Namespace="openshift-dns",DnsFlagsResponseCode="${rcode}"`;
    for (const t of times) {
      const n = (t - startS) * rate;
      lines.push(`netobserv_namespace_dns_latency_seconds_bucket{${labels},le="0.01"} ${n} ${t}`);
      lines.push(`netobserv_namespace_dns_latency_seconds_bucket{${labels},le="+Inf"} ${n} ${t}`);
      lines.push(`netobserv_namespace_dns_latency_seconds_sum{${labels}} ${n * 0.005} ${t}`);
      lines.push(`netobserv_namespace_dns_latency_seconds_count{${labels}} ${n} ${t}`);
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
    const config = parseConfig({ assetsDir: dir, server: { host: '127.0.0.1', port: 0 }, loki: { url: 'http://127.0.0.1:9' }, prometheus: {
        url,
        enabledMetrics: ['namespace_ingress_bytes_total', 'namespace_drop_packets_total', 'namespace_network_policy_events_total', 'namespace_dns_latency_seconds'],
      } }, '/');
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

  async function promMetrics(query: string): Promise<MetricsResponse> {
    const res = await fetch(`${base}/api/metrics?${range}&scope=namespace&dataSource=prom&${query}`);
    const body = (await res.json()) as MetricsResponse & { error?: string };
    if (res.status !== 200) throw new Error(`${query} answered ${res.status}: ${body.error}`);
    expect(body.dataSource).toBe('prom');
    return body;
  }

  /** [source namespace, destination namespace, breakdown, average] of each series, rounded to 0.1. */
  const rows = (body: MetricsResponse) =>
    body.metrics.map((m) => [m.source.SrcK8S_Namespace, m.destination.DstK8S_Namespace, m.breakdown, Math.round(m.stats.avg * 10) / 10]);

  it('breaks drops down by cause and by TCP state, series without the label left out', async () => {
    expect(rows(await promMetrics('type=droppedPackets&function=rate&breakdown=dropCause'))).toEqual([
      ['shop', 'db', { PktDropLatestDropCause: 'SKB_DROP_REASON_NO_SOCKET' }, 5],
      ['shop', 'db', { PktDropLatestDropCause: 'OVS_DROP_EXPLICIT' }, 2],
    ]);
    expect(rows(await promMetrics('type=droppedPackets&function=rate&breakdown=dropState'))).toEqual([
      ['shop', 'db', { PktDropLatestState: 'TCP_INVALID_STATE' }, 5],
      ['ml', 'db', { PktDropLatestState: 'TCP_ESTABLISHED' }, 1],
    ]);
  });

  it('counts DNS requests by response code from the histogram\'s _count, and its p99 per code', async () => {
    const flows = await promMetrics('type=flows&function=rate&breakdown=dnsRcode');
    expect(flows.queries[0]).toContain('netobserv_namespace_dns_latency_seconds_count{DnsFlagsResponseCode!=""}');
    expect(rows(flows)).toEqual([
      ['shop', 'openshift-dns', { DnsFlagsResponseCode: 'NoError' }, 10],
      ['shop', 'openshift-dns', { DnsFlagsResponseCode: 'NXDomain' }, 3],
    ]);
    // Every answer in the first bucket (10 ms): the 99th percentile interpolates to 9.9 ms.
    const p99 = rows(await promMetrics('type=dnsLatency&function=p99&breakdown=dnsRcode')).map((r) => [(r[2] as Record<string, string>).DnsFlagsResponseCode, r[3]]);
    expect(p99.sort()).toEqual([['NXDomain', 9.9], ['NoError', 9.9]]);
  });

  it('breaks network events down by policy and by action, with the lower-case event labels', async () => {
    expect(rows(await promMetrics('type=networkEvents&function=rate&breakdown=eventPolicy'))).toEqual([
      ['web', 'shop', { NetworkEventType: 'NetworkPolicy', NetworkEventNamespace: 'shop', NetworkEventName: 'deny-all', NetworkEventAction: 'drop' }, 4],
      ['web', 'shop', { NetworkEventType: 'AdminNetworkPolicy', NetworkEventNamespace: '', NetworkEventName: 'allow-monitoring', NetworkEventAction: 'allow' }, 1],
    ]);
    const filters = encodeURIComponent('NetworkEventAction=drop');
    expect(rows(await promMetrics(`type=networkEvents&function=rate&breakdown=eventAction&filters=${filters}`))).toEqual([
      ['web', 'shop', { NetworkEventType: 'NetworkPolicy', NetworkEventAction: 'drop' }, 4],
    ]);
  });

  it('reports Prometheus as ready in the status', async () => {
    const status = (await (await fetch(`${base}/api/status`)).json()) as { prometheus: { ready: boolean }; loki: { ready: boolean } };
    expect(status.prometheus.ready).toBe(true);
    expect(status.loki.ready).toBe(false);
  });
});
