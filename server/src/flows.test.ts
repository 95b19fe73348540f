import { FlowsResponse } from '../../web/src/model/flow';
import { FlowQuery } from '../../web/src/model/query';
import { FlowsDeps, queryFlows, queryFlowsJson, streamFlows } from './flows';
import { LokiStream } from './loki-client';

const labels = ['app', 'SrcK8S_Namespace', 'FlowDirection'];
const query: FlowQuery = { filters: [], match: 'all', startTime: 1795425600, endTime: 1795425660, limit: 10, recordType: 'flowLog', dedup: false, packetLoss: 'all' };
const stream = (extra: Record<string, string>, values: Array<[string, string]>): LokiStream => ({
  stream: { app: 'netobserv-flowcollector', SrcK8S_Namespace: 'iperf', FlowDirection: '0', ...extra },
  values,
});

/** Deps whose Loki gives `answers[i]` to the i-th query of a call, and counts the skipped lines. */
function deps(answers: LokiStream[][]): FlowsDeps & { skipped: number[] } {
  const skipped: number[] = [];
  let i = 0;
  return { loki: { queryRange: async () => answers[i++ % answers.length] }, labels, onSkippedLines: (n) => skipped.push(n), skipped };
}

// Written by hand as an agent might (spacing, escapes, exponent): passed through as it is.
const oddLine = '{ "SrcPort" : 2, "Bytes": 1E3, "SrcK8S_Name": "a\\u00e9\\"b", "Interfaces": ["x"], "NetworkEvents": [{"Action":"drop"}] }';
const answer = [
  stream({ Bytes: '1000' }, [['1795425602000000000', oddLine]]),
  stream({ FlowDirection: '1' }, [
    ['1795425603000000000', '{"SrcPort":3,"Bytes":30}'],
    ['1795425601000000000', '{"SrcPort":1,"Bytes":10}'],
  ]),
];

describe('queryFlowsJson', () => {
  it('is the same answer as queryFlows once parsed, lines spliced as Loki returned them', async () => {
    const text = await queryFlowsJson(query, {}, deps([answer]));
    const fromText = JSON.parse(text) as FlowsResponse;
    const objects = await queryFlows(query, {}, deps([answer]));
    expect(fromText.records).toEqual(objects.records);
    expect(fromText.stats).toEqual({ ...objects.stats, durationMs: fromText.stats.durationMs });
    expect(fromText.records.map((r) => r.fields.SrcPort)).toEqual([3, 2, 1]);
    expect(fromText.records[1]).toMatchObject({ labels: { app: 'netobserv-flowcollector', SrcK8S_Namespace: 'iperf', FlowDirection: '0' }, fields: { Bytes: 1000, SrcK8S_Name: 'aé"b' } });
    expect(text).toContain(`"fields":${oddLine}}`);
  });

  it('skips lines that are not one JSON object, so no line can reshape the answer', async () => {
    const hostile = [
      '{"SrcPort":9},"injected":{"x":1}',
      '{"SrcPort":9}]}',
      '[{"SrcPort":9}]',
      'plain text',
      '{"SrcPort":9',
    ];
    const d = deps([[stream({}, [...hostile.map((l, i): [string, string] => [`179542561${i}000000000`, l]), ['1795425601000000000', '{"SrcPort":1}']])]]);
    const body = JSON.parse(await queryFlowsJson(query, {}, d)) as FlowsResponse & Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['records', 'stats']);
    expect(body.records.map((r) => r.fields)).toEqual([{ SrcPort: 1 }]);
    expect(d.skipped).toEqual([hostile.length]);
  });

  it('merges match=any queries without duplicates, whatever extracted labels each returned', async () => {
    const shared: [string, string] = ['1795425605000000000', '{"SrcPort":5}'];
    const d = deps([[stream({ Bytes: '5' }, [shared])], [stream({}, [shared, ['1795425604000000000', '{"SrcPort":4}']])]]);
    const anyQuery: FlowQuery = { ...query, match: 'any', filters: [{ target: 'SrcK8S_Namespace', op: '=', values: ['iperf'] }, { target: 'SrcPort', op: '=', values: ['5'] }] };
    const body = JSON.parse(await queryFlowsJson(anyQuery, {}, d)) as FlowsResponse;
    expect(body.stats.numQueries).toBe(2);
    expect(body.records.map((r) => r.fields.SrcPort)).toEqual([5, 4]);
  });

  it('cuts to the limit, newest first, and says the limit was reached', async () => {
    const body = JSON.parse(await queryFlowsJson({ ...query, limit: 2 }, {}, deps([answer]))) as FlowsResponse;
    expect(body.records.map((r) => r.fields.SrcPort)).toEqual([3, 2]);
    expect(body.stats.limitReached).toBe(true);
  });
});

describe('streamFlows', () => {
  it('yields parsed records', async () => {
    const got = [];
    for await (const r of streamFlows(query, 10, {}, deps([answer]))) got.push(r.fields.SrcPort);
    expect(got).toEqual([3, 2, 1]);
  });
});
