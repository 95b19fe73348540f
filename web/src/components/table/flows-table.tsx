/**
 * The traffic flows table: one row per flow record, columns from the fields catalogue, sortable
 * headers, three row densities. The table scrolls in its own box under a sticky header, and only the
 * rows in view (plus a margin) are in the DOM (use-row-window.ts), so 10,000 records cost about as
 * much as 40. Rows are plain elements with PatternFly's classes and memoized: scrolling renders only
 * the rows that come into view, and a selection re-renders only the two rows it changes.
 */
import { KeyboardEvent, memo, useEffect, useMemo, useRef } from 'react';
import { Table, Th, Thead, ThProps, Tr } from '@patternfly/react-table';
import { FieldDef } from '../../model/fields';
import { FlowRecord } from '../../model/flow';
import { usePluginTranslation } from '../i18n';
import { headerGroups } from './column-groups';
import { FlowCell } from './flow-cell';
import { SortBy } from './sort-records';
import { useRowWindow } from './use-row-window';

export type RowDensity = 'compact' | 'normal' | 'large';
export const rowDensities: readonly RowDensity[] = ['compact', 'normal', 'large'];

/** Heights of a one-line row before any is measured. */
const estimatedRowHeights: Record<RowDensity, number> = { compact: 37, normal: 57, large: 73 };

interface FlowsTableProps {
  columns: readonly FieldDef[];
  records: readonly FlowRecord[];
  density?: RowDensity;
  sortBy?: SortBy;
  onSort?: (sortBy: SortBy) => void;
  selectedKey?: string;
  /** Keep its identity across renders: rows are memoized on it. */
  onSelect?: (record: FlowRecord) => void;
  /** Arrow keys on a row: -1 previous, +1 next. Keep its identity across renders too. */
  onStep?: (delta: -1 | 1) => void;
}

export function FlowsTable({ columns, records, density = 'compact', sortBy, onSort, selectedKey, onSelect, onStep }: FlowsTableProps) {
  const { t } = usePluginTranslation();
  const keys = useMemo(() => records.map((r) => r.key), [records]);
  const layoutKey = `${density}|${columns.map((c) => c.name).join(',')}`;
  const { scrollRef, bodyRef, range, scrollToRow } = useRowWindow(keys, { estimatedRowHeight: estimatedRowHeights[density], layoutKey });
  const groups = useMemo(() => headerGroups(columns), [columns]);
  const grouped = groups.some((g) => g.group !== 'common');
  const headerRows = grouped ? 2 : 1;

  // Keyboard stepping may select a row out of view: bring it in, and so into the rendered rows.
  const selectedIndex = useMemo(() => (selectedKey === undefined ? -1 : keys.indexOf(selectedKey)), [keys, selectedKey]);
  useEffect(() => scrollToRow(selectedIndex), [selectedIndex, scrollToRow]);

  const header = useMemo(() => {
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
    const groupTitle = { source: t('Source'), destination: t('Destination') };
    return (
      <Thead hasNestedHeader={grouped}>
        {grouped ? (
          <>
            <Tr aria-rowindex={1}>
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
            <Tr aria-rowindex={2}>{groups.filter((g) => g.group !== 'common').flatMap((g) => g.columns.map((f) => columnHeader(f, true)))}</Tr>
          </>
        ) : (
          <Tr aria-rowindex={1}>{columns.map((f) => columnHeader(f, false))}</Tr>
        )}
      </Thead>
    );
  }, [columns, groups, grouped, sortBy, onSort, t]);

  const spacer = (height: number, position: string) =>
    height > 0 && (
      <tr aria-hidden className="netobserv-row-spacer" style={{ height }} data-test={`rows-spacer-${position}`}>
        <td colSpan={columns.length} />
      </tr>
    );

  return (
    <div ref={scrollRef} className="netobserv-flows-table-scroll" data-test="flows-table-scroll">
      <Table
        aria-label={t('Traffic flows')}
        aria-rowcount={headerRows + records.length}
        variant={density === 'compact' ? 'compact' : undefined}
        className={density === 'large' ? 'netobserv-density-large' : undefined}
        data-test="flows-table"
        data-density={density}
        gridBreakPoint=""
        isStickyHeader
      >
        {header}
        <tbody ref={bodyRef} className="pf-v6-c-table__tbody" role="rowgroup">
          {spacer(range.before, 'before')}
          {records.slice(range.start, range.end).map((r, i) => (
            <FlowRow
              key={r.key}
              record={r}
              rowIndex={headerRows + range.start + i + 1}
              columns={columns}
              selected={r.key === selectedKey}
              onSelect={onSelect}
              onStep={onStep}
            />
          ))}
          {spacer(range.after, 'after')}
        </tbody>
      </Table>
    </div>
  );
}

interface FlowRowProps {
  record: FlowRecord;
  /** 1-based position among all rows of the table, headers included (aria-rowindex). */
  rowIndex: number;
  columns: readonly FieldDef[];
  selected: boolean;
  onSelect?: (record: FlowRecord) => void;
  onStep?: (delta: -1 | 1) => void;
}

const FlowRow = memo(function FlowRow({ record, rowIndex, columns, selected, onSelect, onStep }: FlowRowProps) {
  const ref = useRef<HTMLTableRowElement>(null);
  // Keyboard stepping moves the focus with the selection, so the next arrow key reaches the new row.
  useEffect(() => {
    if (selected && ref.current && document.activeElement !== ref.current && document.activeElement?.closest('[data-test="flows-table"]')) {
      ref.current.focus({ preventScroll: true });
    }
  }, [selected]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return; // keys meant for a link or button inside a cell
    if ((e.key === 'Enter' || e.key === ' ') && onSelect) {
      e.preventDefault();
      onSelect(record);
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && onStep) {
      e.preventDefault();
      onStep(e.key === 'ArrowDown' ? 1 : -1);
    }
  };

  const classes = ['pf-v6-c-table__tr', onSelect && 'pf-m-clickable', selected && 'pf-m-selected'].filter(Boolean).join(' ');
  return (
    <tr
      ref={ref}
      className={classes}
      data-test="flow-row"
      data-row-key={record.key}
      aria-rowindex={rowIndex}
      aria-selected={onSelect ? selected : undefined}
      tabIndex={onSelect ? 0 : undefined}
      onClick={onSelect && (() => onSelect(record))}
      onKeyDown={onKeyDown}
    >
      {columns.map((f) => (
        <td key={f.name} className="pf-v6-c-table__td" data-test={`cell-${f.name}`}>
          <FlowCell field={f} flow={record.fields} />
        </td>
      ))}
    </tr>
  );
});
