/**
 * The flow metrics the NetObserv operator has flowlogs-pipeline export (prefix `netobserv_`), as the
 * operator's predefined metric definitions describe them: one family per group (node, namespace,
 * workload) and kind, with the group's labels. Facts followed here:
 * - `Ingress` metrics keep flows with FlowDirection 0 or 2 (ingress or inner), `Egress` metrics 1 or 2,
 *   so a pod-to-pod flow seen by both nodes is counted once per direction; other metrics have no
 *   direction filter and count every record, like the operator's.
 * - Histograms divide the field (ns -> s for RTT, ms -> s for DNS) and use the operator's buckets.
 * - Network policy events flatten `NetworkEvents`, keep `Feature` "acl" and add the event's
 *   type/namespace/name/action/direction as labels.
 * - Zone and cluster-name labels are included (as with the zone and multi-cluster options on).
 *   A field missing from a flow gives an empty label, which Prometheus treats as absent.
 */
import type { Flow, NetworkEvent } from '../../web/src/model/flow';

export const METRIC_PREFIX = 'netobserv_';

export type MetricKind = 'counter' | 'gauge' | 'histogram';
export type MetricGroup = 'node' | 'namespace' | 'workload';

/** Bucket upper bounds (seconds) of the latency histograms, as the operator configures them. */
export const LATENCY_BUCKETS: readonly number[] = [0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 1];

const NODE_LABELS = ['K8S_ClusterName', 'SrcK8S_Zone', 'DstK8S_Zone', 'SrcK8S_HostName', 'DstK8S_HostName'] as const;
const NAMESPACE_LABELS = ['K8S_ClusterName', 'SrcK8S_Zone', 'DstK8S_Zone', 'SrcK8S_Namespace', 'DstK8S_Namespace', 'K8S_FlowLayer', 'SrcSubnetLabel', 'DstSubnetLabel'] as const;
const WORKLOAD_LABELS = [
  ...NAMESPACE_LABELS,
  'SrcK8S_OwnerName', 'DstK8S_OwnerName', 'SrcK8S_OwnerType', 'DstK8S_OwnerType', 'SrcK8S_Type', 'DstK8S_Type',
] as const;

export const GROUP_LABELS: Record<MetricGroup, readonly string[]> = {
  node: NODE_LABELS,
  namespace: NAMESPACE_LABELS,
  workload: WORKLOAD_LABELS,
};

/** One row a flow contributes to a metric: extra labels (from a flattened event) on top of the flow's. */
interface Row {
  flow: Flow;
  event?: NetworkEvent;
}

export interface MetricDefinition {
  /** Full Prometheus name; counters end in `_total`, histograms are the family name (`_bucket` etc. added). */
  name: string;
  kind: MetricKind;
  group: MetricGroup;
  /** Flow fields that become labels: the group's, then `extraLabels`; flattened events add EVENT_LABELS. */
  labels: readonly string[];
  /** Labels of this metric beyond its group's. */
  extraLabels: readonly string[];
  help: string;
  /** Whether a flow counts; all filters of the operator's definition. */
  accepts(flow: Flow): boolean;
  /** The observed value of one row (1 for flow counts); histograms observe it, counters add it. */
  value(row: Row): number | undefined;
  /** Flattens `NetworkEvents` into one row per ACL event. */
  flattensEvents?: boolean;
}

const has = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
const direction = (dirs: readonly number[]) => (f: Flow): boolean => f.FlowDirection !== undefined && dirs.includes(f.FlowDirection);
const INGRESS = direction([0, 2]);
const EGRESS = direction([1, 2]);

/** Labels added by the network-policy metrics, named as the operator remaps them. */
export const EVENT_LABELS: Readonly<Record<string, keyof NetworkEvent>> = {
  type: 'Type', namespace: 'Namespace', name: 'Name', action: 'Action', direction: 'Direction',
};

function groupDefinitions(group: MetricGroup): MetricDefinition[] {
  const groupLabels = GROUP_LABELS[group];
  const def = (
    suffix: string, kind: MetricKind, help: string, accepts: (f: Flow) => boolean, value: (r: Row) => number | undefined,
    extraLabels: readonly string[] = [], flattensEvents = false,
  ): MetricDefinition => ({
    name: `${METRIC_PREFIX}${group}_${suffix}`, kind, group, labels: [...groupLabels, ...extraLabels], extraLabels,
    help: `${help} per ${group}`, accepts, value, flattensEvents,
  });
  const dropLabels = ['PktDropLatestState', 'PktDropLatestDropCause'];
  return [
    // <group>_egress_bytes_total, <group>_ingress_bytes_total: bytes, each flow counted once per direction.
    def('egress_bytes_total', 'counter', 'bytes sent (egress or inner flows)', EGRESS, (r) => r.flow.Bytes),
    def('ingress_bytes_total', 'counter', 'bytes received (ingress or inner flows)', INGRESS, (r) => r.flow.Bytes),
    // <group>_egress_packets_total, <group>_ingress_packets_total: the same for packets.
    def('egress_packets_total', 'counter', 'packets sent (egress or inner flows)', EGRESS, (r) => r.flow.Packets),
    def('ingress_packets_total', 'counter', 'packets received (ingress or inner flows)', INGRESS, (r) => r.flow.Packets),
    // <group>_sampling: gauge, the sampling ratio of the latest flow of the label set.
    def('sampling', 'gauge', 'sampling ratio of the flows', (f) => has(f.Sampling), (r) => r.flow.Sampling),
    // <group>_flows_total: number of flow records, every observation point.
    def('flows_total', 'counter', 'flow records', () => true, () => 1),
    // <group>_rtt_seconds: histogram of TCP smoothed RTT (TimeFlowRttNs / 1e9).
    def('rtt_seconds', 'histogram', 'TCP round-trip time', (f) => has(f.TimeFlowRttNs), (r) => (r.flow.TimeFlowRttNs ?? 0) / 1e9),
    // <group>_drop_packets_total: packets dropped by the kernel or OVS, with the latest TCP state and drop cause.
    def('drop_packets_total', 'counter', 'dropped packets', (f) => has(f.PktDropPackets), (r) => r.flow.PktDropPackets, dropLabels),
    // <group>_drop_bytes_total: bytes dropped, with the latest TCP state and drop cause.
    def('drop_bytes_total', 'counter', 'dropped bytes', (f) => has(f.PktDropBytes), (r) => r.flow.PktDropBytes, dropLabels),
    // <group>_dns_latency_seconds: histogram of DNS latency (DnsLatencyMs / 1000) of flows with a DNS id, per response code.
    def('dns_latency_seconds', 'histogram', 'DNS latency', (f) => has(f.DnsId), (r) => (r.flow.DnsLatencyMs ?? 0) / 1000, ['DnsFlagsResponseCode']),
    // <group>_network_policy_events_total: one per ACL network event of a flow, labelled type/namespace/name/action/direction.
    def('network_policy_events_total', 'counter', 'network policy events', (f) => (f.NetworkEvents?.length ?? 0) > 0, () => 1, [], true),
    // <group>_ipsec_flows_total: flows with an IPsec status, labelled by it.
    def('ipsec_flows_total', 'counter', 'flows with an IPsec status', (f) => has(f.IPSecStatus), () => 1, ['IPSecStatus']),
  ];
}

/** Every metric served, in a stable order. */
export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  ...groupDefinitions('node'),
  ...groupDefinitions('namespace'),
  ...groupDefinitions('workload'),
  // node_to_node_ingress_flows_total: flows between two nodes (not inner), counted once per observation.
  {
    name: `${METRIC_PREFIX}node_to_node_ingress_flows_total`, kind: 'counter', group: 'node', labels: NODE_LABELS, extraLabels: [],
    help: 'flows between nodes', accepts: (f) => f.FlowDirection !== 2 && has(f.SrcK8S_HostName) && has(f.DstK8S_HostName), value: () => 1,
  },
];

/**
 * The families `npm start` serves unless told otherwise: those the backend enables by default
 * (server/src/promql.ts defaultEnabledMetrics, which config/dev.yaml keeps), names without the prefix.
 * Recording every family costs several times the time and memory at start-up.
 */
export const DEFAULT_SERVED_METRICS: readonly string[] = [
  'namespace_ingress_packets_total', 'namespace_flows_total', 'node_ingress_bytes_total', 'node_ingress_packets_total',
  'workload_ingress_bytes_total', 'namespace_drop_packets_total', 'node_drop_packets_total', 'namespace_rtt_seconds',
  'namespace_dns_latency_seconds', 'namespace_network_policy_events_total',
];

/** The definitions of the named families (with or without the `netobserv_` prefix); throws on an unknown name. */
export function selectDefinitions(names: readonly string[]): MetricDefinition[] {
  const short = (name: string) => (name.startsWith(METRIC_PREFIX) ? name.slice(METRIC_PREFIX.length) : name);
  const known = new Set(METRIC_DEFINITIONS.map((d) => short(d.name)));
  const wanted = new Set(names.map((n) => short(n.trim())));
  for (const name of wanted) {
    if (!known.has(name)) throw new Error(`unknown metric ${JSON.stringify(name)} (known: ${[...known].join(', ')})`);
  }
  return METRIC_DEFINITIONS.filter((d) => wanted.has(short(d.name)));
}

/** The label set of one row of a metric, empty values left out as Prometheus does. */
export function rowLabels(def: MetricDefinition, row: Row): Record<string, string> {
  const out: Record<string, string> = {};
  const record = row.flow as Record<string, unknown>;
  for (const name of def.labels) {
    const v = record[name];
    if (has(v)) out[name] = String(v);
  }
  if (row.event) {
    for (const [label, field] of Object.entries(EVENT_LABELS)) {
      const v = row.event[field];
      if (has(v)) out[label] = String(v);
    }
  }
  return out;
}

/** The rows a flow contributes to a metric (none when its filters refuse the flow). */
export function metricRows(def: MetricDefinition, flow: Flow): Row[] {
  if (!def.accepts(flow)) return [];
  if (!def.flattensEvents) return [{ flow }];
  return (flow.NetworkEvents ?? []).filter((e) => e.Feature === 'acl').map((event) => ({ flow, event }));
}
