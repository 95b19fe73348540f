/**
 * The filters that pre-filter a resource tab on its object: flows from or to it (side-less targets
 * match the source or the destination).
 */
import { Filter } from '../model/filters';

export interface ResourceRef {
  kind?: string;
  name?: string;
  namespace?: string;
}

export function resourceFilters({ kind, name, namespace }: ResourceRef): Filter[] | undefined {
  if (!name) return undefined;
  const inNamespace: Filter[] = namespace ? [{ target: 'K8S_Namespace', op: '=', values: [namespace] }] : [];
  switch (kind) {
    case 'Namespace':
      return [{ target: 'K8S_Namespace', op: '=', values: [name] }];
    case 'Node':
      return [{ target: 'K8S_HostName', op: '=', values: [name] }];
    case 'Pod':
    case 'Service':
      return [...inNamespace, { target: 'K8S_Name', op: '=', values: [name] }];
    case 'Deployment':
      return [...inNamespace, { target: 'K8S_OwnerName', op: '=', values: [name] }];
    default:
      return undefined;
  }
}
