/**
 * The resource tab outside a console: the standalone shell has no resource pages, so it renders the
 * Network Traffic tab for the object named in a console-like URL (`/k8s/ns/<namespace>/<resource>/<name>/netflow`,
 * `/k8s/cluster/<resource>/<name>/netflow`), as the console would pass it to the tab.
 */
import { PageSection } from '@patternfly/react-core';
import { useParams } from 'react-router';
import { NetflowTrafficTabContent } from '../components/netflow-traffic-tab-content';
import { useConsoleServices } from '../console/services';

/** The console's URL segment (plural resource) of each kind that has a tab. */
const kindByResource: Readonly<Record<string, string>> = {
  namespaces: 'Namespace',
  nodes: 'Node',
  pods: 'Pod',
  services: 'Service',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  replicasets: 'ReplicaSet',
};

export function ResourceTabRoute() {
  const { ResourceLink } = useConsoleServices();
  const { namespace, resource = '', name } = useParams();
  // Unknown resources reach the tab with no kind: it says the traffic is not available.
  const kind = Object.hasOwn(kindByResource, resource) ? kindByResource[resource] : undefined;
  const obj = { kind, metadata: { name, namespace } };
  return (
    <>
      {kind && name && (
        <PageSection data-test="resource-heading">
          <ResourceLink kind={kind} name={name} namespace={namespace} />
        </PageSection>
      )}
      <NetflowTrafficTabContent obj={obj} />
    </>
  );
}
