import { FlowRecord } from '../../model/flow';
import { histogramBuckets, recordTimeMs } from './histogram-buckets';

const rec = (key: string, endMs?: number, tsNs = '0'): FlowRecord => ({ key, timestampNs: tsNs, labels: {}, fields: endMs === undefined ? {} : { TimeFlowEndMs: endMs } });

describe('histogram buckets', () => {
  it('counts records per equal bucket over the window, ignoring those outside', () => {
    const records = [rec('a', 1000), rec('b', 1999), rec('c', 2000), rec('d', 4999), rec('e', 5000), rec('f', 500)];
    expect(histogramBuckets(records, 1000, 5000, 4).map((b) => [b.startMs, b.count])).toEqual([
      [1000, 2],
      [2000, 1],
      [3000, 0],
      [4000, 1],
    ]);
  });
  it('falls back on the Loki timestamp, and skips records without any time', () => {
    expect(recordTimeMs(rec('a', undefined, '3000000000'))).toBe(3000);
    expect(recordTimeMs(rec('b', undefined, 'garbage'))).toBeUndefined();
    expect(histogramBuckets([rec('b', undefined, 'x')], 0, 10, 2).map((b) => b.count)).toEqual([0, 0]);
  });
  it('gives no buckets for an empty or inverted window', () => {
    expect(histogramBuckets([], 10, 10, 5)).toEqual([]);
    expect(histogramBuckets([], 10, 0, 5)).toEqual([]);
  });
});
