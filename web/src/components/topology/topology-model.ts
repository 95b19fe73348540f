/**
 * Metric series -> the topology's graph: one node per distinct source or destination at the scope
 * (with the coarser groups around it), one directed edge per source -> destination pair, weighted by
 * the chosen metric. Pure data, no React and no PatternFly, so it is tested and benchmarked alone.
 */
import { MetricFunction, MetricScope, MetricSeries, SeriesStats, metricScopes, scopeDefs } from '../../model/metrics';

/** What a node stands for; drives its icon. Owner and resource kinds come from the flows (lower-cased). */
export type NodeKind =
  | 'cluster' | 'zone' | 'host' | 'namespace' | 'network'
  | 'deployment' | 'statefulset' | 'daemonset' | 'replicaset' | 'job' | 'cronjob' | 'pod' | 'service'
  | 'owner' | 'external' | 'unknown';

const knownWorkloadKinds = new Set<NodeKind>(['deployment', 'statefulset', 'daemonset', 'replicaset', 'job', 'cronjob', 'pod', 'service']);

/** Catalogue field suffixes (without Src/Dst) -> value, e.g. { K8S_Namespace: 'iperf' }. */
export type SideLabels = Record<string, string>;

export interface TopoNode {
  id: string;
  scope: MetricScope;
  kind: NodeKind;
  /** The main name ('' when the flows carry none: external or unknown peer). */
  name: string;
  /** The node's labels at its scope and groups, keyed by field suffix (K8S_Namespace, K8S_OwnerName...). */
  labels: SideLabels;
  /** Id of the innermost group holding the node, if any. */
  groupId?: string;
  /** The metric summed over edges, by direction, and traffic that stays within the node. */
  outValue: number;
  inValue: number;
  selfValue: number;
}

export interface TopoGroup {
  id: string;
  scope: MetricScope;
  kind: NodeKind;
  name: string;
  labels: SideLabels;
  parentId?: string;
}

export interface TopoEdge {
  id: string;
  source: string;
  target: string;
  /** The metric's summary over the range (see seriesValue). */
  value: number;
  /** The points behind it, summed when several series meet on one edge. */
  values: Array<[number, number]>;
}

export interface TopoGraph {
  nodes: TopoNode[];
  edges: TopoEdge[];
  groups: TopoGroup[];
  /** Largest edge value, for edge widths. */
  maxValue: number;
}

/** The one number shown for a series: the average rate, the total, or the latency statistic over the range. */
export function seriesValue(stats: SeriesStats, fn: MetricFunction): number {
  switch (fn) {
    case 'sum':
      return stats.total ?? stats.avg;
    case 'max':
      return stats.max;
    case 'last':
      return stats.last;
    default:
      return stats.avg;
  }
}

const suffixesByScope = {} as Record<MetricScope, readonly string[]>;
for (const scope of metricScopes) suffixesByScope[scope] = scopeDefs[scope].source.map((f) => f.replace(/^Src/, ''));

/** The field suffixes of a scope (K8S_Namespace, K8S_OwnerName...), from its source side. */
export function scopeSuffixes(scope: MetricScope): readonly string[] {
  return suffixesByScope[scope];
}

/** Side labels of a series, by suffix; the cluster name has no side and applies to both ends. */
function sideLabels(series: MetricSeries, side: 'source' | 'destination'): SideLabels {
  const out: SideLabels = {};
  const prefix = side === 'source' ? 'Src' : 'Dst';
  for (const [field, value] of Object.entries(series[side])) {
    out[field.startsWith(prefix) ? field.slice(3) : field] = value;
  }
  if (side === 'destination' && 'K8S_ClusterName' in series.source) out.K8S_ClusterName = series.source.K8S_ClusterName;
  return out;
}

function kindOf(scope: MetricScope, labels: SideLabels): NodeKind {
  switch (scope) {
    case 'cluster':
      return 'cluster';
    case 'zone':
      return labels.K8S_Zone ? 'zone' : 'unknown';
    case 'host':
      return labels.K8S_HostName ? 'host' : 'unknown';
    case 'namespace':
      return labels.K8S_Namespace ? 'namespace' : 'unknown';
    case 'udn':
      return labels.K8S_NetworkName ? 'network' : 'unknown';
    case 'owner':
      return workloadKind(labels.K8S_OwnerType, labels.K8S_OwnerName);
    case 'resource':
      if (!labels.K8S_Name) return labels.Addr ? 'external' : 'unknown';
      return workloadKind(labels.K8S_Type, labels.K8S_Name);
  }
}

function workloadKind(type: string | undefined, name: string | undefined): NodeKind {
  if (!name) return 'unknown';
  const k = (type ?? '').toLowerCase();
  if (k === 'node') return 'host';
  return knownWorkloadKinds.has(k as NodeKind) ? (k as NodeKind) : 'owner';
}

function nameOf(scope: MetricScope, labels: SideLabels): string {
  switch (scope) {
    case 'cluster':
      return labels.K8S_ClusterName ?? '';
    case 'zone':
      return labels.K8S_Zone ?? '';
    case 'host':
      return labels.K8S_HostName ?? '';
    case 'namespace':
      return labels.K8S_Namespace ?? '';
    case 'udn':
      return labels.K8S_NetworkName ?? '';
    case 'owner':
      return labels.K8S_OwnerName ?? '';
    case 'resource':
      return labels.K8S_Name || labels.Addr || '';
  }
}

/** A stable id from a scope's values: the same peer gets the same id on every refresh. */
function idOf(prefix: string, scope: MetricScope, labels: SideLabels): string {
  return `${prefix}${scope}:${scopeSuffixes(scope).map((s) => labels[s] ?? '').join('/')}`;
}

/** Series -> graph. `groups` are outermost first; nodes nest in groups, groups in their outer group. */
export function buildTopology(series: readonly MetricSeries[], scope: MetricScope, groups: readonly MetricScope[], fn: MetricFunction): TopoGraph {
  const nodes = new Map<string, TopoNode>();
  const groupMap = new Map<string, TopoGroup>();
  const edges = new Map<string, TopoEdge>();

  /** Creates the group chain for a side's labels; returns the innermost group id. */
  const groupFor = (labels: SideLabels): string | undefined => {
    let parentId: string | undefined;
    for (const g of groups) {
      // A group the flows know nothing about (e.g. no zone for an external peer) is left out.
      if (scopeSuffixes(g).every((s) => !labels[s])) continue;
      const id = `${parentId ?? ''}${idOf('group|', g, labels)}|`;
      if (!groupMap.has(id)) groupMap.set(id, { id, scope: g, kind: kindOf(g, labels), name: nameOf(g, labels), labels: pick(labels, scopeSuffixes(g)), parentId });
      parentId = id;
    }
    return parentId;
  };

  const kept = [...scopeSuffixes(scope), ...groups.flatMap(scopeSuffixes)];
  const nodeFor = (labels: SideLabels): TopoNode => {
    const groupId = groupFor(labels);
    const id = `${groupId ?? ''}${idOf('', scope, labels)}`;
    let node = nodes.get(id);
    if (!node) {
      node = { id, scope, kind: kindOf(scope, labels), name: nameOf(scope, labels), labels: pick(labels, kept), groupId, outValue: 0, inValue: 0, selfValue: 0 };
      nodes.set(id, node);
    }
    return node;
  };

  for (const s of series) {
    const value = seriesValue(s.stats, fn);
    const src = nodeFor(sideLabels(s, 'source'));
    // The cluster scope has no destination side: its series measure what stays in the cluster.
    const dst = scope === 'cluster' ? src : nodeFor(sideLabels(s, 'destination'));
    if (src === dst) {
      src.selfValue += value;
      continue;
    }
    src.outValue += value;
    dst.inValue += value;
    const id = `${src.id}>${dst.id}`;
    const edge = edges.get(id);
    if (edge) {
      edge.value += value;
      edge.values = sumPoints(edge.values, s.values);
    } else edges.set(id, { id, source: src.id, target: dst.id, value, values: s.values });
  }
  let maxValue = 0;
  for (const e of edges.values()) if (e.value > maxValue) maxValue = e.value;
  return { nodes: [...nodes.values()], edges: [...edges.values()], groups: [...groupMap.values()], maxValue };
}

function pick(labels: SideLabels, keys: readonly string[]): SideLabels {
  const out: SideLabels = {};
  for (const k of keys) if (labels[k] !== undefined) out[k] = labels[k];
  return out;
}

/** Two point lists summed by timestamp, oldest first. */
export function sumPoints(a: ReadonlyArray<[number, number]>, b: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const sum = new Map<number, number>();
  for (const [t, v] of a) sum.set(t, v);
  for (const [t, v] of b) sum.set(t, (sum.get(t) ?? 0) + v);
  return [...sum.entries()].sort((x, y) => x[0] - y[0]);
}

/** Stroke width of an edge, 1 to 8 px: by the square root of its share of the largest, so small edges stay visible. */
export function edgeWidth(value: number, maxValue: number): number {
  if (!(maxValue > 0) || !(value > 0)) return 1;
  return 1 + 7 * Math.sqrt(Math.min(1, value / maxValue));
}

export interface Peer {
  node: TopoNode;
  edge: TopoEdge;
  direction: 'out' | 'in';
}

/** A node's peers, largest edge first. */
export function topPeers(graph: TopoGraph, nodeId: string, limit = 5): Peer[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const peers: Peer[] = [];
  for (const edge of graph.edges) {
    if (edge.source === nodeId) peers.push({ node: byId.get(edge.target)!, edge, direction: 'out' });
    else if (edge.target === nodeId) peers.push({ node: byId.get(edge.source)!, edge, direction: 'in' });
  }
  return peers.sort((a, b) => b.edge.value - a.edge.value).slice(0, limit);
}

/** Point lists of a node's outgoing and incoming edges, each summed. */
export function nodeSeries(graph: TopoGraph, nodeId: string): { out: Array<[number, number]>; in: Array<[number, number]> } {
  let out: Array<[number, number]> = [];
  let inbound: Array<[number, number]> = [];
  for (const e of graph.edges) {
    if (e.source === nodeId) out = sumPoints(out, e.values);
    if (e.target === nodeId) inbound = sumPoints(inbound, e.values);
  }
  return { out, in: inbound };
}

/** Nodes whose name or labels contain the text (case-insensitive); none for blank text. */
export function matchingNodes(graph: TopoGraph, text: string): Set<string> {
  const q = text.trim().toLowerCase();
  const found = new Set<string>();
  if (!q) return found;
  for (const n of graph.nodes) {
    if (n.name.toLowerCase().includes(q) || Object.values(n.labels).some((v) => v.toLowerCase().includes(q))) found.add(n.id);
  }
  return found;
}
