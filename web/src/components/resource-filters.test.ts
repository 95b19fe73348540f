import { validateFilter } from '../model/filters';
import { resourceFilters } from './resource-filters';

describe('resourceFilters', () => {
  it.each([
    [{ kind: 'Namespace', name: 'iperf' }, 'K8S_Namespace=iperf'],
    [{ kind: 'Node', name: 'worker-1' }, 'K8S_HostName=worker-1'],
    [{ kind: 'Pod', name: 'p-1', namespace: 'ns' }, 'K8S_Namespace=ns;K8S_Name=p-1'],
    [{ kind: 'Service', name: 'svc', namespace: 'ns' }, 'K8S_Namespace=ns;K8S_Name=svc'],
    [{ kind: 'Deployment', name: 'web', namespace: 'ns' }, 'K8S_Namespace=ns;K8S_OwnerName=web'],
  ])('pre-filters %o on flows from or to it', (ref, expected) => {
    const filters = resourceFilters(ref);
    expect(filters?.map((f) => `${f.target}${f.op}${f.values.join(',')}`).join(';')).toBe(expected);
    filters?.forEach((f) => expect(validateFilter(f).either).toBe(true));
  });

  it('has no filters for an unknown kind or a nameless object', () => {
    expect(resourceFilters({ kind: 'ConfigMap', name: 'x' })).toBeUndefined();
    expect(resourceFilters({ kind: 'Pod' })).toBeUndefined();
  });
});
