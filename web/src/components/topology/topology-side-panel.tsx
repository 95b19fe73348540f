/**
 * Details of the selected node or edge: what it is, the metric over time, its top peers, and actions
 * (step into, filter on it, show its flows in the table).
 */
import { ReactNode, useLayoutEffect, useRef, useState } from 'react';
import {
  Button, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Flex, FlexItem, Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Chart, ChartAxis, ChartGroup, ChartLine, ChartVoronoiContainer } from '@patternfly/react-charts/victory';
import { TimesIcon } from '@patternfly/react-icons/dist/esm/icons/times-icon';
import { Filter } from '../../model/filters';
import { MetricFunction, MetricScope, MetricType, MetricUnit, metricTypeDefs } from '../../model/metrics';
import { usePluginTranslation } from '../i18n';
import { KindIcon } from './kind-icons';
import { formatMetricValue } from '../metric-value';
import { edgeFilters, nodeFilters, StepInto, stepInto } from './node-filters';
import { TopoEdge, TopoGraph, TopoNode, nodeSeries, topPeers } from './topology-model';
import { TopologyTitles } from './topology-titles';

export interface SidePanelProps {
  graph: TopoGraph;
  selected: string;
  type: MetricType;
  fn: MetricFunction;
  unit: MetricUnit;
  groups: readonly MetricScope[];
  titles: TopologyTitles;
  onClose: () => void;
  onSelect: (id: string) => void;
  onStepInto: (step: StepInto) => void;
  onFilter: (filters: Filter[]) => void;
  onShowFlows: (filters: Filter[]) => void;
}

const axisStyle = { tickLabels: { fill: 'var(--pf-t--global--text--color--subtle)', fontSize: 11 } };
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function MetricChart({ lines, format }: { lines: Array<{ name: string; points: Array<[number, number]> }>; format: (v: number) => string }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(320);
  useLayoutEffect(() => {
    if (box.current) setWidth(Math.max(200, box.current.clientWidth - 8));
  }, []);
  const shown = lines.filter((l) => l.points.length > 0);
  if (shown.length === 0) return null;
  return (
    <div ref={box} data-test="topology-chart">
      <Chart
        width={width}
        height={shown.length > 1 ? 190 : 160}
        padding={{ top: 10, bottom: shown.length > 1 ? 60 : 30, left: 70, right: 30 }}
        scale={{ x: 'time', y: 'linear' }}
        legendData={shown.length > 1 ? shown.map((l) => ({ name: l.name })) : undefined}
        legendPosition="bottom"
        containerComponent={<ChartVoronoiContainer labels={({ datum }: { datum: { y: number } }) => format(datum.y)} constrainToVisibleArea />}
      >
        <ChartAxis style={axisStyle} tickCount={4} tickFormat={(v: number) => clock.format(new Date(v))} />
        <ChartAxis style={axisStyle} dependentAxis tickCount={3} tickFormat={(v: number) => format(v)} />
        <ChartGroup>
          {shown.map((l) => (
            <ChartLine key={l.name} name={l.name} data={l.points.map(([t, v]) => ({ x: t * 1000, y: v }))} />
          ))}
        </ChartGroup>
      </Chart>
    </div>
  );
}

/** A node's or an edge's actions: its own first (step into), then filter on it and show its flows. */
function Actions({ filters, onFilter, onShowFlows, children }: { filters: Filter[]; onFilter: (f: Filter[]) => void; onShowFlows: (f: Filter[]) => void; children?: ReactNode }) {
  const { t } = usePluginTranslation();
  return (
    <Flex spaceItems={{ default: 'spaceItemsSm' }} className="netobserv-topology__panel-actions">
      {children}
      <FlexItem>
        <Button variant="secondary" size="sm" isDisabled={filters.length === 0} onClick={() => onFilter(filters)} data-test="topology-filter">
          {t('Filter on this')}
        </Button>
      </FlexItem>
      <FlexItem>
        <Button variant="link" size="sm" isDisabled={filters.length === 0} onClick={() => onShowFlows(filters)} data-test="topology-show-flows">
          {t('Show flows in the table')}
        </Button>
      </FlexItem>
    </Flex>
  );
}

export function TopologySidePanel(props: SidePanelProps) {
  const { t } = usePluginTranslation();
  const { graph, selected, unit, fn, type, titles, onClose } = props;
  const format = (v: number) => formatMetricValue(v, unit, fn, t);
  const node = graph.nodes.find((n) => n.id === selected);
  const edge = node ? undefined : graph.edges.find((e) => e.id === selected);
  const metricTitle = titles.types[type];
  let body: ReactNode;
  if (node) body = <NodeDetails {...props} node={node} format={format} metricTitle={metricTitle} />;
  else if (edge) body = <EdgeDetails {...props} edge={edge} format={format} metricTitle={metricTitle} />;
  else body = <p>{t('The selected element is not in the graph any more.')}</p>;
  return (
    <div className="netobserv-topology__panel" data-test="topology-side-panel">
      <Flex justifyContent={{ default: 'justifyContentFlexEnd' }}>
        <Button variant="plain" aria-label={t('Close')} onClick={onClose} icon={<TimesIcon />} data-test="topology-panel-close" />
      </Flex>
      {body}
    </div>
  );
}

type DetailsProps<T> = SidePanelProps & { format: (v: number) => string; metricTitle: string } & T;

function NodeDetails({ graph, node, format, metricTitle, groups, type, titles, onSelect, onStepInto, onFilter, onShowFlows }: DetailsProps<{ node: TopoNode }>) {
  const { t } = usePluginTranslation();
  const filters = nodeFilters(node);
  const step = stepInto(node, groups);
  const peers = topPeers(graph, node.id, 8);
  const series = nodeSeries(graph, node.id);
  const counter = metricTypeDefs[type].kind === 'counter';
  const labelTitles: Record<string, string> = {
    K8S_ClusterName: t('Cluster'), K8S_Zone: t('Zone'), K8S_HostName: t('Node'), K8S_Namespace: t('Namespace'), K8S_OwnerName: t('Owner'),
    K8S_OwnerType: t('Owner kind'), K8S_Name: t('Name'), K8S_Type: t('Kind'), Addr: t('IP'), K8S_NetworkName: t('Network'),
  };
  return (
    <>
      <Title headingLevel="h3" className="netobserv-topology__panel-title" data-test="topology-panel-title">
        <KindIcon kind={node.kind} size={20} /> {node.name || t('Unknown')}
      </Title>
      <p className="netobserv-topology__panel-subtitle">{titles.kinds[node.kind]}</p>
      <Actions filters={filters} onFilter={onFilter} onShowFlows={onShowFlows}>
        {step && (
          <FlexItem>
            <Button variant="primary" size="sm" onClick={() => onStepInto(step)} data-test="topology-step-into">
              {t('Step into')}
            </Button>
          </FlexItem>
        )}
      </Actions>
      <DescriptionList isCompact isHorizontal>
        {Object.entries(node.labels)
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <DescriptionListGroup key={k}>
              <DescriptionListTerm>{labelTitles[k] ?? k}</DescriptionListTerm>
              <DescriptionListDescription>{v}</DescriptionListDescription>
            </DescriptionListGroup>
          ))}
        {counter && (
          <>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('{{metric}} out', { metric: metricTitle })}</DescriptionListTerm>
              <DescriptionListDescription data-test="topology-node-out">{format(node.outValue)}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('{{metric}} in', { metric: metricTitle })}</DescriptionListTerm>
              <DescriptionListDescription>{format(node.inValue)}</DescriptionListDescription>
            </DescriptionListGroup>
          </>
        )}
        {node.selfValue > 0 && (
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Within')}</DescriptionListTerm>
            <DescriptionListDescription>{format(node.selfValue)}</DescriptionListDescription>
          </DescriptionListGroup>
        )}
      </DescriptionList>
      {counter && series.out.length + series.in.length > 0 && (
        <>
          <Title headingLevel="h4" className="netobserv-topology__panel-section">
            {t('{{metric}} over time', { metric: metricTitle })}
          </Title>
          <MetricChart lines={[{ name: t('Out'), points: series.out }, { name: t('In'), points: series.in }]} format={format} />
        </>
      )}
      <Title headingLevel="h4" className="netobserv-topology__panel-section">
        {t('Top peers')}
      </Title>
      {peers.length === 0 ? (
        <p>{t('No peer in the graph.')}</p>
      ) : (
        <Table variant="compact" aria-label={t('Top peers')} data-test="topology-peers">
          <Thead>
            <Tr>
              <Th>{t('Peer')}</Th>
              <Th>{t('Direction')}</Th>
              <Th>{metricTitle}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {peers.map((p) => (
              <Tr key={p.edge.id} isClickable onRowClick={() => onSelect(p.edge.id)} data-test="topology-peer">
                <Td>
                  <KindIcon kind={p.node.kind} /> {p.node.name || t('Unknown')}
                </Td>
                <Td>{p.direction === 'out' ? t('To') : t('From')}</Td>
                <Td>{format(p.edge.value)}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
}

function EdgeDetails({ graph, edge, format, metricTitle, onSelect, onFilter, onShowFlows }: DetailsProps<{ edge: TopoEdge }>) {
  const { t } = usePluginTranslation();
  const source = graph.nodes.find((n) => n.id === edge.source);
  const target = graph.nodes.find((n) => n.id === edge.target);
  const filters = edgeFilters(graph, edge);
  const end = (n: TopoNode | undefined) =>
    n && (
      <Button variant="link" isInline onClick={() => onSelect(n.id)}>
        <KindIcon kind={n.kind} /> {n.name || t('Unknown')}
      </Button>
    );
  return (
    <>
      <Title headingLevel="h3" className="netobserv-topology__panel-title" data-test="topology-panel-title">
        {t('{{source}} to {{target}}', { source: source?.name || t('Unknown'), target: target?.name || t('Unknown') })}
      </Title>
      <Actions filters={filters} onFilter={onFilter} onShowFlows={onShowFlows} />
      <DescriptionList isCompact isHorizontal>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Source')}</DescriptionListTerm>
          <DescriptionListDescription>{end(source)}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Destination')}</DescriptionListTerm>
          <DescriptionListDescription>{end(target)}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{metricTitle}</DescriptionListTerm>
          <DescriptionListDescription data-test="topology-edge-value">{format(edge.value)}</DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>
      <Title headingLevel="h4" className="netobserv-topology__panel-section">
        {t('{{metric}} over time', { metric: metricTitle })}
      </Title>
      <MetricChart lines={[{ name: metricTitle, points: edge.values }]} format={format} />
    </>
  );
}

