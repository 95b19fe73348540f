import { FieldDef, fields, getField } from './fields';
import {
  directionName,
  dnsErrnoText,
  dscpName,
  formatByteRate,
  formatBytes,
  formatCount,
  formatDurationMs,
  formatDurationNs,
  formatFieldValue,
  formatPackets,
  formatTimestampMs,
  protocolName,
  recordTypeName,
  tcpFlagNames,
  xlatText,
} from './format';

const field = (name: string): FieldDef => {
  const f = getField(name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};

describe('sizes and rates (SI, 1 kB = 1000 B)', () => {
  it.each([
    [0, '0 B'],
    [850, '850 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1500, '1.5 kB'],
    [123456, '123 kB'],
    [1_500_000, '1.5 MB'],
    [999_960, '1.0 MB'],
    [12_345_678_901, '12.3 GB'],
    [2e15, '2.0 PB'],
    [-1500, '-1.5 kB'],
  ])('formatBytes(%p) = %p', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it('formats rates with the same units per second', () => {
    expect(formatByteRate(1_234_567)).toBe('1.2 MBps');
    expect(formatByteRate(850)).toBe('850 Bps');
    expect(formatByteRate(12.5)).toBe('12.5 Bps');
    expect(formatByteRate(999.96)).toBe('1.0 kBps');
  });

  it('shows non-finite input as it is instead of throwing', () => {
    expect(formatBytes(NaN)).toBe('NaN');
    expect(formatByteRate(Infinity)).toBe('Infinity');
  });
});

describe('counts', () => {
  it('groups thousands and never scales', () => {
    expect(formatPackets(0)).toBe('0');
    expect(formatPackets(1_234_567)).toBe('1,234,567');
    expect(formatCount(50)).toBe('50');
    expect(formatCount(2.345)).toBe('2.35');
  });
});

describe('durations', () => {
  it.each([
    [0, '0 ns'],
    [850, '850 ns'],
    [1500, '1.50 µs'],
    [850_000, '850 µs'],
    [999_700, '1.00 ms'],
    [12_300_000, '12.3 ms'],
    [1_200_000_000, '1.20 s'],
    [59_000_000_000, '59.0 s'],
    [125_000_000_000, '2 min 5 s'],
    [3_725_000_000_000, '1 h 2 min'],
  ])('formatDurationNs(%p) = %p', (ns, text) => {
    expect(formatDurationNs(ns)).toBe(text);
  });

  it('formats milliseconds in the same style', () => {
    expect(formatDurationMs(0)).toBe('0 ms');
    expect(formatDurationMs(0.5)).toBe('500 µs');
    expect(formatDurationMs(12.34)).toBe('12.3 ms');
    expect(formatDurationMs(1500)).toBe('1.50 s');
  });
});

describe('timestamps', () => {
  it('formats UTC with milliseconds', () => {
    expect(formatTimestampMs(Date.UTC(2024, 4, 6, 14, 3, 12, 345), true)).toBe('2024-05-06 14:03:12.345 UTC');
    expect(formatTimestampMs(Date.UTC(2024, 0, 2, 3, 4, 5, 6), true)).toBe('2024-01-02 03:04:05.006 UTC');
  });

  it('formats local time by default', () => {
    expect(formatTimestampMs(new Date(2024, 4, 6, 14, 3, 12, 345).getTime())).toBe('2024-05-06 14:03:12.345');
  });

  it('shows an impossible time as it is', () => {
    expect(formatTimestampMs(NaN)).toBe('NaN');
    expect(formatTimestampMs(1e20)).toBe('100000000000000000000');
  });
});

describe('names of codes', () => {
  it('names protocols from the one protocol table', () => {
    expect([6, 17, 1, 58, 132].map(protocolName)).toEqual(['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP']);
    expect(protocolName(253)).toBe('253');
  });

  it('names TCP flags, the agent extra bits and unknown bits', () => {
    expect(tcpFlagNames(0)).toEqual([]);
    expect(tcpFlagNames(2)).toEqual(['SYN']);
    expect(tcpFlagNames(18)).toEqual(['SYN', 'ACK']);
    expect(tcpFlagNames(255)).toEqual(['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR']);
    expect(tcpFlagNames(256 | 512 | 1024)).toEqual(['SYN_ACK', 'FIN_ACK', 'RST_ACK']);
    expect(tcpFlagNames(2048 | 16)).toEqual(['ACK', '0x800']);
    expect(tcpFlagNames(-1)).toEqual([]);
    expect(tcpFlagNames(1.5)).toEqual([]);
  });

  it('names directions', () => {
    expect([0, 1, 2, 7].map(directionName)).toEqual(['Ingress', 'Egress', 'Inner', '7']);
  });

  it('names DSCP classes', () => {
    expect([0, 8, 10, 12, 14, 18, 26, 34, 38, 46, 48, 56].map(dscpName)).toEqual([
      'Standard', 'CS1', 'AF11', 'AF12', 'AF13', 'AF21', 'AF31', 'AF41', 'AF43', 'EF', 'CS6', 'CS7',
    ]);
    expect(dscpName(3)).toBe('3');
  });

  it('explains DNS errno values, negative or not', () => {
    expect(dnsErrnoText(0)).toBe('No error');
    expect(dnsErrnoText(14)).toBe('EFAULT (bad address)');
    expect(dnsErrnoText(-14)).toBe('EFAULT (bad address)');
    expect(dnsErrnoText(999)).toBe('errno 999');
  });

  it('names record types', () => {
    expect(['flowLog', 'newConnection', 'heartbeat', 'endConnection', 'other'].map(recordTypeName)).toEqual([
      'Flow', 'New connection', 'Heartbeat', 'End of connection', 'other',
    ]);
  });
});

describe('formatFieldValue', () => {
  it('gives "" for missing values on every field', () => {
    for (const f of fields) {
      expect(formatFieldValue(f, undefined)).toBe('');
      expect(formatFieldValue(f, null)).toBe('');
      expect(formatFieldValue(f, '')).toBe('');
    }
  });

  it('dispatches on the display of the field', () => {
    expect(formatFieldValue(field('Bytes'), 1_500_000)).toBe('1.5 MB');
    expect(formatFieldValue(field('PktDropBytes'), 1500)).toBe('1.5 kB');
    expect(formatFieldValue(field('Packets'), 12345)).toBe('12,345');
    expect(formatFieldValue(field('Sampling'), 50)).toBe('50');
    expect(formatFieldValue(field('DnsId'), 31337)).toBe('31337');
    expect(formatFieldValue(field('TimeFlowEndMs'), Date.UTC(2024, 4, 6))).toBe(formatTimestampMs(Date.UTC(2024, 4, 6)));
    expect(formatFieldValue(field('TimeReceived'), 1_715_000_000)).toBe(formatTimestampMs(1_715_000_000_000));
    expect(formatFieldValue(field('TimeFlowRttNs'), 1_500_000)).toBe('1.50 ms');
    expect(formatFieldValue(field('DnsLatencyMs'), 12)).toBe('12.0 ms');
    expect(formatFieldValue(field('SrcPort'), 8080)).toBe('8080');
    expect(formatFieldValue(field('Proto'), 17)).toBe('UDP');
    expect(formatFieldValue(field('FlowDirection'), 2)).toBe('Inner');
    expect(formatFieldValue(field('IfDirections'), [0, 1])).toBe('Ingress, Egress');
    expect(formatFieldValue(field('Flags'), 18)).toBe('SYN, ACK');
    expect(formatFieldValue(field('PktDropLatestFlags'), 4)).toBe('RST');
    expect(formatFieldValue(field('Dscp'), 46)).toBe('EF');
    expect(formatFieldValue(field('DnsErrno'), 0)).toBe('No error');
    expect(formatFieldValue(field('DnsFlagsResponseCode'), 'NXDomain')).toBe('NXDomain');
    expect(formatFieldValue(field('PktDropLatestDropCause'), 'SKB_DROP_REASON_TCP_RESET')).toBe('TCP reset received');
    expect(formatFieldValue(field('PktDropLatestDropCause'), 'SKB_DROP_REASON_BRAND_NEW')).toBe('brand new');
    expect(formatFieldValue(field('PktDropLatestState'), 'TCP_ESTABLISHED')).toBe('Established');
    expect(formatFieldValue(field('_RecordType'), 'endConnection')).toBe('End of connection');
    expect(formatFieldValue(field('IPSecStatus'), 'success')).toBe('Success');
    expect(formatFieldValue(field('SrcK8S_Name'), 'api-7d9f')).toBe('api-7d9f');
    expect(formatFieldValue(field('SrcAddr'), 'fd00::1')).toBe('fd00::1');
  });

  it('reads numbers sent as strings (Loki labels) and keeps non-numbers as they are', () => {
    expect(formatFieldValue(field('FlowDirection'), '1')).toBe('Egress');
    expect(formatFieldValue(field('Proto'), '6')).toBe('TCP');
    expect(formatFieldValue(field('Bytes'), 'lots')).toBe('lots');
    expect(formatFieldValue(field('Bytes'), ' ')).toBe(' ');
  });

  it('joins arrays with ", " and network events with "; "', () => {
    expect(formatFieldValue(field('Interfaces'), ['eth0', 'br-ex'])).toBe('eth0, br-ex');
    expect(formatFieldValue(field('Udns'), ['', 'udn-a', null])).toBe('udn-a');
    expect(
      formatFieldValue(field('NetworkEvents'), [
        { Feature: 'acl', Type: 'NetworkPolicy', Action: 'allow', Name: 'a', Namespace: 'n', Direction: 'Ingress' },
        { Feature: 'acl', Type: 'EgressFirewall', Action: 'drop', Namespace: 'n' },
      ]),
    ).toBe('Allowed by network policy a in namespace n, direction Ingress; Dropped by egress firewall in namespace n');
    expect(formatFieldValue(field('NetworkEvents'), [])).toBe('');
  });

  it('never throws on values of the wrong shape', () => {
    const odd: unknown[] = [{ a: 1 }, [[1]], true, 'x', -1, NaN, Symbol('s'), 10n];
    for (const f of fields) for (const v of odd) expect(typeof formatFieldValue(f, v)).toBe('string');
    expect(formatFieldValue(field('SrcK8S_Name'), { a: 1 })).toBe('{"a":1}');
    expect(formatFieldValue(field('NetworkEvents'), 'ready text')).toBe('ready text');
  });
});

describe('xlatText', () => {
  it('shows address, port and the Kubernetes object', () => {
    expect(
      xlatText({ XlatSrcAddr: '10.128.0.12', XlatSrcPort: 8080, XlatSrcK8S_Name: 'api', XlatSrcK8S_Type: 'Pod', XlatSrcK8S_Namespace: 'shop' }, 'Src'),
    ).toBe('10.128.0.12:8080 (pod shop/api)');
    expect(xlatText({ XlatDstAddr: '172.30.0.10', XlatDstPort: 443, XlatDstK8S_Name: 'kubernetes', XlatDstK8S_Type: 'Service', XlatDstK8S_Namespace: 'default' }, 'Dst')).toBe(
      '172.30.0.10:443 (service default/kubernetes)',
    );
  });

  it('brackets IPv6 before a port and omits port 0', () => {
    expect(xlatText({ XlatDstAddr: 'fd00::1', XlatDstPort: 53 }, 'Dst')).toBe('[fd00::1]:53');
    expect(xlatText({ XlatDstAddr: 'fd00::1', XlatDstPort: 0 }, 'Dst')).toBe('fd00::1');
  });

  it('reads only the requested side and gives "" without translation', () => {
    const flow = { XlatSrcAddr: '10.0.0.1', XlatDstAddr: '10.0.0.2' };
    expect(xlatText(flow, 'Src')).toBe('10.0.0.1');
    expect(xlatText(flow, 'Dst')).toBe('10.0.0.2');
    expect(xlatText({}, 'Src')).toBe('');
    expect(xlatText({ XlatSrcAddr: '' }, 'Src')).toBe('');
  });

  it('shows the object alone, with or without kind and namespace', () => {
    expect(xlatText({ XlatSrcK8S_Name: 'node-1', XlatSrcK8S_Type: 'Node' }, 'Src')).toBe('node node-1');
    expect(xlatText({ XlatSrcK8S_Name: 'api', XlatSrcK8S_Namespace: 'shop' }, 'Src')).toBe('shop/api');
  });
});
