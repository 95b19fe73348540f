/**
 * The fields catalogue: the one definition of every flow field the eBPF agent (and the flow pipeline)
 * can write into a flow record. Table columns, the column picker, filter definitions, autocomplete,
 * CSV headers, LogQL (stream label versus JSON field), PromQL label names and the mock generator all
 * read it. Titles and descriptions are English source strings; the UI translates them through
 * react-i18next (they are keys of locales/en/plugin__netobserv-plugin.json).
 */

/** How a value is stored in the JSON flow line. */
export type ValueType = 'string' | 'number' | 'string[]' | 'number[]' | 'object[]';

/** How a value reads to a person; drives formatting in the table, drawer and CSV. */
export type Display =
  | 'text'
  | 'bytes'
  | 'packets'
  | 'count'
  | 'timestampMs'
  | 'timestampS'
  | 'durationNs'
  | 'durationMs'
  | 'ip'
  | 'port'
  | 'protocol'
  | 'mac'
  | 'direction'
  | 'interfaceDirections'
  | 'tcpFlags'
  | 'dscp'
  | 'dropCause'
  | 'dropState'
  | 'dnsRcode'
  | 'dnsErrno'
  | 'networkEvents'
  | 'k8sName'
  | 'k8sKind'
  | 'ipsecStatus'
  | 'recordType';

/** Which input and which operators a filter on the field offers. */
export type FilterKind = 'text' | 'number' | 'ip' | 'port' | 'protocol' | 'mac' | 'enum';

export type FieldGroup = 'source' | 'destination' | 'common';

/** The agent features that produce optional fields (the eBPF agent's feature names). */
export type Feature =
  | 'FlowRTT'
  | 'DNSTracking'
  | 'PacketDrop'
  | 'PacketTranslation'
  | 'NetworkEvents'
  | 'UDNMapping'
  | 'IPSec'
  | 'Zones'
  | 'MultiCluster';

export interface FieldDef {
  /** The agent's JSON key, also the Loki label name when indexed. */
  name: string;
  type: ValueType;
  display: Display;
  /** Column header and filter name. */
  title: string;
  description: string;
  group: FieldGroup;
  /** Present only when an optional agent feature is enabled. */
  feature?: Feature;
  /** Indexed as a Loki stream label in the default configuration. */
  defaultLokiLabel?: boolean;
  /** Filterable, and how; undefined means no filter on this field. */
  filter?: FilterKind;
  /** Shown as a table column by default. */
  defaultColumn?: boolean;
  /** For source/destination pairs: the field of the other side. */
  peer?: string;
  /** For enum filters: the allowed values (raw values as stored). */
  values?: readonly string[];
  /**
   * Filter-only targets on the events of NetworkEvents: the key of the event objects the filter
   * matches (e.g. `Action`). Such fields are not columns (a flow holds a list of events).
   */
  eventKey?: 'Action' | 'Type' | 'Name' | 'Namespace';
}

const RECORD_TYPES = ['flowLog', 'newConnection', 'heartbeat', 'endConnection'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
export const recordTypes: readonly RecordType[] = RECORD_TYPES;

/** Fields that exist once per side, declared once and expanded into Src and Dst. */
interface SideTemplate {
  /** Suffix after the Src/Dst prefix, e.g. `K8S_Namespace` gives SrcK8S_Namespace and DstK8S_Namespace. */
  suffix: string;
  /** Prefix before Src/Dst, e.g. `Xlat` gives XlatSrcAddr. */
  prefix?: string;
  type: ValueType;
  display: Display;
  /** Title without the side word, e.g. "namespace" gives "Source namespace". */
  title: string;
  description: string;
  feature?: Feature;
  defaultLokiLabel?: boolean;
  filter?: FilterKind;
  defaultColumn?: boolean;
}

const sideTemplates: SideTemplate[] = [
  { suffix: 'K8S_Name', type: 'string', display: 'k8sName', title: 'name', description: 'Name of the Kubernetes object (pod, service or node) behind the {{side}} address', filter: 'text', defaultColumn: true },
  { suffix: 'K8S_Type', type: 'string', display: 'k8sKind', title: 'kind', description: 'Kind of the Kubernetes object behind the {{side}} address (Pod, Service, Node)', filter: 'enum', defaultLokiLabel: true },
  { suffix: 'K8S_Namespace', type: 'string', display: 'text', title: 'namespace', description: 'Namespace of the {{side}} Kubernetes object', filter: 'text', defaultLokiLabel: true, defaultColumn: true },
  { suffix: 'K8S_OwnerName', type: 'string', display: 'k8sName', title: 'owner', description: 'Name of the {{side}} workload owner (Deployment, StatefulSet, DaemonSet, Job)', filter: 'text', defaultLokiLabel: true },
  { suffix: 'K8S_OwnerType', type: 'string', display: 'k8sKind', title: 'owner kind', description: 'Kind of the {{side}} workload owner', filter: 'enum' },
  { suffix: 'K8S_HostIP', type: 'string', display: 'ip', title: 'node IP', description: 'IP of the node that runs the {{side}} pod', filter: 'ip' },
  { suffix: 'K8S_HostName', type: 'string', display: 'k8sName', title: 'node', description: 'Name of the node that runs the {{side}} pod', filter: 'text' },
  { suffix: 'K8S_Zone', type: 'string', display: 'text', title: 'zone', description: 'Availability zone of the {{side}} node', filter: 'text', feature: 'Zones' },
  { suffix: 'K8S_NetworkName', type: 'string', display: 'text', title: 'network name', description: 'Name of the {{side}} network (user-defined network or the default one)', filter: 'text', feature: 'UDNMapping' },
  { suffix: 'Addr', type: 'string', display: 'ip', title: 'IP', description: '{{Side}} IP address (IPv4 or IPv6)', filter: 'ip' },
  { suffix: 'Port', type: 'number', display: 'port', title: 'port', description: '{{Side}} TCP/UDP/SCTP port', filter: 'port', defaultColumn: true },
  { suffix: 'Mac', type: 'string', display: 'mac', title: 'MAC', description: '{{Side}} MAC address', filter: 'mac' },
  { prefix: 'Xlat', suffix: 'Addr', type: 'string', display: 'ip', title: 'translated IP', description: '{{Side}} IP address after NAT (packet translation, e.g. through a Service)', filter: 'ip', feature: 'PacketTranslation', defaultColumn: true },
  { prefix: 'Xlat', suffix: 'Port', type: 'number', display: 'port', title: 'translated port', description: '{{Side}} port after NAT (packet translation)', filter: 'port', feature: 'PacketTranslation' },
  { prefix: 'Xlat', suffix: 'K8S_Name', type: 'string', display: 'k8sName', title: 'translated name', description: 'Kubernetes object behind the translated {{side}} address', filter: 'text', feature: 'PacketTranslation' },
  { prefix: 'Xlat', suffix: 'K8S_Type', type: 'string', display: 'k8sKind', title: 'translated kind', description: 'Kind of the Kubernetes object behind the translated {{side}} address', filter: 'enum', feature: 'PacketTranslation' },
  { prefix: 'Xlat', suffix: 'K8S_Namespace', type: 'string', display: 'text', title: 'translated namespace', description: 'Namespace of the Kubernetes object behind the translated {{side}} address', filter: 'text', feature: 'PacketTranslation' },
];

const sides = [
  { tag: 'Src', word: 'source', group: 'source' as const },
  { tag: 'Dst', word: 'destination', group: 'destination' as const },
];

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function expandSides(): FieldDef[] {
  const defs: FieldDef[] = [];
  for (const side of sides) {
    const other = side.tag === 'Src' ? 'Dst' : 'Src';
    for (const t of sideTemplates) {
      const name = `${t.prefix ?? ''}${side.tag}${t.suffix}`;
      defs.push({
        name,
        type: t.type,
        display: t.display,
        title: `${capitalize(side.word)} ${t.title}`,
        description: t.description.replace('{{side}}', side.word).replace('{{Side}}', capitalize(side.word)),
        group: side.group,
        feature: t.feature,
        defaultLokiLabel: t.defaultLokiLabel,
        filter: t.filter,
        defaultColumn: t.defaultColumn,
        peer: `${t.prefix ?? ''}${other}${t.suffix}`,
      });
    }
  }
  return defs;
}

const commonFields: FieldDef[] = [
  { name: 'TimeFlowEndMs', type: 'number', display: 'timestampMs', title: 'End time', description: 'Time of the last packet of the flow (agent clock)', group: 'common', defaultColumn: true },
  { name: 'TimeFlowStartMs', type: 'number', display: 'timestampMs', title: 'Start time', description: 'Time of the first packet of the flow (agent clock)', group: 'common' },
  { name: 'TimeReceived', type: 'number', display: 'timestampS', title: 'Received time', description: 'Time the flow pipeline received the flow, in seconds since epoch', group: 'common' },
  { name: 'Proto', type: 'number', display: 'protocol', title: 'Protocol', description: 'L4 protocol (IANA number: 6 TCP, 17 UDP, 1 ICMP, 132 SCTP)', group: 'common', filter: 'protocol', defaultColumn: true },
  { name: 'Bytes', type: 'number', display: 'bytes', title: 'Bytes', description: 'Bytes observed in the flow, in the sampled packets', group: 'common', filter: 'number', defaultColumn: true },
  { name: 'Packets', type: 'number', display: 'packets', title: 'Packets', description: 'Packets observed in the flow (sampled)', group: 'common', filter: 'number', defaultColumn: true },
  { name: 'Flags', type: 'number', display: 'tcpFlags', title: 'TCP flags', description: 'Union of the TCP flags seen in the flow (SYN, ACK, FIN, RST...)', group: 'common', filter: 'number' },
  { name: 'FlowDirection', type: 'number', display: 'direction', title: 'Node direction', description: 'Direction of the flow as seen by the observing node: Ingress, Egress or Inner (within the node)', group: 'common', filter: 'enum', values: ['0', '1', '2'], defaultLokiLabel: true },
  { name: 'Interfaces', type: 'string[]', display: 'text', title: 'Interfaces', description: 'Network interfaces where the flow was observed', group: 'common', filter: 'text' },
  { name: 'IfDirections', type: 'number[]', display: 'interfaceDirections', title: 'Interface directions', description: 'Direction of the flow on each interface: Ingress or Egress', group: 'common' },
  { name: 'Dscp', type: 'number', display: 'dscp', title: 'DSCP', description: 'Differentiated Services Code Point of the packets (QoS class)', group: 'common', filter: 'number' },
  { name: 'Sampling', type: 'number', display: 'count', title: 'Sampling', description: 'Sampling ratio: 50 means one packet in 50 was observed', group: 'common', filter: 'number' },
  { name: 'AgentIP', type: 'string', display: 'ip', title: 'Agent IP', description: 'IP of the node whose agent observed the flow', group: 'common', filter: 'ip' },
  { name: 'K8S_FlowLayer', type: 'string', display: 'text', title: 'Flow layer', description: 'app for workload traffic, infra for traffic of the cluster infrastructure', group: 'common', filter: 'enum', values: ['app', 'infra'], defaultLokiLabel: true },
  { name: 'K8S_ClusterName', type: 'string', display: 'text', title: 'Cluster', description: 'Name of the cluster the flow was observed in', group: 'common', filter: 'text', feature: 'MultiCluster' },
  { name: '_RecordType', type: 'string', display: 'recordType', title: 'Record type', description: 'flowLog for a flow, or a conversation event: newConnection, heartbeat, endConnection', group: 'common', filter: 'enum', values: RECORD_TYPES, defaultLokiLabel: true },
  { name: '_HashId', type: 'string', display: 'text', title: 'Conversation ID', description: 'Identifier shared by the records of one conversation', group: 'common', filter: 'text' },
  { name: 'TimeFlowRttNs', type: 'number', display: 'durationNs', title: 'Flow RTT', description: 'TCP smoothed round-trip time of the flow', group: 'common', feature: 'FlowRTT', filter: 'number', defaultColumn: true },
  { name: 'DnsId', type: 'number', display: 'text', title: 'DNS ID', description: 'DNS request identifier', group: 'common', feature: 'DNSTracking', filter: 'number' },
  { name: 'DnsLatencyMs', type: 'number', display: 'durationMs', title: 'DNS latency', description: 'Time between the DNS request and its response', group: 'common', feature: 'DNSTracking', filter: 'number' },
  { name: 'DnsFlagsResponseCode', type: 'string', display: 'dnsRcode', title: 'DNS response code', description: 'DNS response code (NoError, NXDomain, ServFail...)', group: 'common', feature: 'DNSTracking', filter: 'enum', values: ['NoError', 'FormErr', 'ServFail', 'NXDomain', 'NotImp', 'Refused'] },
  { name: 'DnsErrno', type: 'number', display: 'dnsErrno', title: 'DNS error', description: 'Error number when the DNS tracker failed to read the packet', group: 'common', feature: 'DNSTracking', filter: 'number' },
  { name: 'PktDropBytes', type: 'number', display: 'bytes', title: 'Dropped bytes', description: 'Bytes dropped by the kernel in this flow', group: 'common', feature: 'PacketDrop', filter: 'number' },
  { name: 'PktDropPackets', type: 'number', display: 'packets', title: 'Dropped packets', description: 'Packets dropped by the kernel in this flow', group: 'common', feature: 'PacketDrop', filter: 'number' },
  { name: 'PktDropLatestDropCause', type: 'string', display: 'dropCause', title: 'Drop cause', description: 'Latest reason the kernel gave for dropping a packet of this flow', group: 'common', feature: 'PacketDrop', filter: 'enum', defaultColumn: true },
  { name: 'PktDropLatestState', type: 'string', display: 'dropState', title: 'Drop TCP state', description: 'TCP state of the connection when the latest packet was dropped', group: 'common', feature: 'PacketDrop', filter: 'enum' },
  { name: 'PktDropLatestFlags', type: 'number', display: 'tcpFlags', title: 'Drop TCP flags', description: 'TCP flags of the latest dropped packet', group: 'common', feature: 'PacketDrop', filter: 'number' },
  { name: 'ZoneId', type: 'number', display: 'text', title: 'Conntrack zone', description: 'Conntrack zone of the packet translation', group: 'common', feature: 'PacketTranslation', filter: 'number' },
  { name: 'NetworkEvents', type: 'object[]', display: 'networkEvents', title: 'Network events', description: 'What network policies, admin network policies, egress firewalls and UDN isolation did to the flow', group: 'common', feature: 'NetworkEvents', defaultColumn: true },
  { name: 'Udns', type: 'string[]', display: 'text', title: 'UDNs', description: 'User-defined networks of the interfaces that saw the flow', group: 'common', feature: 'UDNMapping', filter: 'text' },
  { name: 'IPSecStatus', type: 'string', display: 'ipsecStatus', title: 'IPsec status', description: 'Whether the flow was encrypted with IPsec, and how it ended', group: 'common', feature: 'IPSec', filter: 'enum', values: ['success', 'error'] },
];

/** Every field, in the order the column picker and the drawer present them. */
export const fields: readonly FieldDef[] = [
  commonFields[0],
  ...expandSides(),
  ...commonFields.slice(1),
];

const byName = new Map(fields.map((f) => [f.name, f]));

export function getField(name: string): FieldDef | undefined {
  return byName.get(name);
}

/**
 * Filter targets on network events (not in `fields`: they filter, they are not columns). A flow
 * matches when one of its events has the value; a negated filter, when none has it.
 */
export const networkEventFilterFields: readonly FieldDef[] = [
  { name: 'NetworkEventAction', eventKey: 'Action', type: 'string', display: 'text', title: 'Network event action', description: 'What a network event did to the flow: allow, drop, pass...', group: 'common', feature: 'NetworkEvents', filter: 'enum', values: ['allow', 'allow-related', 'allow-stateless', 'drop', 'pass', 'reject'] },
  { name: 'NetworkEventType', eventKey: 'Type', type: 'string', display: 'text', title: 'Network event policy kind', description: 'Kind of the policy behind a network event: NetworkPolicy, AdminNetworkPolicy, EgressFirewall...', group: 'common', feature: 'NetworkEvents', filter: 'text' },
  { name: 'NetworkEventName', eventKey: 'Name', type: 'string', display: 'text', title: 'Network event policy name', description: 'Name of the policy behind a network event', group: 'common', feature: 'NetworkEvents', filter: 'text' },
  { name: 'NetworkEventNamespace', eventKey: 'Namespace', type: 'string', display: 'text', title: 'Network event policy namespace', description: 'Namespace of the policy behind a network event', group: 'common', feature: 'NetworkEvents', filter: 'text' },
];

/** The stream labels Loki indexes in the default configuration; the server may be configured otherwise. */
export const defaultLokiLabels: readonly string[] = [
  'app',
  ...fields.filter((f) => f.defaultLokiLabel).map((f) => f.name),
];

export const defaultColumns: readonly string[] = fields.filter((f) => f.defaultColumn).map((f) => f.name);
