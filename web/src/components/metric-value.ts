/**
 * A metric value as short text in its unit and function's terms, for chart legends and tooltips, edge
 * labels and side panels: "1.5 MBps", "0.256 packets/s", "12,345 flows" (a `sum` is a total over the
 * range, every other counter function a rate), "12.3 ms".
 */
import { formatByteRate, formatBytes, formatCount, formatDurationMs } from '../model/format';
import { MetricFunction, MetricUnit } from '../model/metrics';
import { Translate } from './i18n';

/** Counts keep up to 3 significant digits below 100 ("0.25", "12.3"), whole numbers above. */
function shortCount(n: number): string {
  if (n >= 100 || n === 0) return formatCount(Math.round(n));
  return Number(n.toPrecision(3)).toString();
}

export function formatMetricValue(value: number, unit: MetricUnit, fn: MetricFunction, t: Translate): string {
  const total = fn === 'sum';
  const v = { value: shortCount(value) };
  switch (unit) {
    case 'ms':
      return formatDurationMs(value);
    case 'bytes':
      return total ? formatBytes(value) : formatByteRate(value);
    case 'packets':
      return total ? t('{{value}} packets', v) : t('{{value}} packets/s', v);
    case 'flows':
      return total ? t('{{value}} flows', v) : t('{{value}} flows/s', v);
    case 'events':
      return total ? t('{{value}} events', v) : t('{{value}} events/s', v);
  }
}
