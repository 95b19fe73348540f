/**
 * The topology graph -> PatternFly topology's model (nodes, groups, edges and their data). Ids are the
 * graph's, so merging a refreshed model keeps the elements, and the positions, of peers that stay.
 */
import { BOTTOM_LAYER, DEFAULT_LAYER, EdgeModel, GROUPS_LAYER, Model, NodeModel, TOP_LAYER } from '@patternfly/react-topology';
import { TopologyLayout } from './topology-options';
import { TopoEdge, TopoGraph, TopoGroup, TopoNode, edgeWidth } from './topology-model';

export const graphId = 'netobserv-topology';
/** Group boxes, then edges (PatternFly's bottom layer), then nodes: lines never hide a node, boxes never hide a line. */
export const graphLayers = [GROUPS_LAYER, BOTTOM_LAYER, DEFAULT_LAYER, TOP_LAYER];
export const nodeSize = 44;
/** Edges that carry a text label: the largest ones (more would cover the graph). */
export const labelledEdges = 12;
/** Up to this many edges, edges are drawn under the nodes (see EdgeData.underNodes). */
export const maxLayeredEdges = 500;

export interface NodeData {
  node: TopoNode;
}

export interface GroupData {
  group: TopoGroup;
}

export interface EdgeData {
  edge: TopoEdge;
  width: number;
  /** The metric, formatted. */
  text: string;
  /** Among the largest edges, which always show their text (the others show it when selected). */
  labelled: boolean;
  /** The opposite edge exists too: both are drawn side by side instead of on top of each other. */
  twoWay: boolean;
  /** Drawn in a layer under the nodes; a layer costs a React portal per edge, too slow for large graphs. */
  underNodes: boolean;
}

export function toPatternflyModel(graph: TopoGraph, layout: TopologyLayout, format: (value: number) => string): Model {
  const children = new Map<string, string[]>();
  const addChild = (parent: string | undefined, child: string) => {
    if (!parent) return;
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  };
  for (const n of graph.nodes) addChild(n.groupId, n.id);
  for (const g of graph.groups) addChild(g.parentId, g.id);

  const nodes: NodeModel[] = graph.nodes.map((node) => ({
    id: node.id,
    type: 'topology-node',
    width: nodeSize,
    height: nodeSize,
    data: { node } satisfies NodeData,
  }));
  const groups: NodeModel[] = graph.groups.map((group) => ({
    id: group.id,
    type: 'topology-group',
    group: true,
    children: children.get(group.id) ?? [],
    style: { padding: 30 },
    data: { group } satisfies GroupData,
  }));
  const ids = new Set(graph.edges.map((e) => e.id));
  const labelled = new Set([...graph.edges].sort((a, b) => b.value - a.value).slice(0, labelledEdges).map((e) => e.id));
  const edges: EdgeModel[] = graph.edges.map((edge) => ({
    id: edge.id,
    type: 'topology-edge',
    source: edge.source,
    target: edge.target,
    data: {
      edge,
      width: edgeWidth(edge.value, graph.maxValue),
      text: format(edge.value),
      labelled: labelled.has(edge.id),
      twoWay: ids.has(`${edge.target}>${edge.source}`),
      underNodes: graph.edges.length <= maxLayeredEdges,
    } satisfies EdgeData,
  }));
  return { graph: { id: graphId, type: 'graph', layout, layers: graphLayers }, nodes: [...nodes, ...groups], edges };
}
