/** The words of the Overview: panel titles and scope names (literal keys, so the locale test sees them). */
import { MetricScope } from '../../model/metrics';
import { PanelId } from './panel-defs';
import { Translate } from '../i18n';

export function panelTitle(id: PanelId, top: number, t: Translate): string {
  switch (id) {
    case 'topRates':
      return t('Top {{top}} average rates', { top });
    case 'latestRates':
      return t('Top {{top}} latest rates', { top });
    case 'totalRate':
      return t('Total rate');
    case 'droppedRates':
      return t('Top {{top}} dropped rates', { top });
    case 'dropCauses':
      return t('Drops by cause');
    case 'dropStates':
      return t('Drops by TCP state');
    case 'rttTop':
      return t('Top {{top}} round-trip times', { top });
    case 'rttPercentiles':
      return t('Round-trip time, p90 and p99');
    case 'dnsLatencyTop':
      return t('Top {{top}} DNS latencies', { top });
    case 'dnsRcodes':
      return t('DNS response codes');
    case 'eventsByAction':
      return t('Network events by action');
    case 'eventsByPolicy':
      return t('Network events by policy');
    case 'ipsecFlows':
      return t('IPsec flows by status');
  }
}

export function scopeTitle(scope: MetricScope, t: Translate): string {
  switch (scope) {
    case 'cluster':
      return t('Cluster');
    case 'zone':
      return t('Zone');
    case 'host':
      return t('Node');
    case 'namespace':
      return t('Namespace');
    case 'owner':
      return t('Owner');
    case 'resource':
      return t('Resource');
    case 'udn':
      return t('Network');
  }
}
