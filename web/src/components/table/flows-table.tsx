/** The traffic flows table: one row per flow record, columns from the fields catalogue. */
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { FieldDef } from '../../model/fields';
import { FlowRecord } from '../../model/flow';
import { usePluginTranslation } from '../i18n';
import { headerGroups } from './column-groups';
import { FlowCell } from './flow-cell';

interface FlowsTableProps {
  columns: readonly FieldDef[];
  records: readonly FlowRecord[];
}

export function FlowsTable({ columns, records }: FlowsTableProps) {
  const { t } = usePluginTranslation();
  const groups = headerGroups(columns);
  const grouped = groups.some((g) => g.group !== 'common');
  const groupTitle = { source: t('Source'), destination: t('Destination') };
  const columnHeader = (f: FieldDef, subheader: boolean, rowSpan?: number) => (
    <Th
      key={f.name}
      isSubheader={subheader}
      rowSpan={rowSpan}
      modifier="wrap"
      info={{ tooltip: t(f.description) }}
      data-test={`header-${f.name}`}
    >
      {t(f.title)}
    </Th>
  );

  return (
    <Table aria-label={t('Traffic flows')} variant="compact" data-test="flows-table" gridBreakPoint="">
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
        {records.map((r) => (
          <Tr key={r.key} data-test="flow-row">
            {columns.map((f) => (
              <Td key={f.name} dataLabel={t(f.title)} data-test={`cell-${f.name}`}>
                <FlowCell field={f} flow={r.fields} />
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
