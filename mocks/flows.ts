/**
 * Flow generator: realistic traffic of the synthetic cluster as the eBPF agent and the flow pipeline
 * would write it to Loki. Each conversation (client -> optional Service -> server, plus the answer) is
 * turned into the records every observing node's agent reports: a pod-to-pod flow across nodes appears
 * twice (Egress on the source node, Ingress on the destination node), a same-node flow as Inner.
 */
import type { Flow, NetworkEvent } from '../web/src/model/flow';
import { defaultLokiLabels } from '../web/src/model/fields';
import type { Cluster, Node, Pod, Service, ServicePort } from './cluster';
import { Random } from './random';

export interface GeneratedEntry {
  /** Loki entry timestamp in nanoseconds since epoch (TimeFlowEndMs in ns). */
  tsNs: string;
  labels: Record<string, string>;
  line: string;
  /** The record `line` is the JSON of, so that consumers need not parse it again. */
  flow: Flow;
}

export interface FlowOptions {
  seed: number;
  startMs: number;
  endMs: number;
  /** Average number of flow records (Loki entries) per second. */
  flowsPerSecond: number;
}

/** A network peer as the agent sees it: a pod, a node (host network) or an address outside the cluster. */
type Peer =
  | { kind: 'pod'; ip: string; mac: string; pod: Pod }
  | { kind: 'node'; ip: string; mac: string; node: Node }
  | { kind: 'external'; ip: string; mac: string };

interface Drop {
  packets: number;
  bytes: number;
  cause: string;
  state: string;
  flags: number;
}

/** One direction of a conversation, before it is observed by agents. */
/** Kinds of policy denial, weighted by how often a cluster sees them. */
const deniedKinds = [
  ['netpol', 2], ['netpolNamespace', 3], ['anp', 1], ['banp', 1], ['egressFirewall', 1],
  ['multicastNS', 1], ['multicastCluster', 1], ['udn', 1],
] as const;
type DeniedKind = (typeof deniedKinds)[number][0];

/** Every few seconds a crash-looping client retries a namespace it may not reach, as in real incidents. */
const isolationRetryEverySeconds = 3;

interface Leg {
  from: Peer;
  to: Peer;
  fromPort: number;
  toPort: number;
  /** Set when the sender addressed a Service (the leg's `to` is then the chosen backend). */
  service?: { svc: Service; port: number };
  /** Set on the answer of a Service call: the receiver sees the Service address as the source. */
  answerOfService?: { svc: Service; port: number };
  bytes: number;
  packets: number;
  flags: number;
  senderEvents: NetworkEvent[];
  receiverEvents: NetworkEvent[];
  /** Denied by a policy on the sender's node: only the sender's agent reports it, as dropped. */
  deniedAtSender?: Drop;
  /** Denied, or dropped by the kernel, on the receiver's node. */
  droppedAtReceiver?: Drop;
}

interface Conversation {
  proto: 6 | 17;
  legs: Leg[];
  layer: 'app' | 'infra';
  dscp: number;
  rttNs?: number;
  dns?: { id: number; latencyMs: number; rcode: string };
  ipsec?: 'success' | 'error';
  durationMs: number;
}

const SAMPLING = 50;
const GENEVE = 'genev_sys_6081';
const BR_EX = 'br-ex';
const MGMT_PORT = 'ovn-k8s-mp0';

const acl = (type: string, action: string, extra: Partial<NetworkEvent> = {}): NetworkEvent => ({ Feature: 'acl', Type: type, Action: action, ...extra });

/** TCP flags as the agent encodes them (kernel bits plus SYN_ACK 0x100, FIN_ACK 0x200, RST_ACK 0x400). */
const TCP = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, SYN_ACK: 0x100, FIN_ACK: 0x200, RST_ACK: 0x400 };

class TrafficModel {
  private readonly podsByWorkload = new Map<string, Pod[]>();
  private readonly serviceByName = new Map<string, Service>();
  private readonly regularPods: Pod[];

  constructor(private readonly cluster: Cluster, private readonly rnd: Random) {
    for (const pod of cluster.pods) {
      const key = `${pod.namespace}/${pod.workload.name}`;
      const list = this.podsByWorkload.get(key) ?? [];
      list.push(pod);
      this.podsByWorkload.set(key, list);
    }
    for (const svc of cluster.services) this.serviceByName.set(`${svc.namespace}/${svc.name}`, svc);
    this.regularPods = cluster.pods.filter((p) => !p.workload.hostNetwork);
  }

  private pods(key: string): Pod[] {
    const list = this.podsByWorkload.get(key);
    if (!list || list.length === 0) throw new Error(`the synthetic cluster has no pods for ${key}`);
    return list;
  }

  private service(key: string): Service {
    const svc = this.serviceByName.get(key);
    if (!svc) throw new Error(`the synthetic cluster has no service ${key}`);
    return svc;
  }

  private podPeer(pod: Pod): Peer {
    return pod.workload.hostNetwork ? this.nodePeer(pod.node) : { kind: 'pod', ip: pod.ip, mac: pod.mac, pod };
  }

  private nodePeer(node: Node): Peer {
    return { kind: 'node', ip: node.ip, mac: node.mac, node };
  }

  private externalPeer(ip: string): Peer {
    return { kind: 'external', ip, mac: '02:00:00:00:00:01' };
  }

  private ephemeralPort(): number {
    return this.rnd.int(32768, 60999);
  }

  private layerOf(...peers: Peer[]): 'app' | 'infra' {
    return peers.some((p) => p.kind === 'pod' && p.pod.workload.layer === 'app') ? 'app' : 'infra';
  }

  private nodeOf(peer: Peer): Node | undefined {
    return peer.kind === 'pod' ? peer.pod.node : peer.kind === 'node' ? peer.node : undefined;
  }

  /** TCP smoothed RTT: microseconds on a node, up to milliseconds across zones, tens of ms outside. */
  private rtt(a: Peer, b: Peer): number {
    const na = this.nodeOf(a);
    const nb = this.nodeOf(b);
    let us: number;
    if (!na || !nb) us = this.rnd.logUniform(5_000, 120_000);
    else if (na === nb) us = this.rnd.logUniform(15, 300);
    else if (na.zone === nb.zone) us = this.rnd.logUniform(100, 1_000);
    else us = this.rnd.logUniform(500, 3_000);
    if (this.rnd.chance(0.02)) us *= this.rnd.int(5, 20);
    return Math.round(us * 1000);
  }

  private dscp(): number {
    return this.rnd.weighted([[0, 92], [46, 5], [10, 3]] as const);
  }

  private kernelDrop(proto: number, packets: number, bytes: number): Drop {
    const tcpCauses = [
      ['SKB_DROP_REASON_TCP_RESET', 'TCP_ESTABLISHED', TCP.RST, 4],
      ['SKB_DROP_REASON_NO_SOCKET', 'TCP_INVALID_STATE', TCP.ACK, 3],
      ['SKB_DROP_REASON_TCP_INVALID_SEQUENCE', 'TCP_ESTABLISHED', TCP.ACK, 3],
      ['SKB_DROP_REASON_SOCKET_RCVBUFF', 'TCP_ESTABLISHED', TCP.PSH | TCP.ACK, 2],
      ['SKB_DROP_REASON_TCP_OLD_DATA', 'TCP_ESTABLISHED', TCP.ACK, 2],
      ['SKB_DROP_REASON_NETFILTER_DROP', 'TCP_INVALID_STATE', TCP.SYN, 2],
      ['SKB_DROP_REASON_TCP_CLOSE', 'TCP_CLOSE', TCP.FIN | TCP.ACK, 1],
      ['SKB_DROP_REASON_TCP_OFO_DROP', 'TCP_ESTABLISHED', TCP.ACK, 1],
      ['SKB_DROP_REASON_NOT_SPECIFIED', 'TCP_ESTABLISHED', TCP.ACK, 1],
    ] as const;
    const udpCauses = [
      ['SKB_DROP_REASON_SOCKET_RCVBUFF', 3],
      ['SKB_DROP_REASON_NO_SOCKET', 3],
      ['SKB_DROP_REASON_UDP_CSUM', 1],
      ['SKB_DROP_REASON_NETFILTER_DROP', 1],
    ] as const;
    const dropPackets = Math.max(1, Math.min(packets, this.rnd.int(1, 12)));
    const dropBytes = Math.round((bytes / Math.max(1, packets)) * dropPackets);
    if (proto === 6) {
      const [cause, state, flags] = this.rnd.weighted(tcpCauses.map((c) => [c, c[3]] as const));
      return { packets: dropPackets, bytes: dropBytes, cause, state, flags };
    }
    // Outside TCP the agent has no socket state: it reports the zero state.
    const cause = this.rnd.weighted(udpCauses.map((c) => [c[0], c[1]] as const));
    return { packets: dropPackets, bytes: dropBytes, cause, state: 'TCP_INVALID_STATE', flags: 0 };
  }

  private policyDrop(packets: number, bytes: number, proto: number): Drop {
    const cause = this.rnd.weighted([['OVS_DROP_EXPLICIT', 3], ['SKB_DROP_REASON_NETFILTER_DROP', 1]] as const);
    return { packets, bytes, cause, state: proto === 6 ? 'TCP_SYN_SENT' : 'TCP_INVALID_STATE', flags: proto === 6 ? TCP.SYN : 0 };
  }

  /** A request/answer pair over TCP with realistic sizes, flags and optional kernel drops. */
  private tcpExchange(
    client: Peer,
    server: Peer,
    serverPort: number,
    opts: { service?: { svc: Service; port: number }; reqBytes?: [number, number]; respBytes?: [number, number]; longLived?: boolean; senderEvents?: NetworkEvent[]; receiverEvents?: NetworkEvent[]; answerEvents?: NetworkEvent[] } = {},
  ): Leg[] {
    const clientPort = this.ephemeralPort();
    const reqBytes = Math.round(this.rnd.logUniform(...(opts.reqBytes ?? [200, 4_000])));
    const respBytes = Math.round(this.rnd.logUniform(...(opts.respBytes ?? [400, 150_000])));
    const reqPackets = Math.max(1, Math.round(reqBytes / this.rnd.int(200, 1400)));
    const respPackets = Math.max(1, Math.round(respBytes / this.rnd.int(900, 1448)));
    const closing = this.rnd.chance(0.08) ? TCP.RST : TCP.FIN;
    const request: Leg = {
      from: client, to: server, fromPort: clientPort, toPort: serverPort, service: opts.service,
      bytes: reqBytes, packets: reqPackets,
      flags: opts.longLived ? TCP.PSH | TCP.ACK : TCP.SYN | TCP.PSH | TCP.ACK | closing,
      senderEvents: opts.senderEvents ?? [], receiverEvents: opts.receiverEvents ?? [],
    };
    const answer: Leg = {
      from: server, to: client, fromPort: serverPort, toPort: clientPort, answerOfService: opts.service,
      bytes: respBytes, packets: respPackets,
      flags: opts.longLived ? TCP.ACK : TCP.SYN_ACK | TCP.ACK | TCP.PSH | (closing === TCP.FIN ? TCP.FIN_ACK | TCP.FIN : TCP.RST_ACK),
      senderEvents: opts.answerEvents ?? [], receiverEvents: [],
    };
    if (this.rnd.chance(0.05)) {
      const leg = this.rnd.chance(0.5) ? request : answer;
      leg.droppedAtReceiver = this.kernelDrop(6, leg.packets, leg.bytes);
    }
    return [request, answer];
  }

  private viaService(svcKey: string, proto: 6 | 17 = 6, preferNode?: Node): { svc: Service; port: ServicePort; backend: Pod } {
    const svc = this.service(svcKey);
    const ports = svc.ports.filter((p) => p.proto === proto);
    const port = this.rnd.pick(ports.length > 0 ? ports : svc.ports);
    const local = preferNode ? svc.backends.filter((b) => b.node === preferNode) : [];
    const backend = local.length > 0 && this.rnd.chance(0.7) ? this.rnd.pick(local) : this.rnd.pick(svc.backends);
    return { svc, port, backend };
  }

  private tcpConversation(layerPeers: Peer[], legs: Leg[], durationMs?: number): Conversation {
    const [a, b] = [legs[0].from, legs[0].to];
    return { proto: 6, legs, layer: this.layerOf(...layerPeers), dscp: this.dscp(), rttNs: this.rtt(a, b), durationMs: durationMs ?? Math.round(this.rnd.logUniform(5, 5_000)) };
  }

  // --- Traffic scenarios -------------------------------------------------------------------------

  private dnsQuery(): Conversation {
    const client = this.rnd.pick(this.regularPods);
    const { svc, port, backend } = this.viaService('openshift-dns/dns-default', 17, client.node);
    const rcode = this.rnd.weighted([['NoError', 85], ['NXDomain', 10], ['ServFail', 3], ['Refused', 2]] as const);
    const latencyMs = this.rnd.chance(0.9) ? this.rnd.int(0, 4) : Math.round(this.rnd.logUniform(5, 400));
    const clientPort = this.ephemeralPort();
    const from = this.podPeer(client);
    const to = this.podPeer(backend);
    const reqBytes = this.rnd.int(60, 110);
    const legs: Leg[] = [
      { from, to, fromPort: clientPort, toPort: port.targetPort, service: { svc, port: port.port }, bytes: reqBytes, packets: 1, flags: 0, senderEvents: [], receiverEvents: [] },
      { from: to, to: from, fromPort: port.targetPort, toPort: clientPort, answerOfService: { svc, port: port.port }, bytes: reqBytes + this.rnd.int(16, 400), packets: 1, flags: 0, senderEvents: [], receiverEvents: [] },
    ];
    if (rcode === 'ServFail' && this.rnd.chance(0.3)) legs[1].droppedAtReceiver = this.kernelDrop(17, 1, legs[1].bytes);
    return { proto: 17, legs, layer: this.layerOf(from), dscp: 0, dns: { id: this.rnd.int(1, 65535), latencyMs, rcode }, durationMs: latencyMs };
  }

  private serviceCall(): Conversation {
    const edges: [string, string, NetworkEvent[]][] = [
      ['shop/frontend', 'shop/cart', [acl('NetworkPolicy', 'allow', { Name: 'allow-same-namespace', Namespace: 'shop', Direction: 'Ingress' })]],
      ['shop/frontend', 'shop/catalog', [acl('NetworkPolicy', 'allow', { Name: 'allow-same-namespace', Namespace: 'shop', Direction: 'Ingress' })]],
      ['shop/frontend', 'shop/checkout', [acl('NetworkPolicy', 'allow', { Name: 'allow-same-namespace', Namespace: 'shop', Direction: 'Ingress' })]],
      ['shop/checkout', 'shop/cart', [acl('NetworkPolicy', 'allow', { Name: 'allow-same-namespace', Namespace: 'shop', Direction: 'Ingress' })]],
      ['shop/cart', 'shop/redis', [acl('NetworkPolicy', 'allow', { Name: 'redis-from-cart', Namespace: 'shop', Direction: 'Ingress' })]],
      ['shop/catalog', 'shop/shop-db', [acl('NetworkPolicy', 'allow', { Name: 'db-from-backends', Namespace: 'shop', Direction: 'Ingress' })]],
      ['shop/checkout', 'shop/shop-db', [acl('NetworkPolicy', 'allow', { Name: 'db-from-backends', Namespace: 'shop', Direction: 'Ingress' })]],
      ['payments/payments-api', 'payments/ledger-db', [acl('NetworkPolicy', 'allow', { Name: 'ledger-db-access', Namespace: 'payments', Direction: 'Ingress' })]],
      ['bookinfo/productpage', 'bookinfo/details', [acl('AdminNetworkPolicy', 'pass', { Name: 'delegate-app-namespaces', Direction: 'Ingress' }), acl('NetworkPolicy', 'allow', { Name: 'bookinfo-allow-same-namespace', Namespace: 'bookinfo', Direction: 'Ingress' })]],
      ['bookinfo/productpage', 'bookinfo/reviews', [acl('AdminNetworkPolicy', 'pass', { Name: 'delegate-app-namespaces', Direction: 'Ingress' }), acl('NetworkPolicy', 'allow', { Name: 'bookinfo-allow-same-namespace', Namespace: 'bookinfo', Direction: 'Ingress' })]],
      ['bookinfo/reviews', 'bookinfo/ratings', []],
      ['analytics/spark-worker', 'analytics/kafka', []],
      ['analytics/kafka', 'analytics/zookeeper', []],
      ['ml-serving/model-server', 'ml-serving/feature-store', [acl('BaselineAdminNetworkPolicy', 'allow', { Name: 'default', Direction: 'Ingress' })]],
      ['team-a-dev/web', 'team-b-dev/api', []],
      ['team-b-dev/api', 'team-b-dev/cache', []],
      ['openshift-monitoring/thanos-querier', 'openshift-monitoring/prometheus-k8s', []],
      ['openshift-console/console', 'openshift-monitoring/thanos-querier', []],
      ['netobserv/netobserv-plugin', 'netobserv/loki', []],
      ['netobserv/flowlogs-pipeline', 'netobserv/loki', []],
    ];
    const [clientKey, svcKey, receiverEvents] = this.rnd.pick(edges);
    const client = this.rnd.pick(this.pods(clientKey));
    const { svc, port, backend } = this.viaService(svcKey);
    const from = this.podPeer(client);
    const to = this.podPeer(backend);
    const legs = this.tcpExchange(from, to, port.targetPort, { service: { svc, port: port.port }, receiverEvents });
    return this.tcpConversation([from, to], legs);
  }

  private iperf(): Conversation {
    const client = this.rnd.pick(this.pods('iperf/iperf3-client'));
    const from = this.podPeer(client);
    if (this.rnd.chance(0.12)) {
      // A test against a port nobody opened: the namespace's default deny drops it on the server side.
      const server = this.rnd.pick(this.pods('iperf/iperf3-server'));
      const to = this.podPeer(server);
      const leg: Leg = {
        from, to, fromPort: this.ephemeralPort(), toPort: 5202, bytes: 74 * 3, packets: 3, flags: TCP.SYN,
        senderEvents: [acl('NetworkPolicy', 'allow', { Name: 'iperf3-server-access-egress', Namespace: 'iperf', Direction: 'Egress' })],
        receiverEvents: [acl('NetpolNamespace', 'drop', { Namespace: 'iperf', Direction: 'Ingress' })],
      };
      leg.droppedAtReceiver = this.policyDrop(3, 222, 6);
      return this.tcpConversation([from, to], [leg], this.rnd.int(1000, 3000));
    }
    const { svc, port, backend } = this.viaService('iperf/iperf3-server');
    const to = this.podPeer(backend);
    const legs = this.tcpExchange(from, to, port.targetPort, {
      service: { svc, port: port.port }, longLived: true,
      reqBytes: [20e6, 150e6], respBytes: [20_000, 200_000],
      senderEvents: [acl('NetworkPolicy', 'allow', { Name: 'iperf3-server-access-egress', Namespace: 'iperf', Direction: 'Egress' })],
      receiverEvents: [acl('NetworkPolicy', 'allow', { Name: 'iperf3-server-access-ingress', Namespace: 'iperf', Direction: 'Ingress' })],
    });
    if (!legs[0].droppedAtReceiver && this.rnd.chance(0.2)) {
      const cause = this.rnd.pick(['SKB_DROP_REASON_SOCKET_RCVBUFF', 'SKB_DROP_REASON_TCP_OFO_DROP', 'SKB_DROP_REASON_TCP_INVALID_SEQUENCE']);
      const packets = this.rnd.int(1, 40);
      legs[0].droppedAtReceiver = { packets, bytes: packets * 1448, cause, state: 'TCP_ESTABLISHED', flags: TCP.PSH | TCP.ACK };
    }
    const conversation = this.tcpConversation([from, to], legs, this.rnd.int(4000, 5000));
    conversation.rttNs = (conversation.rttNs ?? 0) + this.rnd.int(500_000, 8_000_000);
    return conversation;
  }

  private monitoringScrape(): Conversation {
    const prometheus = this.podPeer(this.rnd.pick(this.pods('openshift-monitoring/prometheus-k8s')));
    const targets = ['openshift-monitoring/node-exporter', 'openshift-dns/dns-default', 'openshift-ingress/router-default', 'openshift-monitoring/kube-state-metrics',
      'netobserv/flowlogs-pipeline', 'openshift-ovn-kubernetes/ovnkube-node', 'openshift-multus/network-metrics-daemon', 'netobserv-privileged/netobserv-ebpf-agent',
      'openshift-machine-config-operator/machine-config-daemon', 'openshift-apiserver/apiserver', 'shop/frontend', 'ml-serving/model-server'];
    const targetPod = this.rnd.pick(this.pods(this.rnd.pick(targets)));
    const metricsPort = targetPod.workload.ports.find((p) => p.name.includes('metrics') || p.name === 'https') ?? targetPod.workload.ports[0];
    const to = this.podPeer(targetPod);
    const receiverEvents = to.kind === 'pod' && this.rnd.chance(0.6) ? [acl('AdminNetworkPolicy', 'allow', { Name: 'allow-monitoring', Direction: 'Ingress' })] : [];
    const legs = this.tcpExchange(prometheus, to, metricsPort?.port ?? 9100, { respBytes: [5_000, 400_000], receiverEvents });
    return this.tcpConversation([prometheus, to], legs, this.rnd.int(20, 900));
  }

  private apiServerCall(): Conversation {
    const callers = ['openshift-console/console', 'openshift-operator-lifecycle-manager/olm-operator', 'openshift-operator-lifecycle-manager/catalog-operator',
      'netobserv/flowlogs-pipeline', 'netobserv/netobserv-plugin', 'openshift-ingress/router-default', 'openshift-monitoring/prometheus-k8s',
      'openshift-monitoring/kube-state-metrics', 'openshift-dns/dns-default', 'openshift-multus/network-metrics-daemon', 'analytics/spark-worker'];
    const caller = this.podPeer(this.rnd.pick(this.pods(this.rnd.pick(callers))));
    if (this.rnd.chance(0.25)) {
      // Aggregated API: the kube-apiserver (host network on a master) calls the openshift-apiserver pods.
      const { svc, port, backend } = this.viaService('openshift-apiserver/api');
      const from = this.nodePeer(this.rnd.pick(this.cluster.nodes.filter((n) => n.role === 'master')));
      const to = this.podPeer(backend);
      return this.tcpConversation([from, to], this.tcpExchange(from, to, port.targetPort, { service: { svc, port: port.port }, longLived: true }));
    }
    const { svc, port, backend } = this.viaService('default/kubernetes');
    const to = this.podPeer(backend);
    const legs = this.tcpExchange(caller, to, port.targetPort, { service: { svc, port: port.port }, longLived: this.rnd.chance(0.6), respBytes: [500, 2_000_000] });
    return this.tcpConversation([caller, to], legs);
  }

  private ingressFromOutside(): Conversation {
    const customer = this.externalPeer(this.rnd.pick(this.cluster.externals.filter((e) => e.description === 'customer browser')).ip);
    if (this.rnd.chance(0.5)) {
      const router = this.podPeer(this.rnd.pick(this.pods('openshift-ingress/router-default')));
      const legs = this.tcpExchange(customer, router, 443, { respBytes: [2_000, 600_000] });
      return this.tcpConversation([customer, router], legs);
    }
    // The router proxies to the application through its Service.
    const router = this.podPeer(this.rnd.pick(this.pods('openshift-ingress/router-default')));
    const [svcKey, events] = this.rnd.pick([
      ['shop/frontend', [acl('NetworkPolicy', 'allow', { Name: 'allow-from-openshift-ingress', Namespace: 'shop', Direction: 'Ingress' })]],
      ['bookinfo/productpage', [acl('AdminNetworkPolicy', 'pass', { Name: 'delegate-app-namespaces', Direction: 'Ingress' }), acl('NetworkPolicy', 'allow', { Name: 'allow-from-openshift-ingress', Namespace: 'bookinfo', Direction: 'Ingress' })]],
      ['openshift-console/console', []],
    ] as [string, NetworkEvent[]][]);
    const { svc, port, backend } = this.viaService(svcKey);
    const to = this.podPeer(backend);
    const legs = this.tcpExchange(router, to, port.targetPort, { service: { svc, port: port.port }, receiverEvents: events });
    return this.tcpConversation([router, to], legs);
  }

  private egressToOutside(): Conversation {
    const routes: [string, string, NetworkEvent[]][] = [
      ['openshift-image-registry/image-registry', '52.95.148.12', []],
      ['payments/payments-api', '54.239.28.85', [acl('NetworkPolicy', 'allow', { Name: 'allow-payment-provider', Namespace: 'payments', Direction: 'Egress' })]],
      ['team-a-dev/web', '140.82.121.4', [acl('EgressFirewall', 'allow', { Namespace: 'team-a-dev' })]],
      ['analytics/spark-worker', '151.101.1.69', []],
      ['openshift-monitoring/prometheus-k8s', '34.117.59.81', []],
      ['openshift-machine-config-operator/machine-config-daemon', '185.199.108.133', []],
    ];
    const [clientKey, ip, senderEvents] = this.rnd.pick(routes);
    const from = this.podPeer(this.rnd.pick(this.pods(clientKey)));
    const to = this.externalPeer(ip);
    const legs = this.tcpExchange(from, to, 443, { senderEvents, respBytes: [1_000, 5_000_000] });
    return this.tcpConversation([from, to], legs);
  }

  /** Traffic that a policy denies, one kind of network event each. */
  deniedTraffic(kind: DeniedKind = this.rnd.weighted(deniedKinds)): Conversation {
    let from: Peer;
    let to: Peer;
    let port = 8080;
    let proto: 6 | 17 = 6;
    let event: NetworkEvent;
    let atSender = true;
    switch (kind) {
      case 'netpol':
        from = this.podPeer(this.rnd.pick(this.pods('analytics/spark-worker')));
        to = this.podPeer(this.rnd.pick(this.pods('shop/shop-db')));
        port = 5432;
        event = acl('NetworkPolicy', 'drop', { Name: 'deny-from-other-namespaces', Namespace: 'shop', Direction: 'Ingress' });
        atSender = false;
        break;
      case 'netpolNamespace':
        from = this.podPeer(this.rnd.pick(this.pods('bookinfo/reviews')));
        to = this.podPeer(this.rnd.pick(this.pods('shop/cart')));
        event = acl('NetpolNamespace', 'drop', { Namespace: 'shop', Direction: 'Ingress' });
        atSender = false;
        break;
      case 'anp':
        from = this.podPeer(this.rnd.pick(this.pods('analytics/spark-worker')));
        to = this.podPeer(this.rnd.pick(this.pods('openshift-monitoring/prometheus-k8s')));
        port = 9091;
        event = acl('AdminNetworkPolicy', 'drop', { Name: 'deny-apps-to-monitoring', Direction: 'Egress' });
        break;
      case 'banp':
        from = this.podPeer(this.rnd.pick(this.pods('analytics/spark-worker')));
        to = this.podPeer(this.rnd.pick(this.pods('ml-serving/model-server')));
        port = 8500;
        event = acl('BaselineAdminNetworkPolicy', 'drop', { Name: 'default', Direction: 'Ingress' });
        atSender = false;
        break;
      case 'egressFirewall':
        from = this.podPeer(this.rnd.pick(this.pods('team-b-dev/api')));
        to = this.externalPeer(this.rnd.pick(['140.82.121.4', '151.101.1.69']));
        port = 443;
        event = acl('EgressFirewall', 'drop', { Namespace: 'team-b-dev' });
        break;
      case 'multicastNS':
        from = this.podPeer(this.rnd.pick(this.pods('analytics/kafka')));
        to = { kind: 'external', ip: '224.0.0.251', mac: '01:00:5e:00:00:fb' };
        port = 5353;
        proto = 17;
        event = acl('MulticastNS', 'drop', { Namespace: 'analytics', Direction: 'Egress' });
        break;
      case 'multicastCluster':
        from = this.podPeer(this.rnd.pick(this.pods('ml-serving/model-server')));
        to = { kind: 'external', ip: '239.255.255.250', mac: '01:00:5e:7f:ff:fa' };
        port = 1900;
        proto = 17;
        event = acl('MulticastCluster', 'drop', { Direction: 'Egress' });
        break;
      case 'udn':
        from = this.podPeer(this.rnd.pick(this.pods('team-a-dev/web')));
        to = this.podPeer(this.rnd.pick(this.pods('payments/payments-api')));
        port = 8443;
        event = acl('UDNIsolation', 'drop', { Name: 'primary-network-isolation' });
        break;
    }
    // A refused TCP client retries from new source ports: each attempt is a flow of its own.
    const attempts = proto === 6 ? this.rnd.int(2, 5) : 1;
    const legs: Leg[] = [];
    for (let i = 0; i < attempts; i++) {
      const packets = this.rnd.int(1, 4);
      const bytes = packets * (proto === 6 ? 74 : this.rnd.int(60, 300));
      const leg: Leg = { from, to, fromPort: proto === 17 ? port : this.ephemeralPort(), toPort: port, bytes, packets, flags: proto === 6 ? TCP.SYN : 0, senderEvents: [], receiverEvents: [] };
      const drop = this.policyDrop(packets, bytes, proto);
      if (atSender) {
        leg.senderEvents.push(event);
        leg.deniedAtSender = drop;
      } else {
        leg.receiverEvents.push(event);
        leg.droppedAtReceiver = drop;
      }
      legs.push(leg);
    }
    // No RTT: the handshake never completes.
    return { proto, legs, layer: this.layerOf(from, to), dscp: 0, durationMs: this.rnd.int(1000, 4000) };
  }

  /** Kubelet probes from the node to its local pods, allowed by OVN's node rule. */
  private kubeletProbe(): Conversation {
    const pod = this.rnd.pick(this.regularPods.filter((p) => p.workload.ports.length > 0));
    const from = this.nodePeer(pod.node);
    const to = this.podPeer(pod);
    const legs = this.tcpExchange(from, to, pod.workload.ports[0].port, {
      reqBytes: [150, 400], respBytes: [100, 600], receiverEvents: [acl('NetpolNode', 'allow', { Direction: 'Ingress' })],
    });
    return this.tcpConversation([from, to], legs, this.rnd.int(1, 20));
  }

  /** Peer-to-peer traffic of StatefulSets and control-plane hosts, addressed directly (no Service). */
  private replication(): Conversation {
    const [workload, port] = this.rnd.pick([
      ['shop/shop-db', 5432], ['analytics/kafka', 9092], ['analytics/zookeeper', 2888], ['shop/redis', 6379],
      ['openshift-etcd/etcd', 2380], ['openshift-monitoring/alertmanager-main', 9094], ['payments/ledger-db', 5432],
    ] as [string, number][]);
    const members = this.pods(workload);
    const a = this.rnd.pick(members);
    const others = members.filter((m) => m !== a);
    const b = others.length > 0 ? this.rnd.pick(others) : a;
    const from = this.podPeer(a);
    const to = this.podPeer(b);
    const legs = this.tcpExchange(from, to, port, { longLived: true, reqBytes: [10_000, 5_000_000], respBytes: [2_000, 100_000] });
    return this.tcpConversation([from, to], legs, this.rnd.int(3000, 5000));
  }

  /** The agents export their flows to flowlogs-pipeline over gRPC. */
  private agentExport(): Conversation {
    const node = this.rnd.pick(this.cluster.nodes);
    const from = this.nodePeer(node);
    const { svc, port, backend } = this.viaService('netobserv/flowlogs-pipeline');
    const to = this.podPeer(backend);
    const legs = this.tcpExchange(from, to, port.targetPort, { service: { svc, port: port.port }, longLived: true, reqBytes: [50_000, 2_000_000], respBytes: [500, 5_000] });
    return this.tcpConversation([from, to], legs, this.rnd.int(4000, 5000));
  }

  nextConversation(): Conversation {
    const scenario = this.rnd.weighted([
      ['dns', 28], ['service', 24], ['iperf', 5], ['scrape', 12], ['api', 10], ['ingress', 7], ['egress', 5],
      ['denied', 4], ['probe', 5], ['replication', 4], ['export', 3],
    ] as const);
    switch (scenario) {
      case 'dns': return this.dnsQuery();
      case 'service': return this.serviceCall();
      case 'iperf': return this.iperf();
      case 'scrape': return this.monitoringScrape();
      case 'api': return this.apiServerCall();
      case 'ingress': return this.ingressFromOutside();
      case 'egress': return this.egressToOutside();
      case 'denied': return this.deniedTraffic();
      case 'probe': return this.kubeletProbe();
      case 'replication': return this.replication();
      case 'export': return this.agentExport();
    }
  }

  // --- Observation: what each node's agent reports -----------------------------------------------

  private k8sFields(peer: Peer, side: 'Src' | 'Dst' | 'XlatSrc' | 'XlatDst', flow: Record<string, unknown>): void {
    const full = side === 'Src' || side === 'Dst';
    if (peer.kind === 'pod') {
      const { pod } = peer;
      flow[`${side}K8S_Name`] = pod.name;
      flow[`${side}K8S_Type`] = 'Pod';
      flow[`${side}K8S_Namespace`] = pod.namespace;
      if (!full) return;
      flow[`${side}K8S_OwnerName`] = pod.workload.name;
      flow[`${side}K8S_OwnerType`] = pod.workload.kind;
      flow[`${side}K8S_HostIP`] = pod.node.ip;
      flow[`${side}K8S_HostName`] = pod.node.name;
      flow[`${side}K8S_Zone`] = pod.node.zone;
      if (pod.network) flow[`${side}K8S_NetworkName`] = pod.network;
    } else if (peer.kind === 'node') {
      flow[`${side}K8S_Name`] = peer.node.name;
      flow[`${side}K8S_Type`] = 'Node';
      if (!full) return;
      flow[`${side}K8S_OwnerName`] = peer.node.name;
      flow[`${side}K8S_OwnerType`] = 'Node';
      flow[`${side}K8S_HostIP`] = peer.node.ip;
      flow[`${side}K8S_HostName`] = peer.node.name;
      flow[`${side}K8S_Zone`] = peer.node.zone;
    }
  }

  private serviceFields(svc: Service, side: 'Src' | 'Dst', flow: Record<string, unknown>): void {
    flow[`${side}K8S_Name`] = svc.name;
    flow[`${side}K8S_Type`] = 'Service';
    flow[`${side}K8S_Namespace`] = svc.namespace;
    flow[`${side}K8S_OwnerName`] = svc.name;
    flow[`${side}K8S_OwnerType`] = 'Service';
  }

  /** Interface where the packet enters node `at`, and where it leaves it. */
  private interfaces(leg: Leg, at: Node): [string, string] {
    const fromNode = this.nodeOf(leg.from);
    const toNode = this.nodeOf(leg.to);
    const overlay = leg.from.kind === 'pod' || leg.to.kind === 'pod';
    let inIf: string;
    if (fromNode === at) inIf = leg.from.kind === 'pod' ? leg.from.pod.veth : MGMT_PORT;
    else inIf = leg.from.kind === 'external' || !overlay ? BR_EX : GENEVE;
    let outIf: string;
    if (toNode === at) outIf = leg.to.kind === 'pod' ? leg.to.pod.veth : leg.from.kind === 'pod' ? MGMT_PORT : BR_EX;
    else outIf = leg.to.kind === 'external' || !overlay ? BR_EX : GENEVE;
    return [inIf, outIf];
  }

  private udnOf(iface: string, leg: Leg): string {
    for (const peer of [leg.from, leg.to]) if (peer.kind === 'pod' && peer.pod.veth === iface) return peer.pod.network ?? 'default';
    return '';
  }

  /** The records the agents report for one leg ending at `endMs`. */
  observe(conv: Conversation, leg: Leg, endMs: number): Flow[] {
    const fromNode = this.nodeOf(leg.from);
    const toNode = this.nodeOf(leg.to);
    const observers: { node: Node; direction: 0 | 1 | 2 }[] = [];
    if (fromNode && fromNode === toNode) {
      observers.push({ node: fromNode, direction: 2 });
      // Some agent configurations also report the local delivery on its own.
      if (this.rnd.chance(0.25) && !leg.deniedAtSender) observers.push({ node: fromNode, direction: 0 });
    } else {
      if (fromNode) observers.push({ node: fromNode, direction: 1 });
      if (toNode && !leg.deniedAtSender) observers.push({ node: toNode, direction: 0 });
    }
    const records: Flow[] = [];
    for (const { node, direction } of observers) {
      const onSender = direction !== 0;
      const onReceiver = direction !== 1;
      const flow: Record<string, unknown> = {};
      const end = endMs + (direction === 0 && fromNode && fromNode !== toNode ? this.rnd.int(0, 3) : 0);
      flow.TimeFlowStartMs = end - conv.durationMs;
      flow.TimeFlowEndMs = end;
      flow.TimeReceived = Math.floor((end + this.rnd.int(300, 3000)) / 1000);
      // Service address seen before DNAT (request on the client's node) or after un-DNAT (answer on the client's node).
      const showServiceAsDst = leg.service && onSender;
      const showServiceAsSrc = leg.answerOfService && onReceiver;
      flow.SrcAddr = showServiceAsSrc ? leg.answerOfService!.svc.clusterIP : leg.from.ip;
      flow.DstAddr = showServiceAsDst ? leg.service!.svc.clusterIP : leg.to.ip;
      flow.SrcPort = showServiceAsSrc ? leg.answerOfService!.port : leg.fromPort;
      flow.DstPort = showServiceAsDst ? leg.service!.port : leg.toPort;
      flow.SrcMac = leg.from.mac;
      flow.DstMac = leg.to.mac;
      if (showServiceAsSrc) this.serviceFields(leg.answerOfService!.svc, 'Src', flow);
      else this.k8sFields(leg.from, 'Src', flow);
      if (showServiceAsDst) this.serviceFields(leg.service!.svc, 'Dst', flow);
      else this.k8sFields(leg.to, 'Dst', flow);
      flow.Proto = conv.proto;
      flow.Bytes = leg.bytes;
      flow.Packets = leg.packets;
      flow.Flags = leg.flags;
      flow.FlowDirection = direction;
      const [inIf, outIf] = this.interfaces(leg, node);
      const ifaces = [inIf, outIf];
      flow.Interfaces = ifaces;
      flow.IfDirections = [0, 1];
      flow.Dscp = conv.dscp;
      flow.Sampling = SAMPLING;
      flow.AgentIP = node.ip;
      flow.K8S_FlowLayer = conv.layer;
      flow.K8S_ClusterName = this.cluster.name;
      flow._RecordType = 'flowLog';
      if (conv.rttNs !== undefined && conv.proto === 6) flow.TimeFlowRttNs = Math.round(conv.rttNs * (0.9 + this.rnd.next() * 0.2));
      if (conv.dns) {
        flow.DnsId = conv.dns.id;
        flow.DnsLatencyMs = conv.dns.latencyMs;
        flow.DnsFlagsResponseCode = conv.dns.rcode;
        flow.DnsErrno = 0;
      }
      const drop = onSender && leg.deniedAtSender ? leg.deniedAtSender : onReceiver ? leg.droppedAtReceiver : undefined;
      if (drop) {
        flow.PktDropBytes = drop.bytes;
        flow.PktDropPackets = drop.packets;
        flow.PktDropLatestDropCause = drop.cause;
        flow.PktDropLatestState = drop.state;
        flow.PktDropLatestFlags = drop.flags;
      }
      this.translation(leg, onSender, onReceiver, node, flow);
      const events = [...(onSender ? leg.senderEvents : []), ...(onReceiver ? leg.receiverEvents : [])].slice(0, 4);
      if (events.length > 0) flow.NetworkEvents = events;
      const udns = ifaces.map((i) => this.udnOf(i, leg));
      if (udns.some((u) => u !== '' && u !== 'default')) flow.Udns = udns;
      if (conv.ipsec && fromNode && toNode && fromNode !== toNode) flow.IPSecStatus = conv.ipsec;
      records.push(flow as Flow);
    }
    return records;
  }

  private translation(leg: Leg, onSender: boolean, onReceiver: boolean, node: Node, flow: Record<string, unknown>): void {
    const zoneId = 64000 + this.cluster.nodes.indexOf(node);
    if (leg.service && onSender) {
      flow.XlatSrcAddr = leg.from.ip;
      flow.XlatSrcPort = leg.fromPort;
      flow.XlatDstAddr = leg.to.ip;
      flow.XlatDstPort = leg.toPort;
      this.k8sFields(leg.from, 'XlatSrc', flow);
      this.k8sFields(leg.to, 'XlatDst', flow);
      flow.ZoneId = zoneId;
    } else if (leg.answerOfService && onReceiver) {
      flow.XlatSrcAddr = leg.from.ip;
      flow.XlatSrcPort = leg.fromPort;
      flow.XlatDstAddr = leg.to.ip;
      flow.XlatDstPort = leg.toPort;
      this.k8sFields(leg.from, 'XlatSrc', flow);
      this.k8sFields(leg.to, 'XlatDst', flow);
      flow.ZoneId = zoneId;
    } else if (leg.from.kind === 'pod' && leg.to.kind === 'external' && onSender && !leg.deniedAtSender) {
      // Egress SNAT to the node IP.
      flow.XlatSrcAddr = node.ip;
      flow.XlatSrcPort = this.ephemeralPort();
      flow.XlatDstAddr = leg.to.ip;
      flow.XlatDstPort = leg.toPort;
      this.k8sFields(this.nodePeer(node), 'XlatSrc', flow);
      flow.ZoneId = zoneId;
    }
  }

  finish(conv: Conversation): Conversation {
    const nodes = conv.legs.flatMap((l) => [this.nodeOf(l.from), this.nodeOf(l.to)]);
    const crossNode = nodes[0] !== undefined && nodes[1] !== undefined && nodes[0] !== nodes[1];
    if (crossNode && this.rnd.chance(0.4)) conv.ipsec = this.rnd.chance(0.04) ? 'error' : 'success';
    return conv;
  }
}

/** Loki stream labels of a flow: `app` plus the default indexed fields present in the record. */
export function flowLabels(flow: Flow): Record<string, string> {
  const labels: Record<string, string> = { app: 'netobserv-flowcollector' };
  const record = flow as Record<string, unknown>;
  for (const name of defaultLokiLabels) {
    if (name === 'app') continue;
    const value = record[name];
    if (value !== undefined && value !== null && value !== '') labels[name] = String(value);
  }
  return labels;
}

/**
 * Time-ordered Loki entries for [startMs, endMs): about `flowsPerSecond` records per second.
 * Deterministic for the same cluster and options.
 */
export function* generateFlows(cluster: Cluster, opts: FlowOptions): Generator<GeneratedEntry> {
  if (!(opts.endMs > opts.startMs)) return;
  if (!(opts.flowsPerSecond > 0)) throw new Error('flowsPerSecond must be a positive number');
  const rnd = new Random(opts.seed ^ Math.floor(opts.startMs / 1000));
  const model = new TrafficModel(cluster, rnd);
  for (let second = opts.startMs; second < opts.endMs; second += 1000) {
    const windowEnd = Math.min(second + 1000, opts.endMs);
    const wanted = Math.round(rnd.normal(opts.flowsPerSecond * ((windowEnd - second) / 1000), Math.sqrt(opts.flowsPerSecond) * 0.7));
    const batch: Flow[] = [];
    const retrying = (second / 1000) % isolationRetryEverySeconds === 0;
    while (batch.length < wanted) {
      const conv = model.finish(retrying && batch.length === 0 ? model.deniedTraffic('netpolNamespace') : model.nextConversation());
      let end = second + Math.floor(rnd.next() * (windowEnd - second));
      for (const leg of conv.legs) {
        for (const flow of model.observe(conv, leg, end)) {
          flow.TimeFlowEndMs = Math.min(flow.TimeFlowEndMs ?? end, windowEnd - 1);
          flow.TimeFlowStartMs = Math.min(flow.TimeFlowStartMs ?? end, flow.TimeFlowEndMs);
          batch.push(flow);
        }
        end = Math.min(windowEnd - 1, end + rnd.int(0, 2));
      }
    }
    batch.sort((a, b) => (a.TimeFlowEndMs ?? 0) - (b.TimeFlowEndMs ?? 0));
    for (const flow of batch) {
      yield { tsNs: `${flow.TimeFlowEndMs}000000`, labels: flowLabels(flow), line: JSON.stringify(flow), flow };
    }
  }
}
