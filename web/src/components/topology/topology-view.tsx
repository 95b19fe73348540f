/**
 * The Topology tab: who talks to whom at the chosen scope, from `/api/metrics`, as a graph with a
 * side panel. Its own options live in the URL (topology-options.ts); the page gives the time range,
 * filters, data source and refresh.
 */
import './topology.css';
import { useCallback, useMemo, useState } from 'react';
import { Alert, AlertActionLink, Bullseye, EmptyState, EmptyStateBody, Spinner } from '@patternfly/react-core';
import { ExclamationCircleIcon } from '@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon';
import { SearchIcon } from '@patternfly/react-icons/dist/esm/icons/search-icon';
import { Filter, serializeFilters } from '../../model/filters';
import { MetricFunction, MetricScope, MetricsResponse, MetricType } from '../../model/metrics';
import { usePluginTranslation } from '../i18n';
import { useAsync } from '../use-async';
import { useBackendApi } from '../use-backend-api';
import { timeWindow } from '../use-url-query';
import { MetricViewProps } from '../views/metric-view-props';
import { toPatternflyModel } from './graph-model';
import { formatMetricValue } from '../metric-value';
import { StepInto, stepInto } from './node-filters';
import { TopologyGraph } from './topology-graph';
import { buildTopology, matchingNodes } from './topology-model';
import { topChoices } from './topology-options';
import { TopologySidePanel } from './topology-side-panel';
import { useTopologyTitles } from './topology-titles';
import { TopologyToolbar } from './topology-toolbar';
import { useTopologyOptions } from './use-topology-options';

/** About 120 points over the range, never finer than a minute (Prometheus' usual scrape interval). */
export function stepFor(rangeSeconds: number): number {
  return Math.max(60, Math.ceil(rangeSeconds / 120 / 60) * 60);
}

/** An answer with the options it was asked with, so that a graph is never built with another scope's labels. */
interface Answer {
  response: MetricsResponse;
  scope: MetricScope;
  groups: MetricScope[];
  type: MetricType;
  fn: MetricFunction;
}

export function TopologyView({ filters, match, timeRange, dataSource, refreshCount, onOpenView }: MetricViewProps) {
  const { t } = usePluginTranslation();
  const api = useBackendApi();
  const titles = useTopologyTitles();
  const [options, update, warnings] = useTopologyOptions();
  const [search, setSearch] = useState('');
  const { scope, groups, type, fn, top, layout, selected } = options;
  const groupsKey = groups.join(',');

  const metrics = useAsync(
    async (signal): Promise<Answer> => {
      const { start, end } = timeWindow(timeRange);
      const query = { scope, groups, type, fn, limit: top, stepSeconds: stepFor(end - start), filters, match, startTime: start, endTime: end, dataSource };
      return { response: await api.getMetrics(query, signal), scope, groups, type, fn };
    },
    // groups by value: a new array with the same groups is the same query
    [api, scope, groupsKey, type, fn, top, filters, match, timeRange, dataSource, refreshCount],
  );
  const answer = metrics?.status === 'done' ? metrics.value : metrics?.status === 'loading' ? metrics.previous : undefined;
  const graph = useMemo(() => answer && buildTopology(answer.response.metrics, answer.scope, answer.groups, answer.fn), [answer]);
  const format = useCallback(
    (v: number) => (answer ? formatMetricValue(v, answer.response.unit, answer.fn, t) : String(v)),
    [answer, t],
  );
  const model = useMemo(() => graph && toPatternflyModel(graph, layout, format), [graph, layout, format]);
  const highlighted = useMemo(() => (graph ? matchingNodes(graph, search) : new Set<string>()), [graph, search]);

  const step = useCallback((s: StepInto) => update({ scope: s.scope, groups: s.groups, selected: undefined }, s.filters), [update]);
  const onStepInto = useCallback(
    (nodeId: string) => {
      const node = graph?.nodes.find((n) => n.id === nodeId);
      const s = node && stepInto(node, groups);
      if (s) step(s);
    },
    [graph, groups, step],
  );
  const actions = useMemo(() => ({ highlighted, onStepInto, unknownName: t('Unknown') }), [highlighted, onStepInto, t]);
  const onSelect = useCallback((id: string | undefined) => update({ selected: id }), [update]);
  // A new scope, grouping or filter set is a new picture; a refresh or another metric keeps the positions.
  const layoutKey = `${answer?.scope}|${answer?.groups.join(',')}|${serializeFilters(filters)}|${match}`;

  const next = topChoices.find((n) => n > top);
  const truncated = answer?.response.stats.limitReached;

  const content = () => {
    if (metrics?.status === 'error') {
      return (
        <EmptyState titleText={t('Unable to get the topology')} headingLevel="h2" icon={ExclamationCircleIcon} status="danger" data-test="topology-error">
          <EmptyStateBody>{metrics.error.message}</EmptyStateBody>
        </EmptyState>
      );
    }
    if (!graph || !model || !answer) {
      return (
        <Bullseye>
          <Spinner aria-label={t('Loading the topology')} />
        </Bullseye>
      );
    }
    if (graph.nodes.length === 0) {
      return (
        <EmptyState titleText={t('No traffic found')} headingLevel="h2" icon={SearchIcon} data-test="topology-empty">
          <EmptyStateBody>{t('No traffic matches these filters in this time range. Widen the time range or remove a filter.')}</EmptyStateBody>
        </EmptyState>
      );
    }
    const panel = selected ? (
      <TopologySidePanel
        graph={graph}
        selected={selected}
        type={answer.type}
        fn={answer.fn}
        unit={answer.response.unit}
        groups={answer.groups}
        titles={titles}
        onClose={() => update({ selected: undefined })}
        onSelect={onSelect}
        onStepInto={step}
        onFilter={(added: Filter[]) => update({ selected: undefined }, added)}
        onShowFlows={(added: Filter[]) => onOpenView('table', added)}
      />
    ) : undefined;
    return <TopologyGraph model={model} actions={actions} selected={selected} onSelect={onSelect} sidePanel={panel} layoutKey={layoutKey} />;
  };

  return (
    <div className="netobserv-topology" data-test="topology-view">
      <TopologyToolbar
        options={options}
        titles={titles}
        search={search}
        matches={search.trim() ? highlighted.size : undefined}
        onSearch={setSearch}
        onSearchNext={() => {
          const first = [...highlighted][0];
          if (first) update({ selected: first });
        }}
        onChange={update}
        loading={metrics?.status === 'loading'}
        graphSize={graph && { nodes: graph.nodes.length, edges: graph.edges.length }}
        dataSource={answer && { source: answer.response.dataSource, reason: answer.response.stats.dataSourceReason }}
      />
      {warnings.length > 0 && (
        <Alert isInline variant="warning" title={t('Some topology options of the address were ignored; their defaults apply')} data-test="topology-url-warning">
          {warnings.map((w) => t('{{param}}: "{{value}}" is not valid', { param: w.param, value: w.value })).join('; ')}
        </Alert>
      )}
      {truncated && (
        <Alert
          isInline
          isPlain
          variant="info"
          data-test="topology-truncated"
          title={t('Only the {{top}} largest paths are shown; smaller ones are left out.', { top })}
          actionLinks={
            next ? (
              <AlertActionLink onClick={() => update({ top: next })} data-test="topology-show-more">
                {t('Show the top {{limit}}', { limit: next })}
              </AlertActionLink>
            ) : undefined
          }
        />
      )}
      <div className="netobserv-topology__body">{content()}</div>
    </div>
  );
}
