/** A metric value as a short text for edge labels and the side panel, in the unit and function's terms. */
import { formatByteRate, formatBytes, formatCount, formatDurationMs } from '../../model/format';
import { MetricFunction, MetricUnit } from '../../model/metrics';

const countUnits: Readonly<Record<Exclude<MetricUnit, 'bytes' | 'ms'>, string>> = { packets: 'pkts', flows: 'flows', events: 'events' };

/** Counts per second keep up to 3 significant digits below 100 ("0.25", "12.3"), whole numbers above. */
function shortCount(n: number): string {
  if (n >= 100 || n === 0) return formatCount(Math.round(n));
  return Number(n.toPrecision(3)).toString();
}

export function formatMetricValue(value: number, unit: MetricUnit, fn: MetricFunction): string {
  if (unit === 'ms') return formatDurationMs(value);
  // Counters: `sum` is a total over the range; every other function is a rate.
  const total = fn === 'sum';
  if (unit === 'bytes') return total ? formatBytes(value) : formatByteRate(value);
  return total ? `${shortCount(value)} ${countUnits[unit]}` : `${shortCount(value)} ${countUnits[unit]}/s`;
}
