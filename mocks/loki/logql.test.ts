import { evaluateRange, type Direction, type ResultStream } from './engine';
import { LokiError } from './errors';
import { ipMatcher } from './ip';
import { parseQuery, unquote } from './logql';
import { LokiStore } from './store';

const T0 = 1_700_000_000_000_000_000n;
const SEC = 1_000_000_000n;

/** Three streams, entries one second apart, interleaved in time. */
function makeStore(): LokiStore {
  const store = new LokiStore();
  store.push({ app: 'flows', ns: 'iperf', dir: '0' }, [
    { tsNs: T0 + 1n * SEC, line: '{"Bytes":1200,"DstPort":5201,"SrcAddr":"10.128.0.12","Proto":6,"Nested":{"x":1,"deep":{"y":"z"}},"Arr":[1,2],"Bad-Key":"b","ns":"inner","Nul":null,"Ok":true}' },
    { tsNs: T0 + 4n * SEC, line: '{"Bytes":300,"DstPort":443,"SrcAddr":"10.129.3.4","Proto":6}' },
  ]);
  store.push({ app: 'flows', ns: 'shop', dir: '1' }, [
    { tsNs: T0 + 2n * SEC, line: '{"Bytes":50,"DstPort":53,"SrcAddr":"172.30.0.10","Proto":17,"Name":"dns \\"quoted\\""}' },
    { tsNs: T0 + 5n * SEC, line: '{"Bytes":"lots","DstPort":8080,"SrcAddr":"fd00::5","Proto":6}' },
  ]);
  store.push({ app: 'other', ns: 'shop' }, [{ tsNs: T0 + 3n * SEC, line: 'not json at all' }]);
  return store;
}

const store = makeStore();

function run(query: string, opts: { limit?: number; direction?: Direction } = {}): ResultStream[] {
  return evaluateRange(store, query, { startNs: T0, endNs: T0 + 10n * SEC, limit: opts.limit ?? 100, direction: opts.direction ?? 'backward' }).result as ResultStream[];
}

/** Timestamps (seconds after T0) of every returned entry, stream by stream. */
const seconds = (result: ResultStream[]) => result.flatMap((s) => s.values.map(([ts]) => Number((BigInt(ts) - T0) / SEC)));

function errorOf(fn: () => unknown): LokiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LokiError) return e;
    throw e;
  }
  throw new Error('expected a LokiError');
}

describe('stream selectors', () => {
  it('supports =, !=, =~ and !~ with fully anchored regexes', () => {
    expect(seconds(run('{app="flows"}')).sort()).toEqual([1, 2, 4, 5]);
    expect(seconds(run('{app="flows", ns!="iperf"}')).sort()).toEqual([2, 5]);
    expect(seconds(run('{app=~"flo"}'))).toEqual([]);
    expect(seconds(run('{app=~"flo.*"}')).sort()).toEqual([1, 2, 4, 5]);
    expect(seconds(run('{ns=~"shop|iperf", app!~"fl.*"}'))).toEqual([3]);
    expect(seconds(run('{app="flows", dir=""}'))).toEqual([]);
    expect(seconds(run('{ns="shop", dir=""}'))).toEqual([3]);
  });

  it('refuses selectors that match everything', () => {
    expect(errorOf(() => run('{app=~".*"}')).message).toMatch(/at least one regexp or equality matcher/);
    expect(errorOf(() => run('{app!="x"}')).status).toBe(400);
  });
});

describe('line filters', () => {
  it('chains contains, not-contains and regexes, with both quote styles and escapes', () => {
    expect(seconds(run('{app="flows"} |= "DstPort"')).sort()).toEqual([1, 2, 4, 5]);
    expect(seconds(run('{app="flows"} |= "Proto\\":6" != `443`')).sort()).toEqual([1, 5]);
    expect(seconds(run('{app="flows"} |~ `"Bytes":\\d{3},`'))).toEqual([4]);
    expect(seconds(run('{app="flows"} !~ "(?i)BYTES\\":\\\\d"'))).toEqual([5]);
    expect(seconds(run('{app="flows"} |= "dns \\\\\\"quoted"'))).toEqual([2]);
  });

  it('unquotes Go strings', () => {
    expect(unquote('"a\\tb\\n\\"c\\" \\x41\\u00e9\\101"')).toBe('a\tb\n"c" AéA');
    expect(unquote('`raw \\n`')).toBe('raw \\n');
    expect(() => unquote('"bad \\q"')).toThrow(LokiError);
  });
});

describe('| json', () => {
  it('flattens like Loki: numbers as strings, nested with _, arrays and nulls skipped, names sanitised, clashes _extracted', () => {
    const [stream] = run('{app="flows", ns="iperf"} | json | Bytes = 1200');
    expect(stream.stream).toEqual({
      app: 'flows', ns: 'iperf', dir: '0',
      Bytes: '1200', DstPort: '5201', SrcAddr: '10.128.0.12', Proto: '6', Nested_x: '1', Nested_deep_y: 'z', Bad_Key: 'b', ns_extracted: 'inner', Ok: 'true',
    });
    expect(Object.keys(stream.stream)).toEqual(Object.keys(stream.stream).sort());
  });

  it('extracts selected fields with parameters', () => {
    const [stream] = run('{app="flows", ns="iperf"} | json port="DstPort", y="Nested.deep.y", first="Arr[0]", Proto | Bytes > 0');
    expect(stream).toBeUndefined();
    const [withPort] = run('{app="flows", ns="iperf"} | json port="DstPort", y="Nested.deep.y", first="Arr[0]", Proto | port = 5201');
    expect(withPort.stream).toEqual({ app: 'flows', ns: 'iperf', dir: '0', port: '5201', y: 'z', first: '1', Proto: '6' });
  });

  it('marks lines that are not JSON with __error__, which __error__="" filters out', () => {
    const result = run('{ns="shop"} | json');
    const broken = result.find((s) => s.stream.app === 'other')!;
    expect(broken.stream.__error__).toBe('JSONParserErr');
    expect(broken.stream.__error_details__).toBeDefined();
    expect(seconds(run('{ns="shop"} | json | __error__=""'))).toEqual([5, 2]);
  });

  it('groups entries by their full label set: one stream per distinct extracted labels', () => {
    expect(run('{app="flows"} | json')).toHaveLength(4);
  });
});

describe('label filters', () => {
  it('compares numbers, and marks non-numbers with LabelFilterErr like Loki', () => {
    expect(seconds(run('{app="flows"} | json | Bytes > 100 | __error__=""'))).toEqual([4, 1]);
    expect(seconds(run('{app="flows"} | json | Bytes >= 300 and Bytes <= 300'))).toEqual([5, 4]);
    const withError = run('{app="flows"} | json | Bytes < 100');
    const errored = withError.find((s) => s.stream.__error__ === 'LabelFilterErr')!;
    expect(errored.stream.__error_details__).toBe('strconv.ParseFloat: parsing "lots": invalid syntax');
    expect(seconds(withError).sort()).toEqual([2, 5]);
    expect(seconds(run('{app="flows"} | json | DstPort == 443'))).toEqual([4]);
    expect(seconds(run('{app="flows"} | json | DstPort != 443')).sort()).toEqual([1, 2, 5]);
    expect(seconds(run('{app="flows"} | json | Missing > 1'))).toEqual([]);
  });

  it('matches strings with =, !=, =~, !~ (missing label reads as empty)', () => {
    expect(seconds(run('{app="flows"} | json | SrcAddr = "10.128.0.12"'))).toEqual([1]);
    expect(seconds(run('{app="flows"} | json | SrcAddr =~ "10\\\\..*"'))).toEqual([4, 1]);
    expect(seconds(run('{app="flows"} | json | SrcAddr !~ "10.*" | SrcAddr != "fd00::5"'))).toEqual([2]);
    expect(seconds(run('{app="flows"} | json | Nested_x = ""')).sort()).toEqual([2, 4, 5]);
  });

  it('filters IPs, CIDRs and ranges, v4 and v6', () => {
    expect(seconds(run('{app="flows"} | json | SrcAddr = ip("10.128.0.0/14")'))).toEqual([4, 1]);
    expect(seconds(run('{app="flows"} | json | SrcAddr != ip("10.128.0.0/16")')).sort()).toEqual([2, 4, 5]);
    expect(seconds(run('{app="flows"} | json | SrcAddr = ip("172.30.0.1-172.30.0.20")'))).toEqual([2]);
    expect(seconds(run('{app="flows"} | json | SrcAddr = ip("fd00::/8")'))).toEqual([5]);
    expect(ipMatcher('10.0.0.0/33')).toMatch(/invalid CIDR/);
    expect(errorOf(() => run('{app="flows"} | json | SrcAddr = ip("nope")')).status).toBe(400);
  });

  it('combines with and, or, commas and parentheses', () => {
    expect(seconds(run('{app="flows"} | json | DstPort = 53 or DstPort = 443'))).toEqual([2, 4]);
    expect(seconds(run('{app="flows"} | json | Proto = 6, DstPort > 1000 | __error__=""'))).toEqual([5, 1]);
    expect(seconds(run('{app="flows"} | json | Proto = 6 and (DstPort = 443 or SrcAddr = ip("10.128.0.0/16"))'))).toEqual([4, 1]);
  });
});

describe('limit and direction', () => {
  it('keeps the newest entries overall when backward and the oldest when forward', () => {
    expect(seconds(run('{app="flows"}', { limit: 3 })).sort()).toEqual([2, 4, 5]);
    expect(seconds(run('{app="flows"}', { limit: 3, direction: 'forward' })).sort()).toEqual([1, 2, 4]);
  });

  it('orders values newest first (backward) or oldest first (forward) within a stream, and streams by labels', () => {
    const backward = run('{app="flows"}');
    expect(backward.map((s) => s.stream.ns)).toEqual(['shop', 'iperf']);
    expect(seconds(backward)).toEqual([5, 2, 4, 1]);
    const forward = run('{app="flows"}', { direction: 'forward' });
    expect(forward.map((s) => s.stream.ns)).toEqual(['iperf', 'shop']);
    expect(seconds(forward)).toEqual([1, 4, 2, 5]);
  });

  it('keeps the time range half-open [start, end)', () => {
    const r = evaluateRange(store, '{app="flows"}', { startNs: T0 + 2n * SEC, endNs: T0 + 4n * SEC, limit: 100, direction: 'forward' }).result as ResultStream[];
    expect(seconds(r)).toEqual([2]);
  });
});

describe('parse errors and unsupported constructs', () => {
  it.each([
    ['{app="flows"', 'parse error at line 1, col 13: syntax error: unexpected $end, expecting } or ,'],
    ['{app="flows" |= "x"', 'parse error at line 1, col 14: syntax error: unexpected |=, expecting } or ,'],
    ['{app="flows"} | json | Bytes >', 'parse error at line 1, col 31: syntax error: unexpected $end'],
    ['{app="flows"}\n| json |', 'parse error at line 2, col 9: syntax error: unexpected $end'],
  ])('%s', (query, message) => {
    const e = errorOf(() => parseQuery(query));
    expect(e.status).toBe(400);
    expect(e.message).toBe(message);
  });

  it.each([
    ['{app="flows"} | logfmt', /logfmt parser is not supported/],
    ['{app="flows"} | line_format "{{.x}}"', /line_format is not supported/],
    ['{app="flows"} | json | d > 5s', /duration or bytes label filter/],
    ['sum(rate({app="flows"}[1m])) + 1', /metric expression .* not supported/],
    ['{app="flows"} |> "<_>"', /line filter \|> is not supported/],
  ])('%s', (query, message) => {
    const e = errorOf(() => parseQuery(query));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(message);
  });

  it('reports an invalid regex as a 400', () => {
    expect(errorOf(() => parseQuery('{app=~"("}')).message).toMatch(/error parsing regexp/);
  });
});

describe('store', () => {
  it('keeps entries sorted whatever the push order, once each', () => {
    const s = new LokiStore();
    s.push({ a: 'b' }, [{ tsNs: 5n, line: 'e' }, { tsNs: 1n, line: 'a' }, { tsNs: 3n, line: 'c' }, { tsNs: 3n, line: 'c' }]);
    expect(s.entryCount).toBe(3);
    const r = evaluateRange(s, '{a="b"}', { startNs: 0n, endNs: 10n, limit: 10, direction: 'forward' }).result as ResultStream[];
    expect(r[0].values.map((v) => v[1])).toEqual(['a', 'c', 'e']);
    s.dropBefore(3n);
    expect(s.entryCount).toBe(2);
    expect(() => s.push({ 'bad-name': 'x' }, [])).toThrow(/invalid label name/);
  });
});
