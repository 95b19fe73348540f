/** The topology's words, translated: scopes, metric types, functions, layouts and node kinds. */
import { MetricFunction, MetricScope, MetricType } from '../../model/metrics';
import { usePluginTranslation } from '../i18n';
import { TopologyLayout } from './topology-options';
import { NodeKind } from './topology-model';

export interface TopologyTitles {
  scopes: Record<MetricScope, string>;
  types: Record<MetricType, string>;
  functions: Record<MetricFunction, string>;
  layouts: Record<TopologyLayout, string>;
  kinds: Record<NodeKind, string>;
}

export function useTopologyTitles(): TopologyTitles {
  const { t } = usePluginTranslation();
  return {
    scopes: {
      cluster: t('Cluster'), zone: t('Zone'), host: t('Node'), namespace: t('Namespace'), owner: t('Owner'), resource: t('Resource'), udn: t('Network'),
    },
    types: {
      bytes: t('Bytes'), packets: t('Packets'), droppedBytes: t('Dropped bytes'), droppedPackets: t('Dropped packets'), rtt: t('Round-trip time'),
      dnsLatency: t('DNS latency'), networkEvents: t('Network events'), flows: t('Flows'),
    },
    functions: { rate: t('Rate'), sum: t('Total'), avg: t('Average'), max: t('Maximum'), p90: t('P90'), p99: t('P99'), last: t('Latest') },
    layouts: { cola: t('Cola'), dagre: t('Dagre'), force: t('Force'), grid: t('Grid'), concentric: t('Concentric') },
    kinds: {
      cluster: t('Cluster'), zone: t('Zone'), host: t('Node'), namespace: t('Namespace'), network: t('Network'), deployment: t('Deployment'),
      statefulset: t('StatefulSet'), daemonset: t('DaemonSet'), replicaset: t('ReplicaSet'), job: t('Job'), cronjob: t('CronJob'), pod: t('Pod'),
      service: t('Service'), owner: t('Owner'), external: t('External address'), unknown: t('Unknown'),
    },
  };
}
