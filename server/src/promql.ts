/**
 * Metric requests -> PromQL over the NetObserv operator's predefined metrics (flowlogs-pipeline
 * writes them, Prometheus or Thanos stores them). The one table below says which metric covers which
 * type, at which level, with which labels; `promCoverage` decides whether Prometheus can answer a
 * request exactly (scope, groups, filters and function), and says why not otherwise. A breakdown
 * groups by the labels the type's metrics carry for it (`breakdownFields`).
 * Every value reaches PromQL through `promqlString` (and `regexEscape` inside regexes).
 */
import { FieldDef, getField, networkEventFilterFields } from '../../web/src/model/fields';
import { Filter, FilterOp, MatchMode, validateFilter } from '../../web/src/model/filters';
import { MetricBreakdown, MetricFunction, MetricScope, MetricType, breakdownDefs, scopeDefs } from '../../web/src/model/metrics';
import { logqlString, regexEscape } from './logql';

/** The prefix flowlogs-pipeline gives every predefined metric. */
export const promPrefix = 'netobserv_';

export interface MetricRequest {
  scope: MetricScope;
  /** Coarser scopes whose labels are added to the grouping (e.g. host for a resource topology). */
  groups: MetricScope[];
  type: MetricType;
  fn: MetricFunction;
  /** Splits each series by its fields as well (validated against the type by parseMetricParams). */
  breakdown?: MetricBreakdown;
  limit: number;
  stepSeconds: number;
  /** Epoch seconds. */
  startTime: number;
  endTime: number;
  filters: Filter[];
  /** all (the default): flows matching every filter; any: flows matching at least one. */
  match?: MatchMode;
}

/**
 * A PromQL double-quoted string holding exactly `value`. PromQL strings follow Go's syntax, like
 * LogQL's, so both languages share the escaping rules.
 */
export function promqlString(value: string): string {
  return logqlString(value);
}

type Level = 'node' | 'namespace' | 'workload';

const levelLabels: Record<Level, readonly string[]> = {
  node: ['SrcK8S_HostName', 'DstK8S_HostName'],
  namespace: ['SrcK8S_Namespace', 'DstK8S_Namespace', 'K8S_FlowLayer'],
  workload: [
    'SrcK8S_Namespace', 'DstK8S_Namespace', 'K8S_FlowLayer', 'SrcK8S_OwnerName', 'DstK8S_OwnerName',
    'SrcK8S_OwnerType', 'DstK8S_OwnerType', 'SrcK8S_Type', 'DstK8S_Type',
  ],
};

interface TypeMetric {
  /** Metric name after `<level>_`. */
  suffix: string;
  kind: 'counter' | 'histogram';
  /** Labels this type adds to the level's (e.g. the drop cause of drop counters). */
  extraLabels: readonly string[];
}

const typeMetrics: Record<MetricType, TypeMetric> = {
  bytes: { suffix: 'ingress_bytes_total', kind: 'counter', extraLabels: [] },
  packets: { suffix: 'ingress_packets_total', kind: 'counter', extraLabels: [] },
  droppedBytes: { suffix: 'drop_bytes_total', kind: 'counter', extraLabels: ['PktDropLatestState', 'PktDropLatestDropCause'] },
  droppedPackets: { suffix: 'drop_packets_total', kind: 'counter', extraLabels: ['PktDropLatestState', 'PktDropLatestDropCause'] },
  flows: { suffix: 'flows_total', kind: 'counter', extraLabels: [] },
  rtt: { suffix: 'rtt_seconds', kind: 'histogram', extraLabels: [] },
  dnsLatency: { suffix: 'dns_latency_seconds', kind: 'histogram', extraLabels: ['DnsFlagsResponseCode'] },
  // The operator names the event labels in lower case (see promLabel).
  networkEvents: { suffix: 'network_policy_events_total', kind: 'counter', extraLabels: ['type', 'namespace', 'name', 'action', 'direction'] },
};

export interface PromMetricDef {
  /** Name without the `netobserv_` prefix, as in the FlowCollector's `processor.metrics.includeList`. */
  name: string;
  type: MetricType;
  level: Level;
  kind: 'counter' | 'histogram';
  labels: readonly string[];
}

/** Coarsest level first: the cheapest metric that covers a request wins. */
const levels: readonly Level[] = ['node', 'namespace', 'workload'];

/** The table: every predefined metric the backend can use, for each type and level. */
export const promMetrics: readonly PromMetricDef[] = levels.flatMap((level) =>
  (Object.keys(typeMetrics) as MetricType[]).map((type) => {
    const t = typeMetrics[type];
    return { name: `${level}_${t.suffix}`, type, level, kind: t.kind, labels: [...levelLabels[level], ...t.extraLabels] };
  }),
);

/** The operator's metrics enabled by default (FlowCollector `processor.metrics.includeList`). */
export const defaultEnabledMetrics: readonly string[] = [
  'namespace_ingress_packets_total', 'namespace_flows_total', 'node_ingress_bytes_total', 'node_ingress_packets_total',
  'workload_ingress_bytes_total', 'namespace_drop_packets_total', 'node_drop_packets_total', 'namespace_rtt_seconds',
  'namespace_dns_latency_seconds', 'namespace_network_policy_events_total',
];

/** The labels a request groups by: its scope's, then its groups' (no repeats, in that order). */
export function groupingLabels(req: Pick<MetricRequest, 'scope' | 'groups'>): string[] {
  const all = [req.scope, ...req.groups].flatMap((s) => [...scopeDefs[s].source, ...scopeDefs[s].destination]);
  return [...new Set(all)];
}

/** The Prometheus label of a filter field: network event targets are the event labels (`action`...). */
const promLabel = (field: FieldDef): string => (field.eventKey ? field.eventKey.toLowerCase() : field.name);

function catalogueField(name: string): FieldDef {
  const field = getField(name) ?? networkEventFilterFields.find((f) => f.name === name);
  if (!field) throw new Error(`breakdown field ${name} is not in the fields catalogue`);
  return field;
}

/**
 * The field a series must have to be counted in a breakdown: drops without a cause, flows without a
 * DNS answer, events without an action (or a policy kind) have nothing to be broken down by.
 */
const breakdownPresence: Readonly<Record<MetricBreakdown, string>> = {
  dropCause: 'PktDropLatestDropCause',
  dropState: 'PktDropLatestState',
  dnsRcode: 'DnsFlagsResponseCode',
  eventAction: 'NetworkEventAction',
  eventPolicy: 'NetworkEventType',
  ipsecStatus: 'IPSecStatus',
};

export interface BreakdownField {
  /** Catalogue field name: the key in `MetricSeries.breakdown`, and the label name in LogQL. */
  field: string;
  /** Its label in the operator's metrics. */
  promLabel: string;
  /** The value must not be empty for a flow (or event) to count. */
  required: boolean;
  /** The network event key for event fields (`Action`...), read per event in LogQL. */
  eventKey?: string;
}

/** The fields a request's breakdown adds to its grouping (none without a breakdown). */
export function breakdownFields(req: Pick<MetricRequest, 'breakdown'>): BreakdownField[] {
  if (!req.breakdown) return [];
  const required = breakdownPresence[req.breakdown];
  return breakdownDefs[req.breakdown].fields.map((name) => {
    const field = catalogueField(name);
    return { field: name, promLabel: promLabel(field), required: name === required, eventKey: field.eventKey };
  });
}

/**
 * The type whose metrics answer a request, and whether a histogram's `_count` is read as a counter:
 * flows by DNS response code are the DNS latency histogram's observations (one per DNS flow).
 */
function promSource(req: Pick<MetricRequest, 'type' | 'breakdown'>): { type: MetricType; countOnly: boolean } {
  if (req.type === 'flows' && req.breakdown === 'dnsRcode') return { type: 'dnsLatency', countOnly: true };
  return { type: req.type, countOnly: false };
}

/**
 * Grouping labels any metric can answer: the operator adds K8S_ClusterName to every metric with its
 * multi-cluster option, and without it every series is the one cluster, so grouping by the absent
 * label still gives the cluster's total (with an empty name). Not a filter label: a matcher on an
 * absent label would select nothing.
 */
const clusterWide: readonly string[] = ['K8S_ClusterName'];

const histogramFunctions: readonly MetricFunction[] = ['avg', 'p90', 'p99'];

export type Coverage = { metric: PromMetricDef } | { reason: string };

/** Why a filter cannot be a label matcher of `metric`, or undefined when it can. */
function filterProblem(filter: Filter, metric: PromMetricDef): string | undefined {
  const target = validateFilter(filter);
  if (target.kind !== 'text' && target.kind !== 'enum') return `the filter on ${filter.target} is not a label match`;
  if (target.either && !isNegated(filter.op)) return `the filter on ${filter.target} matches source or destination, which a label matcher cannot express`;
  const missing = target.fields.find((f) => !metric.labels.includes(promLabel(f)));
  return missing ? `${promPrefix}${metric.name} has no label ${promLabel(missing)} (filter on ${missing.name})` : undefined;
}

/**
 * The enabled metric that answers `req` exactly, or why none does. A metric covers a request when it
 * measures the type, has every grouping label and every filtered label, and its kind supports the
 * function (histograms give averages and quantiles, not maxima or last values).
 */
export function promCoverage(
  req: Pick<MetricRequest, 'scope' | 'groups' | 'type' | 'fn' | 'filters' | 'breakdown'>, enabled: readonly string[],
): Coverage {
  const source = promSource(req);
  const candidates = promMetrics.filter((m) => m.type === source.type);
  const on = candidates.filter((m) => enabled.includes(m.name));
  if (on.length === 0) {
    const what = source.countOnly ? `${req.type} by ${req.breakdown}` : req.type;
    return { reason: `no enabled Prometheus metric measures ${what} (enable one of ${candidates.map((m) => m.name).join(', ')})` };
  }
  const labels = groupingLabels(req);
  const reasons: string[] = [];
  for (const metric of on) {
    if (metric.kind === 'histogram' && !source.countOnly && !histogramFunctions.includes(req.fn)) {
      reasons.push(`${promPrefix}${metric.name} is a histogram: it gives ${histogramFunctions.join(', ')}, not ${req.fn}`);
      continue;
    }
    const label = labels.find((l) => !metric.labels.includes(l) && !clusterWide.includes(l));
    if (label) {
      reasons.push(`${promPrefix}${metric.name} has no label ${label} (scope ${req.scope})`);
      continue;
    }
    // The operator's metrics carry most breakdowns (the drop cause of drop counters...), not all (IPsec).
    const missing = breakdownFields(req).find((b) => !metric.labels.includes(b.promLabel));
    if (missing) {
      reasons.push(`${promPrefix}${metric.name} has no label ${missing.promLabel} (breakdown ${req.breakdown})`);
      continue;
    }
    const problem = req.filters.map((f) => filterProblem(f, metric)).find((p) => p !== undefined);
    if (problem) {
      reasons.push(problem);
      continue;
    }
    return { metric };
  }
  return { reason: reasons.join('; ') };
}

const isNegated = (op: FilterOp) => op === '!=' || op === '!~';

/** One label matcher for a filter: several values mean any of them (none of them when negated). */
function matcher(name: string, op: FilterOp, values: readonly string[]): string {
  const regex = op === '=~' || op === '!~';
  if (!regex && values.length === 1) return `${name}${op}${promqlString(values[0])}`;
  const alternatives = values.map((v) => (regex ? v : regexEscape(v)));
  const pattern = alternatives.length === 1 ? alternatives[0] : alternatives.map((a) => `(?:${a})`).join('|');
  return `${name}${isNegated(op) ? '!~' : '=~'}${promqlString(pattern)}`;
}

function selector(metricName: string, filters: readonly Filter[], present: readonly string[]): string {
  const matchers = filters.flatMap((f) => validateFilter(f).fields.map((field) => matcher(promLabel(field), f.op, f.values)));
  // An empty label is an absent one: `!=""` keeps the series that have it.
  for (const label of present) matchers.push(`${label}!=""`);
  return `${metricName}{${matchers.join(',')}}`;
}

/** Prometheus needs at least two samples in a rate window: never narrower than a minute. */
export function rateWindow(stepSeconds: number): string {
  return `${Math.max(60, Math.ceil(stepSeconds))}s`;
}

/**
 * `fn(selector[window])` over the series the filters select. For match=any, one selector per filter
 * joined by `or`: rate and increase keep every label, so a series selected by several filters is the
 * same series on both sides and `or` keeps it once, an exact union.
 */
function ranged(fn: string, metricName: string, req: MetricRequest, window: string): string {
  const present = breakdownFields(req).filter((b) => b.required).map((b) => b.promLabel);
  if (req.match !== 'any' || req.filters.length < 2) return `${fn}(${selector(metricName, req.filters, present)}[${window}])`;
  return `(${req.filters.map((f) => `${fn}(${selector(metricName, [f], present)}[${window}])`).join(' or ')})`;
}

/** The PromQL answering `req` with `metric` (from promCoverage), top `limit` series per step. */
export function buildMetricPromql(req: MetricRequest, metric: PromMetricDef): string {
  const countOnly = promSource(req).countOnly;
  const name = `${promPrefix}${metric.name}${countOnly ? '_count' : ''}`;
  const by = [...groupingLabels(req), ...breakdownFields(req).map((b) => b.promLabel)].join(',');
  const window = rateWindow(req.stepSeconds);
  let expr: string;
  if (metric.kind === 'counter' || countOnly) {
    const fn = req.fn === 'sum' ? 'increase' : 'rate';
    expr = `sum by (${by}) (${ranged(fn, name, req, window)})`;
  } else if (req.fn === 'avg') {
    const part = (suffix: string) => `sum by (${by}) (${ranged('rate', `${name}_${suffix}`, req, window)})`;
    expr = `${part('sum')} / ${part('count')}`;
  } else {
    const q = req.fn === 'p90' ? '0.9' : '0.99';
    expr = `histogram_quantile(${q}, sum by (le,${by}) (${ranged('rate', `${name}_bucket`, req, window)}))`;
  }
  return `topk(${req.limit}, ${expr})`;
}
