import { defaultColumns, FieldDef, fields, getField } from '../../model/fields';
import { FlowRecord } from '../../model/flow';
import { availableColumns } from './available-columns';
import { moveItem, restoreColumns, storeColumns } from './column-selection';
import { exportFileName, exportPath } from './export-flows';
import { sortRecords } from './sort-records';

const field = (n: string) => getField(n) as FieldDef;
const defaults = defaultColumns.map(field);
const rec = (key: string, f: FlowRecord['fields']): FlowRecord => ({ key, timestampNs: '0', labels: {}, fields: f });

describe('column selection', () => {
  it('restores the stored names in their order, skipping unknown ones', () => {
    const stored = JSON.stringify(['Bytes', 'NoSuchField', 'SrcAddr']);
    expect(restoreColumns(stored, fields, defaults).map((f) => f.name)).toEqual(['Bytes', 'SrcAddr']);
    expect(storeColumns([field('Bytes'), field('SrcAddr')])).toBe('["Bytes","SrcAddr"]');
  });

  it('falls back on the defaults for nothing stored, bad JSON, a non-list or only unknown names', () => {
    for (const stored of [null, '{oops', '{"a":1}', '["Nope", 3]', '[]']) expect(restoreColumns(stored, fields, defaults)).toEqual(defaults);
  });

  it('drops columns of features the cluster does not enable', () => {
    const available = availableColumns(['FlowRTT']);
    expect(available).toContain(field('TimeFlowRttNs'));
    expect(available).not.toContain(field('DnsLatencyMs'));
    expect(restoreColumns('["DnsLatencyMs","Bytes"]', available, defaults).map((f) => f.name)).toEqual(['Bytes']);
    expect(availableColumns(undefined)).toHaveLength(fields.length);
  });

  it('moves an item by one place, clamped at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
  });
});

describe('sortRecords', () => {
  const records = [rec('a', { Bytes: 10, SrcK8S_Name: 'pod-10' }), rec('b', {}), rec('c', { Bytes: 2, SrcK8S_Name: 'pod-9' }), rec('d', { Bytes: 300 })];
  it('sorts numbers by value, both ways, missing values last', () => {
    expect(sortRecords(records, field('Bytes'), 'asc').map((r) => r.key)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRecords(records, field('Bytes'), 'desc').map((r) => r.key)).toEqual(['d', 'a', 'c', 'b']);
  });
  it('sorts text naturally (pod-9 before pod-10) and leaves the input alone', () => {
    expect(sortRecords(records, field('SrcK8S_Name'), 'asc').map((r) => r.key)).toEqual(['c', 'a', 'b', 'd']);
    expect(records.map((r) => r.key)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('export', () => {
  it('asks /api/flows/export for the query with the visible columns in order', () => {
    const path = exportPath(
      { filters: [{ target: 'SrcK8S_Namespace', op: '=', values: ['iperf'] }], match: 'all', startTime: 100.5, endTime: 200.2, limit: 50, recordType: 'flowLog', dedup: true, packetLoss: 'all' },
      [field('Bytes'), field('SrcAddr')],
    );
    const [route, qs] = path.split('?');
    expect(route).toBe('/api/flows/export');
    const params = new URLSearchParams(qs);
    expect(params.get('columns')).toBe('Bytes,SrcAddr');
    expect(params.get('filters')).toBe('SrcK8S_Namespace=iperf');
    expect([params.get('startTime'), params.get('endTime'), params.get('limit')]).toEqual(['100', '201', '50']);
  });
  it('names the file after the time, without colons', () => {
    expect(exportFileName(new Date('2026-11-23T10:05:00.123Z'))).toBe('flows-2026-11-23T10-05-00Z.csv');
  });
});
