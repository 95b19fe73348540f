/**
 * A panel's answers from `/api/metrics` turned into what its chart draws: named series of points with
 * the filters that select them, the unit, and which data source answered (and why).
 */
import { Filter } from '../../model/filters';
import { MetricDataSource, MetricsResponse, MetricUnit } from '../../model/metrics';
import { Translate } from '../i18n';
import { PanelDef, PanelRequest } from './panel-defs';
import { breakdownName, scopeName, seriesFilters } from './series-labels';

export interface ChartPoint {
  /** Epoch milliseconds. */
  x: number;
  /** null breaks a line (no value measured there). */
  y: number | null;
}

export interface ChartSeries {
  key: string;
  name: string;
  filters: Filter[];
  points: ChartPoint[];
  /** The figure the legend shows (the series' average or latest value). */
  figure: number;
}

export interface PanelAnswerSource {
  dataSource: MetricDataSource;
  reason: string;
}

export interface PanelData {
  series: ChartSeries[];
  unit: MetricUnit;
  sources: PanelAnswerSource[];
}

export function toPanelData(def: PanelDef, requests: readonly PanelRequest[], responses: readonly MetricsResponse[], t: Translate): PanelData {
  const series: ChartSeries[] = [];
  responses.forEach((response, i) => {
    const request = requests[i];
    for (const s of response.metrics) {
      const base = request.breakdown && s.breakdown ? breakdownName(request.breakdown, s.breakdown, t) : scopeName(request.scope, s, t);
      // Requests of one panel are told apart by their label ("p90"); one cluster needs no name of its own.
      const name = request.label ? (request.scope === 'cluster' && response.metrics.length === 1 ? request.label : `${request.label} ${base}`) : base;
      series.push({
        key: `${i}:${JSON.stringify([s.source, s.destination, s.breakdown ?? {}])}`,
        name,
        filters: seriesFilters(request.scope, s, request.breakdown),
        points: s.values.map(([sec, v]) => ({ x: sec * 1000, y: v })),
        figure: def.figure === 'last' ? s.stats.last : s.stats.avg,
      });
    }
  });
  return {
    series,
    unit: responses[0]?.unit ?? 'bytes',
    sources: responses.map((r) => ({ dataSource: r.dataSource, reason: r.stats.dataSourceReason })),
  };
}

/**
 * Stacked areas need every series at every instant: a counter with no point at an instant had no
 * traffic there (a rate of 0), so the gaps are filled with zeros.
 */
export function alignForStack(series: readonly ChartSeries[]): ChartSeries[] {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  return series.map((s) => {
    const byX = new Map(s.points.map((p) => [p.x, p.y]));
    return { ...s, points: xs.map((x) => ({ x, y: byX.get(x) ?? 0 })) };
  });
}

/**
 * Lines break where a series has no point for longer than its step (no flow measured a latency then):
 * a null point between two distant ones, rather than a line drawn across the silence.
 */
export function breakAtGaps(series: readonly ChartSeries[]): ChartSeries[] {
  const gaps = series.flatMap((s) => s.points.slice(1).map((p, i) => p.x - s.points[i].x)).filter((g) => g > 0);
  if (gaps.length === 0) return [...series];
  const step = Math.min(...gaps);
  return series.map((s) => ({
    ...s,
    points: s.points.flatMap((p, i) => (i > 0 && p.x - s.points[i - 1].x > 1.5 * step ? [{ x: p.x - step, y: null }, p] : [p])),
  }));
}

/** The unit under a panel's title. */
export function unitTitle(unit: MetricUnit, t: Translate): string {
  switch (unit) {
    case 'bytes':
      return t('Bytes per second');
    case 'packets':
      return t('Packets per second');
    case 'flows':
      return t('Flows per second');
    case 'events':
      return t('Network events per second');
    case 'ms':
      return t('Milliseconds');
  }
}
