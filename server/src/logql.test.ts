import { parser } from '@grafana/lezer-logql';
import { defaultLokiLabels } from '../../web/src/model/fields';
import { Filter, FilterError, parseFilters } from '../../web/src/model/filters';
import { FlowQuery } from '../../web/src/model/query';
import { buildFlowQueries, goJsonEscapes, logqlString, regexEscape } from './logql';

const labels = defaultLokiLabels;
const base: FlowQuery = { filters: [], match: 'all', startTime: 0, endTime: 300, limit: 100, recordType: 'flowLog', dedup: false, packetLoss: 'all' };
const app = 'app="netobserv-flowcollector"';
const flowLog = '_RecordType=~"flowLog|"';

function build(filters: string | Filter[], over: Partial<FlowQuery> = {}, lbls: readonly string[] = labels): string[] {
  const parsed = typeof filters === 'string' ? parseFilters(filters) : filters;
  return buildFlowQueries({ ...base, ...over, filters: parsed }, { labels: lbls });
}

interface Node {
  type: string;
  text: string;
}

/** The syntax tree as a flat list (type and text), failing the test on any error node. */
function nodes(query: string): Node[] {
  const out: Node[] = [];
  const errors: string[] = [];
  parser.parse(query).iterate({
    enter(n) {
      if (n.type.isError) errors.push(`at ${n.from}: ${query.slice(n.from, n.to)}`);
      out.push({ type: n.type.name, text: query.slice(n.from, n.to) });
    },
  });
  if (errors.length) throw new Error(`LogQL does not parse: ${query}\n${errors.join('\n')}`);
  return out;
}

/** Decodes a LogQL (Go) string literal, as Loki does with strconv.Unquote. */
function decodeString(lit: string): string {
  if (lit.startsWith('`')) return lit.slice(1, -1);
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === 'n') out += '\n';
    else if (e === 'r') out += '\r';
    else if (e === 't') out += '\t';
    else if (e === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === '\\' || e === '"') out += e;
    else throw new Error(`unexpected escape \\${e} in ${lit}`);
  }
  return out;
}

const strings = (query: string) => nodes(query).filter((n) => n.type === 'String').map((n) => decodeString(n.text));
const shape = (query: string) => nodes(query).map((n) => (n.type === 'String' ? 'String' : n.type === 'Number' ? 'Number' : `${n.type}:${n.type === 'Identifier' ? n.text : ''}`));

/** Each case: filters, options, and the exact queries expected. */
const cases: Array<{ name: string; filters: string; over?: Partial<FlowQuery>; lbls?: readonly string[]; expected: string[] }> = [
  { name: 'no filter', filters: '', expected: [`{${app},${flowLog}}`] },
  { name: 'label equality goes in the selector', filters: 'SrcK8S_Namespace=iperf', expected: [`{${app},SrcK8S_Namespace="iperf",${flowLog}}`] },
  { name: 'label inequality', filters: 'DstK8S_Namespace!=openshift-dns', expected: [`{${app},DstK8S_Namespace!="openshift-dns",${flowLog}}`] },
  { name: 'label several values: one escaped regex', filters: 'SrcK8S_Namespace=a.b,c', expected: [`{${app},SrcK8S_Namespace=~"(?:a\\\\.b)|(?:c)",${flowLog}}`] },
  { name: 'label several values negated', filters: 'SrcK8S_Namespace!=a,b', expected: [`{${app},SrcK8S_Namespace!~"(?:a)|(?:b)",${flowLog}}`] },
  { name: 'label regex as is', filters: 'SrcK8S_OwnerName=~"api-.*"', expected: [`{${app},SrcK8S_OwnerName=~"api-.*",${flowLog}}`] },
  { name: 'label negated regex', filters: 'SrcK8S_OwnerName!~"kube-.*"', expected: [`{${app},SrcK8S_OwnerName!~"kube-.*",${flowLog}}`] },
  { name: 'enum label', filters: 'K8S_FlowLayer=infra', expected: [`{${app},K8S_FlowLayer="infra",${flowLog}}`] },
  { name: 'enum numeric label', filters: 'FlowDirection=1', expected: [`{${app},FlowDirection="1",${flowLog}}`] },
  { name: 'two label filters ANDed in the selector', filters: 'SrcK8S_Namespace=a;DstK8S_Type=Pod', expected: [`{${app},SrcK8S_Namespace="a",DstK8S_Type="Pod",${flowLog}}`] },
  { name: 'non-label string: line filter on the JSON text', filters: 'SrcK8S_Name=iperf-client', expected: [`{${app},${flowLog}} |= "\\"SrcK8S_Name\\":\\"iperf-client\\""`] },
  { name: 'non-label string negated', filters: 'DstK8S_Name!=x', expected: [`{${app},${flowLog}} != "\\"DstK8S_Name\\":\\"x\\""`] },
  { name: 'non-label several values: regex line filter', filters: 'SrcK8S_HostName=n1,n.2', expected: [`{${app},${flowLog}} |~ "\\"SrcK8S_HostName\\":(?:\\"n1\\"|\\"n\\\\.2\\")"`] },
  { name: 'non-label several values negated', filters: 'SrcK8S_HostName!=n1,n2', expected: [`{${app},${flowLog}} !~ "\\"SrcK8S_HostName\\":(?:\\"n1\\"|\\"n2\\")"`] },
  { name: 'non-label regex after json', filters: 'DstK8S_Name=~"web-[0-9]+"', expected: [`{${app},${flowLog}} | json | DstK8S_Name=~"web-[0-9]+" | __error__=""`] },
  { name: 'enum string field: line filter', filters: 'PktDropLatestDropCause=SKB_DROP_REASON_TCP_RESET', expected: [`{${app},${flowLog}} |= "\\"PktDropLatestDropCause\\":\\"SKB_DROP_REASON_TCP_RESET\\""`] },
  { name: 'value Go writes differently in JSON: exact label filter', filters: 'SrcK8S_Name="a<b"', expected: [`{${app},${flowLog}} | json | SrcK8S_Name="a<b" | __error__=""`] },
  { name: 'number greater', filters: 'Bytes>1000', expected: [`{${app},${flowLog}} | json | Bytes>1000 | __error__=""`] },
  { name: 'number several values: any', filters: 'Dscp=0,46', expected: [`{${app},${flowLog}} | json | (Dscp=0 or Dscp=46) | __error__=""`] },
  { name: 'number several values negated: none', filters: 'Dscp!=0,46', expected: [`{${app},${flowLog}} | json | (Dscp!=0 and Dscp!=46) | __error__=""`] },
  { name: 'number decimal and negative', filters: 'DnsLatencyMs<=2.5;Sampling>-1', expected: [`{${app},${flowLog}} | json | DnsLatencyMs<=2.5 | Sampling>-1 | __error__=""`] },
  { name: 'port name resolved', filters: 'DstPort=https', expected: [`{${app},${flowLog}} | json | DstPort=443 | __error__=""`] },
  { name: 'port range', filters: 'SrcPort>=1024;SrcPort<2048', expected: [`{${app},${flowLog}} | json | SrcPort>=1024 | SrcPort<2048 | __error__=""`] },
  { name: 'protocol name resolved', filters: 'Proto=udp', expected: [`{${app},${flowLog}} | json | Proto=17 | __error__=""`] },
  { name: 'protocol negated', filters: 'Proto!=TCP', expected: [`{${app},${flowLog}} | json | Proto!=6 | __error__=""`] },
  { name: 'IP CIDR', filters: 'SrcAddr=10.128.0.0/14', expected: [`{${app},${flowLog}} | json | SrcAddr=ip("10.128.0.0/14") | __error__=""`] },
  { name: 'IP not', filters: 'DstAddr!=10.0.0.1', expected: [`{${app},${flowLog}} | json | DstAddr!=ip("10.0.0.1") | __error__=""`] },
  { name: 'IPv6', filters: 'DstAddr=fe80::1', expected: [`{${app},${flowLog}} | json | DstAddr=ip("fe80::1") | __error__=""`] },
  { name: 'MAC case-insensitive', filters: 'SrcMac=0a:58:0A:80:00:01', expected: [`{${app},${flowLog}} | json | SrcMac=~"(?i)(?:0a:58:0A:80:00:01)" | __error__=""`] },
  { name: 'array field: element match on the line', filters: 'Interfaces=eth0', expected: [`{${app},${flowLog}} |~ "\\"Interfaces\\":\\\\[(?:[^\\\\]]*,)?(?:\\"eth0\\")[,\\\\]]"`] },
  { name: 'either target: or label filter', filters: 'K8S_Namespace=iperf', expected: [`{${app},${flowLog}} | json | (SrcK8S_Namespace="iperf" or DstK8S_Namespace="iperf") | __error__=""`] },
  { name: 'either port', filters: 'Port=53', expected: [`{${app},${flowLog}} | json | (SrcPort=53 or DstPort=53) | __error__=""`] },
  { name: 'either IP', filters: 'Addr=10.0.0.0/8', expected: [`{${app},${flowLog}} | json | (SrcAddr=ip("10.0.0.0/8") or DstAddr=ip("10.0.0.0/8")) | __error__=""`] },
  { name: 'either negated: neither side (ANDed, in the selector)', filters: 'K8S_Namespace!=kube-system', expected: [`{${app},SrcK8S_Namespace!="kube-system",DstK8S_Namespace!="kube-system",${flowLog}}`] },
  { name: 'either translated namespace', filters: 'XlatK8S_Namespace=x', expected: [`{${app},${flowLog}} | json | (XlatSrcK8S_Namespace="x" or XlatDstK8S_Namespace="x") | __error__=""`] },
  { name: 'record type newConnection', filters: '', over: { recordType: 'newConnection' }, expected: [`{${app},_RecordType="newConnection"}`] },
  { name: 'record type not a label: after json', filters: '', over: { recordType: 'endConnection' }, lbls: ['app'], expected: [`{${app}} | json | _RecordType="endConnection" | __error__=""`] },
  { name: 'custom labels: namespace not indexed -> line filter', filters: 'SrcK8S_Namespace=iperf', lbls: ['app', '_RecordType'], expected: [`{${app},${flowLog}} |= "\\"SrcK8S_Namespace\\":\\"iperf\\""`] },
  { name: 'custom labels: numeric label keeps a label filter', filters: 'DstPort>1000', lbls: ['app', 'DstPort'], expected: [`{${app}} | json | DstPort>1000 | _RecordType=~"flowLog|" | __error__=""`] },
  { name: 'packet loss dropped', filters: '', over: { packetLoss: 'dropped' }, expected: [`{${app},${flowLog}} | json | PktDropPackets>0 | Packets=~"0?" | __error__=""`] },
  { name: 'packet loss hasDrops', filters: '', over: { packetLoss: 'hasDrops' }, expected: [`{${app},${flowLog}} | json | PktDropPackets>0 | __error__=""`] },
  { name: 'packet loss sent', filters: '', over: { packetLoss: 'sent' }, expected: [`{${app},${flowLog}} | json | PktDropPackets=~"0?" | __error__=""`] },
  { name: 'dedup', filters: '', over: { dedup: true }, expected: [`{${app},${flowLog}} | json | (FlowDirection=~"0|2" or (DstK8S_HostName="" and DstK8S_Type!="Service")) | __error__=""`] },
  { name: 'all together', filters: 'SrcK8S_Namespace=iperf;DstK8S_Name=srv;Bytes>10', over: { dedup: true, packetLoss: 'hasDrops' }, expected: [`{${app},SrcK8S_Namespace="iperf",${flowLog}} |= "\\"DstK8S_Name\\":\\"srv\\"" | json | Bytes>10 | PktDropPackets>0 | (FlowDirection=~"0|2" or (DstK8S_HostName="" and DstK8S_Type!="Service")) | __error__=""`] },
  { name: 'match any: one query per filter', filters: 'SrcK8S_Namespace=a;DstPort=80', over: { match: 'any' }, expected: [`{${app},SrcK8S_Namespace="a",${flowLog}}`, `{${app},${flowLog}} | json | DstPort=80 | __error__=""`] },
  { name: 'match any: either target split by side, each in the selector', filters: 'K8S_Namespace=a', over: { match: 'any' }, expected: [`{${app},SrcK8S_Namespace="a",${flowLog}}`, `{${app},DstK8S_Namespace="a",${flowLog}}`] },
  { name: 'match any: negated either stays one query', filters: 'K8S_Namespace!=a', over: { match: 'any' }, expected: [`{${app},SrcK8S_Namespace!="a",DstK8S_Namespace!="a",${flowLog}}`] },
  { name: 'match any: same filter twice gives one query', filters: 'Proto=6;Proto=tcp', over: { match: 'any' }, expected: [`{${app},${flowLog}} | json | Proto=6 | __error__=""`] },
  { name: 'match any: common conditions in every query', filters: 'SrcPort=1;DstPort=2', over: { match: 'any', packetLoss: 'sent' }, expected: [`{${app},${flowLog}} | json | SrcPort=1 | PktDropPackets=~"0?" | __error__=""`, `{${app},${flowLog}} | json | DstPort=2 | PktDropPackets=~"0?" | __error__=""`] },
];

describe('buildFlowQueries', () => {
  it('has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases)('$name', ({ filters, over, lbls, expected }) => {
    const queries = build(filters, over, lbls);
    expect(queries).toEqual(expected);
    for (const q of queries) nodes(q);
  });

  it('re-validates filters it is given directly', () => {
    expect(() => build([{ target: 'Nope', op: '=', values: ['x'] }])).toThrow(FilterError);
    expect(() => build([{ target: 'Bytes', op: '>', values: ['1 or 1'] }])).toThrow(FilterError);
    expect(() => build([{ target: 'SrcAddr', op: '=', values: ['1.2.3.4") or x=ip("1'] }])).toThrow(FilterError);
  });
});

describe('escaping', () => {
  const hostile = [
    'a"b',
    'back\\slash',
    'ends with \\',
    '"',
    '\\"',
    '`backtick`',
    'pipe | json',
    '} or {app="x"',
    '")|~".*',
    'regex .*+?()[]{}^$|\\d',
    'line\nbreak\r\ttab',
    '\u0000\u0001\u007f',
    'ünïcødé ✓ 日本 🙂',
    '\u2028\u2029',
    '<script>&amp;',
    '\'single\'',
  ];

  it('logqlString and regexEscape decode back to the value', () => {
    for (const v of hostile) {
      expect(decodeString(logqlString(v))).toBe(v);
      expect(new RegExp(`^${regexEscape(v)}$`).test(v)).toBe(true);
    }
  });

  // A hostile value must give a query of the same shape as a plain one, its text inside one literal.
  const placements: Array<{ name: string; filter: (v: string) => Filter; literal: (v: string) => string; plain?: (v: string) => string }> = [
    { name: 'selector', filter: (v) => ({ target: 'SrcK8S_Namespace', op: '=', values: [v] }), literal: (v) => v },
    { name: 'selector regex alternatives', filter: (v) => ({ target: 'DstK8S_OwnerName', op: '!=', values: [v, 'other'] }), literal: (v) => `(?:${regexEscape(v)})|(?:other)` },
    { name: 'line filter or label filter', filter: (v) => ({ target: 'SrcK8S_Name', op: '=', values: [v] }), literal: (v) => (goJsonEscapes(v) ? v : `"SrcK8S_Name":${JSON.stringify(v)}`), plain: (v) => (goJsonEscapes(v) ? 'a<b' : 'plain') },
    { name: 'either or-filter', filter: (v) => ({ target: 'K8S_HostName', op: '=', values: [v] }), literal: (v) => v },
    { name: 'array line filter', filter: (v) => ({ target: 'Udns', op: '!=', values: [v] }), literal: (v) => `"Udns":\\[(?:[^\\]]*,)?(?:${regexEscape(JSON.stringify(v))})[,\\]]` },
  ];

  describe.each(placements)('$name', ({ filter, literal, plain }) => {
    it.each(hostile)('%j stays inside one string literal', (v) => {
      const queries = build([filter(v)]);
      expect(queries).toHaveLength(1);
      // The same route as a plain value (a value Go's JSON escapes differently goes after `| json`).
      expect(shape(queries[0])).toEqual(shape(build([filter(plain ? plain(v) : 'plain')])[0]));
      expect(strings(queries[0])).toContain(literal(v));
    });
  });

  it('regex values are passed as they are, inside one literal', () => {
    const v = '"}|json|x=~`.*';
    const q = build([{ target: 'SrcK8S_Namespace', op: '=~', values: [v] }])[0];
    expect(strings(q)).toContain(v);
    expect(shape(q)).toEqual(shape(build([{ target: 'SrcK8S_Namespace', op: '=~', values: ['x'] }])[0]));
  });
});

describe('network event filters', () => {
  const dropOnly = '"NetworkEvents":[{"Feature":"acl","Type":"NetworkPolicy","Action":"drop","Name":"deny-all","Namespace":"shop"}]';
  const allowOnly = dropOnly.replace('"drop"', '"allow"');
  const lineFilterRegex = (q: string) => {
    const m = /([|!])~ ("(?:[^"\\]|\\.)*")/.exec(q);
    if (!m) throw new Error(`no regex line filter in ${q}`);
    return { negated: m[1] === '!', re: new RegExp(JSON.parse(m[2])) };
  };

  it('matches the value inside the NetworkEvents array as a regex line filter', () => {
    const [q] = build('NetworkEventAction=drop');
    nodes(q);
    expect(q).toContain('|~ "\\"NetworkEvents\\":\\\\[[^\\\\]]*\\"Action\\":(?:\\"drop\\")"');
    const { re } = lineFilterRegex(q);
    expect(re.test(`{"Bytes":1,${dropOnly}}`)).toBe(true);
    expect(re.test(`{"Bytes":1,${allowOnly}}`)).toBe(false);
    // The same text outside the array does not count.
    expect(re.test('{"NetworkEvents":[],"Action":"drop"}')).toBe(false);
  });

  it('negates as "no event has it" and escapes values as Go writes them', () => {
    const [q] = build([{ target: 'NetworkEventName', op: '!=', values: ['a<b', 'c.d'] }]);
    nodes(q);
    const { negated, re } = lineFilterRegex(q);
    expect(negated).toBe(true);
    expect(re.test('{"NetworkEvents":[{"Name":"a\\u003cb"}]}')).toBe(true);
    expect(re.test('{"NetworkEvents":[{"Name":"cxd"}]}')).toBe(false);
  });
});
