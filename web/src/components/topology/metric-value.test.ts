import { formatMetricValue } from './metric-value';

describe('formatMetricValue', () => {
  it('shows byte rates and totals in SI units', () => {
    expect(formatMetricValue(1500, 'bytes', 'rate')).toBe('1.5 kBps');
    expect(formatMetricValue(1500, 'bytes', 'sum')).toBe('1.5 kB');
  });

  it('shows counts per second or in total', () => {
    expect(formatMetricValue(0.256, 'packets', 'rate')).toBe('0.256 pkts/s');
    expect(formatMetricValue(12345, 'flows', 'sum')).toBe('12,345 flows');
    expect(formatMetricValue(2, 'events', 'max')).toBe('2 events/s');
  });

  it('shows latencies as durations', () => {
    expect(formatMetricValue(12.34, 'ms', 'p99')).toBe('12.3 ms');
  });
});
