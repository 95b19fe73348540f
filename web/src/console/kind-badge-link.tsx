/** ResourceLink of the standalone shell: there is no console to link to, so a kind badge and the name. */
import { Label } from '@patternfly/react-core';
import { kindAbbreviation } from './k8s-kinds';
import { ResourceLinkProps } from './services';

export function KindBadgeLink({ kind, name, namespace }: ResourceLinkProps) {
  return (
    <span className="netobserv-resource-link" title={namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`}>
      <Label isCompact color="blue" className="netobserv-kind-badge">
        {kindAbbreviation(kind)}
      </Label>{' '}
      {name}
    </span>
  );
}
