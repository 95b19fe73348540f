/**
 * `GET /api/metrics` behind the route: picks the data source (Prometheus when an enabled metric covers
 * the request exactly, else Loki; `dataSource` forces one), runs the query and shapes the series:
 * labels split into source and destination (and the breakdown's), values in the type's unit, the top
 * `limit` series ranked by the function's statistic over the whole range.
 */
import {
  DataSourceChoice, MetricDataSource, MetricSeries, MetricsResponse, SeriesStats, metricTypeDefs,
} from '../../web/src/model/metrics';
import { BadRequestError } from './flow-params';
import { secondsToNs } from './flows';
import { LogqlOptions } from './logql';
import { buildMetricLogql } from './logql-metrics';
import { LokiClient } from './loki-client';
import { PrometheusClient } from './prometheus-client';
import { MetricRequest, PromMetricDef, breakdownFields, buildMetricPromql, groupingLabels, promCoverage } from './promql';
import { CallerAuth } from './upstream';

export interface MetricsDeps extends LogqlOptions {
  loki: Pick<LokiClient, 'queryMatrix'>;
  /** Absent when no Prometheus is configured. */
  prom?: Pick<PrometheusClient, 'queryRange'>;
  /** Names of the operator's metrics enabled in that Prometheus. */
  enabledMetrics: readonly string[];
}

type Choice = { source: 'loki'; reason: string } | { source: 'prom'; metric: PromMetricDef; reason: string };

/** Where the request goes, and why (the reason is returned to the page). */
export function chooseDataSource(req: MetricRequest, choice: DataSourceChoice, deps: Pick<MetricsDeps, 'prom' | 'enabledMetrics'>): Choice {
  if (choice === 'loki') return { source: 'loki', reason: 'dataSource=loki was asked for' };
  if (!deps.prom) {
    if (choice === 'prom') throw new BadRequestError('dataSource: prom is not available: no Prometheus is configured (config key prometheus.url)');
    return { source: 'loki', reason: 'no Prometheus is configured' };
  }
  const coverage = promCoverage(req, deps.enabledMetrics);
  if ('metric' in coverage) return { source: 'prom', metric: coverage.metric, reason: `netobserv_${coverage.metric.name} covers the request` };
  if (choice === 'prom') throw new BadRequestError(`dataSource: Prometheus cannot answer this request: ${coverage.reason}`);
  return { source: 'loki', reason: coverage.reason };
}

interface RawSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** Multiplier from the source's unit to the type's: latencies are returned in milliseconds. */
function scaleOf(req: MetricRequest, source: MetricDataSource): number {
  if (req.type === 'rtt') return source === 'prom' ? 1000 : 1e-6; // seconds or nanoseconds -> ms
  if (req.type === 'dnsLatency') return source === 'prom' ? 1000 : 1; // seconds or ms -> ms
  return 1;
}

function statsOf(values: Array<[number, number]>, counter: boolean, stepSeconds: number, isRate: boolean): SeriesStats {
  if (values.length === 0) return { avg: 0, max: 0, last: 0, ...(counter ? { total: 0 } : {}) };
  let sum = 0;
  let max = -Infinity;
  for (const [, v] of values) {
    sum += v;
    if (v > max) max = v;
  }
  const stats: SeriesStats = { avg: sum / values.length, max, last: values[values.length - 1][1] };
  // A rate point covers one step: its total is rate × step.
  if (counter) stats.total = isRate ? sum * stepSeconds : sum;
  return stats;
}

/**
 * Adds up the answers of several queries series by series (same labels) and point by point (same
 * time): the per-event-index queries of network events in LogQL.
 */
function sumSeries(answers: readonly RawSeries[][]): RawSeries[] {
  if (answers.length === 1) return answers[0];
  const byKey = new Map<string, { metric: Record<string, string>; points: Map<number, number> }>();
  for (const answer of answers) {
    for (const s of answer) {
      const key = JSON.stringify(Object.entries(s.metric).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      let acc = byKey.get(key);
      if (!acc) byKey.set(key, (acc = { metric: s.metric, points: new Map() }));
      for (const [t, v] of s.values) acc.points.set(t, (acc.points.get(t) ?? 0) + Number(v));
    }
  }
  return [...byKey.values()].map(({ metric, points }) => ({
    metric,
    values: [...points].sort(([a], [b]) => a - b).map(([t, v]): [number, string] => [t, String(v)]),
  }));
}

function shape(raw: RawSeries[], req: MetricRequest, source: MetricDataSource): MetricSeries[] {
  const labels = groupingLabels(req);
  const breakdown = breakdownFields(req);
  const scale = scaleOf(req, source);
  const counter = metricTypeDefs[req.type].kind === 'counter';
  return raw.map((s) => {
    const sourceLabels: Record<string, string> = {};
    const destination: Record<string, string> = {};
    for (const l of labels) (l.startsWith('Dst') ? destination : sourceLabels)[l] = s.metric[l] ?? '';
    // LogQL groups by the catalogue names, PromQL by the operator's labels.
    const split = breakdown.length === 0 ? undefined : Object.fromEntries(breakdown.map((b) => [b.field, s.metric[source === 'prom' ? b.promLabel : b.field] ?? '']));
    // Prometheus writes "NaN" where a quantile has no data: that is a gap, not a value.
    const values = s.values
      .map(([t, v]): [number, number] => [t, Number(v) * scale])
      .filter(([, v]) => Number.isFinite(v));
    const stats = statsOf(values, counter, req.stepSeconds, req.fn !== 'sum');
    return split ? { source: sourceLabels, destination, breakdown: split, values, stats } : { source: sourceLabels, destination, values, stats };
  });
}

const rankKey = (req: MetricRequest) => (req.fn === 'max' ? 'max' : req.fn === 'last' ? 'last' : 'avg');

export async function queryMetrics(req: MetricRequest, choice: DataSourceChoice, auth: CallerAuth, deps: MetricsDeps): Promise<MetricsResponse> {
  const started = performance.now();
  const chosen = chooseDataSource(req, choice, deps);
  // One series more than asked for: its presence is how the answer knows the limit was reached.
  const probe = { ...req, limit: req.limit + 1 };
  let queries: string[];
  let raw: RawSeries[];
  if (chosen.source === 'prom') {
    queries = [buildMetricPromql(probe, chosen.metric)];
    raw = await deps.prom!.queryRange(queries[0], { start: req.startTime, end: req.endTime, stepSeconds: req.stepSeconds }, auth);
  } else {
    queries = buildMetricLogql(probe, deps);
    const range = { startNs: secondsToNs(req.startTime), endNs: secondsToNs(req.endTime), stepSeconds: req.stepSeconds };
    raw = sumSeries(await Promise.all(queries.map((q) => deps.loki.queryMatrix(q, range, auth))));
  }
  const key = rankKey(req);
  const series = shape(raw, req, chosen.source)
    .filter((s) => s.values.length > 0)
    .sort((a, b) => b.stats[key] - a.stats[key]);
  return {
    metrics: series.slice(0, req.limit),
    dataSource: chosen.source,
    unit: metricTypeDefs[req.type].unit,
    queries,
    stats: {
      numQueries: queries.length,
      durationMs: Math.round(performance.now() - started),
      limitReached: series.length > req.limit,
      dataSourceReason: chosen.reason,
    },
  };
}
