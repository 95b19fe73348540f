/**
 * A flow record as the eBPF agent writes it to Loki (one JSON line per flow). Every key is a field of
 * the catalogue (fields.ts); all are optional because features and enrichment vary per cluster.
 */

/** One network event as decoded from an OVN ACL sample, or a ready message. */
export interface NetworkEvent {
  Feature?: string;
  Type?: string;
  Action?: string;
  Name?: string;
  Namespace?: string;
  Direction?: string;
  Message?: string;
}

export interface Flow {
  TimeFlowStartMs?: number;
  TimeFlowEndMs?: number;
  TimeReceived?: number;
  SrcAddr?: string;
  DstAddr?: string;
  SrcPort?: number;
  DstPort?: number;
  SrcMac?: string;
  DstMac?: string;
  Proto?: number;
  Bytes?: number;
  Packets?: number;
  Flags?: number;
  FlowDirection?: number;
  Interfaces?: string[];
  IfDirections?: number[];
  Dscp?: number;
  Sampling?: number;
  AgentIP?: string;
  SrcK8S_Name?: string;
  SrcK8S_Type?: string;
  SrcK8S_Namespace?: string;
  SrcK8S_OwnerName?: string;
  SrcK8S_OwnerType?: string;
  SrcK8S_HostIP?: string;
  SrcK8S_HostName?: string;
  SrcK8S_Zone?: string;
  SrcK8S_NetworkName?: string;
  DstK8S_Name?: string;
  DstK8S_Type?: string;
  DstK8S_Namespace?: string;
  DstK8S_OwnerName?: string;
  DstK8S_OwnerType?: string;
  DstK8S_HostIP?: string;
  DstK8S_HostName?: string;
  DstK8S_Zone?: string;
  DstK8S_NetworkName?: string;
  K8S_ClusterName?: string;
  K8S_FlowLayer?: 'app' | 'infra';
  _RecordType?: string;
  _HashId?: string;
  TimeFlowRttNs?: number;
  DnsId?: number;
  DnsLatencyMs?: number;
  DnsFlagsResponseCode?: string;
  DnsErrno?: number;
  PktDropBytes?: number;
  PktDropPackets?: number;
  PktDropLatestDropCause?: string;
  PktDropLatestState?: string;
  PktDropLatestFlags?: number;
  XlatSrcAddr?: string;
  XlatDstAddr?: string;
  XlatSrcPort?: number;
  XlatDstPort?: number;
  XlatSrcK8S_Name?: string;
  XlatSrcK8S_Type?: string;
  XlatSrcK8S_Namespace?: string;
  XlatDstK8S_Name?: string;
  XlatDstK8S_Type?: string;
  XlatDstK8S_Namespace?: string;
  ZoneId?: number;
  NetworkEvents?: NetworkEvent[];
  Udns?: string[];
  IPSecStatus?: string;
}

/** A flow as the backend returns it: the Loki stream labels, the parsed line and Loki's timestamp. */
export interface FlowRecord {
  /** Stable identity of the record (stream labels + timestamp + line), used as React key and for dedup. */
  key: string;
  /** Loki entry timestamp, nanoseconds since epoch, as a decimal string (as Loki sends it). */
  timestampNs: string;
  labels: Record<string, string>;
  fields: Flow;
}

/** Statistics of a flows query, shown as "limit reached" notices and in benchmarks. */
export interface QueryStats {
  numQueries: number;
  limitReached: boolean;
  durationMs: number;
}

export interface FlowsResponse {
  records: FlowRecord[];
  stats: QueryStats;
}

/** Every backend error body. */
export interface ApiError {
  error: string;
}
