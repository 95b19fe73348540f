/**
 * Metric requests -> LogQL metric queries over the flow logs, for what Prometheus does not cover.
 * The flows are selected as a flows query (buildFlowPipeline: one place turns filters into LogQL),
 * then aggregated per step:
 *   counters with a value field:  sum by (labels) (rate(<flows> | unwrap Bytes | __error__="" [step]))
 *   counters of flows:            sum by (labels) (rate(<flows> [step]))   (count_over_time for sum)
 *   latencies:                    quantile_over_time(0.99, <flows> | unwrap TimeFlowRttNs | __error__="" [step]) by (labels)
 * and the top `limit` series per step are kept (`topk`). A breakdown adds its fields to the labels and
 * leaves out the flows without them (`| PktDropLatestDropCause!=""`).
 *
 * Network events are an array in the flow line, which `| json` skips. They are counted one event
 * index at a time: `| json NetworkEventAction="NetworkEvents[0].Action", ...` extracts the fields of
 * event 0 (an empty label when the flow has fewer events), one query per index the agent can emit,
 * and the backend sums the answers. So LogQL counts events, as the operator's
 * network_policy_events_total does (ACL events only), and event filters apply to each event exactly.
 */
import { FieldDef } from '../../web/src/model/fields';
import { Filter, validateFilter } from '../../web/src/model/filters';
import { MetricType, metricTypeDefs } from '../../web/src/model/metrics';
import { LineMatch, LogqlOptions, buildFlowPipeline, eventFieldFilter, logqlString, regexEscape } from './logql';
import { BreakdownField, MetricRequest, breakdownFields, groupingLabels } from './promql';

/** The JSON text of a flow line with at least one network event (Go writes it without spaces). */
export const networkEventsPresent = '"NetworkEvents":[{';

/** The eBPF agent writes at most this many network events in one flow. */
export const maxNetworkEventsPerFlow = 4;

/** Range aggregation of unwrapped latencies per function. */
const latencyAggregation = { avg: 'avg_over_time', max: 'max_over_time', last: 'last_over_time' } as const;

/**
 * Drops and network events are reported by the node where they happen, once: the dedup of flows
 * (which drops the sender's Egress record of a flow the receiver also reports) would lose the
 * drops and events seen on the sender's side.
 */
const reportedOnce: readonly MetricType[] = ['droppedBytes', 'droppedPackets', 'networkEvents'];

const isEventFilter = (f: Filter) => validateFilter(f).fields.some((field: FieldDef) => field.eventKey);

/** Label filters keeping what has every required breakdown field. */
function presence(fields: readonly BreakdownField[]): string {
  return fields.filter((b) => b.required).map((b) => ` | ${b.field}!=${logqlString('')}`).join('');
}

/**
 * Line filters passing every flow with at least `n` events, to spare the JSON parsing of the others:
 * a flow line is flat JSON (Go, no spaces) whose only objects inside an array are the events, so `n`
 * events mean `"NetworkEvents":[{` and `n - 1` `},{` separators after it. Other text holding `},{`
 * only lets a line through to the exact label filters.
 */
function atLeastEvents(n: number): LineMatch[] {
  const present: LineMatch = { contains: networkEventsPresent };
  if (n < 2) return [present];
  return [present, { regex: Array.from({ length: n - 1 }, () => regexEscape('},{')).join('.*') }];
}

/**
 * The LogQL queries answering `req`: one, or for network events one per event index, whose answers
 * the caller adds up series by series (those are not cut by topk: a series' sum needs every part).
 */
export function buildMetricLogql(req: MetricRequest, opts: LogqlOptions): string[] {
  const def = metricTypeDefs[req.type];
  const breakdown = breakdownFields(req);
  const by = [...groupingLabels(req), ...breakdown.map((b) => b.field)].join(',');
  const range = `[${Math.max(1, Math.round(req.stepSeconds))}s]`;
  const fn = req.fn === 'sum' ? (def.field ? 'sum_over_time' : 'count_over_time') : 'rate';
  const dedup = !reportedOnce.includes(req.type);

  if (req.type === 'networkEvents') {
    // Event filters move onto each event's fields; with match=any they stay (and are refused there).
    const split = req.match !== 'any' || req.filters.length < 2;
    const eventFilters = split ? req.filters.filter(isEventFilter) : [];
    const selection = { filters: split ? req.filters.filter((f) => !isEventFilter(f)) : req.filters, match: req.match, recordType: 'flowLog' as const, packetLoss: 'all' as const, dedup };
    const eventFields = new Map<string, string>([['NetworkEventFeature', 'Feature']]);
    for (const b of breakdown) if (b.eventKey) eventFields.set(b.field, b.eventKey);
    for (const f of eventFilters) for (const field of validateFilter(f).fields) if (field.eventKey) eventFields.set(field.name, field.eventKey);
    const filters = [`NetworkEventFeature=${logqlString('acl')}`, ...eventFilters.map((f) => eventFieldFilter(f)!)];
    return Array.from({ length: maxNetworkEventsPerFlow }, (_, i) => {
      const extract = [...eventFields].map(([label, key]) => `${label}=${logqlString(`NetworkEvents[${i}].${key}`)}`).join(',');
      const events = `${buildFlowPipeline(selection, opts, atLeastEvents(i + 1))} | json ${extract} | ${filters.join(' | ')}${presence(breakdown)}`;
      return `sum by (${by}) (${fn}(${events} ${range}))`;
    });
  }

  const flows = buildFlowPipeline({ filters: req.filters, match: req.match, recordType: 'flowLog', packetLoss: 'all', dedup }, opts) + presence(breakdown);
  const unwrapped = def.field ? `${flows} | unwrap ${def.field} | __error__="" ${range}` : `${flows} ${range}`;
  let expr: string;
  if (def.kind === 'counter') {
    expr = `sum by (${by}) (${fn}(${unwrapped}))`;
  } else if (req.fn === 'p90' || req.fn === 'p99') {
    expr = `quantile_over_time(${req.fn === 'p90' ? '0.9' : '0.99'}, ${unwrapped}) by (${by})`;
  } else {
    expr = `${latencyAggregation[req.fn as keyof typeof latencyAggregation]}(${unwrapped}) by (${by})`;
  }
  return [`topk(${req.limit}, ${expr})`];
}
