/**
 * PatternFly's layout interface around settle-layout.ts: positions are computed in one pass and set
 * once, instead of animating a simulation frame by frame (which redraws a large graph hundreds of
 * times). Nodes already on screen are fixed by PatternFly's base layout on refreshes, so they stay.
 */
import { BaseLayout, Graph, Layout, action } from '@patternfly/react-topology';
import { settle, settleOptionsFor } from './settle-layout';

export class SettledForceLayout extends BaseLayout implements Layout {
  constructor(graph: Graph) {
    super(graph, { layoutOnDrag: false });
  }

  protected startLayout(_graph: Graph, initialRun: boolean, _addingNodes: boolean, onEnd?: () => void): void {
    const index = new Map(this.nodes.map((n, i) => [n.id, i]));
    const nodes = this.nodes.map((n) => ({ x: n.x, y: n.y, fixed: !initialRun && n.isFixed, group: n.parent?.id }));
    const links: Array<[number, number]> = [];
    // The base layout adds links between members of a group, which keep groups together here too.
    for (const e of this.edges) {
      const a = index.get(e.sourceNode.id);
      const b = index.get(e.targetNode.id);
      if (a !== undefined && b !== undefined) links.push([a, b]);
    }
    settle(nodes, links, settleOptionsFor(nodes.length));
    action(() =>
      this.nodes.forEach((n, i) => {
        n.x = nodes[i].x;
        n.y = nodes[i].y;
        n.update();
      }),
    )();
    onEnd?.();
  }
}
