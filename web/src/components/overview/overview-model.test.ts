import { MetricSeries } from '../../model/metrics';
import { defaultOverviewOptions, readOverviewOptions, writeOverviewOptions } from './overview-options';
import { alignForStack, breakAtGaps } from './panel-data';
import { defaultPanelIds } from './panel-defs';
import { breakdownName, scopeName, seriesFilters } from './series-labels';

const t = (key: string, options?: Record<string, unknown>) => key.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(options?.[k]));

const s = (source: Record<string, string>, destination: Record<string, string>, breakdown?: Record<string, string>): MetricSeries => ({
  source,
  destination,
  breakdown,
  values: [],
  stats: { avg: 0, max: 0, last: 0 },
});

describe('Overview URL options', () => {
  it('round-trips every option, leaving defaults out of the URL', () => {
    const written = writeOverviewOptions(new URLSearchParams('view=overview'), { scope: 'host', type: 'packets', top: 10, panels: ['dnsRcodes', 'topRates'] });
    expect(written.toString()).toBe('view=overview&ovScope=host&ovType=packets&ovTop=10&ovPanels=dnsRcodes%2CtopRates');
    expect(readOverviewOptions(written)).toEqual({ options: { scope: 'host', type: 'packets', top: 10, panels: ['dnsRcodes', 'topRates'] }, warnings: [] });

    const back = writeOverviewOptions(written, { ...defaultOverviewOptions, panels: [...defaultPanelIds] });
    expect(back.toString()).toBe('view=overview');
    expect(readOverviewOptions(back).options).toEqual({ scope: 'namespace', type: 'bytes', top: 5 });
  });

  it('replaces values that do not fit by their defaults, with a warning each', () => {
    const { options, warnings } = readOverviewOptions(new URLSearchParams('ovScope=udn&ovType=flows&ovTop=-1&ovPanels=topRates,topRates'));
    expect(options).toEqual({ scope: 'namespace', type: 'bytes', top: 5 });
    expect(warnings.map((w) => w.param)).toEqual(['ovScope', 'ovType', 'ovTop', 'ovPanels']);
    expect(readOverviewOptions(new URLSearchParams('ovPanels=')).warnings).toEqual([{ param: 'ovPanels', value: '' }]);
  });
});

describe('series names and filters', () => {
  it('names each scope as an admin reads it', () => {
    expect(scopeName('namespace', s({ SrcK8S_Namespace: 'shop' }, { DstK8S_Namespace: '' }), t)).toBe('shop → (no namespace)');
    expect(scopeName('owner', s({ SrcK8S_Namespace: 'shop', SrcK8S_OwnerName: 'web' }, { DstK8S_Namespace: 'db', DstK8S_OwnerName: 'pg' }), t)).toBe(
      'shop/web → db/pg',
    );
    expect(scopeName('resource', s({ SrcK8S_Namespace: '', SrcK8S_Name: '', SrcAddr: '10.0.0.1' }, { DstK8S_Namespace: 'a', DstK8S_Name: 'b' }), t)).toBe(
      '10.0.0.1 → a/b',
    );
    expect(scopeName('host', s({ SrcK8S_HostName: 'worker-1' }, { DstK8S_HostName: 'worker-2' }), t)).toBe('worker-1 → worker-2');
    expect(scopeName('cluster', s({ K8S_ClusterName: 'prod' }, {}), t)).toBe('prod');
  });

  it('reads breakdowns in words', () => {
    expect(breakdownName('dropCause', { PktDropLatestDropCause: 'SKB_DROP_REASON_NO_SOCKET' }, t)).not.toMatch(/SKB_DROP_REASON/);
    expect(breakdownName('dropState', { PktDropLatestState: 'TCP_ESTABLISHED' }, t)).toBe('Established');
    expect(breakdownName('dnsRcode', { DnsFlagsResponseCode: '' }, t)).toBe('No response code');
    expect(breakdownName('eventAction', { NetworkEventType: 'AdminNetworkPolicy', NetworkEventAction: 'pass' }, t)).toBe(
      'Delegated to network policy by admin network policy',
    );
    expect(
      breakdownName('eventPolicy', { NetworkEventType: 'EgressFirewall', NetworkEventNamespace: 'shop', NetworkEventName: '', NetworkEventAction: 'drop' }, t),
    ).toBe('Dropped by egress firewall in namespace shop');
  });

  it('turns labels into valid filters, skipping empty ones and values the grammar refuses', () => {
    expect(seriesFilters('owner', s({ SrcK8S_Namespace: 'shop', SrcK8S_OwnerName: 'web', SrcK8S_OwnerType: 'Deployment' }, { DstK8S_Namespace: '' }))).toEqual([
      { target: 'SrcK8S_Namespace', op: '=', values: ['shop'] },
      { target: 'SrcK8S_OwnerName', op: '=', values: ['web'] },
      { target: 'SrcK8S_OwnerType', op: '=', values: ['Deployment'] },
    ]);
    expect(seriesFilters('resource', s({ SrcAddr: 'not-an-ip' }, {}))).toEqual([]);
    expect(seriesFilters('cluster', s({ K8S_ClusterName: 'prod' }, {}, { NetworkEventType: 'NetworkPolicy', NetworkEventAction: 'drop' }), 'eventAction')).toEqual([
      { target: 'NetworkEventType', op: '=', values: ['NetworkPolicy'] },
      { target: 'NetworkEventAction', op: '=', values: ['drop'] },
    ]);
  });
});

describe('stacking', () => {
  it('gives every series a point at every instant, zero where it had none', () => {
    const a = { key: 'a', name: 'a', filters: [], figure: 0, points: [{ x: 1, y: 5 }, { x: 3, y: 7 }] };
    const b = { key: 'b', name: 'b', filters: [], figure: 0, points: [{ x: 2, y: 1 }] };
    expect(alignForStack([a, b]).map((x) => x.points.map((p) => p.y))).toEqual([
      [5, 0, 7],
      [0, 1, 0],
    ]);
  });
});

describe('lines', () => {
  it('break where a series has no point for longer than the step', () => {
    const a = { key: 'a', name: 'a', filters: [], figure: 0, points: [{ x: 0, y: 1 }, { x: 10, y: 2 }, { x: 40, y: 3 }] };
    expect(breakAtGaps([a])[0].points).toEqual([{ x: 0, y: 1 }, { x: 10, y: 2 }, { x: 30, y: null }, { x: 40, y: 3 }]);
  });
});
