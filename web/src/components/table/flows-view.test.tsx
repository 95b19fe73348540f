import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { defaultColumns, FieldDef, getField } from '../../model/fields';
import { FlowRecord } from '../../model/flow';
import { FlowQuery } from '../../model/query';
import { flowsFixture } from '../../test-utils/flows-fixture';
import { renderWithHost } from '../../test-utils/render';
import { columnsStorageKey } from './column-selection';
import { FlowsView } from './flows-view';

const defaults = defaultColumns.map((n) => getField(n) as FieldDef);
const query: FlowQuery = { filters: [], match: 'all', startTime: 1763889900, endTime: 1763890200, limit: 100, recordType: 'flowLog', dedup: true, packetLoss: 'all' };

function manyRecords(n: number): FlowRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `k${i}`,
    timestampNs: '0',
    labels: {},
    fields: { TimeFlowEndMs: 1763890000000 + i, SrcK8S_Name: `pod-${i}`, SrcK8S_Type: 'Pod', SrcK8S_Namespace: 'ns', Bytes: i, Proto: 6, DstPort: 80 },
  }));
}

async function renderView({ records = flowsFixture.records, fetch = jest.fn(), onAddFilter = jest.fn(), onTimeRange = jest.fn() } = {}) {
  await renderWithHost(<FlowsView defaultColumns={defaults} records={records} query={query} onAddFilter={onAddFilter} onTimeRange={onTimeRange} />, { fetch });
  return { fetch, onAddFilter, onTimeRange };
}

/** Column names in display order, read from the first row's cells (nested headers split the order over two rows). */
const headerNames = () => within(screen.getAllByTestId('flow-row')[0]).getAllByTestId(/^cell-/).map((c) => c.getAttribute('data-test')?.replace('cell-', ''));

beforeEach(() => window.localStorage.clear());

describe('FlowsView', () => {
  it('shows the default columns until the user picks others; adds, removes and reorders, remembered in localStorage', async () => {
    const user = userEvent.setup();
    await renderView();
    expect(headerNames()).toEqual(defaultColumns);

    await user.click(screen.getByTestId('manage-columns'));
    const picker = await screen.findByTestId('column-picker');
    await user.type(within(picker).getByRole('textbox', { name: 'Search columns' }), 'dscp');
    expect(within(picker).queryByTestId('column-option-Bytes')).not.toBeInTheDocument();
    await user.click(within(picker).getByLabelText('DSCP'));
    await user.clear(within(picker).getByRole('textbox', { name: 'Search columns' }));
    await user.click(within(picker).getByLabelText('Protocol'));
    await user.click(within(picker).getByTestId('move-up-Dscp'));
    await user.click(within(picker).getByTestId('columns-save'));

    const expected = [...defaultColumns.filter((c) => c !== 'Proto')];
    expected.splice(expected.length - 1, 0, 'Dscp');
    expect(headerNames()).toEqual(expected);
    expect(JSON.parse(window.localStorage.getItem(columnsStorageKey) as string)).toEqual(expected);
   }, 30_000);

  it('restores the remembered columns, and resets to the defaults (forgetting the choice)', async () => {
    window.localStorage.setItem(columnsStorageKey, JSON.stringify(['Bytes', 'SrcAddr']));
    const user = userEvent.setup();
    await renderView();
    expect(headerNames()).toEqual(['Bytes', 'SrcAddr']);
    await user.click(screen.getByTestId('manage-columns'));
    await user.click(screen.getByTestId('columns-reset'));
    await user.click(screen.getByTestId('columns-save'));
    expect(headerNames()).toEqual(defaultColumns);
    expect(window.localStorage.getItem(columnsStorageKey)).toBeNull();
  });

  it('sorts on a header click, then the other way', async () => {
    const user = userEvent.setup();
    await renderView({ records: manyRecords(5) });
    const firstName = () => within(screen.getAllByTestId('flow-row')[0]).getByTestId('cell-SrcK8S_Name').textContent;
    await user.click(within(screen.getByTestId('header-Bytes')).getByText('Bytes'));
    expect(firstName()).toContain('pod-0');
    await user.click(within(screen.getByTestId('header-Bytes')).getByText('Bytes'));
    expect(firstName()).toContain('pod-4');
  });

  it('opens the drawer of the clicked row with its network events, filters on a value, steps with the arrow keys', async () => {
    const user = userEvent.setup();
    const { onAddFilter } = await renderView();
    const rows = screen.getAllByTestId('flow-row');
    await user.click(within(rows[0]).getByTestId('cell-Bytes'));
    const drawer = await screen.findByTestId('flow-details');
    const events = within(within(drawer).getByTestId('details-network-events')).getAllByRole('listitem');
    expect(events.map((e) => e.textContent?.trim())).toEqual([
      'Allowed by network policy iperf-server-access-egress in namespace iperf, direction Egress',
      'Dropped by network policies isolation in namespace iperf, direction Ingress',
    ]);
    expect(within(drawer).getByText(/"SrcK8S_Name": "iperf-client-7d9c"/)).toBeInTheDocument();

    await user.click(within(drawer).getByTestId('filter-on-DstPort'));
    expect(onAddFilter).toHaveBeenCalledWith({ target: 'DstPort', op: '=', values: ['5201'] });

    fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    expect(await screen.findByTestId('details-PktDropLatestDropCause')).toHaveTextContent('TCP reset');
    expect(screen.queryByTestId('details-network-events')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('flow-details-close'));
    expect(screen.queryByTestId('flow-details')).not.toBeInTheDocument();
  });

  it('renders only the rows in view of a large answer, with spacers for the others, and follows the scroll', async () => {
    await renderView({ records: manyRecords(5000) });
    const table = screen.getByTestId('flows-table');
    // Source and Destination group the headers on two rows; assistive technology counts all rows.
    expect(table).toHaveAttribute('aria-rowcount', String(2 + 5000));
    const keys = () => screen.getAllByTestId('flow-row').map((r) => r.getAttribute('data-row-key'));
    expect(keys()[0]).toBe('k0');
    expect(keys().length).toBeLessThan(60);
    const after = screen.getByTestId('rows-spacer-after');
    expect(parseFloat(after.style.height)).toBeGreaterThan(4900 * 30);

    // jsdom has no layout: the container reports the scroll position and size a browser would.
    const scroller = screen.getByTestId('flows-table-scroll');
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 600 });
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 2000 * 37 });
    fireEvent.scroll(scroller);
    await waitFor(() => expect(keys()).toContain('k2000'));
    expect(keys()).not.toContain('k0');
    expect(keys().length).toBeLessThan(60);
    const row = screen.getAllByTestId('flow-row').find((r) => r.getAttribute('data-row-key') === 'k2000');
    expect(row).toHaveAttribute('aria-rowindex', String(2 + 2000 + 1));
    const before = parseFloat(screen.getByTestId('rows-spacer-before').style.height);
    const shown = keys().length;
    expect(before + shown * 37 + parseFloat(screen.getByTestId('rows-spacer-after').style.height)).toBeCloseTo(5000 * 37);
  }, 60_000);

  it('changes and remembers the row density', async () => {
    const user = userEvent.setup();
    await renderView();
    expect(screen.getByTestId('flows-table')).toHaveAttribute('data-density', 'compact');
    await user.click(screen.getByRole('button', { name: 'Large' }));
    expect(screen.getByTestId('flows-table')).toHaveAttribute('data-density', 'large');
    expect(window.localStorage.getItem('netobserv-plugin/flows-table/density')).toBe('large');
  });

  it('exports the query with the visible columns, and shows the backend error when it fails', async () => {
    const user = userEvent.setup();
    const fetch = jest.fn(async (_url: string) => new Response(JSON.stringify({ error: 'Loki is down' }), { status: 502 }));
    await renderView({ fetch });
    await user.click(screen.getByTestId('export-csv'));
    const url = new URL(fetch.mock.calls[0][0], 'http://x');
    expect(url.pathname).toBe('/backend/api/flows/export');
    expect(url.searchParams.get('columns')).toBe(defaultColumns.join(','));
    expect(url.searchParams.get('startTime')).toBe('1763889900');
    expect(await screen.findByTestId('export-error')).toHaveTextContent('Loki is down');
  });

  it('turns a range dragged on the histogram into a time range inside the query window', async () => {
    const { onTimeRange } = await renderView();
    const brush = screen.getByTestId('histogram-brush');
    fireEvent.mouseDown(brush, { clientX: 20 });
    fireEvent.mouseMove(brush, { clientX: 120 });
    fireEvent.mouseUp(brush, { clientX: 120 });
    expect(onTimeRange).toHaveBeenCalledTimes(1);
    const [{ start, end }] = onTimeRange.mock.calls[0] as [{ start: number; end: number }];
    expect(start).toBeGreaterThan(query.startTime);
    expect(end).toBeGreaterThan(start);
    expect(end).toBeLessThan(query.endTime);
    // A click (no drag) changes nothing.
    fireEvent.mouseDown(brush, { clientX: 50 });
    fireEvent.mouseUp(brush, { clientX: 50 });
    expect(onTimeRange).toHaveBeenCalledTimes(1);
  });
});
