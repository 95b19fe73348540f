/**
 * The chunked store: ordering across sealed chunks (out-of-order writes, drops), and answers read from
 * the columns equal to the answers of a store that parses every line (no columns).
 */
import { generateCluster } from '../cluster';
import { generateFlows } from '../flows';
import { CHUNK_SIZE } from './chunk';
import { evaluateRange, type ResultStream } from './engine';
import { parseQuery, type MetricQuery } from './logql';
import { evaluateMetric, type MetricStats } from './metric';
import { LokiStore } from './store';

const SEC = 1_000_000_000n;
const T0 = 1_700_000_000n * SEC;

describe('chunked streams', () => {
  const count = CHUNK_SIZE * 3 + 5;

  function streamOf(store: LokiStore) {
    return store.candidates('app', 'x')[0];
  }

  it('keeps entries sorted and complete across sealed chunks, whatever the write order', () => {
    const store = new LokiStore();
    // Even seconds first, then odd ones: every odd write lands inside sealed chunks.
    const order = [...Array(count).keys()].sort((a, b) => (a % 2) - (b % 2) || a - b);
    for (const k of order) store.push({ app: 'x' }, [{ tsNs: T0 + BigInt(k) * SEC, line: `{"k":${k}}` }]);
    const s = streamOf(store);
    expect(s.size).toBe(count);
    for (let i = 0; i < count; i++) {
      expect(s.timestampAt(i)).toBe(T0 + BigInt(i) * SEC);
      expect(s.lineAt(i)).toBe(`{"k":${i}}`);
    }
    expect(store.packedBytes).toBeGreaterThan(0);
  });

  it('keeps one copy of an identical entry and push order for equal timestamps', () => {
    const store = new LokiStore();
    store.push({ app: 'x' }, [{ tsNs: T0, line: 'a' }, { tsNs: T0, line: 'b' }, { tsNs: T0, line: 'a' }]);
    const s = streamOf(store);
    expect([s.lineAt(0), s.lineAt(1), s.size]).toEqual(['a', 'b', 2]);
  });

  it('drops old entries inside and across chunks', () => {
    const store = new LokiStore();
    for (let k = 0; k < count; k++) store.push({ app: 'x' }, [{ tsNs: T0 + BigInt(k) * SEC, line: `line ${k}` }]);
    store.dropBefore(T0 + 10n * SEC);
    store.dropBefore(T0 + BigInt(CHUNK_SIZE + 3) * SEC);
    const s = streamOf(store);
    expect(s.size).toBe(count - CHUNK_SIZE - 3);
    expect(s.lineAt(0)).toBe(`line ${CHUNK_SIZE + 3}`);
    // An out-of-order write after drops lands in the right place.
    store.push({ app: 'x' }, [{ tsNs: T0 + BigInt(CHUNK_SIZE + 3) * SEC + 1n, line: 'late' }]);
    expect([s.lineAt(0), s.lineAt(1), s.lineAt(2)]).toEqual([`line ${CHUNK_SIZE + 3}`, 'late', `line ${CHUNK_SIZE + 4}`]);
    expect(store.entryCount).toBe(count - CHUNK_SIZE - 3 + 1);
  });
});

/** Metric queries the column scan (column-scan.ts) answers, at least for most of their entries. */
const columnScanQueries = [
  'sum by (Src_Ns) (sum_over_time({app="typed"} | json | unwrap Bytes | __error__="" [1m]))',
  'sum by (Src_Ns, team_extracted) (count_over_time({app="typed"} | json | Proto >= 6 and Src_Ns =~ "n[12]" | __error__="" [1m]))',
  'sum by (Proto) (bytes_over_time({app="typed"} | json | __error__ = "" | Src_Ns != "n0" or Proto == 17 | __error__ != "JSONParserErr" [1m]))',
  'max by (team, Src_Ns) (max_over_time({app="typed"} | json | team = "a" | unwrap Bytes | __error__="" [2m]))',
  'sum by (DstK8S_Namespace) (sum_over_time({app="netobserv-flowcollector"} | json | SrcK8S_Namespace = "openshift-dns" | unwrap Packets | __error__="" [1m]))',
  'topk(3, avg_over_time({app="netobserv-flowcollector"} | json | Proto = 17 | unwrap Bytes | __error__="" [2m]) by (SrcK8S_OwnerName))',
  'topk(10, sum by(SrcK8S_Namespace,DstK8S_Namespace) (rate({app="netobserv-flowcollector"} | json | unwrap Bytes | __error__="" [1m])))',
];

describe('columns answer like parsing every line', () => {
  const start = T0;
  const end = T0 + 600n * SEC;

  /** Awkward lines for the columns: renamed fields, nested names, duplicates, strings, non-JSON. */
  function awkwardLine(k: number): string {
    switch (k % 7) {
      case 0: return JSON.stringify({ Bytes: k, Src: { Ns: `n${k % 3}` }, Flag: k % 2 === 0 });
      case 1: return JSON.stringify({ Bytes: `${k}`, Src_Ns: 'flat', 'a-b': 'dash', a_b: 'under' });
      case 2: return `not json ${k}`;
      case 3: return JSON.stringify({ Bytes: k * 1.5, Bytes_extracted: 'literal', team: 'inner' });
      case 4: return JSON.stringify({ Bytes: 2 ** 40 + k, Src_Ns: null, arr: [1, 2] });
      case 5: return JSON.stringify({ Bytes: 'many', Flag: 'yes' });
      default: return JSON.stringify({ Bytes: -k, team: k % 2 ? 'a' : 'b' });
    }
  }

  /**
   * Lines the column scan answers, with its edge cases: missing unwrap values, empty texts, a chunk's worth
   * of text where numbers are expected, fields shadowed by stream labels (`team`, `Proto`).
   */
  function typedLine(k: number): string {
    const flow: Record<string, unknown> = { Proto: k % 3 === 0 ? 17 : 6, Src_Ns: k % 13 === 0 ? '' : `n${k % 4}`, team: 'inner', Packets: k % 7 };
    if (k % 9 !== 0) flow.Bytes = k * 3 + 0.5;
    if ((k >= 200 && k < 260) || k === 397) flow.Proto = 'tcp';
    return k === 333 ? `not json ${k}` : JSON.stringify(flow);
  }

  function load(columns?: string[]): LokiStore {
    const store = new LokiStore(columns ? { columns } : {});
    const cluster = generateCluster(7);
    for (const e of generateFlows(cluster, { seed: 7, startMs: Number(start / 1_000_000n), endMs: Number(end / 1_000_000n), flowsPerSecond: 20 })) {
      store.push(e.labels, [{ tsNs: BigInt(e.tsNs), line: e.line }]);
    }
    for (let k = 0; k < 400; k++) {
      store.push({ app: 'awkward', team: k % 5 === 0 ? 'outer' : 'x' }, [{ tsNs: start + BigInt(k) * SEC + 7n, line: awkwardLine(k) }]);
      store.push(k % 4 === 0 ? { app: 'typed', Proto: '6' } : { app: 'typed', team: k % 3 ? 'a' : 'b' }, [{ tsNs: start + BigInt(k) * SEC + 9n, line: typedLine(k) }]);
    }
    return store;
  }

  const withColumns = load(['Bytes', 'Packets', 'Src_Ns', 'a_b', 'Flag', 'team', 'SrcK8S_Namespace', 'DstK8S_Namespace', 'SrcK8S_OwnerName', 'Proto', 'K8S_FlowLayer']);
  const defaults = load();
  const parsing = load([]);

  function answer(store: LokiStore, query: string): unknown {
    try {
      const r = evaluateRange(store, query, { startNs: start, endNs: end, stepNs: 60n * SEC, limit: 1000, direction: 'backward' });
      return r.result;
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  }

  it.each([
    'topk(10, sum by(SrcK8S_Namespace,DstK8S_Namespace) (rate({app="netobserv-flowcollector"} | json | unwrap Bytes | __error__="" [1m])))',
    'sum by (SrcK8S_OwnerName) (count_over_time({app="netobserv-flowcollector"} | json | Proto = 6 [1m]))',
    'sum by (DstK8S_Namespace_extracted, K8S_FlowLayer) (bytes_over_time({app="netobserv-flowcollector"} | json [2m]))',
    'sum by (SrcAddr) (rate({app="netobserv-flowcollector", SrcK8S_Namespace="openshift-dns"} | json [1m]))',
    'sum by (Src_Ns, a_b) (count_over_time({app="awkward"} | json [1m]))',
    'sum by (Bytes_extracted, team_extracted, team) (count_over_time({app="awkward"} | json [1m]))',
    'max by (Flag) (max_over_time({app="awkward"} | json | unwrap Bytes | __error__="" [1m]))',
    'sum by (Flag) (sum_over_time({app="awkward"} | json | unwrap Bytes [1m]))',
    'sum by (Src_Ns) (count_over_time({app="awkward"} | json | Bytes > 100 [1m]))',
    ...columnScanQueries,
    // Shadowed by a stream label: the numeric filter reads the label, on the general path.
    'sum by (SrcK8S_Namespace) (rate({app="netobserv-flowcollector"} | json | FlowDirection = 1 | unwrap Bytes | __error__="" [1m]))',
    // A missing value without __error__="" is an error series, built by the general path.
    'sum by (Src_Ns) (rate({app="typed"} | json | Proto = 6 | unwrap Bytes [1m]))',
    'sum by (Src_Ns) (rate({app="typed"} | json | unwrap Packets | __error__="" [1m]))',
  ])('%s', (query) => {
    const expected = answer(parsing, query);
    expect(answer(withColumns, query)).toEqual(expected);
    expect(answer(defaults, query)).toEqual(expected);
  });

  it.each(columnScanQueries)('the column scan answers %s', (query) => {
    const fromColumns = (store: LokiStore) => {
      const stats: MetricStats = { linesProcessed: 0, bytesProcessed: 0, postFilterLines: 0 };
      evaluateMetric(store, parseQuery(query) as MetricQuery, { startNs: start, endNs: end, stepNs: 60n * SEC, maxSeries: 1000 }, stats);
      return { share: (stats.entriesFromColumns ?? 0) / stats.linesProcessed, stats: { ...stats, entriesFromColumns: undefined } };
    };
    const scanned = fromColumns(withColumns);
    const parsed = fromColumns(parsing);
    // Entries of sealed chunks come from the columns (head chunks and unparsable lines do not), with Loki's stats unchanged.
    expect(scanned.share).toBeGreaterThan(0);
    expect(parsed.share).toBe(0);
    expect(scanned.stats).toEqual(parsed.stats);
  });

  it('log queries return the same lines', () => {
    const query = '{app="awkward"} | json | Src_Ns="n1" or Bytes_extracted="literal"';
    const lines = (store: LokiStore) => (evaluateRange(store, query, { startNs: start, endNs: end, limit: 1000, direction: 'forward' }).result as ResultStream[]);
    expect(lines(withColumns)).toEqual(lines(parsing));
    expect(lines(withColumns).length).toBeGreaterThan(0);
  });
});
