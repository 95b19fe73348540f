/**
 * The traffic flows table: one row per flow record, columns from the fields catalogue, sortable
 * headers, three row densities. Rows render in pages (more as the user scrolls near the end) so that
 * 5,000 records do not become 5,000 DOM rows at once.
 */
import { KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Button } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, ThProps, Tr } from '@patternfly/react-table';
import { FieldDef } from '../../model/fields';
import { FlowRecord } from '../../model/flow';
import { usePluginTranslation } from '../i18n';
import { headerGroups } from './column-groups';
import { FlowCell } from './flow-cell';
import { rowPageSize } from './row-paging';
import { SortBy } from './sort-records';

export type RowDensity = 'compact' | 'normal' | 'large';
export const rowDensities: readonly RowDensity[] = ['compact', 'normal', 'large'];

interface FlowsTableProps {
  columns: readonly FieldDef[];
  records: readonly FlowRecord[];
  density?: RowDensity;
  sortBy?: SortBy;
  onSort?: (sortBy: SortBy) => void;
  selectedKey?: string;
  onSelect?: (record: FlowRecord) => void;
  /** Arrow keys on a row: -1 previous, +1 next. */
  onStep?: (delta: -1 | 1) => void;
}

export function FlowsTable({ columns, records, density = 'compact', sortBy, onSort, selectedKey, onSelect, onStep }: FlowsTableProps) {
  const { t } = usePluginTranslation();
  const [shown, setShown] = useState(rowPageSize);
  const sentinel = useRef<HTMLTableRowElement>(null);
  const groups = headerGroups(columns);
  const grouped = groups.some((g) => g.group !== 'common');
  const groupTitle = { source: t('Source'), destination: t('Destination') };

  // A new answer starts again from its first page.
  useEffect(() => setShown(rowPageSize), [records]);

  // The selected row may lie beyond the rendered pages (keyboard stepping): render up to it.
  useEffect(() => {
    const i = records.findIndex((r) => r.key === selectedKey);
    if (i >= shown) setShown(Math.ceil((i + 1) / rowPageSize) * rowPageSize);
  }, [records, selectedKey, shown]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setShown((n) => n + rowPageSize);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [shown, records]);

  const sortProps = (f: FieldDef, index: number): ThProps['sort'] =>
    onSort
      ? {
          columnIndex: index,
          sortBy: sortBy?.field === f.name ? { index, direction: sortBy.direction } : {},
          onSort: (_e, _i, direction) => onSort({ field: f.name, direction }),
        }
      : undefined;

  const columnHeader = (f: FieldDef, subheader: boolean, rowSpan?: number) => (
    <Th
      key={f.name}
      isSubheader={subheader}
      rowSpan={rowSpan}
      modifier="wrap"
      sort={sortProps(f, columns.indexOf(f))}
      info={{ tooltip: t(f.description) }}
      data-test={`header-${f.name}`}
    >
      {t(f.title)}
    </Th>
  );

  const onRowKey = (e: KeyboardEvent, r: FlowRecord) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect?.(r);
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && onStep) {
      e.preventDefault();
      onStep(e.key === 'ArrowDown' ? 1 : -1);
    }
  };

  const visible = records.slice(0, shown);
  return (
    <Table
      aria-label={t('Traffic flows')}
      variant={density === 'compact' ? 'compact' : undefined}
      className={density === 'large' ? 'netobserv-density-large' : undefined}
      data-test="flows-table"
      data-density={density}
      gridBreakPoint=""
    >
      <Thead hasNestedHeader={grouped}>
        {grouped ? (
          <>
            <Tr>
              {groups.map((g) =>
                g.group === 'common' ? (
                  columnHeader(g.columns[0], false, 2)
                ) : (
                  <Th key={`group-${g.columns[0].name}`} colSpan={g.columns.length} hasRightBorder data-test={`header-group-${g.group}`}>
                    {groupTitle[g.group]}
                  </Th>
                ),
              )}
            </Tr>
            <Tr>{groups.filter((g) => g.group !== 'common').flatMap((g) => g.columns.map((f) => columnHeader(f, true)))}</Tr>
          </>
        ) : (
          <Tr>{columns.map((f) => columnHeader(f, false))}</Tr>
        )}
      </Thead>
      <Tbody>
        {visible.map((r) => (
          <FlowRow key={r.key} record={r} columns={columns} selected={r.key === selectedKey} onSelect={onSelect} onKeyDown={onRowKey} />
        ))}
        {records.length > shown && (
          <Tr ref={sentinel} data-test="more-rows">
            <Td colSpan={columns.length}>
              <Button variant="link" onClick={() => setShown((n) => n + rowPageSize)}>
                {t('Show {{n}} more of {{total}} rows', { n: Math.min(rowPageSize, records.length - shown), total: records.length })}
              </Button>
            </Td>
          </Tr>
        )}
      </Tbody>
    </Table>
  );
}

interface FlowRowProps {
  record: FlowRecord;
  columns: readonly FieldDef[];
  selected: boolean;
  onSelect?: (record: FlowRecord) => void;
  onKeyDown: (e: KeyboardEvent, record: FlowRecord) => void;
}

function FlowRow({ record, columns, selected, onSelect, onKeyDown }: FlowRowProps) {
  const { t } = usePluginTranslation();
  const ref = useRef<HTMLTableRowElement>(null);
  // Keyboard stepping moves the focus with the selection, so the next arrow key reaches the new row.
  useEffect(() => {
    if (selected && ref.current && document.activeElement !== ref.current && document.activeElement?.closest('[data-test="flows-table"]')) {
      ref.current.focus();
    }
  }, [selected]);
  return (
    <Tr
      ref={ref}
      data-test="flow-row"
      isClickable={!!onSelect}
      isRowSelected={selected}
      onRowClick={onSelect ? () => onSelect(record) : undefined}
      tabIndex={onSelect ? 0 : undefined}
      onKeyDown={(e: KeyboardEvent) => onKeyDown(e, record)}
    >
      {columns.map((f) => (
        <Td key={f.name} dataLabel={t(f.title)} data-test={`cell-${f.name}`}>
          <FlowCell field={f} flow={record.fields} />
        </Td>
      ))}
    </Tr>
  );
}
