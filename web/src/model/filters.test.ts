import fc from 'fast-check';
import { fields, FilterKind } from './fields';
import {
  allowedOps,
  eitherTargetNames,
  Filter,
  FilterError,
  isIPOrCIDR,
  parseFilters,
  portNames,
  protocolNumbers,
  resolveTarget,
  serializeFilters,
} from './filters';

/** Every filter target: catalogue fields with a filter kind, and the side-less names. */
const targets = [...fields.filter((f) => f.filter).map((f) => f.name), ...eitherTargetNames];

/** Pieces that break naive serializers and query builders. */
const hostilePieces = ['"', '\\', '`', '|', ';', ',', '=', '!=', '=~', '.*', '(', ')', '[', ']', '{', '}', '^', '$', '+', '?', '\n', '\r\n', '\t', ' ', "'", '\u0000', 'é', '名前', '🙂', '\u200b', '\ud800'];

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1 }),
  fc.array(fc.oneof(fc.constantFrom(...hostilePieces), fc.string({ minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
);

/** Text values that are valid regular expressions, hostile characters escaped or kept as regex syntax. */
const regexText = fc.oneof(
  hostileText.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  fc.constantFrom('.*api.*', '^shop-(a|b)$', 'x{2,3}', '[a-z]+\\d', 'a|b|c'),
);

const byte = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(byte, byte, byte, byte).map((b) => b.join('.'));

const valueByKind: Record<Exclude<FilterKind, 'enum'>, fc.Arbitrary<string>> = {
  text: hostileText,
  number: fc.oneof(
    fc.integer({ min: -1e9, max: 1e12 }).map(String),
    fc.tuple(fc.nat(99999), fc.nat(999)).map(([a, b]) => `${a}.${b}`),
  ),
  port: fc.oneof(
    fc.integer({ min: 0, max: 65535 }).map(String),
    fc.constantFrom(...Object.keys(portNames)),
    fc.constantFrom(...Object.keys(portNames)).map((s) => s.toUpperCase()),
  ),
  protocol: fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.constantFrom(...Object.keys(protocolNumbers)), fc.constantFrom('tcp', 'udp', 'icmpv6')),
  ip: fc.oneof(
    ipv4,
    fc.ipV6(),
    fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, n]) => `${a}/${n}`),
    fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([a, n]) => `${a}/${n}`),
  ),
  mac: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }).map((b) => b.map((x) => x.toString(16).padStart(2, '0')).join(':')),
};

/** A valid filter on a random target: an allowed operator and values that fit the target's kind. */
const filterArb: fc.Arbitrary<Filter> = fc.constantFrom(...targets).chain((target) => {
  const resolved = resolveTarget(target);
  if (!resolved) throw new Error(`catalogue target ${target} does not resolve`);
  const { kind } = resolved;
  const enumValues = resolved.fields[0].values;
  return fc.constantFrom(...allowedOps(kind)).chain((op) => {
    const value =
      op === '=~' || op === '!~'
        ? regexText
        : kind === 'enum'
          ? enumValues
            ? fc.constantFrom(...enumValues)
            : hostileText
          : valueByKind[kind];
    return fc.array(value, { minLength: 1, maxLength: 4 }).map((values) => ({ target, op, values }));
  });
});

describe('filters round trip', () => {
  it('parseFilters(serializeFilters(x)) gives x back for any valid filters', () => {
    fc.assert(
      fc.property(fc.array(filterArb, { maxLength: 6 }), (filters) => {
        expect(parseFilters(serializeFilters(filters))).toEqual(filters);
      }),
      { numRuns: 500 },
    );
  });

  it('covers every filterable field and side-less name', () => {
    expect(targets.length).toBeGreaterThan(40);
    for (const t of targets) expect(resolveTarget(t)).toBeDefined();
  });

  it('keeps safe values bare and quotes the others', () => {
    const filters: Filter[] = [
      { target: 'SrcK8S_Namespace', op: '=', values: ['shop', 'kube-system'] },
      { target: 'DstK8S_Name', op: '=~', values: ['api.*'] },
      { target: 'K8S_Namespace', op: '!=', values: ['a"b;c,d'] },
    ];
    const text = serializeFilters(filters);
    expect(text).toBe('SrcK8S_Namespace=shop,kube-system;DstK8S_Name=~api.*;K8S_Namespace!="a\\"b;c,d"');
    expect(parseFilters(text)).toEqual(filters);
  });

  it('reads an empty string as no filters', () => {
    expect(parseFilters('')).toEqual([]);
    expect(parseFilters('   ')).toEqual([]);
    expect(serializeFilters([])).toBe('');
  });

  it('reads the longest operator first', () => {
    expect(parseFilters('Bytes>=100;Packets<=2;SrcPort>1024;DstPort<80;Proto!=TCP')).toEqual([
      { target: 'Bytes', op: '>=', values: ['100'] },
      { target: 'Packets', op: '<=', values: ['2'] },
      { target: 'SrcPort', op: '>', values: ['1024'] },
      { target: 'DstPort', op: '<', values: ['80'] },
      { target: 'Proto', op: '!=', values: ['TCP'] },
    ]);
  });
});

describe('filter errors name what is wrong', () => {
  const error = (text: string) => {
    try {
      parseFilters(text);
    } catch (e) {
      expect(e).toBeInstanceOf(FilterError);
      return (e as Error).message;
    }
    throw new Error(`"${text}" was accepted`);
  };

  it.each([
    ['Foo=1', 'unknown filter field "Foo"'],
    ['SrcK8S_Namespace=a;bytes=1', 'unknown filter field "bytes"'],
    ['Bytes=~1', 'operator "=~" is not allowed on Bytes (allowed: = != > >= < <=)'],
    ['SrcAddr>10.0.0.1', 'operator ">" is not allowed on SrcAddr (allowed: = !=)'],
    ['K8S_Namespace>a', 'operator ">" is not allowed on K8S_Namespace (allowed: = != =~ !~)'],
    ['Proto<6', 'operator "<" is not allowed on Proto (allowed: = !=)'],
    ['SrcAddr=10.0.0.256', 'SrcAddr: "10.0.0.256" is not an IP address or CIDR range'],
    ['DstAddr=10.0.0.0/33', 'DstAddr: "10.0.0.0/33" is not an IP address or CIDR range'],
    ['Addr=fd00::1::2', 'Addr: "fd00::1::2" is not an IP address or CIDR range'],
    ['Addr=fd00::/129', 'Addr: "fd00::/129" is not an IP address or CIDR range'],
    ['SrcPort=65536', 'SrcPort: "65536" is not a port (0-65535 or a service name such as https)'],
    ['Port=-1', 'Port: "-1" is not a port (0-65535 or a service name such as https)'],
    ['Port=nosuchservice', 'Port: "nosuchservice" is not a port (0-65535 or a service name such as https)'],
    ['Proto=FOO', 'Proto: "FOO" is not a protocol (a number 0-255 or a name such as TCP)'],
    ['Proto=256', 'Proto: "256" is not a protocol (a number 0-255 or a name such as TCP)'],
    ['Bytes=12abc', 'Bytes: "12abc" is not a number'],
    ['SrcMac=aa:bb:cc:dd:ee', 'SrcMac: "aa:bb:cc:dd:ee" is not a MAC address (aa:bb:cc:dd:ee:ff)'],
    ['FlowDirection=3', 'FlowDirection: "3" is not one of 0, 1, 2'],
    ['SrcK8S_Name=""', 'SrcK8S_Name: an empty value matches nothing; remove the filter instead'],
    ['SrcK8S_Name=~"("', 'SrcK8S_Name: "(" is not a valid regular expression'],
    ['SrcK8S_Name="abc', 'filters: unterminated quoted value at position 13'],
    ['SrcK8S_Name="abc\\"', 'filters: unterminated quoted value at position 13'],
    ['SrcK8S_Name="a\\qb"', 'filters: invalid escape in quoted value at position 13'],
    ['Proto=TCP SrcPort=80', 'filters: expected ";" between filters at position 10'],
    ['Proto=TCP;', 'filters: expected a field name at position 11'],
    ['Proto', 'filters: expected an operator (= != =~ !~ > >= < <=) at position 6'],
    ['Proto=', 'filters: expected a value (quote it with "..." if it has other characters) at position 7'],
    ['SrcK8S_Name=a b', 'filters: expected ";" between filters at position 14'],
    ['SrcK8S_Name=a,', 'filters: expected a value (quote it with "..." if it has other characters) at position 15'],
  ])('%s', (text, message) => {
    expect(error(text)).toBe(message);
  });

  it('never throws anything but FilterError, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        try {
          parseFilters(text);
        } catch (e) {
          expect(e).toBeInstanceOf(FilterError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('regular expressions as Loki (RE2) reads them', () => {
  it.each(['(?i)shop', '(?i:api|web)-.*', '(?P<app>[a-z]+)-\\d+', '(?<app>x)', '[]a]', '[^]a]+', '\\(?=x', '\\.\\-\\:', '\\x41\\pL'])('accepts %s', (re) => {
    expect(parseFilters(serializeFilters([{ target: 'SrcK8S_Name', op: '=~', values: [re] }]))[0].values).toEqual([re]);
  });

  it.each([
    ['(?=a)b', 'uses a lookaround, which Loki\'s regular expressions (RE2) do not support'],
    ['a(?!b)', 'uses a lookaround, which Loki\'s regular expressions (RE2) do not support'],
    ['(?<=a)b', 'uses a lookaround, which Loki\'s regular expressions (RE2) do not support'],
    ['(?<!a)b', 'uses a lookaround, which Loki\'s regular expressions (RE2) do not support'],
    ['(a)\\1', 'uses a backreference, which Loki\'s regular expressions (RE2) do not support'],
    ['(?<n>a)\\k<n>', 'uses a backreference, which Loki\'s regular expressions (RE2) do not support'],
    ['\\y', 'is not a valid regular expression (unknown escape \\y)'],
    ['a(b', 'is not a valid regular expression'],
  ])('refuses %s', (re, problem) => {
    expect(() => parseFilters(serializeFilters([{ target: 'DstK8S_Name', op: '!~', values: [re] }]))).toThrow(
      new FilterError(`DstK8S_Name: "${re}" ${problem}`),
    );
  });
});

describe('side-less targets', () => {
  it.each([
    ['K8S_Namespace', 'SrcK8S_Namespace', 'DstK8S_Namespace', 'text'],
    ['Addr', 'SrcAddr', 'DstAddr', 'ip'],
    ['Port', 'SrcPort', 'DstPort', 'port'],
    ['XlatAddr', 'XlatSrcAddr', 'XlatDstAddr', 'ip'],
    ['K8S_OwnerName', 'SrcK8S_OwnerName', 'DstK8S_OwnerName', 'text'],
  ])('%s resolves to %s and %s', (target, src, dst, kind) => {
    const r = resolveTarget(target);
    expect(r?.either).toBe(true);
    expect(r?.kind).toBe(kind);
    expect(r?.fields.map((f) => f.name)).toEqual([src, dst]);
  });

  it('resolves a one-sided field to itself', () => {
    const r = resolveTarget('SrcK8S_Namespace');
    expect(r?.either).toBe(false);
    expect(r?.fields.map((f) => f.name)).toEqual(['SrcK8S_Namespace']);
  });

  it('has a side-less name for every filterable source field', () => {
    for (const f of fields.filter((x) => x.filter && x.group === 'source')) {
      expect(eitherTargetNames).toContain(f.name.replace('Src', ''));
    }
  });

  it('does not resolve unfilterable fields', () => {
    expect(resolveTarget('NetworkEvents')).toBeUndefined();
    expect(resolveTarget('IfDirections')).toBeUndefined();
  });
});

describe('isIPOrCIDR', () => {
  it.each(['10.0.0.1', '0.0.0.0/0', '255.255.255.255/32', '::', '::1', 'fd00::/8', '2001:db8::8a2e:370:7334', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:1.2.3.4'])(
    'accepts %s',
    (s) => expect(isIPOrCIDR(s)).toBe(true),
  );
  it.each(['', '10.0.0', '10.0.0.01', '1.2.3.4/', '1.2.3.4/1/2', '1:2:3:4:5:6:7:8:9', '1::2::3', ':1', '1:', 'g::1', '::1/0129', '10.0.0.1/-1'])(
    'refuses %s',
    (s) => expect(isIPOrCIDR(s)).toBe(false),
  );

  it('accepts every address and range fast-check generates', () => {
    fc.assert(fc.property(valueByKind.ip, (s) => isIPOrCIDR(s)), { numRuns: 2000 });
  });
});

describe('network event targets', () => {
  it('parses and validates them, enum values included', () => {
    expect(parseFilters('NetworkEventAction=drop,pass;NetworkEventName!=deny-all')).toEqual([
      { target: 'NetworkEventAction', op: '=', values: ['drop', 'pass'] },
      { target: 'NetworkEventName', op: '!=', values: ['deny-all'] },
    ]);
    expect(() => parseFilters('NetworkEventAction=explode')).toThrow(/NetworkEventAction: "explode" is not one of allow/);
    expect(() => parseFilters('NetworkEventType>1')).toThrow(/operator ">" is not allowed on NetworkEventType/);
  });

  it('are filter targets, not columns', () => {
    expect(resolveTarget('NetworkEventNamespace')?.fields[0].eventKey).toBe('Namespace');
    expect(fields.some((f) => f.name.startsWith('NetworkEvent') && f.name !== 'NetworkEvents')).toBe(false);
  });
});
