/** Sorting of flow records by one column: numbers by value, text alphabetically, missing values last. */
import { FieldDef } from '../../model/fields';
import { Flow, FlowRecord } from '../../model/flow';

export type SortDirection = 'asc' | 'desc';

export interface SortBy {
  field: string;
  direction: SortDirection;
}

function comparable(value: unknown): number | string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.length === 0 ? undefined : JSON.stringify(value);
  return String(value);
}

export function sortRecords(records: readonly FlowRecord[], field: FieldDef, direction: SortDirection): FlowRecord[] {
  const sign = direction === 'asc' ? 1 : -1;
  const key = field.name as keyof Flow;
  return [...records].sort((a, b) => {
    const x = comparable(a.fields[key]);
    const y = comparable(b.fields[key]);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y), undefined, { numeric: true });
  });
}
