/**
 * Turns flows into Prometheus samples the way flowlogs-pipeline and a scraping Prometheus would: every
 * flow updates the exported counters, gauges and histograms; every scrape interval the current value
 * of every exported series is written to the TSDB. Like flowlogs-pipeline, a series that received no
 * flow for the expiry time (2 min by default) stops being exported — Prometheus then marks it stale —
 * and starts again from zero when flows come back. Flows must arrive in time order.
 */
import type { Flow } from '../../web/src/model/flow';
import { EVENT_LABELS, GROUP_LABELS, LATENCY_BUCKETS, METRIC_DEFINITIONS, metricRows, rowLabels, type MetricDefinition, type MetricGroup } from './metrics';
import { NAME_LABEL, type Labels, type Series, type Tsdb } from './tsdb';

/** OpenShift's cluster monitoring scrapes every 30 s. */
export const DEFAULT_SCRAPE_INTERVAL_MS = 30_000;
/** flowlogs-pipeline's default expiry of idle metric items. */
export const DEFAULT_EXPIRY_MS = 120_000;

export interface RecorderOptions {
  scrapeIntervalMs?: number;
  /** Idle time after which a series stops being exported; Infinity keeps every series forever. */
  expiryMs?: number;
  definitions?: readonly MetricDefinition[];
}

/** One exported item: a counter or gauge (one series) or a histogram (buckets, `_sum`, `_count`). */
interface Exported {
  histogram: boolean;
  /** Label sets of the exported series, to find them again after the TSDB forgot them (dropBefore). */
  labels: Labels[];
  series: Series[];
  /** Counter or gauge value; for histograms the non-cumulative bucket counts, then sum and count. */
  values: number[];
  lastUpdateMs: number;
}

const formatBound = (b: number): string => (b === Infinity ? '+Inf' : String(b));
const BOUNDS = [...LATENCY_BUCKETS, Infinity];

export class FlowMetricsRecorder {
  readonly scrapeIntervalMs: number;
  readonly expiryMs: number;
  private readonly definitions: readonly MetricDefinition[];
  private readonly items: Map<string | number, Exported>[];
  /** Label sets of each group interned as numbers: one lookup per group and flow instead of one per metric. */
  private readonly groupIds = new Map<MetricGroup, Map<string, number>>();
  /** The items flowlogs-pipeline currently exports (updated within the expiry time). */
  private readonly live = new Set<Exported>();
  /** Next scrape time; the sample at T counts the flows with a timestamp before T. */
  private nextScrapeMs: number | undefined;
  private lastFlowMs = -Infinity;

  constructor(private readonly tsdb: Tsdb, opts: RecorderOptions = {}) {
    this.scrapeIntervalMs = opts.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
    this.expiryMs = opts.expiryMs ?? DEFAULT_EXPIRY_MS;
    this.definitions = opts.definitions ?? METRIC_DEFINITIONS;
    if (!(this.scrapeIntervalMs > 0)) throw new Error('the scrape interval must be a positive number of milliseconds');
    if (!(this.expiryMs > 0)) throw new Error('the expiry time must be a positive number of milliseconds');
    this.items = this.definitions.map(() => new Map());
  }

  /** Counts one flow observed at `tsMs` (its Loki entry time), after scraping the intervals it closes. */
  observe(flow: Flow, tsMs: number): void {
    if (tsMs < this.lastFlowMs) throw new Error(`flows must arrive in time order (${tsMs} after ${this.lastFlowMs})`);
    this.lastFlowMs = tsMs;
    this.advanceTo(tsMs);
    const groupIds = new Map<MetricGroup, number>();
    const record = flow as Record<string, unknown>;
    for (let d = 0; d < this.definitions.length; d++) {
      const def = this.definitions[d];
      const rows = metricRows(def, flow);
      if (rows.length === 0) continue;
      let groupId = groupIds.get(def.group);
      if (groupId === undefined) {
        groupId = this.groupId(def.group, record);
        groupIds.set(def.group, groupId);
      }
      for (const row of rows) {
        const value = def.value(row);
        if (value === undefined || !Number.isFinite(value)) continue;
        let key: string | number = groupId;
        if (def.extraLabels.length > 0 || row.event) {
          key = `${groupId}`;
          for (const name of def.extraLabels) key += `\u0001${record[name] ?? ''}`;
          if (row.event) for (const field of Object.values(EVENT_LABELS)) key += `\u0001${row.event[field] ?? ''}`;
        }
        let item = this.items[d].get(key);
        if (!item) {
          item = this.create(def, rowLabels(def, row));
          this.items[d].set(key, item);
        }
        if (!this.live.has(item)) {
          item.values.fill(0);
          // Back after its expiry: the TSDB may have forgotten its series since.
          if (item.series.some((x) => x.detached)) item.series = item.labels.map((l) => this.tsdb.series(l));
          this.live.add(item);
        }
        item.lastUpdateMs = tsMs;
        if (def.kind === 'histogram') {
          let i = 0;
          while (i < LATENCY_BUCKETS.length && value > LATENCY_BUCKETS[i]) i++;
          item.values[i]++;
          item.values[BOUNDS.length] += value;
          item.values[BOUNDS.length + 1]++;
        } else if (def.kind === 'gauge') item.values[0] = value;
        else item.values[0] += value;
      }
    }
  }

  private groupId(group: MetricGroup, record: Record<string, unknown>): number {
    let ids = this.groupIds.get(group);
    if (!ids) {
      ids = new Map();
      this.groupIds.set(group, ids);
    }
    let key = '';
    for (const name of GROUP_LABELS[group]) key += `${record[name] ?? ''}\u0001`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  }

  /** Writes the scrapes due at every interval boundary T <= `untilMs`. */
  advanceTo(untilMs: number): void {
    if (this.nextScrapeMs === undefined) {
      this.nextScrapeMs = Math.floor(untilMs / this.scrapeIntervalMs) * this.scrapeIntervalMs + this.scrapeIntervalMs;
      return;
    }
    while (this.nextScrapeMs <= untilMs) {
      this.scrape(this.nextScrapeMs);
      this.nextScrapeMs += this.scrapeIntervalMs;
    }
  }

  private create(def: MetricDefinition, labels: Record<string, string>): Exported {
    const seriesLabels: Labels[] = def.kind !== 'histogram'
      ? [{ [NAME_LABEL]: def.name, ...labels }]
      : [
        ...BOUNDS.map((b) => ({ [NAME_LABEL]: `${def.name}_bucket`, ...labels, le: formatBound(b) })),
        { [NAME_LABEL]: `${def.name}_sum`, ...labels },
        { [NAME_LABEL]: `${def.name}_count`, ...labels },
      ];
    const values = new Array<number>(def.kind === 'histogram' ? BOUNDS.length + 2 : 1).fill(0);
    return { histogram: def.kind === 'histogram', labels: seriesLabels, series: seriesLabels.map((l) => this.tsdb.series(l)), values, lastUpdateMs: 0 };
  }

  private scrape(tMs: number): void {
    for (const item of this.live) {
      if (item.lastUpdateMs < tMs - this.expiryMs) {
        // Gone from flowlogs-pipeline's /metrics: Prometheus writes a staleness marker.
        this.live.delete(item);
        for (const s of item.series) s.markStale(tMs);
        continue;
      }
      if (!item.histogram) {
        item.series[0].append(tMs, item.values[0]);
        continue;
      }
      let cumulative = 0;
      for (let i = 0; i < BOUNDS.length; i++) {
        cumulative += item.values[i];
        item.series[i].append(tMs, cumulative);
      }
      item.series[BOUNDS.length].append(tMs, item.values[BOUNDS.length]);
      item.series[BOUNDS.length + 1].append(tMs, item.values[BOUNDS.length + 1]);
    }
  }
}
