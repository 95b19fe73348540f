/** Loading, empty and error states of the flows table, and the "limit reached" notice. */
import { Alert, Bullseye, EmptyState, EmptyStateBody, List, ListItem, Spinner } from '@patternfly/react-core';
import { ExclamationCircleIcon, SearchIcon } from '@patternfly/react-icons';
import { usePluginTranslation } from './i18n';

export function FlowsLoading() {
  const { t } = usePluginTranslation();
  return (
    <Bullseye data-test="loading-state">
      <Spinner aria-label={t('Loading flows')} />
    </Bullseye>
  );
}

export function FlowsEmpty({ hasFilters }: { hasFilters: boolean }) {
  const { t } = usePluginTranslation();
  return (
    <EmptyState titleText={t('No flows found')} headingLevel="h2" icon={SearchIcon} data-test="empty-state">
      <EmptyStateBody>
        {t('No flow matches this query. You can:')}
        <List>
          <ListItem>{t('widen the time range')}</ListItem>
          {hasFilters && <ListItem>{t('remove a filter')}</ListItem>}
          <ListItem>{t('check that the flow collector sends flows to Loki')}</ListItem>
        </List>
      </EmptyStateBody>
    </EmptyState>
  );
}

export function FlowsError({ message }: { message: string }) {
  const { t } = usePluginTranslation();
  return (
    <EmptyState
      titleText={t('Unable to get flows')}
      headingLevel="h2"
      icon={ExclamationCircleIcon}
      status="danger"
      data-test="error-state"
    >
      <EmptyStateBody data-test="error-message">{message}</EmptyStateBody>
    </EmptyState>
  );
}

export function LimitReached({ limit }: { limit: number }) {
  const { t } = usePluginTranslation();
  return (
    <Alert
      isInline
      isPlain
      variant="info"
      title={t('Only the {{limit}} most recent flows are shown: narrow the time range or add filters to see the others.', { limit })}
      data-test="limit-reached"
    />
  );
}
