/**
 * A synthetic OpenShift cluster: nodes in three zones, namespaces with workloads (Deployments,
 * StatefulSets, DaemonSets), their pods with IPs from each node's pod subnet, Services with cluster IPs,
 * two user-defined networks and a few external peers. The flow generator draws traffic from it.
 */
import { Random } from './random';

export type OwnerKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';
export type Layer = 'app' | 'infra';

export interface Node {
  name: string;
  ip: string;
  zone: string;
  role: 'master' | 'worker';
  mac: string;
  /** First two octets and third-octet base of the node's /23 pod subnet, e.g. [10, 129, 2]. */
  podSubnet: readonly [number, number, number];
}

export interface PortSpec {
  name: string;
  port: number;
  proto: 6 | 17;
}

export interface Workload {
  namespace: string;
  name: string;
  kind: OwnerKind;
  layer: Layer;
  ports: PortSpec[];
  /** Pods share the node's network namespace: their IP is the node IP and flows resolve to the Node. */
  hostNetwork: boolean;
}

export interface Pod {
  name: string;
  namespace: string;
  ip: string;
  mac: string;
  node: Node;
  workload: Workload;
  /** Host side of the pod's veth pair, as the agent names the interface. */
  veth: string;
  /** Primary user-defined network of the pod's namespace, if any. */
  network?: string;
}

export interface ServicePort {
  port: number;
  targetPort: number;
  proto: 6 | 17;
}

export interface Service {
  name: string;
  namespace: string;
  clusterIP: string;
  ports: ServicePort[];
  backends: Pod[];
}

export interface ExternalPeer {
  ip: string;
  /** What the address stands for, to help read the generated data (never written into flows). */
  description: string;
}

export interface UserDefinedNetwork {
  name: string;
  namespaces: string[];
}

export interface Cluster {
  name: string;
  nodes: Node[];
  namespaces: string[];
  workloads: Workload[];
  pods: Pod[];
  services: Service[];
  udns: UserDefinedNetwork[];
  externals: ExternalPeer[];
}

interface WorkloadSpec {
  name: string;
  kind: OwnerKind;
  replicas?: number;
  ports?: PortSpec[];
  hostNetwork?: boolean;
  /** Where the pods run; DaemonSets run on every node regardless. */
  placement?: 'masters';
  /** Service in front of the workload: name and port mapping (defaults to the workload's ports). */
  service?: { name?: string; ports?: ServicePort[] } | false;
}

interface NamespaceSpec {
  name: string;
  layer: Layer;
  workloads: WorkloadSpec[];
}

const tcp = (name: string, port: number): PortSpec => ({ name, port, proto: 6 });
const udp = (name: string, port: number): PortSpec => ({ name, port, proto: 17 });

/** The namespaces and workloads of the synthetic cluster (a trimmed-down but recognisable OpenShift). */
const namespaceSpecs: NamespaceSpec[] = [
  { name: 'iperf', layer: 'app', workloads: [
    { name: 'iperf3-server', kind: 'Deployment', replicas: 2, ports: [tcp('iperf', 5201)] },
    { name: 'iperf3-client', kind: 'Deployment', replicas: 3, ports: [], service: false },
  ] },
  { name: 'shop', layer: 'app', workloads: [
    { name: 'frontend', kind: 'Deployment', replicas: 6, ports: [tcp('http', 8080)] },
    { name: 'cart', kind: 'Deployment', replicas: 3, ports: [tcp('http', 8080)] },
    { name: 'catalog', kind: 'Deployment', replicas: 3, ports: [tcp('http', 8080)] },
    { name: 'checkout', kind: 'Deployment', replicas: 2, ports: [tcp('http', 8080)] },
    { name: 'redis', kind: 'StatefulSet', replicas: 3, ports: [tcp('redis', 6379)] },
    { name: 'shop-db', kind: 'StatefulSet', replicas: 3, ports: [tcp('postgres', 5432)] },
  ] },
  { name: 'payments', layer: 'app', workloads: [
    { name: 'payments-api', kind: 'Deployment', replicas: 3, ports: [tcp('https', 8443)] },
    { name: 'ledger-db', kind: 'StatefulSet', replicas: 2, ports: [tcp('postgres', 5432)] },
  ] },
  { name: 'bookinfo', layer: 'app', workloads: [
    { name: 'productpage', kind: 'Deployment', replicas: 2, ports: [tcp('http', 9080)] },
    { name: 'details', kind: 'Deployment', replicas: 2, ports: [tcp('http', 9080)] },
    { name: 'reviews', kind: 'Deployment', replicas: 3, ports: [tcp('http', 9080)] },
    { name: 'ratings', kind: 'Deployment', replicas: 2, ports: [tcp('http', 9080)] },
  ] },
  { name: 'analytics', layer: 'app', workloads: [
    { name: 'kafka', kind: 'StatefulSet', replicas: 3, ports: [tcp('kafka', 9092)] },
    { name: 'zookeeper', kind: 'StatefulSet', replicas: 3, ports: [tcp('client', 2181)] },
    { name: 'spark-worker', kind: 'Deployment', replicas: 6, ports: [tcp('ui', 8081)] },
  ] },
  { name: 'ml-serving', layer: 'app', workloads: [
    { name: 'model-server', kind: 'Deployment', replicas: 3, ports: [tcp('grpc', 8500)] },
    { name: 'feature-store', kind: 'StatefulSet', replicas: 2, ports: [tcp('redis', 6379)] },
  ] },
  { name: 'team-a-dev', layer: 'app', workloads: [
    { name: 'web', kind: 'Deployment', replicas: 2, ports: [tcp('http', 8080)] },
    { name: 'worker', kind: 'Deployment', replicas: 2, ports: [], service: false },
  ] },
  { name: 'team-b-dev', layer: 'app', workloads: [
    { name: 'api', kind: 'Deployment', replicas: 2, ports: [tcp('http', 8080)] },
    { name: 'cache', kind: 'StatefulSet', replicas: 1, ports: [tcp('memcached', 11211)] },
  ] },
  { name: 'openshift-dns', layer: 'infra', workloads: [
    { name: 'dns-default', kind: 'DaemonSet', ports: [udp('dns', 5353), tcp('dns-tcp', 5353), tcp('metrics', 9154)],
      service: { ports: [{ port: 53, targetPort: 5353, proto: 17 }, { port: 53, targetPort: 5353, proto: 6 }, { port: 9154, targetPort: 9154, proto: 6 }] } },
    { name: 'node-resolver', kind: 'DaemonSet', hostNetwork: true, ports: [], service: false },
  ] },
  { name: 'openshift-ingress', layer: 'infra', workloads: [
    { name: 'router-default', kind: 'Deployment', replicas: 2, ports: [tcp('http', 80), tcp('https', 443), tcp('metrics', 1936)],
      service: { name: 'router-internal-default' } },
  ] },
  { name: 'openshift-monitoring', layer: 'infra', workloads: [
    { name: 'prometheus-k8s', kind: 'StatefulSet', replicas: 2, ports: [tcp('web', 9091)] },
    { name: 'alertmanager-main', kind: 'StatefulSet', replicas: 2, ports: [tcp('web', 9095)] },
    { name: 'thanos-querier', kind: 'Deployment', replicas: 2, ports: [tcp('web', 9091)] },
    { name: 'kube-state-metrics', kind: 'Deployment', replicas: 1, ports: [tcp('https-main', 8443)] },
    { name: 'node-exporter', kind: 'DaemonSet', hostNetwork: true, ports: [tcp('https', 9100)], service: false },
  ] },
  { name: 'openshift-ovn-kubernetes', layer: 'infra', workloads: [
    { name: 'ovnkube-node', kind: 'DaemonSet', hostNetwork: true, ports: [tcp('metrics', 9103)], service: false },
    { name: 'ovnkube-control-plane', kind: 'Deployment', replicas: 3, hostNetwork: true, placement: 'masters', ports: [tcp('metrics', 9108)], service: false },
  ] },
  { name: 'openshift-multus', layer: 'infra', workloads: [
    { name: 'multus', kind: 'DaemonSet', hostNetwork: true, ports: [], service: false },
    { name: 'network-metrics-daemon', kind: 'DaemonSet', ports: [tcp('metrics', 8443)], service: false },
  ] },
  { name: 'openshift-apiserver', layer: 'infra', workloads: [
    { name: 'apiserver', kind: 'Deployment', replicas: 3, placement: 'masters', ports: [tcp('https', 8443)], service: { name: 'api', ports: [{ port: 443, targetPort: 8443, proto: 6 }] } },
  ] },
  { name: 'openshift-kube-apiserver', layer: 'infra', workloads: [
    { name: 'kube-apiserver', kind: 'DaemonSet', hostNetwork: true, placement: 'masters', ports: [tcp('https', 6443)], service: false },
  ] },
  { name: 'openshift-etcd', layer: 'infra', workloads: [
    { name: 'etcd', kind: 'DaemonSet', hostNetwork: true, placement: 'masters', ports: [tcp('client', 2379)], service: false },
  ] },
  { name: 'openshift-image-registry', layer: 'infra', workloads: [
    { name: 'image-registry', kind: 'Deployment', replicas: 2, ports: [tcp('https', 5000)] },
    { name: 'node-ca', kind: 'DaemonSet', ports: [], service: false },
  ] },
  { name: 'openshift-console', layer: 'infra', workloads: [
    { name: 'console', kind: 'Deployment', replicas: 2, placement: 'masters', ports: [tcp('https', 8443)], service: { ports: [{ port: 443, targetPort: 8443, proto: 6 }] } },
    { name: 'downloads', kind: 'Deployment', replicas: 1, ports: [tcp('http', 8080)] },
  ] },
  { name: 'openshift-authentication', layer: 'infra', workloads: [
    { name: 'oauth-openshift', kind: 'Deployment', replicas: 3, placement: 'masters', ports: [tcp('https', 6443)], service: { ports: [{ port: 443, targetPort: 6443, proto: 6 }] } },
  ] },
  { name: 'openshift-network-diagnostics', layer: 'infra', workloads: [
    { name: 'network-check-target', kind: 'DaemonSet', ports: [tcp('http', 8080)] },
    { name: 'network-check-source', kind: 'Deployment', replicas: 1, ports: [], service: false },
  ] },
  { name: 'openshift-operator-lifecycle-manager', layer: 'infra', workloads: [
    { name: 'olm-operator', kind: 'Deployment', replicas: 1, placement: 'masters', ports: [tcp('metrics', 8443)] },
    { name: 'catalog-operator', kind: 'Deployment', replicas: 1, placement: 'masters', ports: [tcp('metrics', 8443)] },
  ] },
  { name: 'openshift-marketplace', layer: 'infra', workloads: [
    { name: 'redhat-operators', kind: 'Deployment', replicas: 1, ports: [tcp('grpc', 50051)] },
    { name: 'community-operators', kind: 'Deployment', replicas: 1, ports: [tcp('grpc', 50051)] },
  ] },
  { name: 'openshift-cluster-node-tuning-operator', layer: 'infra', workloads: [
    { name: 'tuned', kind: 'DaemonSet', hostNetwork: true, ports: [], service: false },
  ] },
  { name: 'openshift-machine-config-operator', layer: 'infra', workloads: [
    { name: 'machine-config-daemon', kind: 'DaemonSet', hostNetwork: true, ports: [tcp('metrics', 9001)], service: false },
  ] },
  { name: 'netobserv', layer: 'infra', workloads: [
    { name: 'flowlogs-pipeline', kind: 'Deployment', replicas: 3, ports: [tcp('grpc', 2055), tcp('metrics', 9401)] },
    { name: 'netobserv-plugin', kind: 'Deployment', replicas: 1, ports: [tcp('https', 9001)] },
    { name: 'loki', kind: 'StatefulSet', replicas: 1, ports: [tcp('http', 3100)] },
  ] },
  { name: 'netobserv-privileged', layer: 'infra', workloads: [
    { name: 'netobserv-ebpf-agent', kind: 'DaemonSet', hostNetwork: true, ports: [tcp('metrics', 9400)], service: false },
  ] },
];

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
/** Kubernetes' pod-name suffix alphabet (no vowels, no ambiguous characters). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const macOf = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');

function makeNodes(rnd: Random): Node[] {
  const nodes: Node[] = [];
  const roles: ('master' | 'worker')[] = ['master', 'master', 'master', 'worker', 'worker', 'worker', 'worker', 'worker', 'worker'];
  roles.forEach((role, i) => {
    const zoneIndex = i % 3;
    // AWS-like subnets: one /20 per zone, so the third octet tells the zone.
    let ip: string;
    do ip = `10.0.${16 + zoneIndex * 32 + (role === 'master' ? 0 : 8)}.${rnd.int(10, 250)}`;
    while (nodes.some((n) => n.ip === ip));
    const octets = ip.split('.');
    nodes.push({
      name: `ip-10-0-${octets[2]}-${octets[3]}.eu-west-1.compute.internal`,
      ip,
      zone: ZONES[zoneIndex],
      role,
      mac: macOf([0x02, rnd.int(0, 255), rnd.int(0, 255), rnd.int(0, 255), rnd.int(0, 255), rnd.int(0, 255)]),
      // Each node gets a /23 of the 10.128.0.0/14 cluster network.
      podSubnet: [10, 128 + (i % 4), Math.floor(i / 4) * 2],
    });
  });
  return nodes;
}

export function generateCluster(seed: number): Cluster {
  const rnd = new Random(seed);
  const nodes = makeNodes(rnd);
  const masters = nodes.filter((n) => n.role === 'master');
  const workers = nodes.filter((n) => n.role === 'worker');
  const nextHost = new Map<Node, number>(nodes.map((n) => [n, 5]));
  const udns: UserDefinedNetwork[] = [
    { name: 'payments-net', namespaces: ['payments'] },
    { name: 'tenant-blue', namespaces: ['team-a-dev', 'team-b-dev'] },
  ];
  const networkOf = (ns: string) => udns.find((u) => u.namespaces.includes(ns))?.name;

  const workloads: Workload[] = [];
  const pods: Pod[] = [];
  const services: Service[] = [];
  let serviceHost = 20;

  const newPod = (name: string, workload: Workload, node: Node): Pod => {
    let ip = node.ip;
    let mac = node.mac;
    if (!workload.hostNetwork) {
      const host = nextHost.get(node) ?? 5;
      nextHost.set(node, host + 1);
      const [a, b, c] = node.podSubnet;
      ip = `${a}.${b}.${c + Math.floor(host / 256)}.${host % 256}`;
      // OVN-Kubernetes derives pod MACs from the IP: 0a:58 followed by the four octets.
      mac = macOf([0x0a, 0x58, ...ip.split('.').map(Number)]);
    }
    return { name, namespace: workload.namespace, ip, mac, node, workload, veth: rnd.chars('0123456789abcdef', 15), network: networkOf(workload.namespace) };
  };

  for (const nsSpec of namespaceSpecs) {
    for (const spec of nsSpec.workloads) {
      const workload: Workload = { namespace: nsSpec.name, name: spec.name, kind: spec.kind, layer: nsSpec.layer, ports: spec.ports ?? [], hostNetwork: spec.hostNetwork ?? false };
      workloads.push(workload);
      // Apps run on workers; infra Deployments may land anywhere unless pinned to the masters.
      const eligible = spec.placement === 'masters' ? masters : nsSpec.layer === 'app' ? workers : nodes;
      const workloadPods: Pod[] = [];
      if (spec.kind === 'DaemonSet') {
        for (const node of spec.placement === 'masters' ? masters : nodes) {
          workloadPods.push(newPod(`${spec.name}-${rnd.chars(NAME_ALPHABET, 5)}`, workload, node));
        }
      } else {
        const replicaSetHash = rnd.chars(NAME_ALPHABET, 10);
        const replicas = spec.replicas ?? 1;
        const offset = rnd.int(0, eligible.length - 1);
        for (let i = 0; i < replicas; i++) {
          const node = eligible[(offset + i) % eligible.length];
          const name = spec.kind === 'StatefulSet' ? `${spec.name}-${i}` : `${spec.name}-${replicaSetHash}-${rnd.chars(NAME_ALPHABET, 5)}`;
          workloadPods.push(newPod(name, workload, node));
        }
      }
      pods.push(...workloadPods);
      if (spec.service !== false && workload.ports.length > 0 && !workload.hostNetwork) {
        const ports = spec.service?.ports ?? workload.ports.map((p) => ({ port: p.port, targetPort: p.port, proto: p.proto }));
        const clusterIP = nsSpec.name === 'openshift-dns' ? '172.30.0.10' : `172.30.${rnd.int(1, 254)}.${serviceHost++ % 250 + 2}`;
        services.push({ name: spec.service?.name ?? spec.name, namespace: nsSpec.name, clusterIP, ports, backends: workloadPods });
      }
    }
  }
  // The API server's Service in `default` points at the host-network kube-apiservers on the masters.
  const kubeApiservers = pods.filter((p) => p.workload.name === 'kube-apiserver');
  services.push({ name: 'kubernetes', namespace: 'default', clusterIP: '172.30.0.1', ports: [{ port: 443, targetPort: 6443, proto: 6 }], backends: kubeApiservers });

  const externals: ExternalPeer[] = [
    { ip: '52.95.148.12', description: 'object storage (image registry backend)' },
    { ip: '54.239.28.85', description: 'payment provider API' },
    { ip: '140.82.121.4', description: 'source code hosting' },
    { ip: '151.101.1.69', description: 'package mirror (CDN)' },
    { ip: '34.117.59.81', description: 'telemetry endpoint' },
    { ip: '81.2.69.160', description: 'customer browser' },
    { ip: '90.84.174.23', description: 'customer browser' },
    { ip: '203.0.113.77', description: 'customer browser' },
    { ip: '185.199.108.133', description: 'container image registry' },
  ];

  return {
    name: 'ocp-prod-eu',
    nodes,
    namespaces: ['default', ...namespaceSpecs.map((n) => n.name)],
    workloads,
    pods,
    services,
    udns,
    externals,
  };
}
