import { MetricSeries } from '../../model/metrics';
import { buildTopology, edgeWidth, matchingNodes, nodeSeries, seriesValue, topPeers } from './topology-model';

const stats = (avg: number) => ({ avg, max: avg * 2, last: avg / 2, total: avg * 60 });

function ns(src: string, dst: string, avg: number, values: Array<[number, number]> = [[60, avg]]): MetricSeries {
  return { source: { SrcK8S_Namespace: src }, destination: { DstK8S_Namespace: dst }, values, stats: stats(avg) };
}

function owner(src: [string, string, string], dst: [string, string, string], avg: number): MetricSeries {
  return {
    source: { SrcK8S_Namespace: src[0], SrcK8S_OwnerName: src[1], SrcK8S_OwnerType: src[2] },
    destination: { DstK8S_Namespace: dst[0], DstK8S_OwnerName: dst[1], DstK8S_OwnerType: dst[2] },
    values: [[60, avg]],
    stats: stats(avg),
  };
}

describe('buildTopology', () => {
  it('makes one node per peer and one directed edge per pair, with in/out totals', () => {
    const g = buildTopology([ns('a', 'b', 10), ns('b', 'a', 4), ns('a', 'c', 1)], 'namespace', [], 'rate');
    expect(g.nodes.map((n) => n.name).sort()).toEqual(['a', 'b', 'c']);
    expect(g.edges).toHaveLength(3);
    const a = g.nodes.find((n) => n.name === 'a')!;
    expect(a).toMatchObject({ kind: 'namespace', outValue: 11, inValue: 4, selfValue: 0 });
    const ab = g.edges.find((e) => e.source === a.id && e.value === 10);
    expect(ab?.target).toBe(g.nodes.find((n) => n.name === 'b')!.id);
    expect(g.maxValue).toBe(10);
  });

  it('counts traffic within a node on the node, not as an edge', () => {
    const g = buildTopology([ns('a', 'a', 7), ns('a', 'b', 1)], 'namespace', [], 'rate');
    expect(g.edges).toHaveLength(1);
    expect(g.nodes.find((n) => n.name === 'a')?.selfValue).toBe(7);
  });

  it('uses the function to pick the value of a series', () => {
    const s = stats(3);
    expect(seriesValue(s, 'rate')).toBe(3);
    expect(seriesValue(s, 'sum')).toBe(180);
    expect(seriesValue(s, 'max')).toBe(6);
    expect(seriesValue(s, 'last')).toBe(1.5);
    expect(seriesValue({ avg: 2, max: 9, last: 1 }, 'p99')).toBe(2);
    expect(buildTopology([ns('a', 'b', 3)], 'namespace', [], 'sum').edges[0].value).toBe(180);
  });

  it('names owners by kind and peers without a name as unknown', () => {
    const g = buildTopology(
      [owner(['iperf', 'client', 'Deployment'], ['iperf', 'server', 'StatefulSet'], 5), owner(['', '', ''], ['', 'ip-10-0-1-1', 'Node'], 1)],
      'owner',
      [],
      'rate',
    );
    const kinds = Object.fromEntries(g.nodes.map((n) => [n.name, n.kind]));
    expect(kinds).toEqual({ client: 'deployment', server: 'statefulset', '': 'unknown', 'ip-10-0-1-1': 'host' });
  });

  it('tells external addresses from unknown peers at the resource scope', () => {
    const s: MetricSeries = {
      source: { SrcK8S_Namespace: 'a', SrcK8S_Name: 'pod-1', SrcK8S_Type: 'Pod', SrcAddr: '10.0.0.1' },
      destination: { DstK8S_Namespace: '', DstK8S_Name: '', DstK8S_Type: '', DstAddr: '8.8.8.8' },
      values: [],
      stats: stats(1),
    };
    const g = buildTopology([s], 'resource', [], 'rate');
    expect(g.nodes.map((n) => [n.name, n.kind])).toEqual([['pod-1', 'pod'], ['8.8.8.8', 'external']]);
  });

  it('nests nodes in groups, outermost first, and leaves out groups the flows know nothing about', () => {
    const series: MetricSeries[] = [
      {
        source: { SrcK8S_Namespace: 'a', SrcK8S_OwnerName: 'x', SrcK8S_OwnerType: 'Deployment', SrcK8S_HostName: 'n1' },
        destination: { DstK8S_Namespace: 'b', DstK8S_OwnerName: 'y', DstK8S_OwnerType: 'Deployment', DstK8S_HostName: 'n1' },
        values: [],
        stats: stats(1),
      },
      {
        source: { SrcK8S_Namespace: 'a', SrcK8S_OwnerName: 'x', SrcK8S_OwnerType: 'Deployment', SrcK8S_HostName: 'n1' },
        destination: { DstK8S_Namespace: '', DstK8S_OwnerName: '', DstK8S_OwnerType: '', DstK8S_HostName: '' },
        values: [],
        stats: stats(1),
      },
    ];
    const g = buildTopology(series, 'owner', ['host', 'namespace'], 'rate');
    expect(g.groups.map((gr) => [gr.scope, gr.name, gr.parentId !== undefined])).toEqual([
      ['host', 'n1', false],
      ['namespace', 'a', true],
      ['namespace', 'b', true],
    ]);
    const x = g.nodes.find((n) => n.name === 'x')!;
    expect(g.groups.find((gr) => gr.id === x.groupId)?.name).toBe('a');
    expect(g.nodes.find((n) => n.kind === 'unknown')?.groupId).toBeUndefined();
    // The same owner on another node would be another node of the graph: ids carry the groups.
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(3);
  });

  it('gives a peer the same id on every build, so that refreshed graphs keep positions', () => {
    const one = buildTopology([ns('a', 'b', 1)], 'namespace', [], 'rate');
    const two = buildTopology([ns('c', 'b', 5), ns('a', 'b', 2)], 'namespace', [], 'rate');
    expect(two.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(one.nodes.map((n) => n.id)));
    expect(two.edges.map((e) => e.id)).toContain(one.edges[0].id);
  });

  it('keeps the cluster scope to nodes, its series having no destination', () => {
    const s: MetricSeries = { source: { K8S_ClusterName: 'prod' }, destination: {}, values: [], stats: stats(4) };
    const g = buildTopology([s], 'cluster', [], 'rate');
    expect(g.nodes).toEqual([expect.objectContaining({ name: 'prod', kind: 'cluster', selfValue: 4 })]);
    expect(g.edges).toEqual([]);
  });
});

describe('graph helpers', () => {
  const g = buildTopology([ns('a', 'b', 10, [[60, 4], [120, 6]]), ns('c', 'a', 5, [[60, 5]]), ns('a', 'd', 1, [[120, 1]])], 'namespace', [], 'rate');
  const id = (name: string) => g.nodes.find((n) => n.name === name)!.id;

  it('lists a node peers, largest first', () => {
    expect(topPeers(g, id('a')).map((p) => [p.node.name, p.direction])).toEqual([['b', 'out'], ['c', 'in'], ['d', 'out']]);
    expect(topPeers(g, id('a'), 1)).toHaveLength(1);
  });

  it('sums a node series by direction', () => {
    expect(nodeSeries(g, id('a'))).toEqual({ out: [[60, 4], [120, 7]], in: [[60, 5]] });
  });

  it('finds nodes by part of a name or label, ignoring case', () => {
    expect(matchingNodes(g, 'A')).toEqual(new Set([id('a')]));
    expect(matchingNodes(g, '  ').size).toBe(0);
  });

  it('draws edges 1 to 8 px wide, small ones still visible', () => {
    expect(edgeWidth(10, 10)).toBe(8);
    expect(edgeWidth(0, 10)).toBe(1);
    expect(edgeWidth(1, 0)).toBe(1);
    expect(edgeWidth(0.1, 10)).toBeGreaterThan(1.5);
  });
});
