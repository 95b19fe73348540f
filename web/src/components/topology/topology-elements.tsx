/**
 * How the graph's elements draw: light SVG nodes (circle, kind icon, name) and edges (a line as thick as
 * its share of the largest, an arrow, the metric on the largest ones), PatternFly's group boxes, and
 * the factories PatternFly topology asks for components and layouts.
 */
import { createContext, useContext } from 'react';
import {
  BOTTOM_LAYER, ColaLayout, ComponentFactory, ConcentricLayout, DagreLayout, DefaultGroup, Edge, GraphComponent, GraphElement, GridLayout,
  Layer, LayoutFactory, ModelKind, Node, observer, WithDragNodeProps, WithSelectionProps, withDragNode, withPanZoom, withSelection,
} from '@patternfly/react-topology';
import { EdgeData, GroupData, NodeData } from './graph-model';
import { iconId } from './kind-icons';
import { SettledForceLayout } from './settled-force-layout';

/** What nodes need from the view, shared without passing through PatternFly's model. */
export interface GraphActions {
  /** Nodes that match the search; when non-empty, the others are dimmed. */
  highlighted: ReadonlySet<string>;
  onStepInto: (nodeId: string) => void;
  /** The name shown for a node or group that the flows name by nothing, translated. */
  unknownName: string;
}

export const GraphActionsContext = createContext<GraphActions>({ highlighted: new Set(), onStepInto: () => undefined, unknownName: '' });

const maxLabel = 24;
const truncate = (s: string) => (s.length > maxLabel ? `${s.slice(0, maxLabel - 1)}…` : s);

type NodeProps = { element: GraphElement } & WithSelectionProps & WithDragNodeProps;

const TopologyNode = observer(({ element, selected, onSelect, dragNodeRef }: NodeProps) => {
  const { highlighted, onStepInto, unknownName } = useContext(GraphActionsContext);
  const { node } = element.getData() as NodeData;
  const { width } = (element as Node).getDimensions();
  const r = width / 2;
  const icon = width * 0.5;
  const dimmed = highlighted.size > 0 && !highlighted.has(node.id);
  const classes = ['netobserv-topology__node', `netobserv-topology__node--${node.kind}`];
  if (selected) classes.push('netobserv-topology__node--selected');
  if (dimmed) classes.push('netobserv-topology__node--dimmed');
  if (highlighted.has(node.id)) classes.push('netobserv-topology__node--highlighted');
  const name = node.name || unknownName;
  return (
    <g
        ref={dragNodeRef}
        className={classes.join(' ')}
        onClick={onSelect}
        onDoubleClick={() => onStepInto(node.id)}
        data-test="topology-node"
        data-id={node.id}
        data-name={name}
        data-kind={node.kind}
      >
        <title>{name}</title>
        <circle cx={r} cy={r} r={r} className="netobserv-topology__node-circle" />
        <use href={`#${iconId(node.kind)}`} x={r - icon / 2} y={r - icon / 2} width={icon} height={icon} className="netobserv-topology__node-icon" />
        <text x={r} y={width + 14} textAnchor="middle" className="netobserv-topology__node-label">
          {truncate(name)}
        </text>
    </g>
  );
});

type EdgeProps = { element: GraphElement } & WithSelectionProps;

const TopologyEdge = observer(({ element, selected, onSelect }: EdgeProps) => {
  const edge = element as Edge;
  const { width, text, labelled, twoWay, underNodes } = edge.getData() as EdgeData;
  const { highlighted } = useContext(GraphActionsContext);
  const source = edge.getSource();
  const target = edge.getTarget();
  const a = source.getBounds().getCenter();
  const b = target.getBounds().getCenter();
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  // From circle border to circle border, so that the arrow's tip touches the target.
  const ra = source.getDimensions().width / 2;
  const rb = target.getDimensions().width / 2 + 2;
  // Two-way traffic: each direction moves to its own right, so both lines and arrows show.
  const shift = twoWay ? width / 2 + 2 : 0;
  const ox = (-dy * shift) / length;
  const oy = (dx * shift) / length;
  const x1 = a.x + (dx * ra) / length + ox;
  const y1 = a.y + (dy * ra) / length + oy;
  const x2 = b.x - (dx * rb) / length + ox;
  const y2 = b.y - (dy * rb) / length + oy;
  // The text sits beside its own line: on two-way edges, each direction's text on its own side.
  const labelX = (-dy * (shift + 10)) / length;
  const labelY = (dx * (shift + 10)) / length;
  const dimmed = highlighted.size > 0 && !highlighted.has(source.getId()) && !highlighted.has(target.getId());
  const classes = ['netobserv-topology__edge'];
  if (selected) classes.push('netobserv-topology__edge--selected');
  if (dimmed) classes.push('netobserv-topology__edge--dimmed');
  const drawn = (
    <g className={classes.join(' ')} onClick={onSelect} data-test="topology-edge" data-id={edge.getId()}>
      {/* A wide transparent line makes thin edges easy to click. */}
      <line x1={x1} y1={y1} x2={x2} y2={y2} className="netobserv-topology__edge-hit" />
      <line x1={x1} y1={y1} x2={x2} y2={y2} strokeWidth={width} markerEnd="url(#netobserv-topology-arrow)" className="netobserv-topology__edge-line" />
      {(labelled || selected) && length > 80 && (
        <text x={(x1 + x2) / 2 + labelX} y={(y1 + y2) / 2 + labelY} dy={4} textAnchor="middle" className="netobserv-topology__edge-label" data-test="topology-edge-label">
          {text}
        </text>
      )}
    </g>
  );
  // PatternFly draws elements in creation order, nodes first: the bottom layer puts lines under the nodes.
  return underNodes ? <Layer id={BOTTOM_LAYER}>{drawn}</Layer> : drawn;
});

type GroupProps = { element: GraphElement } & WithSelectionProps;

const TopologyGroup = observer(({ element, selected, onSelect }: GroupProps) => {
  const { group } = element.getData() as GroupData;
  const { unknownName } = useContext(GraphActionsContext);
  return (
    <DefaultGroup element={element} selected={selected} onSelect={onSelect} collapsible={false} showLabel label={group.name || unknownName} className="netobserv-topology__group" />
  );
});

export const componentFactory: ComponentFactory = (kind, type) => {
  if (kind === ModelKind.graph) return withPanZoom()(GraphComponent);
  switch (type) {
    case 'topology-node':
      return withDragNode()(withSelection()(TopologyNode));
    case 'topology-group':
      return withSelection()(TopologyGroup);
    case 'topology-edge':
      return withSelection()(TopologyEdge);
    default:
      return undefined;
  }
};

export const layoutFactory: LayoutFactory = (type, graph) => {
  switch (type) {
    case 'cola':
      return new ColaLayout(graph, { layoutOnDrag: false, maxTicks: 300 });
    case 'dagre':
      return new DagreLayout(graph, { rankdir: 'LR', ranksep: 120, nodesep: 20 });
    case 'force':
      return new SettledForceLayout(graph);
    case 'grid':
      return new GridLayout(graph);
    case 'concentric':
      return new ConcentricLayout(graph);
    default:
      return undefined;
  }
};
