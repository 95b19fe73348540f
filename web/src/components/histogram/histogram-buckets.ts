/** Flow counts over time, from the records the page already has (no extra backend query). */
import { FlowRecord } from '../../model/flow';

export interface Bucket {
  /** Bucket start, epoch ms. */
  startMs: number;
  endMs: number;
  count: number;
}

/** When the flow ended (agent clock), or when Loki stored it; undefined when neither is a number. */
export function recordTimeMs(r: FlowRecord): number | undefined {
  const end = r.fields.TimeFlowEndMs;
  if (typeof end === 'number' && Number.isFinite(end)) return end;
  const ns = Number(r.timestampNs);
  return Number.isFinite(ns) && ns > 0 ? ns / 1e6 : undefined;
}

/** `n` equal buckets over [startMs, endMs); records outside the range are not counted. */
export function histogramBuckets(records: readonly FlowRecord[], startMs: number, endMs: number, n: number): Bucket[] {
  if (!(endMs > startMs) || n < 1) return [];
  const width = (endMs - startMs) / n;
  const buckets: Bucket[] = Array.from({ length: n }, (_, i) => ({ startMs: startMs + i * width, endMs: startMs + (i + 1) * width, count: 0 }));
  for (const r of records) {
    const t = recordTimeMs(r);
    if (t === undefined || t < startMs || t >= endMs) continue;
    buckets[Math.min(n - 1, Math.floor((t - startMs) / width))].count++;
  }
  return buckets;
}
