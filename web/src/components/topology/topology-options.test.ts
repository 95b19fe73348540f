import { defaultTopologyOptions, readTopologyOptions, writeTopologyOptions } from './topology-options';
import { withFilters } from './use-topology-options';

const read = (query: string, stored?: string) => readTopologyOptions(new URLSearchParams(query), stored);

describe('topology options in the URL', () => {
  it('has defaults when the URL says nothing', () => {
    expect(read('')).toEqual({ options: defaultTopologyOptions, warnings: [] });
  });

  it('reads every option', () => {
    const { options, warnings } = read('topoScope=owner&topoGroups=host,namespace&topoType=rtt&topoFn=p99&topoLayout=dagre&topoTop=200&topoSelected=abc');
    expect(warnings).toEqual([]);
    expect(options).toEqual({ scope: 'owner', groups: ['host', 'namespace'], type: 'rtt', fn: 'p99', layout: 'dagre', top: 200, selected: 'abc' });
  });

  it('replaces values that do not fit by defaults, with a warning each', () => {
    const { options, warnings } = read('topoScope=galaxy&topoType=bytes&topoFn=p99&topoLayout=spiral&topoTop=7&topoGroups=owner');
    expect(options).toMatchObject({ scope: 'namespace', fn: 'rate', layout: 'force', top: 50, groups: [] });
    expect(warnings.map((w) => w.param)).toEqual(['topoScope', 'topoFn', 'topoLayout', 'topoTop', 'topoGroups']);
  });

  it('orders groups outermost first and keeps those that fit the scope', () => {
    expect(read('topoScope=resource&topoGroups=namespace,zone').options.groups).toEqual(['zone', 'namespace']);
  });

  it('uses the remembered layout when the URL has none', () => {
    expect(read('', 'dagre').options.layout).toBe('dagre');
    expect(read('', 'nonsense').options.layout).toBe('force');
    expect(read('topoLayout=grid', 'force').options.layout).toBe('grid');
  });

  it('leaves defaults out of the URL and keeps the page parameters', () => {
    const next = writeTopologyOptions(new URLSearchParams('filters=a%3D1&view=topology&topoScope=owner'), { scope: 'namespace', top: 100, layout: 'force' });
    expect(next.toString()).toBe('filters=a%3D1&view=topology&topoTop=100');
  });

  it('fits the function to the type and the groups to the scope', () => {
    const next = writeTopologyOptions(new URLSearchParams('topoScope=resource&topoGroups=owner&topoFn=sum'), { scope: 'namespace', type: 'rtt' });
    expect(next.get('topoGroups')).toBeNull();
    expect(next.get('topoType')).toBe('rtt');
    expect(next.get('topoFn')).toBeNull(); // avg, the default for latencies
    expect(writeTopologyOptions(new URLSearchParams(), { selected: 'n1' }).get('topoSelected')).toBe('n1');
    expect(writeTopologyOptions(new URLSearchParams('topoSelected=n1'), { selected: undefined }).get('topoSelected')).toBeNull();
  });
});

describe('withFilters', () => {
  it('adds filters the URL does not have yet', () => {
    const params = new URLSearchParams('filters=K8S_Namespace%3Diperf');
    const added = [
      { target: 'K8S_Namespace', op: '=' as const, values: ['iperf'] },
      { target: 'K8S_OwnerName', op: '=' as const, values: ['client'] },
    ];
    expect(withFilters(params, added)).toBe('K8S_Namespace=iperf;K8S_OwnerName=client');
    expect(withFilters(new URLSearchParams('filters=%3D%3D%3D'), added)).toBeUndefined();
  });
});
