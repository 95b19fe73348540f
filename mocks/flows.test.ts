import { defaultLokiLabels, fields } from '../web/src/model/fields';
import type { Flow } from '../web/src/model/flow';
import { dropCauses, tcpStates } from '../web/src/model/drop-causes';
import { generateCluster } from './cluster';
import { generateFlows, type GeneratedEntry } from './flows';

const START = Date.UTC(2026, 10, 23, 9, 0, 0);
const cluster = generateCluster(42);
const tenMinutes: GeneratedEntry[] = [...generateFlows(cluster, { seed: 42, startMs: START, endMs: START + 600_000, flowsPerSecond: 10 })];
const flows: Flow[] = tenMinutes.map((e) => JSON.parse(e.line) as Flow);

describe('generateCluster', () => {
  it('has the size and shape of a small OpenShift cluster', () => {
    expect(cluster.namespaces.length).toBeGreaterThanOrEqual(20);
    expect(cluster.pods.length).toBeGreaterThanOrEqual(200);
    expect(cluster.nodes.filter((n) => n.role === 'master')).toHaveLength(3);
    expect(cluster.nodes.filter((n) => n.role === 'worker').length).toBeGreaterThanOrEqual(3);
    expect(new Set(cluster.nodes.map((n) => n.zone))).toEqual(new Set(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']));
    for (const ns of ['iperf', 'openshift-dns', 'openshift-ingress', 'openshift-monitoring', 'openshift-ovn-kubernetes', 'openshift-apiserver', 'openshift-image-registry', 'netobserv']) {
      expect(cluster.namespaces).toContain(ns);
    }
    expect(cluster.udns.length).toBeGreaterThanOrEqual(2);
    expect(cluster.externals.length).toBeGreaterThan(0);
  });

  it('names pods after their owners and runs DaemonSets on every node', () => {
    const dns = cluster.pods.filter((p) => p.workload.name === 'dns-default');
    expect(new Set(dns.map((p) => p.node))).toEqual(new Set(cluster.nodes));
    const frontend = cluster.pods.find((p) => p.workload.name === 'frontend')!;
    expect(frontend.name).toMatch(/^frontend-[a-z0-9]{10}-[a-z0-9]{5}$/);
    expect(cluster.pods.find((p) => p.workload.name === 'prometheus-k8s')!.name).toMatch(/^prometheus-k8s-\d$/);
    for (const pod of cluster.pods.filter((p) => !p.workload.hostNetwork)) expect(pod.ip).toMatch(/^10\.(128|129|130|131)\./);
    for (const node of cluster.nodes) expect(node.ip).toMatch(/^10\.0\./);
    for (const svc of cluster.services) expect(svc.clusterIP).toMatch(/^172\.30\./);
    expect(new Set(cluster.pods.filter((p) => !p.workload.hostNetwork).map((p) => p.ip)).size).toBe(cluster.pods.filter((p) => !p.workload.hostNetwork).length);
  });

  it('is deterministic for a seed', () => {
    expect(JSON.stringify(generateCluster(7).pods.map((p) => [p.name, p.ip]))).toBe(JSON.stringify(generateCluster(7).pods.map((p) => [p.name, p.ip])));
    expect(generateCluster(7).pods[0].name).not.toBe(generateCluster(8).pods[0].name);
  });
});

describe('generateFlows', () => {
  it('gives the same lines for the same seed, other lines for another seed', () => {
    const opts = { seed: 1, startMs: START, endMs: START + 20_000, flowsPerSecond: 20 };
    const a = [...generateFlows(cluster, opts)].map((e) => e.line);
    const b = [...generateFlows(cluster, opts)].map((e) => e.line);
    const c = [...generateFlows(cluster, { ...opts, seed: 2 })].map((e) => e.line);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('yields time-ordered entries inside the window, at about the requested rate', () => {
    const ts = tenMinutes.map((e) => BigInt(e.tsNs));
    expect(ts.every((t, i) => i === 0 || t >= ts[i - 1])).toBe(true);
    expect(ts[0] >= BigInt(START) * 1_000_000n).toBe(true);
    expect(ts[ts.length - 1] < BigInt(START + 600_000) * 1_000_000n).toBe(true);
    expect(tenMinutes.length).toBeGreaterThan(5_000);
    expect(tenMinutes.length).toBeLessThan(8_000);
    expect(tenMinutes.every((e, i) => e.tsNs === `${flows[i].TimeFlowEndMs}000000`)).toBe(true);
  });

  it('writes only catalogue fields, with the catalogue types', () => {
    const byName = new Map(fields.map((f) => [f.name, f]));
    const wrong = new Set<string>();
    for (const flow of flows) {
      for (const [name, value] of Object.entries(flow)) {
        const type = byName.get(name)?.type;
        const ok = type === 'number' || type === 'string' ? typeof value === type : type !== undefined && Array.isArray(value);
        if (!ok) wrong.add(name);
      }
    }
    expect([...wrong]).toEqual([]);
  });

  it('fills every field of the catalogue somewhere in ten minutes', () => {
    const seen = new Set(flows.flatMap((f) => Object.keys(f)));
    // _HashId belongs to conversation records, which the generator does not produce.
    const missing = fields.map((f) => f.name).filter((n) => n !== '_HashId' && !seen.has(n));
    expect(missing).toEqual([]);
  });

  it('labels each entry with app and the default Loki labels present in the flow', () => {
    tenMinutes.slice(0, 500).forEach((e, i) => {
      const flow = flows[i] as Record<string, unknown>;
      const expected: Record<string, string> = { app: 'netobserv-flowcollector' };
      for (const name of defaultLokiLabels) if (name !== 'app' && flow[name] !== undefined) expected[name] = String(flow[name]);
      expect(e.labels).toEqual(expected);
    });
  });

  it('produces every kind of network event, allowed and dropped', () => {
    const events = flows.flatMap((f) => f.NetworkEvents ?? []);
    const kinds = new Set(events.map((e) => `${e.Type}/${e.Action}`));
    for (const kind of ['NetworkPolicy/allow', 'NetworkPolicy/drop', 'NetpolNamespace/drop', 'NetpolNode/allow', 'AdminNetworkPolicy/allow', 'AdminNetworkPolicy/drop',
      'AdminNetworkPolicy/pass', 'BaselineAdminNetworkPolicy/allow', 'BaselineAdminNetworkPolicy/drop', 'EgressFirewall/allow', 'EgressFirewall/drop', 'MulticastNS/drop', 'MulticastCluster/drop', 'UDNIsolation/drop']) {
      expect(kinds).toContain(kind);
    }
    expect(events).toContainEqual({ Feature: 'acl', Type: 'NetworkPolicy', Action: 'allow', Name: 'iperf3-server-access-egress', Namespace: 'iperf', Direction: 'Egress' });
    expect(flows.every((f) => (f.NetworkEvents?.length ?? 0) <= 4)).toBe(true);
    // Denied flows carry bytes and packets, and the drop fields.
    const denied = flows.filter((f) => f.NetworkEvents?.some((e) => e.Action === 'drop'));
    expect(denied.length).toBeGreaterThan(0);
    for (const f of denied) {
      expect(f.Bytes).toBeGreaterThan(0);
      expect(f.PktDropPackets).toBeGreaterThan(0);
    }
  });

  it('uses known drop causes and TCP states', () => {
    const dropped = flows.filter((f) => f.PktDropLatestDropCause);
    expect(dropped.length).toBeGreaterThan(0);
    for (const f of dropped) {
      expect(dropCauses[f.PktDropLatestDropCause!]).toBeDefined();
      expect(tcpStates[f.PktDropLatestState!]).toBeDefined();
    }
    const causes = new Set(dropped.map((f) => f.PktDropLatestDropCause));
    for (const c of ['SKB_DROP_REASON_TCP_RESET', 'SKB_DROP_REASON_NO_SOCKET', 'SKB_DROP_REASON_NETFILTER_DROP', 'SKB_DROP_REASON_TCP_INVALID_SEQUENCE', 'SKB_DROP_REASON_SOCKET_RCVBUFF']) expect(causes).toContain(c);
  });

  it('models DNS, RTT, translation, zones and UDNs realistically', () => {
    const dns = flows.filter((f) => f.DnsId !== undefined);
    expect(dns.every((f) => f.Proto === 17 && (f.DstPort === 53 || f.SrcPort === 53 || f.DstPort === 5353 || f.SrcPort === 5353))).toBe(true);
    const fast = dns.filter((f) => f.DnsLatencyMs! < 5).length;
    expect(fast / dns.length).toBeGreaterThan(0.8);
    expect(new Set(dns.map((f) => f.DnsFlagsResponseCode))).toEqual(new Set(['NoError', 'NXDomain', 'ServFail', 'Refused']));
    const rtts = flows.filter((f) => f.TimeFlowRttNs !== undefined).map((f) => f.TimeFlowRttNs!);
    expect(Math.min(...rtts)).toBeLessThan(1_000_000);
    expect(Math.max(...rtts)).toBeGreaterThan(1_000_000);
    const viaService = flows.filter((f) => f.DstK8S_Type === 'Service' && f.XlatDstAddr);
    expect(viaService.length).toBeGreaterThan(0);
    for (const f of viaService.slice(0, 100)) {
      expect(f.DstAddr).toMatch(/^172\.30\./);
      expect(f.XlatDstK8S_Type).toBeDefined();
      expect(f.ZoneId).toBeGreaterThan(0);
    }
    expect(flows.some((f) => f.SrcK8S_Zone && f.DstK8S_Zone && f.SrcK8S_Zone !== f.DstK8S_Zone)).toBe(true);
    expect(flows.some((f) => f.SrcK8S_NetworkName === 'payments-net' && f.Udns?.includes('payments-net'))).toBe(true);
    expect(new Set(flows.map((f) => f.Dscp))).toEqual(new Set([0, 46, 10]));
    expect(new Set(flows.map((f) => f.K8S_FlowLayer))).toEqual(new Set(['app', 'infra']));
    expect(flows.some((f) => f.Interfaces?.includes('br-ex'))).toBe(true);
    expect(flows.every((f) => f.Sampling === 50 && f._RecordType === 'flowLog' && f.K8S_ClusterName === 'ocp-prod-eu')).toBe(true);
    expect(flows.every((f) => f.TimeFlowStartMs! <= f.TimeFlowEndMs! && Math.abs(f.TimeReceived! - f.TimeFlowEndMs! / 1000) < 5)).toBe(true);
  });

  it('reports cross-node flows twice (Egress on the source node, Ingress on the destination) and same-node flows as Inner', () => {
    const key = (f: Flow) => [f.SrcAddr, f.SrcPort, f.DstAddr, f.DstPort, f.Proto, f.Bytes].join('|');
    const byKey = new Map<string, Flow[]>();
    for (const f of flows) byKey.set(key(f), [...(byKey.get(key(f)) ?? []), f]);
    const pairs = [...byKey.values()].filter((g) => g.length === 2 && g.some((f) => f.FlowDirection === 1) && g.some((f) => f.FlowDirection === 0));
    expect(pairs.length).toBeGreaterThan(50);
    for (const [a, b] of pairs.slice(0, 50)) {
      expect(a.AgentIP).not.toBe(b.AgentIP);
      expect(a.Interfaces).not.toEqual(b.Interfaces);
    }
    const egress = pairs[0].find((f) => f.FlowDirection === 1)!;
    expect(egress.AgentIP).toBe(egress.SrcK8S_HostIP);
    const inner = flows.filter((f) => f.FlowDirection === 2);
    expect(inner.length).toBeGreaterThan(0);
    expect(inner.filter((f) => f.SrcK8S_Type === 'Pod').every((f) => f.AgentIP === f.SrcK8S_HostIP && (f.DstK8S_Type !== 'Pod' || f.AgentIP === f.DstK8S_HostIP))).toBe(true);
  });

  it('sets IPsec status only on cross-node flows', () => {
    const ipsec = flows.filter((f) => f.IPSecStatus);
    expect(new Set(ipsec.map((f) => f.IPSecStatus))).toEqual(new Set(['success', 'error']));
    expect(ipsec.every((f) => f.SrcK8S_HostIP !== f.DstK8S_HostIP || f.SrcK8S_Type === 'Service' || f.DstK8S_Type === 'Service')).toBe(true);
  });
});
