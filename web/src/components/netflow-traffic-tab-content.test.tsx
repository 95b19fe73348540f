import { screen } from '@testing-library/react';
import { flowsFixture } from '../test-utils/flows-fixture';
import { renderWithHost, routeFetch } from '../test-utils/render';
import { jsonResponse } from '../test-utils/responses';
import { NetflowTrafficTabContent } from './netflow-traffic-tab-content';

const routes = () => routeFetch({ '/api/frontend-config': () => jsonResponse(200, {}), '/api/flows': () => jsonResponse(200, flowsFixture) });

function sentFilters(fetch: jest.Mock): string | null {
  const url = fetch.mock.calls.map((c) => c[0] as string).find((u) => u.includes('/api/flows'));
  return new URL(url as string, 'http://x').searchParams.get('filters');
}

describe('NetflowTrafficTab', () => {
  it("queries the flows of the page's object, then the user's filters, without a page title", async () => {
    const fetch = routes();
    const obj = { kind: 'StatefulSet', metadata: { name: 'redis', namespace: 'shop' } };
    await renderWithHost(<NetflowTrafficTabContent obj={obj} />, { fetch, url: '/?filters=DstPort%3D6379' });
    expect(await screen.findAllByTestId('flow-row')).toHaveLength(2);
    expect(sentFilters(fetch)).toBe('K8S_Namespace=shop;K8S_OwnerType=StatefulSet;K8S_OwnerName=redis;DstPort=6379');
    expect(screen.queryByTestId('page-title')).toBeNull();
    // The object's scope is not in the filter box, where the user could remove it.
    expect(screen.getByTestId('filter-input')).toHaveValue('DstPort=6379');
  });

  it('says so, and queries nothing, for an object it cannot filter on', async () => {
    const fetch = routes();
    await renderWithHost(<NetflowTrafficTabContent obj={{ kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns' } }} />, { fetch });
    expect(screen.getByTestId('tab-unsupported')).toHaveTextContent('Network traffic is not available for this resource');
    expect(fetch).not.toHaveBeenCalled();
  });
});
