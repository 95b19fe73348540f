/**
 * One SVG symbol per node kind, defined once in the graph and drawn with <use>: a thousand nodes then
 * cost a thousand light elements, not a thousand icon components.
 */
import { ClusterIconConfig } from '@patternfly/react-icons/dist/esm/icons/cluster-icon';
import { CubeIconConfig } from '@patternfly/react-icons/dist/esm/icons/cube-icon';
import { CubesIconConfig } from '@patternfly/react-icons/dist/esm/icons/cubes-icon';
import { DatabaseIconConfig } from '@patternfly/react-icons/dist/esm/icons/database-icon';
import { FolderOpenIconConfig } from '@patternfly/react-icons/dist/esm/icons/folder-open-icon';
import { GlobeIconConfig } from '@patternfly/react-icons/dist/esm/icons/globe-icon';
import { HistoryIconConfig } from '@patternfly/react-icons/dist/esm/icons/history-icon';
import { LayerGroupIconConfig } from '@patternfly/react-icons/dist/esm/icons/layer-group-icon';
import { MapMarkerAltIconConfig } from '@patternfly/react-icons/dist/esm/icons/map-marker-alt-icon';
import { NetworkWiredIconConfig } from '@patternfly/react-icons/dist/esm/icons/network-wired-icon';
import { QuestionCircleIconConfig } from '@patternfly/react-icons/dist/esm/icons/question-circle-icon';
import { ServerIconConfig } from '@patternfly/react-icons/dist/esm/icons/server-icon';
import { SitemapIconConfig } from '@patternfly/react-icons/dist/esm/icons/sitemap-icon';
import { TasksIconConfig } from '@patternfly/react-icons/dist/esm/icons/tasks-icon';
import { ThIconConfig } from '@patternfly/react-icons/dist/esm/icons/th-icon';
import { NodeKind } from './topology-model';

interface IconData {
  xOffset?: number;
  yOffset?: number;
  width: number;
  height: number;
  svgPathData: string | ReadonlyArray<{ path: string }>;
}

const icons: Readonly<Record<NodeKind, { icon: IconData }>> = {
  cluster: ClusterIconConfig,
  zone: MapMarkerAltIconConfig,
  host: ServerIconConfig,
  namespace: FolderOpenIconConfig,
  network: NetworkWiredIconConfig,
  deployment: CubesIconConfig,
  statefulset: DatabaseIconConfig,
  daemonset: ThIconConfig,
  replicaset: LayerGroupIconConfig,
  job: TasksIconConfig,
  cronjob: HistoryIconConfig,
  pod: CubeIconConfig,
  service: SitemapIconConfig,
  owner: CubesIconConfig,
  external: GlobeIconConfig,
  unknown: QuestionCircleIconConfig,
};

export const iconId = (kind: NodeKind) => `netobserv-topology-icon-${kind}`;

/** The <symbol> definitions, to place once inside the graph's SVG. */
export function KindIconDefs() {
  return (
    <defs>
      {Object.entries(icons).map(([kind, { icon }]) => {
        const paths = typeof icon.svgPathData === 'string' ? [icon.svgPathData] : icon.svgPathData.map((p) => p.path);
        return (
          <symbol key={kind} id={iconId(kind as NodeKind)} viewBox={`${icon.xOffset ?? 0} ${icon.yOffset ?? 0} ${icon.width} ${icon.height}`}>
            {paths.map((d) => (
              <path key={d} d={d} />
            ))}
          </symbol>
        );
      })}
      <marker id="netobserv-topology-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">
        <path d="M 0 0 L 10 5 L 0 10 z" className="netobserv-topology__arrow" />
      </marker>
    </defs>
  );
}

/** The icon of a kind, as a PatternFly icon would show it in HTML (legend, side panel). */
export function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  return (
    <svg width={size} height={size} className="netobserv-topology__kind-icon" aria-hidden>
      <use href={`#${iconId(kind)}`} />
    </svg>
  );
}
