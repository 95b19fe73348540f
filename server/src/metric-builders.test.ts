import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import { defaultLokiLabels } from '../../web/src/model/fields';
import { parseFilters } from '../../web/src/model/filters';
import { MetricFunction, MetricType, metricScopes, metricTypeDefs, metricTypes } from '../../web/src/model/metrics';
import { buildMetricLogql } from './logql-metrics';
import { MetricRequest, buildMetricPromql, groupingLabels, promCoverage, promMetrics, promqlString } from './promql';

const base: MetricRequest = { scope: 'namespace', groups: [], type: 'bytes', fn: 'rate', limit: 10, stepSeconds: 60, startTime: 0, endTime: 3600, filters: [], match: 'all' };
const req = (over: Partial<MetricRequest>, filters = ''): MetricRequest => ({ ...base, ...over, filters: parseFilters(filters) });
const allMetrics = promMetrics.map((m) => m.name);

/** Parses a query, failing on any error node; returns the decoded string literals it holds. */
function literals(query: string, lang: 'logql' | 'promql'): string[] {
  const tree = (lang === 'logql' ? logqlParser : promqlParser).parse(query);
  const errors: string[] = [];
  const strings: string[] = [];
  tree.iterate({
    enter(n) {
      if (n.type.isError) errors.push(`at ${n.from}: ${query.slice(n.from, n.to)}`);
      if (n.type.name === 'String' || n.type.name === 'StringLiteral') strings.push(JSON.parse(query.slice(n.from, n.to).replace(/\\x([0-9a-f]{2})/g, '\\u00$1')));
    },
  });
  if (errors.length) throw new Error(`${lang} does not parse: ${query}\n${errors.join('\n')}`);
  return strings;
}

const combos = metricScopes.flatMap((scope) => metricTypes.flatMap((type) => metricTypeDefs[type].functions.map((fn) => ({ scope, type, fn }))));

describe('LogQL metric queries', () => {
  it.each(combos)('$scope $type $fn parses', ({ scope, type, fn }) => {
    const q = buildMetricLogql(req({ scope, type, fn }, 'SrcK8S_Namespace=shop;DstPort=443'), { labels: defaultLokiLabels });
    literals(q, 'logql');
    expect(q.startsWith('topk(10, ')).toBe(true);
    expect(q).toContain('FlowDirection=~"0|2"'); // dedup, as the flows query
    const field = metricTypeDefs[type].field;
    if (field) expect(q).toContain(`| unwrap ${field} | __error__=""`);
  });

  it('writes the expected query for bytes per namespace', () => {
    expect(buildMetricLogql(req({}), { labels: defaultLokiLabels })).toBe(
      'topk(10, sum by (SrcK8S_Namespace,DstK8S_Namespace) (rate({app="netobserv-flowcollector",_RecordType=~"flowLog|"} | json | (FlowDirection=~"0|2" or (DstK8S_HostName="" and DstK8S_Type!="Service")) | __error__="" | unwrap Bytes | __error__="" [60s])))',
    );
  });

  it('uses quantile_over_time, count_over_time and sum_over_time where they belong', () => {
    const opts = { labels: defaultLokiLabels };
    expect(buildMetricLogql(req({ type: 'rtt', fn: 'p99' }), opts)).toMatch(/^topk\(10, quantile_over_time\(0\.99, .* \| unwrap TimeFlowRttNs .*\[60s\]\) by \(SrcK8S_Namespace,DstK8S_Namespace\)\)$/);
    expect(buildMetricLogql(req({ type: 'dnsLatency', fn: 'p90' }), opts)).toContain('quantile_over_time(0.9, ');
    expect(buildMetricLogql(req({ type: 'flows', fn: 'sum' }), opts)).toContain('sum by (SrcK8S_Namespace,DstK8S_Namespace) (count_over_time({');
    expect(buildMetricLogql(req({ type: 'bytes', fn: 'sum' }), opts)).toContain('(sum_over_time({');
    expect(buildMetricLogql(req({ type: 'networkEvents' }), opts)).toContain('|= "\\"NetworkEvents\\":[{"');
  });

  it('groups by the scope labels then the groups', () => {
    const q = buildMetricLogql(req({ scope: 'resource', groups: ['host', 'namespace'] }), { labels: defaultLokiLabels });
    expect(q).toContain('sum by (SrcK8S_Namespace,SrcK8S_Name,SrcK8S_Type,SrcAddr,DstK8S_Namespace,DstK8S_Name,DstK8S_Type,DstAddr,SrcK8S_HostName,DstK8S_HostName)');
  });

  const hostile = ['a"b', 'a\\"} or vector(1) #', 'x\n| json', '"} |= "', '(?:', '.*', '`', 'é"ü\\\\'];
  it.each(hostile)('keeps %j inside one string literal (text and regex filters)', (value) => {
    const filters = [
      { target: 'SrcK8S_Name', op: '=' as const, values: [value] },
      { target: 'DstK8S_Namespace', op: '!=' as const, values: [value, 'other'] },
    ];
    const q = buildMetricLogql({ ...base, filters }, { labels: defaultLokiLabels });
    const strings = literals(q, 'logql');
    expect(strings.some((s) => s.includes(value) || s.includes(JSON.stringify(value).slice(1, -1)))).toBe(true);
  });
});

describe('PromQL metric queries', () => {
  const covered = combos.filter((c) => 'metric' in promCoverage(req(c), allMetrics));
  it('covers host, namespace and owner scopes but not resource, zone, cluster or udn', () => {
    const scopes = new Set(covered.map((c) => c.scope));
    expect([...scopes].sort()).toEqual(['host', 'namespace', 'owner']);
  });

  it.each(covered.map((c) => ({ ...c, groups: [] })))('$scope $type $fn parses', (c) => {
    const r = req(c, `${groupingLabels(c)[0]}=shop,"we\\"ird"`);
    const coverage = promCoverage(r, allMetrics);
    if (!('metric' in coverage)) throw new Error(coverage.reason);
    const q = buildMetricPromql(r, coverage.metric);
    const strings = literals(q, 'promql');
    expect(strings).toContain('(?:shop)|(?:we"ird)');
    expect(q.startsWith('topk(10, ')).toBe(true);
  });

  it('writes rate, increase, histogram_quantile and sum/count', () => {
    const m = (type: MetricType, fn: MetricFunction, scope: MetricRequest['scope'] = 'namespace') => {
      const r = req({ type, fn, scope });
      const c = promCoverage(r, allMetrics);
      if (!('metric' in c)) throw new Error(c.reason);
      return buildMetricPromql(r, c.metric);
    };
    expect(m('bytes', 'rate')).toBe('topk(10, sum by (SrcK8S_Namespace,DstK8S_Namespace) (rate(netobserv_namespace_ingress_bytes_total{}[60s])))');
    expect(m('bytes', 'rate', 'host')).toBe('topk(10, sum by (SrcK8S_HostName,DstK8S_HostName) (rate(netobserv_node_ingress_bytes_total{}[60s])))');
    expect(m('packets', 'sum', 'owner')).toContain('increase(netobserv_workload_ingress_packets_total{}[60s])');
    expect(m('rtt', 'p99')).toBe('topk(10, histogram_quantile(0.99, sum by (le,SrcK8S_Namespace,DstK8S_Namespace) (rate(netobserv_namespace_rtt_seconds_bucket{}[60s]))))');
    expect(m('dnsLatency', 'avg')).toContain('rate(netobserv_namespace_dns_latency_seconds_sum{}[60s])) / sum by');
  });

  it('refuses what the metrics cannot express, saying why', () => {
    const reason = (r: MetricRequest, enabled = allMetrics) => {
      const c = promCoverage(r, enabled);
      return 'reason' in c ? c.reason : `covered by ${c.metric.name}`;
    };
    expect(reason(req({ scope: 'resource' }))).toMatch(/has no label SrcK8S_Name \(scope resource\)/);
    expect(reason(req({}, 'SrcPort=443'))).toMatch(/filter on SrcPort is not a label match/);
    expect(reason(req({}, 'K8S_Namespace=shop'))).toMatch(/source or destination/);
    expect(reason(req({}, 'K8S_Namespace!=shop'))).toBe('covered by namespace_ingress_bytes_total');
    expect(reason(req({}, 'SrcK8S_OwnerName=api'))).toBe('covered by workload_ingress_bytes_total');
    expect(reason(req({ type: 'rtt', fn: 'max' }))).toMatch(/histogram: it gives avg, p90, p99, not max/);
    expect(reason(req({}), ['namespace_flows_total'])).toMatch(/no enabled Prometheus metric measures bytes/);
  });

  it('escapes label values as Go strings', () => {
    expect(promqlString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });

  it('has one metric per type and level in the table, with the operator names', () => {
    expect(promMetrics).toHaveLength(metricTypes.length * 3);
    expect(allMetrics).toEqual(expect.arrayContaining(['workload_ingress_bytes_total', 'namespace_flows_total', 'node_ingress_bytes_total', 'workload_drop_bytes_total', 'workload_rtt_seconds', 'workload_dns_latency_seconds', 'namespace_network_policy_events_total']));
  });
});

describe('match=any in metric queries', () => {
  const anyReq = (over: Partial<MetricRequest>, filters: string) => req({ ...over, match: 'any' }, filters);

  it('ORs the filters in one LogQL label filter (sides of an either filter ORed, negations ANDed)', () => {
    const q = buildMetricLogql(anyReq({}, 'SrcK8S_Namespace=shop;K8S_Namespace=db;DstPort!=53,5353'), { labels: defaultLokiLabels });
    literals(q, 'logql');
    expect(q).toContain('| (SrcK8S_Namespace="shop" or (SrcK8S_Namespace="db" or DstK8S_Namespace="db") or (DstPort!=53 and DstPort!=5353)) |');
    expect(q).not.toContain('{app="netobserv-flowcollector",SrcK8S_Namespace'); // no selector narrowing: it would AND
  });

  it('keeps the match=all shape for a single filter', () => {
    const one = (match: 'all' | 'any') => buildMetricLogql(req({ match }, 'SrcK8S_Namespace=shop'), { labels: defaultLokiLabels });
    expect(one('any')).toBe(one('all'));
  });

  it('refuses an array filter among several, naming it', () => {
    expect(() => buildMetricLogql(anyReq({}, 'Interfaces=eth0;SrcK8S_Namespace=shop'), { labels: defaultLokiLabels })).toThrow(
      /Interfaces.*match=any/,
    );
  });

  it.each([
    ['rate', 'bytes', 'sum by (SrcK8S_Namespace,DstK8S_Namespace) ((rate(netobserv_namespace_ingress_bytes_total{SrcK8S_Namespace="a"}[60s]) or rate(netobserv_namespace_ingress_bytes_total{DstK8S_Namespace="b"}[60s])))'],
    ['p99', 'rtt', 'sum by (le,SrcK8S_Namespace,DstK8S_Namespace) ((rate(netobserv_namespace_rtt_seconds_bucket{SrcK8S_Namespace="a"}[60s]) or rate(netobserv_namespace_rtt_seconds_bucket{DstK8S_Namespace="b"}[60s])))'],
  ] as const)('joins one PromQL selector per filter with or (%s %s)', (fn, type, expected) => {
    const r = anyReq({ fn, type }, 'SrcK8S_Namespace=a;DstK8S_Namespace=b');
    const coverage = promCoverage(r, allMetrics);
    if (!('metric' in coverage)) throw new Error(coverage.reason);
    const q = buildMetricPromql(r, coverage.metric);
    literals(q, 'promql');
    expect(q).toContain(expected);
  });
});

describe('network event filters in metric queries', () => {
  it('become the event labels of network_policy_events_total in PromQL', () => {
    const r = req({ type: 'networkEvents' }, 'NetworkEventAction=drop;NetworkEventType=NetworkPolicy');
    const coverage = promCoverage(r, allMetrics);
    if (!('metric' in coverage)) throw new Error(coverage.reason);
    const q = buildMetricPromql(r, coverage.metric);
    literals(q, 'promql');
    expect(q).toContain('netobserv_namespace_network_policy_events_total{action="drop",type="NetworkPolicy"}');
  });

  it('send other types to Loki, with the event line filter', () => {
    const r = req({ type: 'bytes' }, 'NetworkEventAction=drop');
    expect(promCoverage(r, allMetrics)).toEqual({ reason: expect.stringContaining('has no label action (filter on NetworkEventAction)') });
    const q = buildMetricLogql(r, { labels: defaultLokiLabels });
    literals(q, 'logql');
    expect(q).toContain('\\"Action\\":(?:\\"drop\\")');
  });
});
