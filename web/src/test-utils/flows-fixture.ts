/** A FlowsResponse as the backend returns it, covering names, ports, drops, translation and network events. */
import { FlowsResponse } from '../model/flow';

export const flowsFixture: FlowsResponse = {
  records: [
    {
      key: 'r1',
      timestampNs: '1763890000000000000',
      labels: { app: 'netobserv-flowcollector', SrcK8S_Namespace: 'iperf', DstK8S_Namespace: 'iperf' },
      fields: {
        TimeFlowEndMs: 1763890000000,
        SrcK8S_Name: 'iperf-client-7d9c',
        SrcK8S_Type: 'Pod',
        SrcK8S_Namespace: 'iperf',
        SrcPort: 40322,
        DstK8S_Name: 'iperf-server',
        DstK8S_Type: 'Service',
        DstK8S_Namespace: 'iperf',
        DstPort: 5201,
        XlatDstAddr: '10.128.2.14',
        Proto: 6,
        Bytes: 123456,
        Packets: 97,
        TimeFlowRttNs: 1500000,
        NetworkEvents: [
          { Feature: 'acl', Type: 'NetworkPolicy', Action: 'allow', Name: 'iperf-server-access-egress', Namespace: 'iperf', Direction: 'Egress' },
          { Feature: 'acl', Type: 'NetpolNamespace', Action: 'drop', Namespace: 'iperf', Direction: 'Ingress' },
        ],
      },
    },
    {
      key: 'r2',
      timestampNs: '1763889990000000000',
      labels: { app: 'netobserv-flowcollector' },
      fields: {
        TimeFlowEndMs: 1763889990000,
        SrcK8S_Name: 'worker-1',
        SrcK8S_Type: 'Node',
        DstK8S_Name: 'api-7f8b',
        DstK8S_Type: 'Pod',
        DstK8S_Namespace: 'openshift-apiserver',
        DstPort: 6443,
        Proto: 6,
        Bytes: 2048,
        Packets: 4,
        PktDropLatestDropCause: 'SKB_DROP_REASON_TCP_RESET',
      },
    },
  ],
  stats: { numQueries: 1, limitReached: false, durationMs: 42 },
};
