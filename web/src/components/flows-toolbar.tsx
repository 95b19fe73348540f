/** Time range, limit, refresh and the filters text of the Network Traffic page. */
import { Button, FormSelect, FormSelectOption, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { SyncAltIcon } from '@patternfly/react-icons';
import { limitChoices } from '../model/query';
import { FilterInput } from './filter-input';
import { usePluginTranslation } from './i18n';
import { timeRangeChoices } from './time-ranges';
import { UrlQuery } from './use-url-query';

interface FlowsToolbarProps {
  query: UrlQuery;
  filtersError?: string;
  loading: boolean;
  onChange: (change: Partial<UrlQuery>) => void;
  onRefresh: () => void;
}

export function FlowsToolbar({ query, filtersError, loading, onChange, onRefresh }: FlowsToolbarProps) {
  const { t } = usePluginTranslation();
  const rangeLabels: Record<number, string> = {
    [5 * 60]: t('Last 5 minutes'),
    [15 * 60]: t('Last 15 minutes'),
    [60 * 60]: t('Last 1 hour'),
    [6 * 60 * 60]: t('Last 6 hours'),
    [24 * 60 * 60]: t('Last 1 day'),
  };
  return (
    <Toolbar data-test="flows-toolbar">
      <ToolbarContent>
        <ToolbarItem>
          <FormSelect
            value={String(query.rangeSeconds)}
            onChange={(_e, v) => onChange({ rangeSeconds: Number(v) })}
            aria-label={t('Time range')}
            data-test="time-range"
          >
            {timeRangeChoices.map((s) => (
              <FormSelectOption key={s} value={String(s)} label={rangeLabels[s]} />
            ))}
          </FormSelect>
        </ToolbarItem>
        <ToolbarItem>
          <FormSelect
            value={String(query.limit)}
            onChange={(_e, v) => onChange({ limit: Number(v) })}
            aria-label={t('Limit')}
            data-test="limit"
          >
            {limitChoices.map((n) => (
              <FormSelectOption key={n} value={String(n)} label={t('{{count}} flows', { count: n })} />
            ))}
          </FormSelect>
        </ToolbarItem>
        <ToolbarItem>
          <Button
            variant="plain"
            onClick={onRefresh}
            isDisabled={loading}
            aria-label={t('Refresh')}
            icon={<SyncAltIcon />}
            data-test="refresh"
          />
        </ToolbarItem>
        <ToolbarItem style={{ flexGrow: 1, minWidth: '20rem' }}>
          <FilterInput
            value={query.filtersText}
            appliedError={filtersError}
            onApply={(filtersText) => onChange({ filtersText })}
          />
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
}
