import { defaultUrlQuery, readUrlQuery, timeWindow, writeUrlQuery } from './use-url-query';

const read = (qs: string) => readUrlQuery(new URLSearchParams(qs));

describe('URL query state', () => {
  it('reads every parameter', () => {
    const { query, warnings } = read(
      'filters=K8S_Namespace%3Diperf&match=any&timeRange=3600&refresh=30&limit=500&recordType=endConnection&dedup=false&packetLoss=hasDrops&dataSource=prom&view=topology',
    );
    expect(warnings).toEqual([]);
    expect(query).toEqual({
      filtersText: 'K8S_Namespace=iperf',
      filtersInUrl: true,
      match: 'any',
      rangeSeconds: 3600,
      refreshSeconds: 30,
      limit: 500,
      recordType: 'endConnection',
      dedup: false,
      packetLoss: 'hasDrops',
      dataSource: 'prom',
      view: 'topology',
    });
  });

  it('gives the defaults for an empty URL', () => {
    expect(read('')).toEqual({ query: defaultUrlQuery, warnings: [] });
  });

  it('reads a custom range', () => {
    expect(read('startTime=1763889700&endTime=1763890000').query.customRange).toEqual({ start: 1763889700, end: 1763890000 });
  });

  it('falls back on the default for each invalid parameter and says which', () => {
    const { query, warnings } = read('match=some&timeRange=7&refresh=-1&limit=1e9&recordType=x&dedup=yes&packetLoss=&dataSource=mysql&view=graph&startTime=9&endTime=3');
    expect(query).toEqual(defaultUrlQuery);
    expect(warnings.map((w) => w.param)).toEqual([
      'match', 'timeRange', 'refresh', 'limit', 'recordType', 'dedup', 'packetLoss', 'dataSource', 'view', 'startTime/endTime',
    ]);
    expect(read('startTime=abc').warnings).toEqual([{ param: 'startTime/endTime', value: 'abc/' }]);
  });

  it('writes changes, leaving defaults out and keeping other parameters', () => {
    const prev = new URLSearchParams('foo=bar&limit=500');
    const next = writeUrlQuery(prev, { filtersText: 'DstPort=443', limit: 100, match: 'any', dedup: false });
    expect(next.toString()).toBe('foo=bar&filters=DstPort%3D443&match=any&dedup=false');
    expect(read(next.toString()).query).toMatchObject({ filtersText: 'DstPort=443', match: 'any', dedup: false, limit: 100 });
  });

  it('keeps cleared filters in the URL, apart from no filters parameter at all', () => {
    const cleared = writeUrlQuery(new URLSearchParams('filters=DstPort%3D443&limit=500'), { filtersText: '' });
    expect(cleared.toString()).toBe('filters=&limit=500');
    expect(read(cleared.toString()).query).toMatchObject({ filtersText: '', filtersInUrl: true });
    expect(read('limit=500').query).toMatchObject({ filtersText: '', filtersInUrl: false });
  });

  it('switches between a relative and a custom time range', () => {
    const custom = writeUrlQuery(new URLSearchParams('timeRange=3600'), { customRange: { start: 100.4, end: 200.2 } });
    expect(custom.toString()).toBe('startTime=100&endTime=201');
    const relative = writeUrlQuery(custom, { rangeSeconds: 900 });
    expect(relative.toString()).toBe('timeRange=900');
    expect(read(relative.toString()).query.customRange).toBeUndefined();
  });

  it('resolves the time window now, or keeps the custom range', () => {
    expect(timeWindow({ rangeSeconds: 300 }, 1000)).toEqual({ start: 700, end: 1000 });
    expect(timeWindow({ rangeSeconds: 300, customRange: { start: 1, end: 2 } }, 1000)).toEqual({ start: 1, end: 2 });
  });

  it('round-trips filters with hostile characters', () => {
    const text = 'SrcK8S_Name="a\\"b`|.*\\n€"';
    expect(read(writeUrlQuery(new URLSearchParams(), { filtersText: text }).toString()).query.filtersText).toBe(text);
  });
});
