import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import { defaultLokiLabels } from '../../web/src/model/fields';
import { parseFilters } from '../../web/src/model/filters';
import { MetricBreakdown, MetricFunction, MetricType, breakdownDefs, metricBreakdowns, metricScopes, metricTypeDefs, metricTypes } from '../../web/src/model/metrics';
import { buildMetricLogql, maxNetworkEventsPerFlow } from './logql-metrics';
import { MetricRequest, breakdownFields, buildMetricPromql, groupingLabels, promCoverage, promMetrics, promqlString } from './promql';

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

/** The one LogQL query of a request that needs one. */
function logql(r: MetricRequest): string {
  const queries = buildMetricLogql(r, { labels: defaultLokiLabels });
  expect(queries).toHaveLength(1);
  return queries[0];
}

const combos = metricScopes.flatMap((scope) => metricTypes.flatMap((type) => metricTypeDefs[type].functions.map((fn) => ({ scope, type, fn }))));

describe('LogQL metric queries', () => {
  it.each(combos)('$scope $type $fn parses', ({ scope, type, fn }) => {
    const queries = buildMetricLogql(req({ scope, type, fn }, 'SrcK8S_Namespace=shop;DstPort=443'), { labels: defaultLokiLabels });
    expect(queries).toHaveLength(type === 'networkEvents' ? 4 : 1);
    for (const q of queries) {
      literals(q, 'logql');
      if (type !== 'networkEvents') expect(q.startsWith('topk(10, ')).toBe(true);
      // Dedup as the flows query, except for drops and events: the node where they happen reports them once.
      if (['droppedBytes', 'droppedPackets', 'networkEvents'].includes(type)) expect(q).not.toContain('FlowDirection=~"0|2"');
      else expect(q).toContain('FlowDirection=~"0|2"');
      const field = metricTypeDefs[type].field;
      if (field) expect(q).toContain(`| unwrap ${field} | __error__=""`);
    }
  });

  it('writes the expected query for bytes per namespace', () => {
    expect(logql(req({}))).toBe(
      'topk(10, sum by (SrcK8S_Namespace,DstK8S_Namespace) (rate({app="netobserv-flowcollector",_RecordType=~"flowLog|"} | json | (FlowDirection=~"0|2" or (DstK8S_HostName="" and DstK8S_Type!="Service")) | __error__="" | unwrap Bytes | __error__="" [60s])))',
    );
  });

  it('uses quantile_over_time, count_over_time and sum_over_time where they belong', () => {
    expect(logql(req({ type: 'rtt', fn: 'p99' }))).toMatch(/^topk\(10, quantile_over_time\(0\.99, .* \| unwrap TimeFlowRttNs .*\[60s\]\) by \(SrcK8S_Namespace,DstK8S_Namespace\)\)$/);
    expect(logql(req({ type: 'dnsLatency', fn: 'p90' }))).toContain('quantile_over_time(0.9, ');
    expect(logql(req({ type: 'flows', fn: 'sum' }))).toContain('sum by (SrcK8S_Namespace,DstK8S_Namespace) (count_over_time({');
    expect(logql(req({ type: 'bytes', fn: 'sum' }))).toContain('(sum_over_time({');
    expect(buildMetricLogql(req({ type: 'networkEvents' }), { labels: defaultLokiLabels })[0]).toContain('|= "\\"NetworkEvents\\":[{"');
  });

  it('groups by the scope labels then the groups', () => {
    const q = logql(req({ scope: 'resource', groups: ['host', 'namespace'] }));
    expect(q).toContain('sum by (SrcK8S_Namespace,SrcK8S_Name,SrcK8S_Type,SrcAddr,DstK8S_Namespace,DstK8S_Name,DstK8S_Type,DstAddr,SrcK8S_HostName,DstK8S_HostName)');
  });

  const hostile = ['a"b', 'a\\"} or vector(1) #', 'x\n| json', '"} |= "', '(?:', '.*', '`', 'é"ü\\\\'];
  it.each(hostile)('keeps %j inside one string literal (text and regex filters)', (value) => {
    const filters = [
      { target: 'SrcK8S_Name', op: '=' as const, values: [value] },
      { target: 'DstK8S_Namespace', op: '!=' as const, values: [value, 'other'] },
    ];
    const q = logql({ ...base, filters });
    const strings = literals(q, 'logql');
    expect(strings.some((s) => s.includes(value) || s.includes(JSON.stringify(value).slice(1, -1)))).toBe(true);
  });
});

describe('PromQL metric queries', () => {
  const covered = combos.filter((c) => 'metric' in promCoverage(req(c), allMetrics));
  it('covers cluster, host, namespace and owner scopes but not resource, zone or udn', () => {
    const scopes = new Set(covered.map((c) => c.scope));
    expect([...scopes].sort()).toEqual(['cluster', 'host', 'namespace', 'owner']);
  });

  it.each(covered.map((c) => ({ ...c, groups: [] })))('$scope $type $fn parses', (c) => {
    // The cluster name is not a filter label (see the cluster test below): filter on a namespace.
    const r = req(c, `${c.scope === 'cluster' ? 'SrcK8S_Namespace' : groupingLabels(c)[0]}=shop,"we\\"ird"`);
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

  it('groups the cluster scope by K8S_ClusterName, a label the operator adds only for multi-cluster, but never filters on it', () => {
    const r = req({ scope: 'cluster', type: 'droppedPackets', breakdown: 'dropCause' });
    const c = promCoverage(r, allMetrics);
    if (!('metric' in c)) throw new Error(c.reason);
    expect(buildMetricPromql(r, c.metric)).toBe(
      'topk(10, sum by (K8S_ClusterName,PktDropLatestDropCause) (rate(netobserv_node_drop_packets_total{PktDropLatestDropCause!=""}[60s])))',
    );
    expect(promCoverage(req({ scope: 'cluster' }, 'K8S_ClusterName=east'), allMetrics)).toEqual({ reason: expect.stringContaining('has no label K8S_ClusterName (filter on K8S_ClusterName)') });
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
    const q = logql(anyReq({}, 'SrcK8S_Namespace=shop;K8S_Namespace=db;DstPort!=53,5353'));
    literals(q, 'logql');
    expect(q).toContain('| (SrcK8S_Namespace="shop" or (SrcK8S_Namespace="db" or DstK8S_Namespace="db") or (DstPort!=53 and DstPort!=5353)) |');
    expect(q).not.toContain('{app="netobserv-flowcollector",SrcK8S_Namespace'); // no selector narrowing: it would AND
  });

  it('keeps the match=all shape for a single filter', () => {
    const one = (match: 'all' | 'any') => logql(req({ match }, 'SrcK8S_Namespace=shop'));
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
    const q = logql(r);
    literals(q, 'logql');
    expect(q).toContain('\\"Action\\":(?:\\"drop\\")');
  });
});

describe('breakdowns in metric queries', () => {
  const opts = { labels: defaultLokiLabels };
  const promFor = (r: MetricRequest) => {
    const coverage = promCoverage(r, allMetrics);
    if (!('metric' in coverage)) throw new Error(coverage.reason);
    const q = buildMetricPromql(r, coverage.metric);
    literals(q, 'promql');
    return q;
  };

  it.each(metricBreakdowns.flatMap((breakdown) => breakdownDefs[breakdown].types.flatMap((type) =>
    metricTypeDefs[type].functions.map((fn) => ({ breakdown, type, fn })))))('$breakdown of $type $fn parses in LogQL and PromQL', ({ breakdown, type, fn }) => {
    const r = req({ breakdown, type, fn }, 'SrcK8S_Namespace=shop');
    for (const q of buildMetricLogql(r, opts)) {
      literals(q, 'logql');
      for (const field of breakdownDefs[breakdown].fields) expect(q).toMatch(new RegExp(`by \\(SrcK8S_Namespace,DstK8S_Namespace,[^)]*${field}`));
    }
    if ('metric' in promCoverage(r, allMetrics)) promFor(r);
  });

  it('groups drops by cause, leaving out drops without one, and counts every drop record once', () => {
    const r = req({ type: 'droppedPackets', breakdown: 'dropCause' });
    expect(logql(r)).toBe(
      'topk(10, sum by (SrcK8S_Namespace,DstK8S_Namespace,PktDropLatestDropCause) (rate({app="netobserv-flowcollector",_RecordType=~"flowLog|"} | json | __error__="" | PktDropLatestDropCause!="" | unwrap PktDropPackets | __error__="" [60s])))',
    );
    expect(promFor(r)).toBe(
      'topk(10, sum by (SrcK8S_Namespace,DstK8S_Namespace,PktDropLatestDropCause) (rate(netobserv_namespace_drop_packets_total{PktDropLatestDropCause!=""}[60s])))',
    );
    expect(promFor(req({ type: 'droppedBytes', breakdown: 'dropState', fn: 'sum' }, 'SrcK8S_Namespace=a'))).toContain(
      'increase(netobserv_namespace_drop_bytes_total{SrcK8S_Namespace="a",PktDropLatestState!=""}[60s])',
    );
  });

  it('counts DNS requests by response code from the latency histogram\'s _count', () => {
    const r = req({ type: 'flows', breakdown: 'dnsRcode' });
    expect(promFor(r)).toBe(
      'topk(10, sum by (SrcK8S_Namespace,DstK8S_Namespace,DnsFlagsResponseCode) (rate(netobserv_namespace_dns_latency_seconds_count{DnsFlagsResponseCode!=""}[60s])))',
    );
    expect(logql(r)).toContain('| DnsFlagsResponseCode!="" [60s]');
    expect(logql({ ...r, fn: 'sum' })).toContain('sum by (SrcK8S_Namespace,DstK8S_Namespace,DnsFlagsResponseCode) (count_over_time(');
    expect(promFor(req({ type: 'dnsLatency', fn: 'p99', breakdown: 'dnsRcode' }))).toContain(
      'sum by (le,SrcK8S_Namespace,DstK8S_Namespace,DnsFlagsResponseCode) (rate(netobserv_namespace_dns_latency_seconds_bucket{DnsFlagsResponseCode!=""}[60s]))',
    );
    expect(promCoverage(r, ['namespace_flows_total'])).toEqual({ reason: expect.stringContaining('no enabled Prometheus metric measures flows by dnsRcode') });
  });

  it('splits network events by policy: the lower-case event labels in PromQL, one LogQL query per event index', () => {
    const r = req({ type: 'networkEvents', breakdown: 'eventPolicy' }, 'NetworkEventAction=drop');
    expect(promFor(r)).toBe(
      'topk(10, sum by (SrcK8S_Namespace,DstK8S_Namespace,type,namespace,name,action) (rate(netobserv_namespace_network_policy_events_total{action="drop",type!=""}[60s])))',
    );
    const queries = buildMetricLogql(r, opts);
    expect(queries).toHaveLength(maxNetworkEventsPerFlow);
    queries.forEach((q, i) => {
      expect(q).toContain(`| json NetworkEventFeature="NetworkEvents[${i}].Feature",NetworkEventType="NetworkEvents[${i}].Type",NetworkEventNamespace="NetworkEvents[${i}].Namespace",NetworkEventName="NetworkEvents[${i}].Name",NetworkEventAction="NetworkEvents[${i}].Action" | NetworkEventFeature="acl" | NetworkEventAction="drop" | NetworkEventType!="" [60s]`);
      expect(q).toMatch(/^sum by \(SrcK8S_Namespace,DstK8S_Namespace,NetworkEventType,NetworkEventNamespace,NetworkEventName,NetworkEventAction\) \(rate\(/);
      // The event filter applies to each event, not as the any-event line filter.
      expect(q).not.toContain('\\"Action\\":');
      // Lines with fewer events than the index needs are left out before | json: i `},{` separators.
      if (i === 0) expect(q).not.toContain('|~');
      else expect(q).toContain(`|= "\\"NetworkEvents\\":[{" |~ ${JSON.stringify(Array(i).fill('\\},\\{').join('.*'))} | json |`);
    });
  });

  it('keeps event filters as line filters under match=any, where they are refused', () => {
    expect(() => buildMetricLogql(req({ type: 'networkEvents', match: 'any', breakdown: 'eventAction' }, 'NetworkEventAction=drop;SrcK8S_Namespace=a'), opts)).toThrow(/NetworkEventAction.*match=any/);
  });

  // No operator metric carries the IPsec status: Loki answers that breakdown, and says why.
  const lokiOnly: readonly MetricBreakdown[] = ['ipsecStatus'];

  it('has the breakdown labels on every metric of the types each breakdown applies to', () => {
    for (const breakdown of metricBreakdowns.filter((b) => !lokiOnly.includes(b))) {
      const labels = breakdownFields({ breakdown }).map((b) => b.promLabel);
      const source = breakdownDefs[breakdown].types.map((t) => (t === 'flows' && breakdown === 'dnsRcode' ? 'dnsLatency' : t));
      for (const m of promMetrics.filter((pm) => source.includes(pm.type))) expect(m.labels).toEqual(expect.arrayContaining(labels));
    }
  });

  it('leaves the IPsec status to Loki, saying which label is missing', () => {
    const enabled = promMetrics.map((m) => m.name);
    const coverage = promCoverage({ scope: 'cluster', groups: [], type: 'flows', fn: 'rate', filters: [], breakdown: 'ipsecStatus' }, enabled);
    expect(coverage).toEqual({ reason: expect.stringContaining('IPSecStatus') });
    expect(buildMetricLogql(req({ scope: 'cluster', type: 'flows', breakdown: 'ipsecStatus' }), opts)[0]).toMatch(/^topk\(10, sum by \(K8S_ClusterName,IPSecStatus\)/);
  });
});
