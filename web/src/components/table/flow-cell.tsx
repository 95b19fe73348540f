/**
 * One table cell: Kubernetes names become resource links with a kind badge, network events sentences,
 * drop causes words (raw kernel reason in a tooltip); everything else the catalogue's formatting.
 */
import { Tooltip } from '@patternfly/react-core';
import { useConsoleServices } from '../../console/services';
import { FieldDef } from '../../model/fields';
import { Flow, NetworkEvent } from '../../model/flow';
import { formatFieldValue, xlatText } from '../../model/format';
import { usePluginTranslation } from '../i18n';
import { NetworkEventsCell } from './network-events-cell';
import { rttWarningThresholdNs } from './rtt-threshold';

type FlowValues = Readonly<Record<string, unknown>>;

/** The kind of the object a name field designates, read from its sibling field in the same flow. */
function kindOf(field: FieldDef, flow: FlowValues): string | undefined {
  const m = /^(.*)K8S_(Name|OwnerName|HostName|Namespace)$/.exec(field.name);
  if (!m) return undefined;
  const [, prefix, what] = m;
  const kindField = { Name: `${prefix}K8S_Type`, OwnerName: `${prefix}K8S_OwnerType` }[what as 'Name' | 'OwnerName'];
  if (kindField) {
    const kind = flow[kindField];
    return typeof kind === 'string' && kind !== '' ? kind : undefined;
  }
  return what === 'HostName' ? 'Node' : 'Namespace';
}

function isNetworkEvents(value: unknown): value is NetworkEvent[] {
  return Array.isArray(value) && value.every((e) => typeof e === 'object' && e !== null);
}

function RttValue({ field, ns }: { field: FieldDef; ns: number }) {
  const { t } = usePluginTranslation();
  const text = formatFieldValue(field, ns);
  if (ns <= rttWarningThresholdNs) return <>{text}</>;
  return (
    <Tooltip content={t('Above {{threshold}}', { threshold: formatFieldValue(field, rttWarningThresholdNs) })}>
      <span tabIndex={0} className="netobserv-rtt-high" data-test="rtt-high">
        {text}
      </span>
    </Tooltip>
  );
}

export function FlowCell({ field, flow }: { field: FieldDef; flow: Flow }) {
  const { ResourceLink } = useConsoleServices();
  const values = flow as FlowValues;
  const value = values[field.name];
  if (value === undefined || value === null || value === '') return null;

  if (field.display === 'networkEvents' && isNetworkEvents(value)) return <NetworkEventsCell events={value} />;

  if (field.name === 'TimeFlowRttNs' && typeof value === 'number') return <RttValue field={field} ns={value} />;

  // The translated address reads with its port and Kubernetes object: "10.128.0.12:8080 (pod shop/api)".
  if (field.name === 'XlatSrcAddr' || field.name === 'XlatDstAddr') return <>{xlatText(flow, field.name === 'XlatSrcAddr' ? 'Src' : 'Dst')}</>;

  if (field.display === 'dropCause' && typeof value === 'string') {
    return (
      <Tooltip content={value}>
        <span tabIndex={0}>{formatFieldValue(field, value)}</span>
      </Tooltip>
    );
  }

  const kind = typeof value === 'string' ? kindOf(field, values) : undefined;
  if (kind) {
    // A pod's namespace is on the flow; nodes and namespaces themselves are cluster-scoped.
    const namespace = kind === 'Node' || kind === 'Namespace' ? undefined : (values[field.name.replace(/(Name|OwnerName)$/, 'Namespace')] as string | undefined);
    return <ResourceLink kind={kind} name={value as string} namespace={namespace} />;
  }

  return <>{formatFieldValue(field, value)}</>;
}
