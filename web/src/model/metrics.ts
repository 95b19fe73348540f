/**
 * Flow metrics (`GET /api/metrics`): the catalogues of scopes, metric types and functions, and the
 * answer's shape. Pure types and data, shared by the page (overview, topology) and the backend, which
 * turns them into LogQL or PromQL.
 */

/** What a series aggregates by: each scope groups flows by the source and destination labels below. */
export type MetricScope = 'cluster' | 'zone' | 'host' | 'namespace' | 'owner' | 'resource' | 'udn';
export const metricScopes: readonly MetricScope[] = ['cluster', 'zone', 'host', 'namespace', 'owner', 'resource', 'udn'];

/** What is measured. */
export type MetricType = 'bytes' | 'packets' | 'droppedBytes' | 'droppedPackets' | 'rtt' | 'dnsLatency' | 'networkEvents' | 'flows';
export const metricTypes: readonly MetricType[] = ['bytes', 'packets', 'droppedBytes', 'droppedPackets', 'rtt', 'dnsLatency', 'networkEvents', 'flows'];

/**
 * How values are computed. Counters (bytes, packets, drops, events, flows): `rate` per second, `sum`
 * per step; `avg`, `max`, `last` give the rate and rank the series by its average, maximum or last
 * value. Latencies (rtt, dnsLatency): per step `avg`, `max`, `p90`, `p99` or `last` observed value.
 */
export type MetricFunction = 'rate' | 'sum' | 'avg' | 'max' | 'p90' | 'p99' | 'last';
export const metricFunctions: readonly MetricFunction[] = ['rate', 'sum', 'avg', 'max', 'p90', 'p99', 'last'];

export type MetricDataSource = 'loki' | 'prom';
export type DataSourceChoice = 'auto' | MetricDataSource;
export const dataSourceChoices: readonly DataSourceChoice[] = ['auto', 'loki', 'prom'];

export interface ScopeDef {
  scope: MetricScope;
  title: string;
  /** Catalogue field names a series is grouped by, source side then destination side. */
  source: readonly string[];
  destination: readonly string[];
}

const sided = (suffixes: readonly string[]) => ({
  source: suffixes.map((s) => `Src${s}`),
  destination: suffixes.map((s) => `Dst${s}`),
});

export const scopeDefs: Readonly<Record<MetricScope, ScopeDef>> = {
  cluster: { scope: 'cluster', title: 'Cluster', source: ['K8S_ClusterName'], destination: [] },
  zone: { scope: 'zone', title: 'Zone', ...sided(['K8S_Zone']) },
  host: { scope: 'host', title: 'Node', ...sided(['K8S_HostName']) },
  namespace: { scope: 'namespace', title: 'Namespace', ...sided(['K8S_Namespace']) },
  owner: { scope: 'owner', title: 'Owner', ...sided(['K8S_Namespace', 'K8S_OwnerName', 'K8S_OwnerType']) },
  resource: { scope: 'resource', title: 'Resource', ...sided(['K8S_Namespace', 'K8S_Name', 'K8S_Type', 'Addr']) },
  udn: { scope: 'udn', title: 'Network', ...sided(['K8S_NetworkName']) },
};

/**
 * A breakdown splits each series by what happened to the measured traffic: why packets were dropped,
 * what DNS answered, what a network policy did. Its fields are catalogue field names, so a series'
 * breakdown labels are also filters (`PktDropLatestDropCause=SKB_DROP_REASON_…`, `NetworkEventName=…`).
 * `flows` by `dnsRcode` counts the flows that carry a DNS answer (DNS requests by response code).
 */
export type MetricBreakdown = 'dropCause' | 'dropState' | 'dnsRcode' | 'eventAction' | 'eventPolicy' | 'ipsecStatus';
export const metricBreakdowns: readonly MetricBreakdown[] = ['dropCause', 'dropState', 'dnsRcode', 'eventAction', 'eventPolicy', 'ipsecStatus'];

export interface BreakdownDef {
  breakdown: MetricBreakdown;
  title: string;
  /** The metric types that carry these fields; any other type with this breakdown is refused. */
  types: readonly MetricType[];
  fields: readonly string[];
}

export const breakdownDefs: Readonly<Record<MetricBreakdown, BreakdownDef>> = {
  dropCause: { breakdown: 'dropCause', title: 'Drop cause', types: ['droppedBytes', 'droppedPackets'], fields: ['PktDropLatestDropCause'] },
  dropState: { breakdown: 'dropState', title: 'Drop TCP state', types: ['droppedBytes', 'droppedPackets'], fields: ['PktDropLatestState'] },
  dnsRcode: { breakdown: 'dnsRcode', title: 'DNS response code', types: ['dnsLatency', 'flows'], fields: ['DnsFlagsResponseCode'] },
  eventAction: { breakdown: 'eventAction', title: 'Network event action', types: ['networkEvents'], fields: ['NetworkEventType', 'NetworkEventAction'] },
  eventPolicy: {
    breakdown: 'eventPolicy',
    title: 'Network policy',
    types: ['networkEvents'],
    fields: ['NetworkEventType', 'NetworkEventNamespace', 'NetworkEventName', 'NetworkEventAction'],
  },
  ipsecStatus: { breakdown: 'ipsecStatus', title: 'IPsec status', types: ['flows', 'bytes', 'packets'], fields: ['IPSecStatus'] },
};

/** The unit of the values of a series (latencies are always in milliseconds, whatever the source). */
export type MetricUnit = 'bytes' | 'packets' | 'flows' | 'events' | 'ms';

export interface MetricTypeDef {
  type: MetricType;
  title: string;
  /** Counter: summed over time; latency: distribution of observed values. */
  kind: 'counter' | 'latency';
  /** The flow field holding the value; undefined for types that count flows. */
  field?: string;
  unit: MetricUnit;
  functions: readonly MetricFunction[];
}

const counterFunctions: readonly MetricFunction[] = ['rate', 'sum', 'avg', 'max', 'last'];
const latencyFunctions: readonly MetricFunction[] = ['avg', 'max', 'p90', 'p99', 'last'];

export const metricTypeDefs: Readonly<Record<MetricType, MetricTypeDef>> = {
  bytes: { type: 'bytes', title: 'Bytes', kind: 'counter', field: 'Bytes', unit: 'bytes', functions: counterFunctions },
  packets: { type: 'packets', title: 'Packets', kind: 'counter', field: 'Packets', unit: 'packets', functions: counterFunctions },
  droppedBytes: { type: 'droppedBytes', title: 'Dropped bytes', kind: 'counter', field: 'PktDropBytes', unit: 'bytes', functions: counterFunctions },
  droppedPackets: { type: 'droppedPackets', title: 'Dropped packets', kind: 'counter', field: 'PktDropPackets', unit: 'packets', functions: counterFunctions },
  rtt: { type: 'rtt', title: 'Round-trip time', kind: 'latency', field: 'TimeFlowRttNs', unit: 'ms', functions: latencyFunctions },
  dnsLatency: { type: 'dnsLatency', title: 'DNS latency', kind: 'latency', field: 'DnsLatencyMs', unit: 'ms', functions: latencyFunctions },
  networkEvents: { type: 'networkEvents', title: 'Network events', kind: 'counter', unit: 'events', functions: counterFunctions },
  flows: { type: 'flows', title: 'Flows', kind: 'counter', unit: 'flows', functions: counterFunctions },
};

/** Summary of one series over the whole range (what ranks the top N). */
export interface SeriesStats {
  avg: number;
  max: number;
  last: number;
  /** Counters only: the total over the range (rate × step, summed); latencies: absent. */
  total?: number;
}

export interface MetricSeries {
  /** Source side labels, keyed by catalogue field name (e.g. SrcK8S_Namespace); "" when absent. */
  source: Record<string, string>;
  destination: Record<string, string>;
  /** With a breakdown: its labels, keyed by the breakdown's field names; absent otherwise. */
  breakdown?: Record<string, string>;
  /** [epoch seconds, value] points, oldest first, in the type's unit. */
  values: Array<[number, number]>;
  stats: SeriesStats;
}

export interface MetricsStats {
  numQueries: number;
  durationMs: number;
  /** More series matched than `limit`: only the top ones are returned. */
  limitReached: boolean;
  /** Why this data source was used (e.g. "no enabled Prometheus metric has the label SrcK8S_Name"). */
  dataSourceReason: string;
}

export interface MetricsResponse {
  metrics: MetricSeries[];
  dataSource: MetricDataSource;
  unit: MetricUnit;
  /** The upstream queries run (LogQL or PromQL), for display and troubleshooting. */
  queries: string[];
  stats: MetricsStats;
}

export const defaultMetricsLimit = 10;
/**
 * The topology asks for up to 500 paths on large clusters; more would pass Loki's default of 500 series
 * per metric query (max_query_series), and a graph of more edges is no longer readable.
 */
export const maxMetricsLimit = 500;
export const defaultStepSeconds = 60;
/** Loki and Prometheus both refuse more than 11,000 points per series. */
export const maxPointsPerSeries = 11000;
