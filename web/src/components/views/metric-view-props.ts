/** What the page gives its metric views (Overview, Topology): the applied query and ways to act on it. */
import { Filter, MatchMode } from '../../model/filters';
import { DataSourceChoice } from '../../model/metrics';
import { CustomRange, UrlQuery, ViewId } from '../use-url-query';

export interface MetricViewProps {
  /** Every filter that applies: a resource tab's fixed ones, then the user's. */
  filters: readonly Filter[];
  match: MatchMode;
  /** The time range as chosen; `timeWindow(timeRange)` (use-url-query.ts) resolves it when querying. */
  timeRange: Pick<UrlQuery, 'rangeSeconds' | 'customRange'>;
  dataSource: DataSourceChoice;
  /** Changes whenever fresh data is wanted (refresh button, automatic refresh). */
  refreshCount: number;
  /** Adds a filter to the user's (e.g. a clicked series or node). */
  onAddFilter: (filter: Filter) => void;
  /** Opens another tab with these filters added to the user's (e.g. "show these flows in the table"). */
  onOpenView: (view: ViewId, filters?: readonly Filter[]) => void;
  /** Narrows the time range (e.g. a zoomed chart). */
  onTimeRange: (range: CustomRange) => void;
}
