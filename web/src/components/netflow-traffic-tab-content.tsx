/**
 * The body of the "Network Traffic" resource tab: the flows from or to the page's object. Free of the
 * console SDK, so the standalone shell renders it too (the exposed module wraps it with the console).
 */
import { useMemo } from 'react';
import { Alert, PageSection } from '@patternfly/react-core';
import { usePluginTranslation } from './i18n';
import { NetflowTraffic } from './netflow-traffic';
import { resourceFilters } from './resource-filters';

/** The part of the console's tab props we read (PageComponentProps.obj). */
export interface NetflowTrafficTabProps {
  obj?: { kind?: string; metadata?: { name?: string; namespace?: string } };
}

/** The object's filters stay out of the filter box: the user narrows further, but cannot lift the tab's scope. */
export function NetflowTrafficTabContent({ obj }: NetflowTrafficTabProps) {
  const { t } = usePluginTranslation();
  const kind = obj?.kind;
  const name = obj?.metadata?.name;
  const namespace = obj?.metadata?.namespace;
  const filters = useMemo(() => resourceFilters({ kind, name, namespace }), [kind, name, namespace]);
  if (!filters) {
    return (
      <PageSection>
        <Alert isInline variant="warning" title={t('Network traffic is not available for this resource')} data-test="tab-unsupported" />
      </PageSection>
    );
  }
  return <NetflowTraffic fixedFilters={filters} showTitle={false} />;
}
