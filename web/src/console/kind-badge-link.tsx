/** ResourceLink of the standalone shell: there is no console to link to, so a kind badge and the name. */
import '@patternfly/react-styles/css/components/Label/label.css';
import { kindAbbreviation } from './k8s-kinds';
import { ResourceLinkProps } from './services';

/**
 * The markup of PatternFly's compact blue Label, without the component: a Label measures its text after
 * every mount to decide on a truncation tooltip, which forces a page layout per badge, and the flows
 * table shows several badges per row. A one- or two-letter kind never needs that tooltip.
 */
export function KindBadgeLink({ kind, name, namespace }: ResourceLinkProps) {
  return (
    <span className="netobserv-resource-link" title={namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`}>
      <span className="pf-v6-c-label pf-m-blue pf-m-filled pf-m-compact netobserv-kind-badge">
        <span className="pf-v6-c-label__content">
          <span className="pf-v6-c-label__text">{kindAbbreviation(kind)}</span>
        </span>
      </span>{' '}
      {name}
    </span>
  );
}
