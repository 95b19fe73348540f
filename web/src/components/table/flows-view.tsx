/**
 * Everything under the page's toolbar once flows have arrived: the table's own toolbar (columns,
 * density, export), the histogram, the table and the details drawer of the selected row.
 */
import './flows-view.css';
import { useCallback, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Drawer,
  DrawerContent,
  DrawerContentBody,
  ToggleGroup,
  ToggleGroupItem,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { ColumnsIcon, DownloadIcon } from '@patternfly/react-icons';
import { useConsoleServices } from '../../console/services';
import { Feature, FieldDef } from '../../model/fields';
import { Filter } from '../../model/filters';
import { FlowRecord } from '../../model/flow';
import { FlowQuery } from '../../model/query';
import { FlowDetails } from '../drawer/flow-details';
import { FlowsHistogram } from '../histogram/flows-histogram';
import { recordTimeMs } from '../histogram/histogram-buckets';
import { usePluginTranslation } from '../i18n';
import { availableColumns } from './available-columns';
import { ColumnPicker } from './column-picker';
import { columnsStorageKey, restoreColumns, storeColumns } from './column-selection';
import { downloadExport } from './export-flows';
import { FlowsTable, RowDensity, rowDensities } from './flows-table';
import { SortBy, sortRecords } from './sort-records';
import { useStoredText } from './use-stored-state';

interface FlowsViewProps {
  /** The default columns (backend configuration or catalogue). */
  defaultColumns: readonly FieldDef[];
  /** Enabled agent features; undefined when unknown (every column offered). */
  features?: readonly Feature[];
  records: readonly FlowRecord[];
  /** The query that produced the records: the export repeats it. */
  query?: FlowQuery;
  onAddFilter?: (filter: Filter) => void;
  /** A range dragged on the histogram, epoch seconds: the page's new time range. */
  onTimeRange?: (range: { start: number; end: number }) => void;
}

const densityKey = 'netobserv-plugin/flows-table/density';
const sameColumns = (a: readonly FieldDef[], b: readonly FieldDef[]) => a.length === b.length && a.every((c, i) => c === b[i]);

export function FlowsView({ defaultColumns, features, records, query, onAddFilter, onTimeRange }: FlowsViewProps) {
  const { t } = usePluginTranslation();
  const { fetch, backendBase } = useConsoleServices();
  const available = useMemo(() => availableColumns(features), [features]);
  const [storedColumns, setStoredColumns] = useStoredText(columnsStorageKey);
  // Decoded on every change of the defaults, which arrive with the backend's configuration.
  const columns = useMemo(() => restoreColumns(storedColumns, available, defaultColumns), [storedColumns, available, defaultColumns]);
  // The defaults are not stored, so that a later change of the configured defaults still applies.
  const setColumns = (c: FieldDef[]) => setStoredColumns(sameColumns(c, defaultColumns) ? null : storeColumns(c));
  const [storedDensity, setDensity] = useStoredText(densityKey);
  const density: RowDensity = rowDensities.includes(storedDensity as RowDensity) ? (storedDensity as RowDensity) : 'compact';
  const [pickerOpen, setPickerOpen] = useState(false);
  const [sortBy, setSortBy] = useState<SortBy | undefined>();
  const [selectedKey, setSelectedKey] = useState<string | undefined>();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | undefined>();

  const rows = useMemo(() => {
    const field = sortBy && columns.find((c) => c.name === sortBy.field);
    return field && sortBy ? sortRecords(records, field, sortBy.direction) : records;
  }, [records, sortBy, columns]);
  const selected = rows.find((r) => r.key === selectedKey);

  const timeWindow = useMemo((): [number, number] | undefined => {
    if (query) return [query.startTime * 1000, query.endTime * 1000];
    const times = records.map(recordTimeMs).filter((x): x is number => x !== undefined);
    return times.length ? [Math.min(...times), Math.max(...times) + 1] : undefined;
  }, [query, records]);

  // The chart is costly to render: not again on a selection or a density change.
  const histogram = useMemo(
    () =>
      timeWindow && (
        <FlowsHistogram records={records} startMs={timeWindow[0]} endMs={timeWindow[1]} onZoom={onTimeRange && (([from, to]) => onTimeRange({ start: from / 1000, end: to / 1000 }))} />
      ),
    [records, timeWindow, onTimeRange],
  );

  // Stable callbacks: the table's rows are memoized on them.
  const select = useCallback((r: FlowRecord) => setSelectedKey((key) => (r.key === key ? undefined : r.key)), []);
  const step = useCallback(
    (delta: -1 | 1) =>
      setSelectedKey((key) => {
        const i = rows.findIndex((r) => r.key === key);
        return rows[Math.max(0, Math.min(rows.length - 1, i + delta))]?.key ?? key;
      }),
    [rows],
  );

  const exportCsv = async () => {
    if (!query) return;
    setExporting(true);
    setExportError(undefined);
    try {
      await downloadExport(fetch, backendBase, query, columns);
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  const densityTitles: Record<RowDensity, string> = { compact: t('Compact'), normal: t('Normal'), large: t('Large') };

  const table = (
    <FlowsTable
      columns={columns}
      records={rows}
      density={density}
      sortBy={sortBy}
      onSort={setSortBy}
      selectedKey={selected?.key}
      onSelect={select}
      onStep={step}
    />
  );

  return (
    <>
      <Toolbar data-test="table-toolbar">
        <ToolbarContent>
          <ToolbarGroup>
            <ToolbarItem>
              <Button variant="secondary" icon={<ColumnsIcon />} onClick={() => setPickerOpen(true)} data-test="manage-columns">
                {t('Manage columns')}
              </Button>
            </ToolbarItem>
            <ToolbarItem>
              <ToggleGroup aria-label={t('Row density')} data-test="row-density">
                {rowDensities.map((d) => (
                  <ToggleGroupItem key={d} text={densityTitles[d]} buttonId={`density-${d}`} isSelected={density === d} onChange={() => setDensity(d)} />
                ))}
              </ToggleGroup>
            </ToolbarItem>
            <ToolbarItem>
              <Button variant="secondary" icon={<DownloadIcon />} isDisabled={!query || exporting} isLoading={exporting} onClick={() => void exportCsv()} data-test="export-csv">
                {t('Export CSV')}
              </Button>
            </ToolbarItem>
          </ToolbarGroup>
        </ToolbarContent>
      </Toolbar>
      {exportError && (
        <Alert isInline variant="danger" title={t('Export failed')} data-test="export-error">
          {exportError}
        </Alert>
      )}
      {histogram}
      <Drawer isExpanded={!!selected} isInline>
        <DrawerContent panelContent={selected ? <FlowDetails record={selected} onClose={() => setSelectedKey(undefined)} onAddFilter={onAddFilter} /> : undefined}>
          <DrawerContentBody>{table}</DrawerContentBody>
        </DrawerContent>
      </Drawer>
      {pickerOpen && (
        <ColumnPicker
          isOpen
          available={available}
          selected={columns}
          defaults={defaultColumns}
          onSave={(c) => {
            setColumns(c);
            setPickerOpen(false);
          }}
          onClose={() => setPickerOpen(false)}
        />
      )}
    </>
  );
}
