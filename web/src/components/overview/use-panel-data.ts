/** Loads one panel: its requests to `/api/metrics` (usually one), aborted and re-run when the query changes. */
import { useMemo } from 'react';
import { MetricsQuery } from '../../api/metrics-query';
import { AsyncState, useAsync } from '../use-async';
import { useBackendApi } from '../use-backend-api';
import { timeWindow } from '../use-url-query';
import { MetricViewProps } from '../views/metric-view-props';
import { OverviewOptions } from './overview-options';
import { PanelDef, PanelRequest } from './panel-defs';
import { MetricsResponse } from '../../model/metrics';

/** About 60 points per series whatever the range, never finer than 15 s (the agent's default flush period). */
export function stepFor(rangeSeconds: number): number {
  return Math.max(15, Math.ceil(rangeSeconds / 60));
}

export function usePanelData(
  def: PanelDef,
  options: Pick<OverviewOptions, 'scope' | 'type' | 'top'>,
  view: Pick<MetricViewProps, 'filters' | 'match' | 'timeRange' | 'dataSource' | 'refreshCount'>,
): { requests: PanelRequest[]; state: AsyncState<MetricsResponse[]> | undefined } {
  const api = useBackendApi();
  const { scope, type, top } = options;
  const requests = useMemo(() => def.requests({ scope, type, top }), [def, scope, type, top]);
  const state = useAsync(
    (signal) => {
      const { start, end } = timeWindow(view.timeRange);
      const queries: MetricsQuery[] = requests.map((r) => ({
        scope: r.scope,
        type: r.type,
        fn: r.fn,
        breakdown: r.breakdown,
        limit: r.limit,
        stepSeconds: stepFor(end - start),
        filters: view.filters,
        match: view.match,
        startTime: start,
        endTime: end,
        dataSource: view.dataSource,
      }));
      return Promise.all(queries.map((q) => api.getMetrics(q, signal)));
    },
    [api, requests, view.filters, view.match, view.timeRange, view.dataSource, view.refreshCount],
  );
  return { requests, state };
}
