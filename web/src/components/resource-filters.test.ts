import extensions from '../../../console-extensions.json';
import { parseFilters, serializeFilters, validateFilter } from '../model/filters';
import { resourceFilters, tabKinds } from './resource-filters';

const text = (ref: Parameters<typeof resourceFilters>[0]) => {
  const filters = resourceFilters(ref);
  return filters && serializeFilters(filters);
};

describe('resourceFilters', () => {
  it.each([
    [{ kind: 'Namespace', name: 'iperf' }, 'K8S_Namespace=iperf'],
    [{ kind: 'Node', name: 'worker-1' }, 'K8S_HostName=worker-1'],
    [{ kind: 'Pod', name: 'p-1', namespace: 'ns' }, 'K8S_Namespace=ns;K8S_Type=Pod;K8S_Name=p-1'],
    [{ kind: 'Service', name: 'svc', namespace: 'ns' }, 'K8S_Namespace=ns;K8S_Type=Service;K8S_Name=svc'],
    [{ kind: 'Deployment', name: 'web', namespace: 'ns' }, 'K8S_Namespace=ns;K8S_OwnerType=Deployment;K8S_OwnerName=web'],
    [{ kind: 'StatefulSet', name: 'redis', namespace: 'shop' }, 'K8S_Namespace=shop;K8S_OwnerType=StatefulSet;K8S_OwnerName=redis'],
    [{ kind: 'DaemonSet', name: 'dns-default', namespace: 'openshift-dns' }, 'K8S_Namespace=openshift-dns;K8S_OwnerType=DaemonSet;K8S_OwnerName=dns-default'],
    [{ kind: 'ReplicaSet', name: 'web-5d8f7', namespace: 'ns' }, 'K8S_Namespace=ns;K8S_Type=Pod;K8S_Name=~"web-5d8f7-[a-z0-9]{5}"'],
  ])('pre-filters %o on flows from or to it', (ref, expected) => {
    expect(text(ref)).toBe(expected);
    const filters = resourceFilters(ref) ?? [];
    // Every filter is side-less (source or destination) and valid, and the text form reads back the same.
    filters.forEach((f) => expect(validateFilter(f).either).toBe(true));
    expect(parseFilters(expected)).toEqual(filters);
  });

  it("matches exactly a ReplicaSet's pods, its dots taken literally", () => {
    const [, , byName] = resourceFilters({ kind: 'ReplicaSet', name: 'api.v2-6c9f', namespace: 'ns' }) ?? [];
    // Loki anchors label regular expressions at both ends.
    const re = new RegExp(`^(?:${byName.values[0]})$`);
    expect(re.test('api.v2-6c9f-x7k2p')).toBe(true);
    expect(re.test('apixv2-6c9f-x7k2p')).toBe(false);
    expect(re.test('api.v2-6c9f-x7k2p-extra')).toBe(false);
    expect(re.test('api.v2-6c9f')).toBe(false);
  });

  it('covers every kind that has a tab', () => {
    for (const kind of tabKinds) expect(resourceFilters({ kind, name: 'x', namespace: 'ns' })).toBeDefined();
  });

  it('has no filters for an unknown kind, a nameless object or a namespaced object without namespace', () => {
    expect(resourceFilters({ kind: 'ConfigMap', name: 'x', namespace: 'ns' })).toBeUndefined();
    expect(resourceFilters({ kind: 'Pod' })).toBeUndefined();
    expect(resourceFilters({ kind: 'Pod', name: 'p-1' })).toBeUndefined();
    expect(resourceFilters({ kind: 'Deployment', name: 'web' })).toBeUndefined();
  });
});

describe('console extensions', () => {
  it('declare a Network Traffic tab on exactly the kinds resourceFilters knows', () => {
    const tabs = (extensions as { type: string; properties: { model?: { kind: string } } }[]).filter((e) => e.type === 'console.tab/horizontalNav').map((e) => e.properties.model?.kind);
    expect([...tabs].sort()).toEqual([...tabKinds].sort());
  });
});
