/**
 * Network events (OVN ACL samples decoded by the agent) as sentences a person reads at a glance:
 * "Allowed by network policy api-access in namespace shop, direction Ingress".
 *
 * Events come from JSON lines, so nothing about their shape is trusted: missing fields are left out of
 * the sentence (never "undefined"), unknown types and features still show the action and every raw field.
 */
import { NetworkEvent } from './flow';

/** What the event did to the flow; drives the icon next to the sentence. */
export type EventVerdict = 'allowed' | 'dropped' | 'delegated' | 'rejected' | 'other';

/** A field's text when it holds something printable, else undefined. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function field(e: NetworkEvent, key: keyof NetworkEvent): string | undefined {
  return text((e as Record<string, unknown>)[key]);
}

const verdictByAction: Readonly<Record<string, EventVerdict>> = {
  allow: 'allowed',
  'allow-related': 'allowed',
  'allow-stateless': 'allowed',
  drop: 'dropped',
  pass: 'delegated',
  reject: 'rejected',
};

const verdictWords: Readonly<Record<Exclude<EventVerdict, 'other'>, string>> = {
  allowed: 'Allowed',
  dropped: 'Dropped',
  delegated: 'Delegated to network policy',
  rejected: 'Rejected',
};

export function eventVerdict(e: NetworkEvent): EventVerdict {
  const action = field(e, 'Action');
  return (action && verdictByAction[action.toLowerCase()]) || 'other';
}

function actionWords(e: NetworkEvent): string {
  const verdict = eventVerdict(e);
  if (verdict !== 'other') return verdictWords[verdict];
  const action = field(e, 'Action');
  return action ? `Action ${action}` : 'Unknown action';
}

/** "Ingress"/"Egress" whatever the case the agent sent; anything else as sent. */
function directionWord(raw: string): string {
  const lower = raw.toLowerCase();
  return lower === 'ingress' || lower === 'egress' ? lower.charAt(0).toUpperCase() + lower.slice(1) : raw;
}

/** Joins the present parts of a "what" phrase: "network policy X", "in namespace Y", "direction Z". */
function phrase(head: string, name?: string, namespace?: string, direction?: string): string {
  let s = name ? `${head} ${name}` : head;
  if (namespace) s += ` in namespace ${namespace}`;
  if (direction) s += `, direction ${directionWord(direction)}`;
  return s;
}

/** What took the action, by ACL type (DESIGN.md "Network events read as sentences"). */
function aclSubject(e: NetworkEvent): string | undefined {
  const name = field(e, 'Name');
  const ns = field(e, 'Namespace');
  const dir = field(e, 'Direction');
  switch (field(e, 'Type')) {
    case 'NetworkPolicy':
      return phrase('network policy', name, ns, dir);
    case 'NetpolNamespace':
      return phrase('network policies isolation', undefined, ns, dir);
    case 'NetpolNode':
      return phrase('default allow from local node policy', undefined, undefined, dir);
    case 'AdminNetworkPolicy':
      return phrase('admin network policy', name, undefined, dir);
    case 'BaselineAdminNetworkPolicy':
      return phrase('baseline admin network policy', name, undefined, dir);
    case 'EgressFirewall':
      return phrase('egress firewall', undefined, ns);
    case 'MulticastNS':
      return phrase('multicast', undefined, ns, dir);
    case 'MulticastCluster':
      return phrase('cluster multicast policy', undefined, undefined, dir);
    case 'UDNIsolation':
      return name ? `UDN isolation of type ${name}` : 'UDN isolation';
    default:
      return undefined;
  }
}

const rawOrder: readonly string[] = ['Feature', 'Type', 'Name', 'Namespace', 'Direction'];

/** Every printable field except the action and message, known ones first: "Type: X, Name: Y". */
function rawFields(e: NetworkEvent): string {
  const record = e as Record<string, unknown>;
  const keys = [...rawOrder, ...Object.keys(record).filter((k) => !rawOrder.includes(k) && k !== 'Action' && k !== 'Message')];
  return keys
    .map((k) => [k, text(record[k])] as const)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

function isAcl(e: NetworkEvent): boolean {
  const feature = field(e, 'Feature');
  return feature === undefined || feature.toLowerCase() === 'acl';
}

export function describeNetworkEvent(e: NetworkEvent): string {
  if (typeof e !== 'object' || e === null) return text(e) ?? '';
  const message = field(e, 'Message');
  if (message) return message;
  const subject = isAcl(e) ? aclSubject(e) : undefined;
  if (subject) return `${actionWords(e)} by ${subject}`;
  const raw = rawFields(e);
  const action = field(e, 'Action') ? actionWords(e) : 'Network event';
  return raw ? `${action} (${raw})` : action;
}

/** One sentence per event; a missing or malformed list gives none. */
export function describeNetworkEvents(events: NetworkEvent[] | undefined): string[] {
  if (!Array.isArray(events)) return [];
  return events.map(describeNetworkEvent).filter((s) => s !== '');
}
