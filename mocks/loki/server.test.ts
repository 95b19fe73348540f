import { readFileSync } from 'node:fs';
import { startMockLoki, type MockLoki } from './server';
import { LokiStore } from './store';

const SAMPLES = '/work/shared/loki-samples';
const sampleJson = (name: string) => JSON.parse(readFileSync(`${SAMPLES}/${name}`, 'utf8'));
/** Sample text files start with a `# request -> status` comment line. */
const sampleText = (name: string) => readFileSync(`${SAMPLES}/${name}`, 'utf8').split('\n').filter((l) => !l.startsWith('#') && l !== '').join('\n');
const pushBody = () => readFileSync(`${SAMPLES}/00-push.txt`, 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('\n');

/** The nested key structure of a JSON value (values ignored), to compare answer shapes. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length > 0 ? [shape(v[0])] : [];
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])]));
  return typeof v;
}

interface StreamsAnswer {
  status: string;
  data: { resultType: string; result: { stream: Record<string, string>; values: [string, string][] }[]; stats: { summary: { totalEntriesReturned: number } } };
}
const streams = async (res: Response | Promise<Response>) => (await (await res).json()) as StreamsAnswer;
const list = async (res: Response | Promise<Response>) => (await (await res).json()) as { status: string; data: string[] };

const RANGE = { start: '1795425600', end: '1795425700' };

let loki: MockLoki;

beforeAll(async () => {
  loki = await startMockLoki({ port: 0, store: new LokiStore() });
  const res = await fetch(`${loki.url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: pushBody() });
  expect(res.status).toBe(204);
});

afterAll(() => loki.close());

const get = (path: string, params: Record<string, string> = {}) => fetch(`${loki.url}${path}?${new URLSearchParams(params)}`);

describe('mock Loki HTTP API', () => {
  it('answers /ready', async () => {
    const res = await get('/ready');
    expect(res.status).toBe(200);
    expect((await res.text()).trim()).toBe('ready');
  });

  it('answers a json + label filter query like Loki (sample 01)', async () => {
    const res = await get('/loki/api/v1/query_range', { query: '{app="netobserv-flowcollector"} | json | Bytes > 100', ...RANGE });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await streams(res);
    const sample = sampleJson('01-query_range-streams-json.json');
    expect(body.status).toBe('success');
    expect(body.data.resultType).toBe('streams');
    expect(body.data.result).toEqual(sample.data.result);
    expect(Object.keys(body.data.result[0].stream)).toEqual(Object.keys(body.data.result[0].stream).sort());
    expect(shape(body.data.stats)).toEqual(shape(sample.data.stats));
    expect(body.data.stats.summary.totalEntriesReturned).toBe(2);
  });

  it('applies limit and forward direction across streams (sample 02), also over POST form', async () => {
    const form = new URLSearchParams({ query: '{app="netobserv-flowcollector",SrcK8S_Namespace="iperf"}', limit: '1', direction: 'forward', ...RANGE });
    const res = await fetch(`${loki.url}/loki/api/v1/query_range`, { method: 'POST', body: form });
    const body = await streams(res);
    expect(body.data.result).toEqual(sampleJson('02-query_range-streams-limit1-forward.json').data.result);
  });

  it('lists labels and label values (samples 05 and 06)', async () => {
    expect(await (await get('/loki/api/v1/labels', RANGE)).json()).toEqual(sampleJson('05-labels.json'));
    expect(await (await get('/loki/api/v1/label/SrcK8S_Namespace/values', RANGE)).json()).toEqual(sampleJson('06-label-values.json'));
    const narrowed = await list(get('/loki/api/v1/label/DstK8S_Namespace/values', { ...RANGE, query: '{SrcK8S_Namespace="openshift-dns"}' }));
    expect(narrowed.data).toEqual(['iperf']);
    const outside = await list(get('/loki/api/v1/labels', { start: '1700000000', end: '1700000100' }));
    expect(outside).toEqual({ status: 'success', data: [] });
  });

  it('answers parse errors as Loki does (samples 07 and 09)', async () => {
    const res = await get('/loki/api/v1/query_range', { query: '{app="netobserv-flowcollector"', ...RANGE });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect((await res.text()).trim()).toBe(sampleText('07-error-parse.txt'));
    const incomplete = await get('/loki/api/v1/query_range', { query: '{app="netobserv-flowcollector"}|json|Bytes>', ...RANGE });
    expect(incomplete.status).toBe(400);
    expect((await incomplete.text()).trim()).toBe(sampleText('09-error-label-filter.txt'));
  });

  it('refuses a limit above max_entries_limit_per_query (sample 08)', async () => {
    const res = await get('/loki/api/v1/query_range', { query: '{app="netobserv-flowcollector"}', limit: '6000', ...RANGE });
    expect(res.status).toBe(400);
    expect((await res.text()).trim()).toBe(sampleText('08-error-max-entries.txt'));
  });

  it('says clearly what the mock does not support, and rejects bad parameters', async () => {
    const logfmt = await get('/loki/api/v1/query_range', { query: '{app="netobserv-flowcollector"} | logfmt', ...RANGE });
    expect(logfmt.status).toBe(400);
    expect(await logfmt.text()).toMatch(/logfmt parser is not supported by the mock Loki/);
    const badStart = await get('/loki/api/v1/query_range', { query: '{app="x"}', start: 'yesterday' });
    expect(badStart.status).toBe(400);
    const badDirection = await get('/loki/api/v1/query_range', { query: '{app="x"}', direction: 'sideways' });
    expect(badDirection.status).toBe(400);
    const emptyMatcher = await get('/loki/api/v1/query_range', { query: '{app=~".*"}', ...RANGE });
    expect(emptyMatcher.status).toBe(400);
    expect(await emptyMatcher.text()).toMatch(/at least one regexp or equality matcher/);
  });

  it('accepts RFC3339, seconds and nanosecond times', async () => {
    const rfc = await streams(get('/loki/api/v1/query_range', { query: '{app="netobserv-flowcollector"}', start: '2026-11-23T09:20:00Z', end: '2026-11-23T09:21:40.5Z' }));
    const ns = await streams(get('/loki/api/v1/query_range', { query: '{app="netobserv-flowcollector"}', start: '1795425600000000000', end: '1795425700000000000' }));
    expect(rfc.data.result).toEqual(ns.data.result);
    expect(ns.data.result.flatMap((s) => s.values)).toHaveLength(3);
    const seconds = await streams(get('/loki/api/v1/query_range', { query: '{app="netobserv-flowcollector"}', start: '1795425600.0', end: '1795425700' }));
    expect(seconds.data.result).toEqual(ns.data.result);
  });

  it('rejects malformed pushes and unknown paths', async () => {
    const bad = await fetch(`${loki.url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"streams":[{"stream":{"app":"x"},"values":[[1,"line"]]}]}' });
    expect(bad.status).toBe(400);
    const notJson = await fetch(`${loki.url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    expect((await get('/nope')).status).toBe(404);
  });
});
