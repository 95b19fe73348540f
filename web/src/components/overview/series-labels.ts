/**
 * What a series is called on a chart and which filters select its flows. Scope labels read as a person
 * names things ("shop/frontend" for an owner, the node name for a host); breakdown labels read in words
 * (drop causes, TCP states, "Dropped by network policy deny-all in namespace shop").
 */
import { dropCauseText, tcpStateText } from '../../model/drop-causes';
import { Filter, FilterError, validateFilter } from '../../model/filters';
import { MetricBreakdown, MetricScope, MetricSeries, breakdownDefs, scopeDefs } from '../../model/metrics';
import { describeNetworkEvent } from '../../model/network-events';
import { Translate } from '../i18n';

/** The suffix of each field of a side, e.g. SrcK8S_Namespace -> K8S_Namespace. */
function bySuffix(labels: Record<string, string>, fieldNames: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fieldNames) out[name.replace(/^(Src|Dst)/, '')] = labels[name] ?? '';
  return out;
}

const joinNs = (ns: string, name: string) => (ns && name ? `${ns}/${name}` : name || ns);

/** One side of a series, by scope; empty when the flows carry no such label (e.g. traffic from outside). */
function sideName(scope: MetricScope, labels: Record<string, string>, fieldNames: readonly string[]): string {
  const v = bySuffix(labels, fieldNames);
  switch (scope) {
    case 'cluster':
      return v.K8S_ClusterName;
    case 'zone':
      return v.K8S_Zone;
    case 'host':
      return v.K8S_HostName;
    case 'namespace':
      return v.K8S_Namespace;
    case 'udn':
      return v.K8S_NetworkName;
    case 'owner':
      return joinNs(v.K8S_Namespace, v.K8S_OwnerName);
    case 'resource':
      return joinNs(v.K8S_Namespace, v.K8S_Name) || v.Addr;
  }
}

/** What a side without the scope's label is (traffic of nodes, host-network pods, outside the cluster). */
function noneName(scope: MetricScope, t: Translate): string {
  switch (scope) {
    case 'namespace':
      return t('(no namespace)');
    case 'owner':
      return t('(no owner)');
    case 'host':
      return t('(no node)');
    case 'zone':
      return t('(no zone)');
    case 'udn':
      return t('(no network)');
    case 'cluster':
    case 'resource':
      return t('(unknown)');
  }
}

/** "shop → payments", or one name for scopes without a destination side (cluster). */
export function scopeName(scope: MetricScope, series: MetricSeries, t: Translate): string {
  const def = scopeDefs[scope];
  const none = noneName(scope, t);
  const src = sideName(scope, series.source, def.source) || none;
  if (def.destination.length === 0) return src;
  const dst = sideName(scope, series.destination, def.destination) || none;
  return `${src} → ${dst}`;
}

export function breakdownName(breakdown: MetricBreakdown, labels: Record<string, string>, t: Translate): string {
  switch (breakdown) {
    case 'dropCause':
      return labels.PktDropLatestDropCause ? dropCauseText(labels.PktDropLatestDropCause) : t('No drop cause');
    case 'dropState':
      return labels.PktDropLatestState ? tcpStateText(labels.PktDropLatestState) : t('No TCP state');
    case 'dnsRcode':
      return labels.DnsFlagsResponseCode || t('No response code');
    case 'eventAction':
    case 'eventPolicy': {
      const event = {
        Feature: 'acl',
        Type: labels.NetworkEventType || undefined,
        Action: labels.NetworkEventAction || undefined,
        Name: labels.NetworkEventName || undefined,
        Namespace: labels.NetworkEventNamespace || undefined,
      };
      return event.Type || event.Action ? describeNetworkEvent(event) : t('No network event');
    }
    case 'ipsecStatus':
      if (labels.IPSecStatus === 'success') return t('Encrypted');
      if (labels.IPSecStatus === 'error') return t('Encryption failed');
      return labels.IPSecStatus || t('No IPsec status');
  }
}

/** Filters made of labels that are valid filter values (an empty label selects nothing, so it is skipped). */
function labelFilters(labels: Record<string, string>, fieldNames: readonly string[]): Filter[] {
  const out: Filter[] = [];
  for (const target of fieldNames) {
    const value = labels[target];
    if (!value) continue;
    const filter: Filter = { target, op: '=', values: [value] };
    try {
      validateFilter(filter);
      out.push(filter);
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
    }
  }
  return out;
}

/**
 * The filters selecting a series' flows: its breakdown labels when it has some (a cause, a policy),
 * else its scope labels (source and destination sides).
 */
export function seriesFilters(scope: MetricScope, series: MetricSeries, breakdown?: MetricBreakdown): Filter[] {
  if (breakdown && series.breakdown) return labelFilters(series.breakdown, breakdownDefs[breakdown].fields);
  const def = scopeDefs[scope];
  return [...labelFilters(series.source, def.source), ...labelFilters(series.destination, def.destination)];
}
