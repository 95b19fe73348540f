import { NetworkEvent } from './flow';
import { describeNetworkEvent, describeNetworkEvents, eventVerdict } from './network-events';

const acl = (e: NetworkEvent): NetworkEvent => ({ Feature: 'acl', ...e });

describe('describeNetworkEvent: every ACL type', () => {
  it.each<[NetworkEvent, string]>([
    [
      { Type: 'NetworkPolicy', Action: 'allow', Name: 'iperf3-server-access-egress', Namespace: 'iperf', Direction: 'Egress' },
      'Allowed by network policy iperf3-server-access-egress in namespace iperf, direction Egress',
    ],
    [
      { Type: 'NetpolNamespace', Action: 'drop', Namespace: 'iperf', Direction: 'Ingress' },
      'Dropped by network policies isolation in namespace iperf, direction Ingress',
    ],
    [{ Type: 'NetpolNode', Action: 'allow', Direction: 'Ingress' }, 'Allowed by default allow from local node policy, direction Ingress'],
    [{ Type: 'AdminNetworkPolicy', Action: 'allow', Name: 'cluster-control', Direction: 'Egress' }, 'Allowed by admin network policy cluster-control, direction Egress'],
    [{ Type: 'AdminNetworkPolicy', Action: 'drop', Name: 'deny-db', Direction: 'Ingress' }, 'Dropped by admin network policy deny-db, direction Ingress'],
    [{ Type: 'AdminNetworkPolicy', Action: 'pass', Name: 'X', Direction: 'Ingress' }, 'Delegated to network policy by admin network policy X, direction Ingress'],
    [{ Type: 'BaselineAdminNetworkPolicy', Action: 'allow', Name: 'default', Direction: 'Ingress' }, 'Allowed by baseline admin network policy default, direction Ingress'],
    [{ Type: 'BaselineAdminNetworkPolicy', Action: 'drop', Name: 'default', Direction: 'Egress' }, 'Dropped by baseline admin network policy default, direction Egress'],
    [{ Type: 'EgressFirewall', Action: 'drop', Namespace: 'shop', Direction: 'Egress' }, 'Dropped by egress firewall in namespace shop'],
    [{ Type: 'EgressFirewall', Action: 'allow', Namespace: 'shop' }, 'Allowed by egress firewall in namespace shop'],
    [{ Type: 'MulticastNS', Action: 'allow', Namespace: 'media', Direction: 'Ingress' }, 'Allowed by multicast in namespace media, direction Ingress'],
    [{ Type: 'MulticastCluster', Action: 'drop', Direction: 'Egress' }, 'Dropped by cluster multicast policy, direction Egress'],
    [{ Type: 'UDNIsolation', Action: 'drop', Name: 'primary' }, 'Dropped by UDN isolation of type primary'],
  ])('%j', (event, sentence) => {
    expect(describeNetworkEvent(acl(event))).toBe(sentence);
  });
});

describe('describeNetworkEvent: every action', () => {
  const policy = { Type: 'NetworkPolicy', Name: 'p', Namespace: 'ns', Direction: 'Ingress' };
  it.each([
    ['allow', 'Allowed', 'allowed'],
    ['allow-related', 'Allowed', 'allowed'],
    ['allow-stateless', 'Allowed', 'allowed'],
    ['drop', 'Dropped', 'dropped'],
    ['pass', 'Delegated to network policy', 'delegated'],
    ['reject', 'Rejected', 'rejected'],
    ['Drop', 'Dropped', 'dropped'],
    ['ALLOW', 'Allowed', 'allowed'],
    ['sample', 'Action sample', 'other'],
  ])('%s', (action, words, verdict) => {
    const e = acl({ ...policy, Action: action });
    expect(describeNetworkEvent(e)).toBe(`${words} by network policy p in namespace ns, direction Ingress`);
    expect(eventVerdict(e)).toBe(verdict);
  });

  it('says the action is unknown when it is missing', () => {
    const e = acl({ ...policy });
    expect(describeNetworkEvent(e)).toBe('Unknown action by network policy p in namespace ns, direction Ingress');
    expect(eventVerdict(e)).toBe('other');
  });
});

describe('describeNetworkEvent: odd input', () => {
  it('normalises the case of the direction and keeps other directions as sent', () => {
    const base = { Type: 'NetworkPolicy', Action: 'allow', Name: 'p', Namespace: 'ns' };
    expect(describeNetworkEvent(acl({ ...base, Direction: 'ingress' }))).toMatch(/direction Ingress$/);
    expect(describeNetworkEvent(acl({ ...base, Direction: 'EGRESS' }))).toMatch(/direction Egress$/);
    expect(describeNetworkEvent(acl({ ...base, Direction: 'sideways' }))).toMatch(/direction sideways$/);
  });

  it('leaves missing name, namespace and direction out of the sentence', () => {
    const sentences = [
      describeNetworkEvent(acl({ Type: 'NetworkPolicy', Action: 'allow' })),
      describeNetworkEvent(acl({ Type: 'NetpolNamespace', Action: 'drop' })),
      describeNetworkEvent(acl({ Type: 'AdminNetworkPolicy', Action: 'pass', Direction: '' })),
      describeNetworkEvent(acl({ Type: 'EgressFirewall', Action: 'drop' })),
      describeNetworkEvent(acl({ Type: 'UDNIsolation', Action: 'drop', Name: '  ' })),
    ];
    expect(sentences).toEqual([
      'Allowed by network policy',
      'Dropped by network policies isolation',
      'Delegated to network policy by admin network policy',
      'Dropped by egress firewall',
      'Dropped by UDN isolation',
    ]);
    for (const s of sentences) expect(s).not.toMatch(/undefined|null/);
  });

  it('shows a ready message as is, whatever else the event holds', () => {
    expect(describeNetworkEvent({ Message: 'Allowed by custom rule', Action: 'drop', Type: 'NetworkPolicy' })).toBe('Allowed by custom rule');
    expect(eventVerdict({ Message: 'whatever', Action: 'drop' })).toBe('dropped');
    expect(eventVerdict({ Message: 'whatever' })).toBe('other');
  });

  it('shows the action and the raw fields for an unknown type', () => {
    expect(describeNetworkEvent(acl({ Type: 'FutureThing', Action: 'drop', Name: 'x', Namespace: 'ns', Direction: 'Ingress' }))).toBe(
      'Dropped (Feature: acl, Type: FutureThing, Name: x, Namespace: ns, Direction: Ingress)',
    );
  });

  it('shows the action and the raw fields for a feature other than acl, extra keys included', () => {
    const e = { Feature: 'sampling', Type: 'NetworkPolicy', Action: 'allow', Name: 'p', Rule: 7 } as NetworkEvent;
    expect(describeNetworkEvent(e)).toBe('Allowed (Feature: sampling, Type: NetworkPolicy, Name: p, Rule: 7)');
  });

  it('reads the feature case-insensitively and an absent feature as acl', () => {
    expect(describeNetworkEvent({ Feature: 'ACL', Type: 'MulticastCluster', Action: 'allow' })).toBe('Allowed by cluster multicast policy');
    expect(describeNetworkEvent({ Type: 'MulticastCluster', Action: 'allow' })).toBe('Allowed by cluster multicast policy');
  });

  it('never prints undefined for empty or non-string fields', () => {
    expect(describeNetworkEvent({})).toBe('Network event');
    expect(describeNetworkEvent({ Action: 'drop' })).toBe('Dropped');
    expect(describeNetworkEvent({ Feature: 'acl', Type: 'Unknown' })).toBe('Network event (Feature: acl, Type: Unknown)');
    const weird = { Feature: 'acl', Type: 'NetworkPolicy', Action: 'allow', Name: { x: 1 }, Namespace: null, Direction: 3 } as unknown as NetworkEvent;
    expect(describeNetworkEvent(weird)).toBe('Allowed by network policy, direction 3');
  });
});

describe('describeNetworkEvents', () => {
  it('describes each event in order', () => {
    expect(
      describeNetworkEvents([
        acl({ Type: 'NetworkPolicy', Action: 'allow', Name: 'a', Namespace: 'n', Direction: 'Egress' }),
        { Message: 'custom' },
      ]),
    ).toEqual(['Allowed by network policy a in namespace n, direction Egress', 'custom']);
  });

  it('gives nothing for a missing or malformed list and skips empty entries', () => {
    expect(describeNetworkEvents(undefined)).toEqual([]);
    expect(describeNetworkEvents('oops' as unknown as NetworkEvent[])).toEqual([]);
    expect(describeNetworkEvents([null, { Message: 'kept' }, 'plain text'] as unknown as NetworkEvent[])).toEqual(['kept', 'plain text']);
  });
});
