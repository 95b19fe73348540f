import { screen, within } from '@testing-library/react';
import { defaultColumns, FieldDef, getField } from '../../model/fields';
import { formatFieldValue } from '../../model/format';
import { flowsFixture } from '../../test-utils/flows-fixture';
import { renderWithHost } from '../../test-utils/render';
import { FlowsTable } from './flows-table';

const columns = defaultColumns.map((n) => getField(n) as FieldDef);
const field = (name: string) => getField(name) as FieldDef;

async function renderTable() {
  await renderWithHost(<FlowsTable columns={columns} records={flowsFixture.records} />, { fetch: jest.fn() });
  return screen.getAllByTestId('flow-row');
}

describe('FlowsTable', () => {
  it('shows the default columns of the catalogue, grouped under Source and Destination', async () => {
    await renderTable();
    const table = screen.getByTestId('flows-table');
    for (const f of columns) expect(within(table).getByTestId(`header-${f.name}`)).toHaveTextContent(f.title);
    expect(screen.getByTestId('header-group-source')).toHaveTextContent('Source');
    expect(screen.getByTestId('header-group-destination')).toHaveTextContent('Destination');
    expect(screen.getByTestId('header-group-source')).toHaveAttribute('colspan', String(columns.filter((c) => c.group === 'source').length));
  });

  it('has one row per record and one cell per column', async () => {
    const rows = await renderTable();
    expect(rows).toHaveLength(2);
    for (const f of columns) expect(within(rows[0]).getByTestId(`cell-${f.name}`)).toBeInTheDocument();
  });

  it('reads network events as sentences, one per event, with their verdict', async () => {
    const [first] = await renderTable();
    const items = within(within(first).getByTestId('cell-NetworkEvents')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.trim())).toEqual([
      'Allowed by network policy iperf-server-access-egress in namespace iperf, direction Egress',
      'Dropped by network policies isolation in namespace iperf, direction Ingress',
    ]);
    expect(items.map((li) => li.getAttribute('data-verdict'))).toEqual(['allowed', 'dropped']);
  });

  it('links Kubernetes names with their kind and formats values through the catalogue', async () => {
    const [first, second] = await renderTable();
    expect(within(first).getByTestId('cell-SrcK8S_Name')).toHaveTextContent('P iperf-client-7d9c');
    expect(within(first).getByTestId('cell-DstK8S_Name')).toHaveTextContent('S iperf-server');
    expect(within(second).getByTestId('cell-SrcK8S_Name')).toHaveTextContent('N worker-1');
    expect(within(first).getByTestId('cell-SrcK8S_Namespace')).toHaveTextContent('NS iperf');
    expect(within(first).getByTestId('cell-Bytes')).toHaveTextContent(formatFieldValue(field('Bytes'), 123456));
    expect(within(first).getByTestId('cell-Proto')).toHaveTextContent(formatFieldValue(field('Proto'), 6));
    expect(within(first).getByTestId('cell-TimeFlowRttNs')).toHaveTextContent(formatFieldValue(field('TimeFlowRttNs'), 1500000));
    expect(within(first).getByTestId('cell-XlatDstAddr')).toHaveTextContent('10.128.2.14');
  });

  it('shows the drop cause in words, not the kernel reason', async () => {
    const [, second] = await renderTable();
    const cell = within(second).getByTestId('cell-PktDropLatestDropCause');
    expect(cell).toHaveTextContent(formatFieldValue(field('PktDropLatestDropCause'), 'SKB_DROP_REASON_TCP_RESET'));
    expect(cell).not.toHaveTextContent('SKB_DROP_REASON');
  });

  it('leaves cells of absent fields empty', async () => {
    const [, second] = await renderTable();
    expect(within(second).getByTestId('cell-NetworkEvents')).toBeEmptyDOMElement();
    expect(within(second).getByTestId('cell-SrcPort')).toBeEmptyDOMElement();
  });
});
