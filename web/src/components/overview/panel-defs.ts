/**
 * The Overview's panels: what each one asks `/api/metrics` for and how it draws the answer. One request
 * per panel, except the RTT percentiles (p90 and p99 are two functions, so two requests).
 */
import { Filter } from '../../model/filters';
import { MetricBreakdown, MetricFunction, MetricScope, MetricType } from '../../model/metrics';

export const panelIds = [
  'topRates',
  'latestRates',
  'totalRate',
  'droppedRates',
  'dropCauses',
  'dropStates',
  'rttTop',
  'rttPercentiles',
  'dnsLatencyTop',
  'dnsRcodes',
  'eventsByAction',
  'eventsByPolicy',
  'ipsecFlows',
] as const;
export type PanelId = (typeof panelIds)[number];

export function isPanelId(s: string): s is PanelId {
  return (panelIds as readonly string[]).includes(s);
}

/** Every panel is shown by default: each answers one of the questions of the Overview. */
export const defaultPanelIds: readonly PanelId[] = panelIds;

/**
 * How a panel draws its series: stacked areas (rates that add up), lines (latencies, which do not),
 * a donut (shares of the latest rate) or bars (one value per series, e.g. per drop cause).
 */
export type ChartKind = 'stackedArea' | 'line' | 'donut' | 'bars';

/** Which figure of a series the legend, the donut and the bars show. */
export type SeriesFigure = 'avg' | 'last';

export interface PanelRequest {
  type: MetricType;
  fn: MetricFunction;
  /** The chosen scope, or the whole cluster (breakdown panels, totals). */
  scope: MetricScope;
  breakdown?: MetricBreakdown;
  limit: number;
  /** Names the series of this request when a panel combines several (e.g. "p90"). */
  label?: string;
}

export interface PanelDef {
  id: PanelId;
  chart: ChartKind;
  figure: SeriesFigure;
  /** Counters are drawn as rates per second. */
  requests: (o: { scope: MetricScope; type: 'bytes' | 'packets'; top: number }) => PanelRequest[];
  /** What restricts the table or the topology to this panel's kind of flows (e.g. flows with drops). */
  flowsFilters: readonly Filter[];
}

const dropped = (type: 'bytes' | 'packets'): MetricType => (type === 'bytes' ? 'droppedBytes' : 'droppedPackets');

const withDrops: Filter[] = [{ target: 'PktDropPackets', op: '>', values: ['0'] }];
const withRtt: Filter[] = [{ target: 'TimeFlowRttNs', op: '>', values: ['0'] }];
const withDns: Filter[] = [{ target: 'DnsLatencyMs', op: '>=', values: ['0'] }];
const withEvents: Filter[] = [{ target: 'NetworkEventAction', op: '=~', values: ['.+'] }];
const withIpsec: Filter[] = [{ target: 'IPSecStatus', op: '=', values: ['success', 'error'] }];

export const panelDefs: Readonly<Record<PanelId, PanelDef>> = {
  topRates: {
    id: 'topRates',
    chart: 'stackedArea',
    figure: 'avg',
    requests: ({ scope, type, top }) => [{ type, fn: 'avg', scope, limit: top }],
    flowsFilters: [],
  },
  latestRates: {
    id: 'latestRates',
    chart: 'donut',
    figure: 'last',
    requests: ({ scope, type, top }) => [{ type, fn: 'last', scope, limit: top }],
    flowsFilters: [],
  },
  totalRate: {
    id: 'totalRate',
    chart: 'stackedArea',
    figure: 'avg',
    requests: ({ type, top }) => [{ type, fn: 'rate', scope: 'cluster', limit: top }],
    flowsFilters: [],
  },
  droppedRates: {
    id: 'droppedRates',
    chart: 'stackedArea',
    figure: 'avg',
    requests: ({ scope, type, top }) => [{ type: dropped(type), fn: 'avg', scope, limit: top }],
    flowsFilters: withDrops,
  },
  dropCauses: {
    id: 'dropCauses',
    chart: 'bars',
    figure: 'avg',
    requests: ({ type, top }) => [{ type: dropped(type), fn: 'avg', scope: 'cluster', breakdown: 'dropCause', limit: top }],
    flowsFilters: withDrops,
  },
  dropStates: {
    id: 'dropStates',
    chart: 'bars',
    figure: 'avg',
    requests: ({ type, top }) => [{ type: dropped(type), fn: 'avg', scope: 'cluster', breakdown: 'dropState', limit: top }],
    flowsFilters: withDrops,
  },
  rttTop: {
    id: 'rttTop',
    chart: 'line',
    figure: 'avg',
    requests: ({ scope, top }) => [{ type: 'rtt', fn: 'avg', scope, limit: top }],
    flowsFilters: withRtt,
  },
  rttPercentiles: {
    id: 'rttPercentiles',
    chart: 'line',
    figure: 'avg',
    requests: () => [
      { type: 'rtt', fn: 'p90', scope: 'cluster', limit: 1, label: 'p90' },
      { type: 'rtt', fn: 'p99', scope: 'cluster', limit: 1, label: 'p99' },
    ],
    flowsFilters: withRtt,
  },
  dnsLatencyTop: {
    id: 'dnsLatencyTop',
    chart: 'line',
    figure: 'avg',
    requests: ({ scope, top }) => [{ type: 'dnsLatency', fn: 'avg', scope, limit: top }],
    flowsFilters: withDns,
  },
  dnsRcodes: {
    id: 'dnsRcodes',
    chart: 'donut',
    figure: 'avg',
    requests: ({ top }) => [{ type: 'flows', fn: 'avg', scope: 'cluster', breakdown: 'dnsRcode', limit: top }],
    flowsFilters: withDns,
  },
  eventsByAction: {
    id: 'eventsByAction',
    chart: 'stackedArea',
    figure: 'avg',
    requests: ({ top }) => [{ type: 'networkEvents', fn: 'avg', scope: 'cluster', breakdown: 'eventAction', limit: top }],
    flowsFilters: withEvents,
  },
  eventsByPolicy: {
    id: 'eventsByPolicy',
    chart: 'bars',
    figure: 'avg',
    requests: ({ top }) => [{ type: 'networkEvents', fn: 'avg', scope: 'cluster', breakdown: 'eventPolicy', limit: top }],
    flowsFilters: withEvents,
  },
  // Flows between nodes of a cluster with IPsec enabled: an empty panel says IPsec is not in use.
  ipsecFlows: {
    id: 'ipsecFlows',
    chart: 'stackedArea',
    figure: 'avg',
    requests: ({ top }) => [{ type: 'flows', fn: 'avg', scope: 'cluster', breakdown: 'ipsecStatus', limit: top }],
    flowsFilters: withIpsec,
  },
};

/** How many backend requests a list of panels makes. */
export function requestCount(ids: readonly PanelId[]): number {
  const o = { scope: 'namespace' as const, type: 'bytes' as const, top: 5 };
  return ids.reduce((n, id) => n + panelDefs[id].requests(o).length, 0);
}
