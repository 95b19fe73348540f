/**
 * The filters that pre-filter a resource tab on its object: flows from or to it. Side-less targets
 * (K8S_Name...) match the source or the destination; each filter is checked on its own, so the
 * namespace and the name may come from different ends of a flow: the kind filter (K8S_Type or
 * K8S_OwnerType) keeps that rare overlap to objects of the same kind, name and namespace.
 *
 * What matches, by kind:
 *  - Namespace: flows with an end in that namespace;
 *  - Pod, Service: flows with that object as an end;
 *  - Deployment, StatefulSet, DaemonSet: flows of the pods the workload owns (the agent names the
 *    top-level owner, e.g. the Deployment, never its ReplicaSet);
 *  - ReplicaSet: flows of its pods, by their generated names `<replicaset>-<5 characters>`, so a
 *    Deployment's ReplicaSet shows that revision only;
 *  - Node: flows of the pods scheduled on that node, host-network pods and the node's own addresses
 *    (the agent sets K8S_HostName for all of them).
 */
import { Filter } from '../model/filters';

export interface ResourceRef {
  kind?: string;
  name?: string;
  namespace?: string;
}

/** The kinds that have a Network Traffic tab (console-extensions.json). */
export const tabKinds = ['Namespace', 'Pod', 'Service', 'Node', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] as const;

const eq = (target: string, value: string): Filter => ({ target, op: '=', values: [value] });

/** RE2 pattern matching `text` literally (Kubernetes names hold [a-z0-9.-]: the dot is the one to escape). */
function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function resourceFilters({ kind, name, namespace }: ResourceRef): Filter[] | undefined {
  if (!name) return undefined;
  switch (kind) {
    case 'Namespace':
      return [eq('K8S_Namespace', name)];
    case 'Node':
      return [eq('K8S_HostName', name)];
    case 'Pod':
    case 'Service':
      if (!namespace) return undefined;
      return [eq('K8S_Namespace', namespace), eq('K8S_Type', kind), eq('K8S_Name', name)];
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      if (!namespace) return undefined;
      return [eq('K8S_Namespace', namespace), eq('K8S_OwnerType', kind), eq('K8S_OwnerName', name)];
    case 'ReplicaSet':
      if (!namespace) return undefined;
      return [
        eq('K8S_Namespace', namespace),
        eq('K8S_Type', 'Pod'),
        { target: 'K8S_Name', op: '=~', values: [`${literalPattern(name)}-[a-z0-9]{5}`] },
      ];
    default:
      return undefined;
  }
}
