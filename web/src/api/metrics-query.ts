/** What the page asks `GET /api/metrics` for, and its query string (the contract: docs/architecture.md). */
import { Filter, MatchMode, serializeFilters } from '../model/filters';
import { DataSourceChoice, MetricBreakdown, MetricFunction, MetricScope, MetricType } from '../model/metrics';

export interface MetricsQuery {
  scope: MetricScope;
  /** Coarser scopes added to the grouping (e.g. namespaces around owners). */
  groups?: readonly MetricScope[];
  type: MetricType;
  fn: MetricFunction;
  breakdown?: MetricBreakdown;
  /** Top N series; the backend's default when absent. */
  limit?: number;
  /** Seconds between points; the backend's default when absent. */
  stepSeconds?: number;
  filters: readonly Filter[];
  match: MatchMode;
  /** Epoch seconds. */
  startTime: number;
  endTime: number;
  dataSource?: DataSourceChoice;
}

export function metricsQueryParams(query: MetricsQuery): URLSearchParams {
  const params = new URLSearchParams();
  params.set('scope', query.scope);
  if (query.groups?.length) params.set('groups', query.groups.join(','));
  params.set('type', query.type);
  params.set('function', query.fn);
  if (query.breakdown) params.set('breakdown', query.breakdown);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.stepSeconds !== undefined) params.set('step', String(query.stepSeconds));
  params.set('filters', serializeFilters(query.filters));
  params.set('match', query.match);
  params.set('startTime', String(Math.floor(query.startTime)));
  params.set('endTime', String(Math.ceil(query.endTime)));
  if (query.dataSource) params.set('dataSource', query.dataSource);
  return params;
}
