import { formatMetricValue } from './metric-value';

// English with interpolation, as i18next renders the keys.
const t = (key: string, options?: Record<string, unknown>) => key.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(options?.[name]));

describe('formatMetricValue', () => {
  it('shows byte rates and totals in SI units', () => {
    expect(formatMetricValue(1500, 'bytes', 'rate', t)).toBe('1.5 kBps');
    expect(formatMetricValue(1500, 'bytes', 'sum', t)).toBe('1.5 kB');
  });

  it('shows counts per second or in total, through the translation', () => {
    expect(formatMetricValue(0.256, 'packets', 'rate', t)).toBe('0.256 packets/s');
    expect(formatMetricValue(12345, 'flows', 'sum', t)).toBe('12,345 flows');
    expect(formatMetricValue(2, 'events', 'max', t)).toBe('2 events/s');
    expect(formatMetricValue(2, 'events', 'sum', (key) => `[${key}]`)).toBe('[{{value}} events]');
  });

  it('shows latencies as durations', () => {
    expect(formatMetricValue(12.34, 'ms', 'p99', t)).toBe('12.3 ms');
  });
});
