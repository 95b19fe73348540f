/** Group/version of the kinds a flow can name (SrcK8S_Type, SrcK8S_OwnerType...), for console links. */
export interface GroupVersionKind {
  group?: string;
  version: string;
  kind: string;
}

const groupVersions: Readonly<Record<string, { group?: string; version: string }>> = {
  Pod: { version: 'v1' },
  Service: { version: 'v1' },
  Node: { version: 'v1' },
  Namespace: { version: 'v1' },
  Deployment: { group: 'apps', version: 'v1' },
  StatefulSet: { group: 'apps', version: 'v1' },
  DaemonSet: { group: 'apps', version: 'v1' },
  ReplicaSet: { group: 'apps', version: 'v1' },
  Job: { group: 'batch', version: 'v1' },
  CronJob: { group: 'batch', version: 'v1' },
};

/** undefined for kinds the console may not know (e.g. an owner kind of a custom resource). */
export function groupVersionKind(kind: string): GroupVersionKind | undefined {
  const gv = groupVersions[kind];
  return gv ? { ...gv, kind } : undefined;
}

const abbreviations: Readonly<Record<string, string>> = { Namespace: 'NS' };

/** The console's badge text: the capitals of the kind (Pod P, StatefulSet SS), NS for Namespace. */
export function kindAbbreviation(kind: string): string {
  return abbreviations[kind] ?? (kind.replace(/[^A-Z]/g, '') || kind.slice(0, 1).toUpperCase());
}
