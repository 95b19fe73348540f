/**
 * The values a filter field offers without asking the backend: enums (protocol, direction, drop cause,
 * DSCP, record type...) with a readable label, and well-known port names. Fields not listed here get
 * their suggestions from /api/values.
 */
import { dropCauses, tcpStates } from '../../model/drop-causes';
import { FieldDef } from '../../model/fields';
import { portNames, protocolNumbers, ResolvedTarget } from '../../model/filters';
import { directionName, dscpName, recordTypeName } from '../../model/format';

export interface ValueOption {
  /** The raw value as the filter grammar takes it. */
  value: string;
  /** What a person reads. */
  label: string;
}

const kinds = ['Pod', 'Service', 'Node'];
const ownerKinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Node'];
/** The DSCP classes in use (RFC 4594): best effort, class selectors, assured forwarding, expedited. */
const dscpValues = [0, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 46, 48, 56];

const same = (v: string): ValueOption => ({ value: v, label: v });
/** The kinds of policy OVN reports in network events. */
const policyKinds = ['NetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'EgressFirewall', 'UDNIsolation', 'MulticastNS', 'MulticastCluster'];

/** Options of a field whose values are a closed list, or undefined for open fields. */
export function closedOptions(field: FieldDef): ValueOption[] | undefined {
  switch (field.display) {
    case 'protocol':
      return Object.entries(protocolNumbers).map(([name, n]) => ({ value: name, label: `${name} (${n})` }));
    case 'direction':
      return ['0', '1', '2'].map((v) => ({ value: v, label: directionName(Number(v)) }));
    case 'dropCause':
      return Object.entries(dropCauses).map(([value, label]) => ({ value, label }));
    case 'dropState':
      return Object.entries(tcpStates).map(([value, label]) => ({ value, label }));
    case 'dscp':
      return dscpValues.map((n) => ({ value: String(n), label: `${dscpName(n)} (${n})` }));
    case 'recordType':
      return (field.values ?? []).map((v) => ({ value: v, label: recordTypeName(v) }));
    case 'k8sKind':
      return (field.name.includes('Owner') ? ownerKinds : kinds).map(same);
  }
  return field.filter === 'enum' && field.values ? field.values.map(same) : undefined;
}

/** Suggestions that complete what was typed without a backend call (port names), or undefined. */
export function localSuggestions(target: ResolvedTarget): ValueOption[] | undefined {
  if (target.fields[0].eventKey === 'Type') return policyKinds.map(same);
  if (target.kind === 'port') return Object.entries(portNames).map(([name, n]) => ({ value: name, label: `${name} (${n})` }));
  return undefined;
}

/** The readable label of a raw value, for chips. */
export function valueLabel(field: FieldDef, value: string): string {
  return closedOptions(field)?.find((o) => o.value === value)?.label ?? value;
}
