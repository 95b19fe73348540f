/**
 * Filters that select a node's or an edge's flows (the page's filter grammar), and "step into": the
 * finer scope that shows what is inside a node, with the filters that keep to it.
 */
import { Filter } from '../../model/filters';
import { MetricScope } from '../../model/metrics';
import { groupChoices } from './topology-options';
import { SideLabels, TopoEdge, TopoGraph, TopoNode } from './topology-model';

/** Field suffixes that identify a node at each scope, in filter order (kinds are left out: names suffice). */
const identifying: Readonly<Record<MetricScope, readonly string[]>> = {
  cluster: ['K8S_ClusterName'],
  zone: ['K8S_Zone'],
  host: ['K8S_HostName'],
  namespace: ['K8S_Namespace'],
  owner: ['K8S_Namespace', 'K8S_OwnerName'],
  resource: ['K8S_Namespace', 'K8S_Name'],
  udn: ['K8S_NetworkName'],
};

/** The cluster name is one field for both ends of a flow; the others have a side. */
const target = (side: '' | 'Src' | 'Dst', suffix: string) => (suffix === 'K8S_ClusterName' ? suffix : `${side}${suffix}`);

/** The node's own labels and those of the groups around it (a node grouped by host is that node on that host), coarsest first. */
function identify(scope: MetricScope, labels: SideLabels, side: '' | 'Src' | 'Dst'): Filter[] {
  const own = [...identifying[scope]];
  // A peer without a Kubernetes name (outside the cluster) is known by its address.
  if (scope === 'resource' && !labels.K8S_Name && labels.Addr) own.splice(0, 2, 'Addr');
  const suffixes = [...new Set([...groupChoices[scope].flatMap((g) => identifying[g]), ...own])];
  return suffixes.filter((s) => labels[s]).map((s) => ({ target: target(side, s), op: '=', values: [labels[s]] }));
}

/** Flows to or from the node; empty when the flows name it by nothing (an unknown peer). */
export function nodeFilters(node: TopoNode): Filter[] {
  return identify(node.scope, node.labels, '');
}

/** Flows from the edge's source to its target. */
export function edgeFilters(graph: TopoGraph, edge: TopoEdge): Filter[] {
  const source = graph.nodes.find((n) => n.id === edge.source);
  const dest = graph.nodes.find((n) => n.id === edge.target);
  if (!source || !dest) return [];
  const filters = [...identify(source.scope, source.labels, 'Src'), ...identify(dest.scope, dest.labels, 'Dst')];
  // One cluster filter is enough when both ends say it.
  return filters.filter((f, i) => f.target !== 'K8S_ClusterName' || filters.findIndex((g) => g.target === f.target) === i);
}

export interface StepInto {
  scope: MetricScope;
  groups: MetricScope[];
  filters: Filter[];
}

/** The finer scope a scope steps into: a namespace into its owners, an owner into its pods... */
const finerScope: Partial<Record<MetricScope, MetricScope>> = {
  cluster: 'namespace',
  zone: 'host',
  host: 'owner',
  namespace: 'owner',
  owner: 'resource',
};

/**
 * What stepping into the node shows: the finer scope, grouped by the node's own scope (so the node
 * becomes a box around its parts) plus the groups that still fit, and the filters that keep to it.
 * Undefined for nodes with nothing inside (pods, unknown peers).
 */
export function stepInto(node: TopoNode, groups: readonly MetricScope[]): StepInto | undefined {
  const scope = finerScope[node.scope];
  const filters = nodeFilters(node);
  if (!scope || filters.length === 0 || node.kind === 'unknown') return undefined;
  const allowed = groupChoices[scope];
  const wanted = new Set<MetricScope>([...groups, node.scope]);
  return { scope, groups: allowed.filter((g) => wanted.has(g)), filters };
}

