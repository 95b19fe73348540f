/**
 * The recorder as `npm start` drives it: batches of live flows followed by the TSDB's trimming, and the
 * choice of recorded families.
 */
import type { Flow } from '../../web/src/model/flow';
import { DEFAULT_SERVED_METRICS, METRIC_DEFINITIONS, METRIC_PREFIX, selectDefinitions } from './metrics';
import { FlowMetricsRecorder } from './recorder';
import { NAME_LABEL, Tsdb } from './tsdb';

// On the 30 s scrape grid.
const T0 = 1_700_000_010_000;
const flow = (ns: string): Flow => ({ SrcK8S_Namespace: ns, DstK8S_Namespace: 'b', FlowDirection: 0, Bytes: 100, Packets: 1 });

describe('live recording', () => {
  it('keeps a series first seen after the last scrape of a batch through the trimming that follows it', () => {
    const tsdb = new Tsdb();
    const rec = new FlowMetricsRecorder(tsdb, { definitions: selectDefinitions(['namespace_ingress_bytes_total']) });
    const selectNs = (ns: string) => tsdb.select([{ name: NAME_LABEL, op: '=', value: `${METRIC_PREFIX}namespace_ingress_bytes_total` }, { name: 'SrcK8S_Namespace', op: '=', value: ns }]);
    // Batch 1 ends at T0 + 35 s: the flow of "late" at + 33 s comes after its last scrape (+ 30 s).
    rec.observe(flow('early'), T0 + 1_000);
    rec.observe(flow('late'), T0 + 33_000);
    rec.advanceTo(T0 + 35_000);
    tsdb.dropBefore(T0 + 2_000);
    // Batch 2: "late" keeps sending; its samples must be where queries look.
    for (let t = T0 + 40_000; t < T0 + 120_000; t += 10_000) rec.observe(flow('late'), t);
    rec.advanceTo(T0 + 120_000);
    const [late] = selectNs('late');
    expect(late).toBeDefined();
    expect(late.range(T0, T0 + 120_000).vs).toEqual([300, 600, 900]);
    // A series whose samples are all older than the cut is forgotten.
    tsdb.dropBefore(T0 + 1_000_000);
    expect(selectNs('early')).toEqual([]);
  });
});

describe('recorded families', () => {
  it('serves by default known families only', () => {
    expect(selectDefinitions(DEFAULT_SERVED_METRICS)).toHaveLength(DEFAULT_SERVED_METRICS.length);
  });

  it('selects families by name, with or without the prefix, in a stable order, and refuses unknown names', () => {
    const defs = selectDefinitions(['netobserv_node_flows_total', 'namespace_rtt_seconds', 'node_flows_total']);
    expect(defs.map((d) => d.name)).toEqual(['netobserv_node_flows_total', 'netobserv_namespace_rtt_seconds']);
    expect(() => selectDefinitions(['namespace_bytes'])).toThrow(/unknown metric "namespace_bytes" \(known: node_egress_bytes_total, /);
    expect(selectDefinitions(METRIC_DEFINITIONS.map((d) => d.name))).toEqual(METRIC_DEFINITIONS);
  });

  it('records only the chosen families', () => {
    const tsdb = new Tsdb();
    const rec = new FlowMetricsRecorder(tsdb, { definitions: selectDefinitions(['namespace_flows_total']) });
    rec.observe(flow('a'), T0 + 1_000);
    rec.advanceTo(T0 + 60_000);
    expect(tsdb.allSeries().map((s) => s.labels[NAME_LABEL])).toEqual([`${METRIC_PREFIX}namespace_flows_total`]);
  });
});
