/**
 * Metric requests -> LogQL metric queries over the flow logs, for what Prometheus does not cover.
 * The flows are selected exactly as a flows query with dedup (buildFlowPipeline: one place
 * turns filters into LogQL), then aggregated per step:
 *   counters with a value field:  sum by (labels) (rate(<flows> | unwrap Bytes | __error__="" [step]))
 *   counters of flows or events:  sum by (labels) (rate(<flows> [step]))   (count_over_time for sum)
 *   latencies:                    quantile_over_time(0.99, <flows> | unwrap TimeFlowRttNs | __error__="" [step]) by (labels)
 * and the top `limit` series per step are kept (`topk`).
 */
import { metricTypeDefs } from '../../web/src/model/metrics';
import { LogqlOptions, buildFlowPipeline } from './logql';
import { MetricRequest, groupingLabels } from './promql';

/** The JSON text of a flow line with at least one network event (Go writes it without spaces). */
export const networkEventsPresent = '"NetworkEvents":[{';

/** Range aggregation of unwrapped latencies per function. */
const latencyAggregation = { avg: 'avg_over_time', max: 'max_over_time', last: 'last_over_time' } as const;

export function buildMetricLogql(req: MetricRequest, opts: LogqlOptions): string {
  const def = metricTypeDefs[req.type];
  const flows = buildFlowPipeline(
    { filters: req.filters, match: req.match, recordType: 'flowLog', packetLoss: 'all', dedup: true },
    opts,
    req.type === 'networkEvents' ? [networkEventsPresent] : [],
  );
  const by = groupingLabels(req).join(',');
  const range = `[${Math.max(1, Math.round(req.stepSeconds))}s]`;
  const unwrapped = def.field ? `${flows} | unwrap ${def.field} | __error__="" ${range}` : `${flows} ${range}`;
  let expr: string;
  if (def.kind === 'counter') {
    const fn = req.fn === 'sum' ? (def.field ? 'sum_over_time' : 'count_over_time') : 'rate';
    expr = `sum by (${by}) (${fn}(${unwrapped}))`;
  } else if (req.fn === 'p90' || req.fn === 'p99') {
    expr = `quantile_over_time(${req.fn === 'p90' ? '0.9' : '0.99'}, ${unwrapped}) by (${by})`;
  } else {
    expr = `${latencyAggregation[req.fn as keyof typeof latencyAggregation]}(${unwrapped}) by (${by})`;
  }
  return `topk(${req.limit}, ${expr})`;
}
