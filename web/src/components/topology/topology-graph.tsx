/**
 * The graph surface: one PatternFly Visualization kept for the view's life, fed each new model by
 * merging, so that peers that stay keep their place and only new ones are laid out. Zoom and fit come
 * from the control bar; a fit follows each new layout. User Timing marks ("netobserv-topology-data",
 * "netobserv-topology-laid-out") time data to laid-out graph, for the benchmark and for profiling.
 */
import { useEffect, useMemo, useRef } from 'react';
import {
  GRAPH_LAYOUT_END_EVENT, Model, SELECTION_EVENT, TopologyControlBar, TopologyView as PfTopologyView, Visualization, VisualizationProvider,
  VisualizationSurface, action, createTopologyControlButtons, defaultControlButtonsOptions,
} from '@patternfly/react-topology';
import { usePluginTranslation } from '../i18n';
import { graphId, graphLayers } from './graph-model';
import { GraphActions, GraphActionsContext, componentFactory, layoutFactory } from './topology-elements';
import { KindIconDefs } from './kind-icons';

export interface TopologyGraphProps {
  model: Model;
  actions: GraphActions;
  selected?: string;
  onSelect: (id: string | undefined) => void;
  sidePanel?: React.ReactNode;
  /** Changes when the graph should be laid out from scratch (another scope, groups or filters). */
  layoutKey: string;
}

export const dataMark = 'netobserv-topology-data';
export const laidOutMark = 'netobserv-topology-laid-out';

/** Some environments (jsdom) have no User Timing. */
function mark(name: string): void {
  if (typeof performance.mark === 'function') performance.mark(name);
}

export function TopologyGraph({ model, actions, selected, onSelect, sidePanel, layoutKey }: TopologyGraphProps) {
  const { t } = usePluginTranslation();
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const fitNext = useRef(true);
  const controller = useMemo(() => {
    const c = new Visualization();
    c.registerComponentFactory(componentFactory);
    c.registerLayoutFactory(layoutFactory);
    // The graph exists before the first answer, so that the surface gives it its size: a layout
    // fitted to a graph without a size would shrink it to nothing.
    c.fromModel({ graph: { id: graphId, type: 'graph', layers: graphLayers } }, false);
    c.addEventListener(SELECTION_EVENT, (ids: string[]) => onSelectRef.current(ids[0]));
    c.addEventListener(GRAPH_LAYOUT_END_EVENT, () => {
      // Laid out means drawn: the mark waits for the frame that paints the new positions.
      requestAnimationFrame(() => setTimeout(() => mark(laidOutMark)));
      // Fit a new picture; a refresh keeps the user's zoom.
      if (fitNext.current) c.getGraph().fit(60);
      fitNext.current = false;
    });
    return c;
  }, []);
  const lastLayoutKey = useRef<string>();

  useEffect(() => {
    mark(dataMark);
    action(() => {
      const fresh = lastLayoutKey.current !== layoutKey;
      lastLayoutKey.current = layoutKey;
      const currentLayout = controller.getGraph().getLayout();
      // A new scope or filter set is a new picture: drop the old positions. A refresh merges.
      controller.fromModel(model, !fresh);
      const graph = controller.getGraph();
      if (fresh || currentLayout !== model.graph?.layout) {
        fitNext.current = true;
        graph.layout();
      }
    })();
  }, [controller, model, layoutKey]);

  // One state object per selection: a new one on every render would make every element re-render.
  const surfaceState = useMemo(() => ({ selectedIds: selected ? [selected] : [] }), [selected]);
  const controlButtons = useMemo(
    () =>
      createTopologyControlButtons({
        ...defaultControlButtonsOptions,
        zoomInTip: t('Zoom in'),
        zoomInAriaLabel: t('Zoom in'),
        zoomOutTip: t('Zoom out'),
        zoomOutAriaLabel: t('Zoom out'),
        fitToScreenTip: t('Fit to screen'),
        fitToScreenAriaLabel: t('Fit to screen'),
        resetViewTip: t('Reset view'),
        resetViewAriaLabel: t('Reset view'),
        zoomInCallback: action(() => controller.getGraph().scaleBy(4 / 3)),
        zoomOutCallback: action(() => controller.getGraph().scaleBy(0.75)),
        fitToScreenCallback: action(() => controller.getGraph().fit(60)),
        resetViewCallback: action(() => {
          controller.getGraph().reset();
          controller.getGraph().layout();
        }),
        legend: false,
      }),
    [controller, t],
  );

  return (
    <GraphActionsContext.Provider value={actions}>
      <VisualizationProvider controller={controller}>
        <PfTopologyView
          className="netobserv-topology__view"
          controlBar={<TopologyControlBar controlButtons={controlButtons} />}
          sideBar={sidePanel}
          sideBarOpen={sidePanel !== undefined}
          sideBarResizable
          data-test="topology-graph"
        >
          <svg className="netobserv-topology__defs" aria-hidden width={0} height={0}>
            <KindIconDefs />
          </svg>
          <VisualizationSurface state={surfaceState} />
        </PfTopologyView>
      </VisualizationProvider>
    </GraphActionsContext.Provider>
  );
}
