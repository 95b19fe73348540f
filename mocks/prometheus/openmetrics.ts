/**
 * Writes the TSDB as OpenMetrics text that `promtool tsdb create-blocks-from openmetrics` backfills into
 * a real Prometheus: one family per metric name (counters typed `counter` under the name without
 * `_total`, the rest `unknown`), each series' samples contiguous and ascending, timestamps in seconds,
 * ending with `# EOF`. Staleness markers have no OpenMetrics form and are left out.
 */
import { formatValue } from './server';
import { NAME_LABEL, type Tsdb } from './tsdb';

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export function toOpenMetrics(tsdb: Tsdb): string {
  const byName = new Map<string, ReturnType<Tsdb['allSeries']>>();
  for (const s of tsdb.allSeries()) {
    const name = s.labels[NAME_LABEL];
    byName.set(name, [...(byName.get(name) ?? []), s]);
  }
  const lines: string[] = [];
  for (const [name, series] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(name.endsWith('_total') ? `# TYPE ${name.slice(0, -'_total'.length)} counter` : `# TYPE ${name} unknown`);
    for (const s of series) {
      const labels = Object.keys(s.labels).filter((k) => k !== NAME_LABEL).sort().map((k) => `${k}="${escapeLabel(s.labels[k])}"`).join(',');
      const prefix = labels ? `${name}{${labels}}` : name;
      const { ts, vs } = s.range(-Infinity, Infinity);
      ts.forEach((t, i) => lines.push(`${prefix} ${formatValue(vs[i])} ${t / 1000}`));
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
