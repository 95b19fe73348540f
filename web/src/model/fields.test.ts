import { Display, Feature, defaultColumns, defaultLokiLabels, fields, getField } from './fields';

const sided = (suffixes: string[], prefix = '') => ['Src', 'Dst'].flatMap((side) => suffixes.map((s) => `${prefix}${side}${s}`));

/** The flow fields DESIGN.md lists ("Flow records"), with the feature that produces them. */
const designFields: Record<string, Feature | undefined> = Object.fromEntries([
  ...[
    ...sided(['Addr', 'Port', 'Mac']),
    'Proto', 'Bytes', 'Packets', 'Flags', 'FlowDirection', 'Interfaces', 'IfDirections', 'Dscp',
    'TimeFlowStartMs', 'TimeFlowEndMs', 'TimeReceived', 'Sampling', 'AgentIP',
    ...sided(['K8S_Name', 'K8S_Type', 'K8S_Namespace', 'K8S_OwnerName', 'K8S_OwnerType', 'K8S_HostIP', 'K8S_HostName']),
    'K8S_FlowLayer', '_RecordType', '_HashId',
  ].map((n) => [n, undefined]),
  ...sided(['K8S_Zone']).map((n) => [n, 'Zones']),
  ...[...sided(['K8S_NetworkName']), 'Udns'].map((n) => [n, 'UDNMapping']),
  ['K8S_ClusterName', 'MultiCluster'],
  ['TimeFlowRttNs', 'FlowRTT'],
  ...['DnsId', 'DnsLatencyMs', 'DnsFlagsResponseCode', 'DnsErrno'].map((n) => [n, 'DNSTracking']),
  ...['PktDropBytes', 'PktDropPackets', 'PktDropLatestDropCause', 'PktDropLatestState', 'PktDropLatestFlags'].map((n) => [n, 'PacketDrop']),
  ...[...sided(['Addr', 'Port', 'K8S_Name', 'K8S_Type', 'K8S_Namespace'], 'Xlat'), 'ZoneId'].map((n) => [n, 'PacketTranslation']),
  ['NetworkEvents', 'NetworkEvents'],
  ['IPSecStatus', 'IPSec'],
]);

describe('fields catalogue', () => {
  it('has every field DESIGN.md lists, with its feature', () => {
    for (const [name, feature] of Object.entries(designFields)) {
      const f = getField(name);
      expect({ name, present: f !== undefined }).toEqual({ name, present: true });
      expect({ name, feature: f?.feature }).toEqual({ name, feature });
    }
  });

  it('has unique names and unique titles', () => {
    const names = fields.map((f) => f.name);
    const titles = fields.map((f) => f.title);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('describes every field', () => {
    for (const f of fields) {
      expect(f.title.trim()).not.toBe('');
      expect(f.description.trim()).not.toBe('');
      expect(f.description).not.toMatch(/\{\{/);
    }
  });

  it('pairs source and destination fields both ways, on opposite sides', () => {
    for (const f of fields.filter((x) => x.peer)) {
      const peer = getField(f.peer as string);
      expect({ field: f.name, peerOfPeer: peer?.peer }).toEqual({ field: f.name, peerOfPeer: f.name });
      if (f.group === 'source') expect(f.peer).toBe(f.name.replace('Src', 'Dst'));
      expect([f.group, peer?.group].sort()).toEqual(['destination', 'source']);
      // The two sides filter, index and show alike.
      expect(peer?.filter).toBe(f.filter);
      expect(peer?.display).toBe(f.display);
      expect(peer?.defaultColumn).toBe(f.defaultColumn);
      expect(peer?.defaultLokiLabel).toBe(f.defaultLokiLabel);
    }
    for (const f of fields.filter((x) => x.group !== 'common')) expect(f.peer).toBeDefined();
  });

  it('shows by default what the flows table needs', () => {
    const required = [
      'TimeFlowEndMs', 'SrcK8S_Name', 'DstK8S_Name', 'SrcK8S_Namespace', 'DstK8S_Namespace', 'SrcPort', 'DstPort',
      'Proto', 'Bytes', 'Packets', 'NetworkEvents', 'TimeFlowRttNs', 'PktDropLatestDropCause', 'XlatSrcAddr', 'XlatDstAddr',
    ];
    expect(defaultColumns).toEqual(expect.arrayContaining(required));
    expect(defaultColumns[0]).toBe('TimeFlowEndMs');
  });

  it('indexes the default Loki labels DESIGN.md names', () => {
    expect([...defaultLokiLabels].sort()).toEqual(
      ['app', 'SrcK8S_Namespace', 'DstK8S_Namespace', 'SrcK8S_OwnerName', 'DstK8S_OwnerName', 'SrcK8S_Type', 'DstK8S_Type', 'K8S_FlowLayer', 'FlowDirection', '_RecordType'].sort(),
    );
  });

  it('stores numbers for numeric displays and lists where a display expects them', () => {
    const numeric: Display[] = ['bytes', 'packets', 'count', 'timestampMs', 'timestampS', 'durationNs', 'durationMs', 'port', 'protocol', 'direction', 'tcpFlags', 'dscp', 'dnsErrno'];
    for (const f of fields) {
      if (numeric.includes(f.display)) expect({ name: f.name, type: f.type }).toEqual({ name: f.name, type: 'number' });
      if (f.display === 'interfaceDirections') expect(f.type).toBe('number[]');
      if (f.display === 'networkEvents') expect(f.type).toBe('object[]');
    }
  });

  it('gives enum values only to enum filters, and number filters only to numbers', () => {
    for (const f of fields) {
      if (f.values) expect({ name: f.name, filter: f.filter }).toEqual({ name: f.name, filter: 'enum' });
      if (f.filter === 'number' || f.filter === 'port' || f.filter === 'protocol') expect(f.type).toBe('number');
    }
    expect(getField('FlowDirection')?.values).toEqual(['0', '1', '2']);
    expect(getField('_RecordType')?.values).toEqual(['flowLog', 'newConnection', 'heartbeat', 'endConnection']);
  });

  it('answers undefined for unknown names', () => {
    expect(getField('NoSuchField')).toBeUndefined();
    expect(getField('')).toBeUndefined();
  });
});
