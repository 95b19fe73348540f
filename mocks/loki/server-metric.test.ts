/**
 * The mock Loki over HTTP: metric answers against the real Loki 3.4 samples, series and buildinfo,
 * limits, tenants (X-Scope-OrgID, LokiStack gateway) and fault injection.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { startMockLoki, type MockLoki } from './server';
import { LokiStore } from './store';

const SAMPLES = '/work/shared/loki-samples';
const sampleJson = (name: string) => JSON.parse(readFileSync(`${SAMPLES}/${name}`, 'utf8')) as { data: { resultType: string; result: unknown } };
const sampleText = (name: string) => readFileSync(`${SAMPLES}/${name}`, 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('\n').trim();
const pushBody = () => readFileSync(`${SAMPLES}/00-push.txt`, 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('\n');

const SELECTOR = '{app="netobserv-flowcollector"}';

async function started(opts: Partial<Parameters<typeof startMockLoki>[0]> = {}): Promise<MockLoki> {
  const loki = await startMockLoki({ port: 0, store: new LokiStore(), ...opts });
  const res = await fetch(`${loki.url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: pushBody() });
  expect(res.status).toBe(204);
  return loki;
}

let loki: MockLoki;
beforeAll(async () => {
  loki = await started();
});
afterAll(() => loki.close());

const get = (base: string, path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) => fetch(`${base}${path}?${new URLSearchParams(params)}`, { headers });

describe('metric queries over HTTP (real Loki samples)', () => {
  it('answers the topk rate query of sample 03 with the same matrix', async () => {
    const query = `topk(5,sum by(SrcK8S_Namespace,DstK8S_Namespace)(rate(${SELECTOR}|json|unwrap Bytes|__error__=""[1m])))`;
    const res = await get(loki.url, '/loki/api/v1/query_range', { query, start: '1795425600', end: '1795425700', step: '60' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { resultType: string; result: unknown; stats: unknown } };
    const sample = sampleJson('03-query_range-matrix-topk.json');
    expect(body.data.resultType).toBe('matrix');
    expect(body.data.result).toEqual(sample.data.result);
    expect(Object.keys(body.data.stats as object).sort()).toEqual(Object.keys((sample.data as unknown as { stats: object }).stats).sort());
  });

  it('answers the instant query of sample 04 with the same vector', async () => {
    const res = await get(loki.url, '/loki/api/v1/query', { query: `sum by(SrcK8S_Namespace)(count_over_time(${SELECTOR}[10m]))`, time: '1795425637' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { resultType: string; result: unknown } };
    const sample = sampleJson('04-query-vector.json');
    expect([body.data.resultType, body.data.result]).toEqual([sample.data.resultType, sample.data.result]);
  });

  it('answers an unwrap of a non-number with the 400 text of sample 10', async () => {
    const query = `sum by(SrcK8S_Namespace)(sum_over_time(${SELECTOR}|json SrcK8S_Name|unwrap SrcK8S_Name[1m]))`;
    const res = await get(loki.url, '/loki/api/v1/query_range', { query, start: '1795425600', end: '1795425700', step: '60' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect((await res.text()).trim()).toBe(sampleText('10-error-unwrap-non-number.txt'));
  });

  it('checks step and range limits with Loki messages', async () => {
    const q = { query: `count_over_time(${SELECTOR}[1m])` };
    const cases: [Record<string, string>, number, string][] = [
      [{ start: '1795425600', end: '1795425700', step: '0' }, 400, 'zero or negative query resolution step widths are not accepted. Try a positive integer'],
      [{ start: '1795425600', end: '1795525700', step: '1' }, 400, 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)'],
      [{ start: '1700000000', end: '1702678400', step: '3600' }, 400, 'the query time range exceeds the limit (query length: 744h0m0s, limit: 30d1h)'],
    ];
    for (const [params, status, text] of cases) {
      const res = await get(loki.url, '/loki/api/v1/query_range', { ...q, ...params });
      expect([res.status, (await res.text()).trim()]).toEqual([status, text]);
    }
    const ok = await get(loki.url, '/loki/api/v1/query_range', { ...q, start: '1795425600', end: '1795425700', step: '1m' });
    expect(ok.status).toBe(200);
  });
});

describe('series and buildinfo', () => {
  it('lists the label sets matching any match[] in the range', async () => {
    const params = new URLSearchParams({ start: '1795425600', end: '1795425700' });
    params.append('match[]', '{SrcK8S_Namespace="openshift-dns"}');
    params.append('match[]', '{FlowDirection="0"}');
    const res = await fetch(`${loki.url}/loki/api/v1/series?${params}`);
    expect(await res.json()).toEqual({
      status: 'success',
      data: [
        { DstK8S_Namespace: 'iperf', FlowDirection: '0', SrcK8S_Namespace: 'iperf', app: 'netobserv-flowcollector' },
        { DstK8S_Namespace: 'iperf', FlowDirection: '1', SrcK8S_Namespace: 'openshift-dns', app: 'netobserv-flowcollector' },
      ],
    });
    const bad = await get(loki.url, '/loki/api/v1/series', { 'match[]': `${SELECTOR} |= "x"` });
    expect([bad.status, (await bad.text()).trim()]).toEqual([400, 'only label matchers are supported']);
  });

  it('reports a Loki 3.4 build', async () => {
    const body = (await (await get(loki.url, '/loki/api/v1/status/buildinfo')).json()) as { version: string };
    expect(body.version).toMatch(/^3\.4\./);
  });
});

describe('tenants', () => {
  const range = { query: SELECTOR, start: '1795425600', end: '1795425700' };
  const count = async (res: Response) => ((await res.json()) as { data: { result: unknown[] } }).data.result.length;

  it('serves the flows in the gateway tenant network only with a bearer token', async () => {
    const path = '/api/logs/v1/network/loki/api/v1/query_range';
    const denied = await get(loki.url, path, range);
    expect([denied.status, (await denied.text()).trim()]).toEqual([401, 'Unauthorized']);
    expect((await get(loki.url, path, range, { Authorization: 'Bearer ' })).status).toBe(401);
    expect(await count(await get(loki.url, path, range, { Authorization: 'Bearer sha256~token' }))).toBe(2);
    expect(await count(await get(loki.url, '/api/logs/v1/application/loki/api/v1/query_range', range, { Authorization: 'Bearer t' }))).toBe(0);
  });

  it('accepts only the configured gateway token when one is set', async () => {
    const strict = await started({ gatewayToken: 'good' });
    try {
      const path = '/api/logs/v1/network/loki/api/v1/labels';
      expect((await get(strict.url, path, {}, { Authorization: 'Bearer bad' })).status).toBe(401);
      expect((await get(strict.url, path, { start: '1795425600', end: '1795425700' }, { Authorization: 'Bearer good' })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('needs X-Scope-OrgID when requireOrgId is set, and keeps tenants apart', async () => {
    const multi = await startMockLoki({ port: 0, store: new LokiStore(), requireOrgId: true });
    try {
      const push = (org?: string) => fetch(`${multi.url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(org ? { 'X-Scope-OrgID': org } : {}) }, body: pushBody() });
      const noOrg = await push();
      expect([noOrg.status, (await noOrg.text()).trim()]).toEqual([401, 'no org id']);
      expect((await push('team-a')).status).toBe(204);
      expect(await count(await get(multi.url, '/loki/api/v1/query_range', range, { 'X-Scope-OrgID': 'team-a' }))).toBe(2);
      expect(await count(await get(multi.url, '/loki/api/v1/query_range', range, { 'X-Scope-OrgID': 'team-b' }))).toBe(0);
    } finally {
      await multi.close();
    }
  });

  it('ignores X-Scope-OrgID in plain mode', async () => {
    expect(await count(await get(loki.url, '/loki/api/v1/query_range', range, { 'X-Scope-OrgID': 'anyone' }))).toBe(2);
  });
});

describe('fault injection', () => {
  let faulty: MockLoki;
  beforeAll(async () => {
    faulty = await started({ faults: true });
  });
  afterAll(() => faulty.close());

  const setMode = (body: unknown) => fetch(`${faulty.url}/mock/faults`, { method: 'POST', body: JSON.stringify(body) });
  const query = () => get(faulty.url, '/loki/api/v1/query_range', { query: SELECTOR, start: '1795425600', end: '1795425700' });

  afterEach(async () => {
    await setMode({ mode: 'none' });
  });

  it('has no control endpoint unless enabled', async () => {
    expect((await fetch(`${loki.url}/mock/faults`, { method: 'POST', body: '{"mode":"down"}' })).status).toBe(404);
  });

  it('refuses a bad fault request', async () => {
    const res = await setMode({ mode: 'explode' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/fault mode must be one of none, down, slow, 429, 500, truncated/);
  });

  it('answers 429 and 500 like an overloaded or broken Loki', async () => {
    expect((await setMode({ mode: '429' })).status).toBe(200);
    const busy = await query();
    expect([busy.status, (await busy.text()).trim()]).toEqual([429, 'too many outstanding requests']);
    await setMode({ mode: '500' });
    expect((await query()).status).toBe(500);
  });

  it('drops connections when down', async () => {
    await setMode({ mode: 'down' });
    await expect(query()).rejects.toThrow();
  });

  it('delays answers when slow', async () => {
    await setMode({ mode: 'slow', delayMs: 300 });
    const t0 = Date.now();
    expect((await query()).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('cuts JSON answers in the middle when truncated', async () => {
    await setMode({ mode: 'truncated' });
    const received = await new Promise<{ declared: number; got: number; aborted: boolean }>((resolve) => {
      http.get(`${faulty.url}/loki/api/v1/query_range?${new URLSearchParams({ query: SELECTOR, start: '1795425600', end: '1795425700' })}`, (res) => {
        let got = 0;
        let aborted = false;
        res.on('data', (c: Buffer) => (got += c.length));
        res.on('aborted', () => (aborted = true));
        res.on('error', () => (aborted = true));
        res.on('close', () => resolve({ declared: Number(res.headers['content-length']), got, aborted }));
      });
    });
    expect(received.aborted).toBe(true);
    expect(received.got).toBeLessThan(received.declared);
    expect(received.got).toBeGreaterThan(0);
  });
});
