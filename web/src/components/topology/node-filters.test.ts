import { parseFilters, serializeFilters, validateFilter } from '../../model/filters';
import { MetricSeries } from '../../model/metrics';
import { edgeFilters, nodeFilters, stepInto } from './node-filters';
import { buildTopology } from './topology-model';

const stats = { avg: 1, max: 1, last: 1, total: 60 };

function series(scopeLabels: Record<string, [string, string]>): MetricSeries {
  const source: Record<string, string> = {};
  const destination: Record<string, string> = {};
  for (const [suffix, [s, d]] of Object.entries(scopeLabels)) {
    source[`Src${suffix}`] = s;
    destination[`Dst${suffix}`] = d;
  }
  return { source, destination, values: [], stats };
}

const owners = buildTopology(
  [series({ K8S_Namespace: ['shop', 'db'], K8S_OwnerName: ['web', 'pg'], K8S_OwnerType: ['Deployment', 'StatefulSet'] }),
    series({ K8S_Namespace: ['shop', ''], K8S_OwnerName: ['web', ''], K8S_OwnerType: ['Deployment', ''] })],
  'owner',
  ['namespace'],
  'rate',
);
const web = owners.nodes.find((n) => n.name === 'web')!;
const unknown = owners.nodes.find((n) => n.kind === 'unknown')!;

describe('filters of a node or an edge', () => {
  it('filters a node on either side by its identifying labels and its groups', () => {
    expect(serializeFilters(nodeFilters(web))).toBe('K8S_Namespace=shop;K8S_OwnerName=web');
    expect(nodeFilters(unknown)).toEqual([]);
  });

  it('filters an edge by its source and destination sides', () => {
    const edge = owners.edges.find((e) => e.source === web.id && e.target !== unknown.id)!;
    const text = serializeFilters(edgeFilters(owners, edge));
    expect(text).toBe('SrcK8S_Namespace=shop;SrcK8S_OwnerName=web;DstK8S_Namespace=db;DstK8S_OwnerName=pg');
    // What the page receives parses back and passes the grammar's checks.
    parseFilters(text).forEach((f) => expect(() => validateFilter(f)).not.toThrow());
  });

  it('uses the address of an external peer, and one cluster filter for both ends', () => {
    const g = buildTopology(
      [{ source: { K8S_ClusterName: 'c1', SrcK8S_Namespace: 'a', SrcK8S_Name: 'p', SrcK8S_Type: 'Pod', SrcAddr: '10.0.0.1' }, destination: { DstK8S_Namespace: '', DstK8S_Name: '', DstK8S_Type: '', DstAddr: '1.1.1.1' }, values: [], stats }],
      'resource',
      ['cluster'],
      'rate',
    );
    expect(serializeFilters(edgeFilters(g, g.edges[0]))).toBe('K8S_ClusterName=c1;SrcK8S_Namespace=a;SrcK8S_Name=p;DstAddr=1.1.1.1');
    expect(serializeFilters(nodeFilters(g.nodes[1]))).toBe('K8S_ClusterName=c1;Addr=1.1.1.1');
  });
});

describe('stepInto', () => {
  it('steps from a namespace into its owners, grouped by namespace', () => {
    const g = buildTopology([series({ K8S_Namespace: ['shop', 'db'] })], 'namespace', [], 'rate');
    const step = stepInto(g.nodes[0], []);
    expect(step).toEqual({ scope: 'owner', groups: ['namespace'], filters: [{ target: 'K8S_Namespace', op: '=', values: ['shop'] }] });
  });

  it('steps from an owner into its pods, keeping the groups that still fit', () => {
    const step = stepInto(web, ['host', 'namespace']);
    expect(step?.scope).toBe('resource');
    expect(step?.groups).toEqual(['host', 'namespace', 'owner']);
    expect(serializeFilters(step!.filters)).toBe('K8S_Namespace=shop;K8S_OwnerName=web');
  });

  it('has nothing to step into for a pod or an unknown peer', () => {
    const pods = buildTopology([series({ K8S_Namespace: ['a', 'b'], K8S_Name: ['p1', 'p2'], K8S_Type: ['Pod', 'Pod'], Addr: ['10.0.0.1', '10.0.0.2'] })], 'resource', [], 'rate');
    expect(stepInto(pods.nodes[0], [])).toBeUndefined();
    expect(stepInto(unknown, [])).toBeUndefined();
  });
});
