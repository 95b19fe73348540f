/**
 * LogQL conformance of the mock Loki on small hand-made data: every expected answer below is worked
 * out by hand from the data set, not by running the engine.
 */
import { defaultStepNs, evaluateInstant, evaluateRange, type Direction, type ResultStream } from './engine';
import { LokiError } from './errors';
import type { SeriesPoints } from './metric';
import { LokiStore } from './store';

const T = 1_700_000_040; // seconds; T + 20 is a multiple of 60
const SEC = 1_000_000_000n;
const ns = (s: number) => BigInt(s) * SEC;

/**
 * stream {app="f", ns="a"}: T+10 B=100 P=x | T+70 B=200 P=y | T+130 B="oops"
 * stream {app="f", ns="b"}: T+20 B=10 P=x  | T+80 B=300 P=x
 * stream {app="g", ns="a"}: T+30 `plain text line` (15 bytes, not JSON)
 */
function dataSet(): LokiStore {
  const s = new LokiStore();
  s.push({ app: 'f', ns: 'a' }, [
    { tsNs: ns(T + 10), line: '{"B":100,"P":"x","ip":"10.0.0.1","obj":{"k":"v","Bad-Key":1},"arr":[1],"ns":"inner"}' },
    { tsNs: ns(T + 70), line: '{"B":200,"P":"y","ip":"10.0.1.1"}' },
    { tsNs: ns(T + 130), line: '{"B":"oops","P":"x"}' },
  ]);
  s.push({ app: 'f', ns: 'b' }, [
    { tsNs: ns(T + 20), line: '{"B":10,"P":"x","ip":"192.168.1.5"}' },
    { tsNs: ns(T + 80), line: '{"B":300,"P":"x","ip":"fd00::1"}' },
  ]);
  s.push({ app: 'g', ns: 'a' }, [{ tsNs: ns(T + 30), line: 'plain text line' }]);
  return s;
}

const store = dataSet();

function logs(query: string, opts: { limit?: number; direction?: Direction } = {}): ResultStream[] {
  return evaluateRange(store, query, { startNs: ns(T), endNs: ns(T + 200), limit: opts.limit ?? 100, direction: opts.direction ?? 'backward' }).result as ResultStream[];
}

/** Entry times (seconds after T) of a log answer, stream by stream. */
const times = (r: ResultStream[]) => r.flatMap((s) => s.values.map(([ts]) => Number(BigInt(ts) / SEC) - T));

function matrix(query: string, start = T + 20, end = T + 140, step = 60, maxSeries?: number): SeriesPoints[] {
  return evaluateRange(store, query, { startNs: ns(start), endNs: ns(end), limit: 100, direction: 'backward', stepNs: ns(step), maxSeries }).result as SeriesPoints[];
}

/** A matrix as `{labels}: t=v ...` lines with t in seconds after T, easy to write by hand. */
function show(series: SeriesPoints[]): string[] {
  return series.map((s) => `${JSON.stringify(s.metric)}: ${s.values.map(([t, v]) => `${t - T}=${v}`).join(' ')}`);
}

function errorOf(fn: () => unknown): LokiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LokiError) return e;
    throw e;
  }
  throw new Error('expected a LokiError');
}

describe('log queries', () => {
  it.each([
    ['{app="f"}', [80, 20, 130, 70, 10]],
    ['{app="f", ns="b"}', [80, 20]],
    ['{app=~"f|g", ns="a"}', [30, 130, 70, 10]],
    ['{app!="g", ns=~".+"}', [80, 20, 130, 70, 10]],
    ['{ns="a", app!~"f"}', [30]],
    ['{app="f"} |= "\\"P\\":\\"x\\""', [80, 20, 130, 10]],
    ['{app="f"} != "oops"', [80, 20, 70, 10]],
    ['{app=~".+"} |~ "^plain"', [30]],
    ['{app=~".+"} !~ "B"', [30]],
    ['{app="f"} |= "P" != "y" |~ "1\\\\d"', [20]],
  ])('%s', (query, expected) => {
    expect(times(logs(query))).toEqual(expected);
  });

  it('flattens json: nested objects with _, arrays skipped, bad characters to _, clashes get _extracted', () => {
    const [first] = logs('{app="f", ns="a"} | json | ip = "10.0.0.1"');
    expect(first.stream).toEqual({ B: '100', P: 'x', app: 'f', ip: '10.0.0.1', ns: 'a', ns_extracted: 'inner', obj_Bad_Key: '1', obj_k: 'v' });
  });

  it('extracts named json fields only', () => {
    expect(logs('{app="f", ns="b"} | json bytes="B", p="P"')[0].stream).toEqual({ app: 'f', ns: 'b', bytes: '300', p: 'x' });
  });

  // Loki's JSON expression parser: array indexes and nested keys in the path; an object comes out as
  // its JSON text; a path the line lacks (or null) gives an empty label (Loki sets "" for every
  // expression it did not find), which label filters read as "".
  it('extracts array elements and nested values by path, missing ones empty', () => {
    const [only] = logs('{app="f", ns="a"} | json first="arr[0]", second="arr[1]", o="obj", k="obj.k" | first!=""');
    expect(only.stream).toEqual({ app: 'f', ns: 'a', first: '1', o: '{"k":"v","Bad-Key":1}', k: 'v' });
    expect(times(logs('{app="f"} | json second="arr[1]" | second=""'))).toEqual([80, 20, 130, 70, 10]);
    expect(times(logs('{app="f"} | json k="obj.k" | k=~"v|"'))).toEqual([80, 20, 130, 70, 10]);
  });

  it('reads a field of an array element (Loki\'s "multi-level array access")', () => {
    const events = new LokiStore();
    events.push({ app: 'e' }, [{ tsNs: ns(T + 10), line: '{"E":[{"T":"a","N":null},{"T":"b\\"q"}]}' }]);
    const [only] = evaluateRange(events, '{app="e"} | json t0="E[0].T", t1="E[1].T", t2="E[2].T", n="E[0].N" | t2="" | n=""', { startNs: ns(T), endNs: ns(T + 20), limit: 10, direction: 'backward' }).result as ResultStream[];
    expect(only.stream).toEqual({ app: 'e', t0: 'a', t1: 'b"q' });
  });

  it.each([
    ['{app="f"} | json | B > 100', [130, 80, 70]],
    ['{app="f"} | json | B >= 100 and P = "x"', [130, 80, 10]],
    ['{app="f"} | json | B < 50 or B == 300', [130, 80, 20]],
    ['{app="f"} | json | (P="y" or B=10), ns="a"', [130, 70]],
    ['{app="f"} | json | B != 100 | P =~ "x|y"', [130, 80, 70, 20]],
    ['{app="f"} | json | ip = ip("10.0.0.0/16")', [70, 10]],
    ['{app="f"} | json | ip != ip("10.0.0.0/8")', [80, 20]],
    ['{app="f"} | json | ip = ip("fd00::/64")', [80]],
    ['{app="f"} | json | ip = ip("192.168.1.1-192.168.1.9")', [20]],
  ])('label filter %s', (query, expected) => {
    expect(times(logs(query))).toEqual(expected);
  });

  it('marks a numeric filter on a non-number with LabelFilterErr and keeps the entry', () => {
    const r = logs('{app="f", ns="a"} | json | B > 150');
    expect(times(r)).toEqual([130, 70]);
    expect(r.find((s) => s.stream.B === 'oops')?.stream.__error__).toBe('LabelFilterErr');
  });

  it.each([
    ['{app=~".+"} | json | __error__ = ""', [130, 80, 70, 10, 20]],
    ['{app=~".+"} | json | __error__ = "JSONParserErr"', [30]],
    ['{app=~".+"} | json | __error__ != ""', [30]],
  ])('error label %s', (query, expected) => {
    expect(times(logs(query))).toEqual(expected);
  });

  it.each([
    [2, 'backward' as Direction, [80, 130]],
    [3, 'backward' as Direction, [80, 130, 70]],
    [2, 'forward' as Direction, [10, 20]],
    [4, 'forward' as Direction, [10, 70, 20, 80]],
  ])('limit %i %s applies across streams', (limit, direction, expected) => {
    expect(times(logs('{app="f"}', { limit, direction }))).toEqual(expected);
  });

  it('orders streams by labels, descending when backward', () => {
    expect(logs('{app="f"}').map((s) => s.stream.ns)).toEqual(['b', 'a']);
    expect(logs('{app="f"}', { direction: 'forward' }).map((s) => s.stream.ns)).toEqual(['a', 'b']);
  });
});

describe('metric queries', () => {
  const unwrapB = '{app="f"} | json | unwrap B | __error__=""';

  it.each([
    ['count_over_time({app="f"}[1m])', ['{"app":"f","ns":"a"}: 20=1 80=1 140=1', '{"app":"f","ns":"b"}: 20=1 80=1']],
    ['sum(count_over_time({app="f"}[1m]))', ['{}: 20=2 80=2 140=1']],
    ['rate({app="f", ns="b"}[1m])', ['{"app":"f","ns":"b"}: 20=0.016666666666666666 80=0.016666666666666666']],
    ['bytes_over_time({app="g"}[1m])', ['{"app":"g","ns":"a"}: 80=15']],
    ['bytes_rate({app="g"}[1m])', ['{"app":"g","ns":"a"}: 80=0.25']],
    [`sum by (ns) (sum_over_time(${unwrapB} [1m]))`, ['{"ns":"a"}: 20=100 80=200', '{"ns":"b"}: 20=10 80=300']],
    [`sum without (ns) (sum_over_time(${unwrapB} [1m]))`, ['{"P":"x","app":"f","ip":"10.0.0.1","ns_extracted":"inner","obj_Bad_Key":"1","obj_k":"v"}: 20=100', '{"P":"x","app":"f","ip":"192.168.1.5"}: 20=10', '{"P":"x","app":"f","ip":"fd00::1"}: 80=300', '{"P":"y","app":"f","ip":"10.0.1.1"}: 80=200']],
    [`sum by (app) (sum_over_time(${unwrapB} [1m]))`, ['{"app":"f"}: 20=110 80=500']],
    [`avg by (app) (sum_over_time(${unwrapB} [1m]))`, ['{"app":"f"}: 20=55 80=250']],
    [`max by (app) (sum_over_time(${unwrapB} [1m]))`, ['{"app":"f"}: 20=100 80=300']],
    [`min by (app) (sum_over_time(${unwrapB} [1m]))`, ['{"app":"f"}: 20=10 80=200']],
    [`count by (app) (sum_over_time(${unwrapB} [1m]))`, ['{"app":"f"}: 20=2 80=2']],
    [`topk(1, sum by (ns) (sum_over_time(${unwrapB} [1m])))`, ['{"ns":"a"}: 20=100', '{"ns":"b"}: 80=300']],
    [`bottomk(1, sum by (ns) (sum_over_time(${unwrapB} [1m])))`, ['{"ns":"a"}: 80=200', '{"ns":"b"}: 20=10']],
    [`topk(5, sum by (ns) (sum_over_time(${unwrapB} [1m])))`, ['{"ns":"a"}: 20=100 80=200', '{"ns":"b"}: 20=10 80=300']],
    [`sum by (ns) (rate(${unwrapB} [1m]))`, ['{"ns":"a"}: 20=1.6666666666666667 80=3.3333333333333335', '{"ns":"b"}: 20=0.16666666666666666 80=5']],
    // Each entry is its own leaf series (P and ip differ), so the vector max sees one value per entry.
    [`max by (ns) (avg_over_time(${unwrapB} [2m]))`, ['{"ns":"a"}: 20=100 80=200 140=200', '{"ns":"b"}: 20=10 80=300 140=300']],
    // Grouping inside the range aggregation merges entries before the window function.
    [`avg_over_time(${unwrapB} [2m]) by (ns)`, ['{"ns":"a"}: 20=100 80=150 140=200', '{"ns":"b"}: 20=10 80=155 140=300']],
    [`max_over_time(${unwrapB} [2m]) by (ns)`, ['{"ns":"a"}: 20=100 80=200 140=200', '{"ns":"b"}: 20=10 80=300 140=300']],
    [`min_over_time(${unwrapB} [2m]) by (ns)`, ['{"ns":"a"}: 20=100 80=100 140=200', '{"ns":"b"}: 20=10 80=10 140=300']],
    [`quantile_over_time(0.9, ${unwrapB} [2m]) by (ns)`, ['{"ns":"a"}: 20=100 80=190 140=200', '{"ns":"b"}: 20=10 80=271 140=300']],
    ['sum(count_over_time({app="f"}[1m] offset 1m))', ['{}: 80=2 140=2']],
    ['sum(count_over_time({app="f"} | json | P="x" [3m]))', ['{}: 20=2 80=3 140=4']],
    // The entries without obj.k have an empty k, which the filter leaves out.
    ['sum by (k) (count_over_time({app="f"} | json k="obj.k" | k!="" [3m]))', ['{"k":"v"}: 20=1 80=1 140=1']],
  ])('%s', (query, expected) => {
    expect(show(matrix(query))).toEqual(expected);
  });

  it('evaluates steps from start on the step grid, each over (t - range, t]', () => {
    expect(show(matrix('sum(count_over_time({app="f"}[1m]))', T + 30, T + 150, 60))).toEqual(['{}: 30=2 90=2 150=1']);
    expect(show(matrix('sum(count_over_time({app="f"}[1m]))', T + 10, T + 10, 60))).toEqual(['{}: 10=1']);
  });

  it('uses Loki default step max(1s, range/250)', () => {
    expect(defaultStepNs(0n, ns(3600))).toBe(ns(14));
    expect(defaultStepNs(0n, ns(100))).toBe(ns(1));
    expect(defaultStepNs(0n, ns(86400))).toBe(ns(345));
  });

  it('answers an instant query with a vector at the given time', () => {
    const v = evaluateInstant(store, 'sum by (ns) (count_over_time({app=~"f|g"}[5m]))', ns(T + 180)).result;
    expect(v).toEqual([{ metric: { ns: 'a' }, value: [T + 180, '4'] }, { metric: { ns: 'b' }, value: [T + 180, '2'] }]);
    expect(evaluateInstant(store, 'count_over_time({app="f"}[1m])', ns(T + 300)).result).toEqual([]);
  });

  it('refuses an unwrap of a non-number without an __error__ filter, naming the series (Loki\'s text)', () => {
    const e = errorOf(() => matrix('sum by (ns) (sum_over_time({app="f"} | json | unwrap B [1m]))'));
    expect(e.status).toBe(400);
    expect(e.message).toBe(`pipeline error: 'SampleExtractionErr' for series: '{B="oops", P="x", __error__="SampleExtractionErr", __error_details__="strconv.ParseFloat: parsing \\"oops\\": invalid syntax", app="f", ns="a"}'.
Use a label filter to intentionally skip this error. (e.g | __error__!="SampleExtractionErr").
To skip all potential errors you can match empty errors.(e.g __error__="")
The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__="" )`);
  });

  it('reports a json parse error in a metric query the same way', () => {
    expect(errorOf(() => matrix('count_over_time({app="g"} | json [1m])')).message).toMatch(/^pipeline error: 'JSONParserErr' for series: '\{__error__="JSONParserErr", __error_details__=".*", app="g", ns="a"\}'/);
  });

  it('stops at the series limit with Loki\'s message', () => {
    expect(errorOf(() => matrix('count_over_time({app="f"}[1m])', T + 20, T + 140, 60, 1)).message).toBe('maximum of series (1) reached for a single query');
    expect(matrix('sum(count_over_time({app="f"}[1m]))', T + 20, T + 140, 60, 1)).toHaveLength(1);
  });

  it.each([
    ['count_over_time({app="f"} | json | unwrap B [1m])', 'parse error : invalid aggregation count_over_time with unwrap'],
    ['sum_over_time({app="f"} | json [1m])', 'parse error : invalid aggregation sum_over_time without unwrap'],
    ['count_over_time({app="f"}[1m]) by (ns)', 'parse error : grouping not allowed for count_over_time aggregation'],
    ['sum_over_time({app="f"} | json | unwrap B [1m]) by (ns)', 'parse error : grouping not allowed for sum_over_time aggregation'],
    ['topk(0, count_over_time({app="f"}[1m]))', 'parse error : invalid parameter topk(0,: must be greater than 0'],
    ['count_over_time({app=~".*"}[1m])', 'queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will'],
  ])('refuses %s', (query, message) => {
    const e = errorOf(() => matrix(query));
    expect([e.status, e.message]).toEqual([400, message]);
  });

  it('refuses a log query as an instant query', () => {
    expect(errorOf(() => evaluateInstant(store, '{app="f"}', ns(T))).message).toBe('log queries are not supported as an instant query type, please change your query to a range query type');
  });
});

describe('bad queries', () => {
  it.each([
    ['{app="f"', 'parse error at line 1, col 9: syntax error: unexpected $end, expecting } or ,'],
    ['{app="f"} | json | B >', 'parse error at line 1, col 23: syntax error: unexpected $end'],
    ['', 'parse error : syntax error: unexpected $end'],
  ])('%j', (query, message) => {
    expect(errorOf(() => logs(query)).message).toBe(message);
  });

  const valid = [
    '{app="f", ns=~"a|b"} |= "x" != "y" | json | B > 10 and P = "x" or ip = ip("10.0.0.0/8")',
    'topk(10, sum by (ns, app) (rate({app="f"} | json | unwrap B | __error__="" [1m])))',
    'sum without (ns) (quantile_over_time(0.99, {app="f"} | json x="obj.k" | unwrap duration(B) [5m] offset 1m))',
    'bottomk(2, avg(bytes_rate({app=~"f|g"} |~ "plain" [30s])) by (app))',
  ];

  it('answers every truncated prefix of valid queries with a result or a 400, never a crash or a hang', () => {
    let errors = 0;
    for (const query of valid) {
      for (let n = 0; n <= query.length; n++) {
        const prefix = query.slice(0, n);
        try {
          const started = Date.now();
          matrix(prefix);
          expect(Date.now() - started).toBeLessThan(1000);
        } catch (e) {
          expect(e).toBeInstanceOf(LokiError);
          expect((e as LokiError).status).toBe(400);
          expect((e as LokiError).message).not.toBe('');
          errors++;
        }
      }
    }
    expect(errors).toBeGreaterThan(100);
  });
});
