/**
 * The Network Traffic page body, shared by the console page, the resource tabs and the standalone
 * shell: toolbar (time range, limit, refresh, filters) above the traffic flows table.
 */
import './netflow-traffic.css';
import { useEffect, useMemo, useState } from 'react';
import { Alert, PageSection, Title } from '@patternfly/react-core';
import { Filter, FilterError, parseFilters, serializeFilters } from '../model/filters';
import { FlowQuery } from '../model/query';
import { defaultQuickFilters } from '../model/quick-filters';
import { tableColumns } from './columns';
import { FlowsEmpty, FlowsError, FlowsLoading, LimitReached } from './flows-states';
import { FlowsToolbar } from './flows-toolbar';
import { usePluginTranslation } from './i18n';
import { FlowsView } from './table/flows-view';
import { useAsync } from './use-async';
import { useBackendApi } from './use-backend-api';
import { useUrlQuery } from './use-url-query';

export interface NetflowTrafficProps {
  /** Filters the view always applies (a resource tab's object), on top of the user's; keep it memoized. */
  fixedFilters?: readonly Filter[];
  /** False inside a resource tab, where the console already shows a title. */
  showTitle?: boolean;
}

type ParsedFilters = { filters: Filter[]; error?: undefined } | { filters?: undefined; error: string };

function parse(text: string): ParsedFilters {
  try {
    return { filters: parseFilters(text) };
  } catch (e) {
    return { error: e instanceof FilterError ? e.message : String(e) };
  }
}

/** One empty list, so that the default does not change identity (and re-run the query) on every render. */
const noFilters: readonly Filter[] = [];

export function NetflowTraffic({ fixedFilters = noFilters, showTitle = true }: NetflowTrafficProps) {
  const { t } = usePluginTranslation();
  const api = useBackendApi();
  const [urlQuery, updateUrlQuery, urlWarnings] = useUrlQuery();
  const [refreshCount, setRefreshCount] = useState(0);
  // The query behind the rows shown, which the CSV export repeats.
  const [shownQuery, setShownQuery] = useState<FlowQuery>();
  const parsed = useMemo(() => parse(urlQuery.filtersText), [urlQuery.filtersText]);

  const config = useAsync((signal) => api.getFrontendConfig(signal), [api]);
  const columns = useMemo(() => tableColumns(config?.status === 'done' ? config.value : undefined), [config]);
  // The backend's configuration may list its own quick filters; until it does, the defaults apply.
  const configQuickFilters = config?.status === 'done' ? config.value.quickFilters : undefined;
  const quickFilters = configQuickFilters?.length ? configQuickFilters.map((q) => ({ name: q.name, filter: q.filter })) : defaultQuickFilters;

  useEffect(() => {
    if (urlQuery.refreshSeconds === 0) return undefined;
    const timer = setInterval(() => setRefreshCount((n) => n + 1), urlQuery.refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [urlQuery.refreshSeconds]);

  const flows = useAsync(
    parsed.filters
      ? (signal) => {
          const now = Date.now() / 1000;
          const query: FlowQuery = {
            filters: [...fixedFilters, ...parsed.filters],
            match: urlQuery.match,
            startTime: urlQuery.customRange?.start ?? now - urlQuery.rangeSeconds,
            endTime: urlQuery.customRange?.end ?? now,
            limit: urlQuery.limit,
            recordType: urlQuery.recordType,
            dedup: urlQuery.dedup,
            packetLoss: urlQuery.packetLoss,
          };
          setShownQuery(query);
          return api.getFlows(query, signal);
        }
      : undefined,
    [api, parsed, fixedFilters, urlQuery, refreshCount],
  );

  const content = () => {
    if (!flows) return null; // filters do not parse: the toolbar says why
    if (flows.status === 'error') return <FlowsError message={flows.error.message} />;
    const response = flows.status === 'done' ? flows.value : flows.previous;
    if (!response) return <FlowsLoading />;
    if (response.records.length === 0) {
      return flows.status === 'loading' ? <FlowsLoading /> : <FlowsEmpty hasFilters={(parsed.filters?.length ?? 0) > 0} />;
    }
    return (
      <>
        {response.stats.limitReached && <LimitReached limit={urlQuery.limit} />}
        <FlowsView
          defaultColumns={columns}
          features={config?.status === 'done' ? config.value.features : undefined}
          records={response.records}
          query={shownQuery}
          onAddFilter={(f) => parsed.filters && updateUrlQuery({ filtersText: serializeFilters([...parsed.filters, f]) })}
          onTimeRange={(customRange) => updateUrlQuery({ customRange })}
        />
      </>
    );
  };

  return (
    <>
      {showTitle && (
        <PageSection>
          <Title headingLevel="h1" data-test="page-title">
            {t('Network Traffic')}
          </Title>
        </PageSection>
      )}
      <PageSection isFilled>
        {config?.status === 'error' && (
          <Alert isInline variant="warning" title={t('Could not load the configuration; showing the default columns')}>
            {config.error.message}
          </Alert>
        )}
        {urlWarnings.length > 0 && (
          <Alert isInline variant="warning" title={t('Some parameters of the address were ignored; their defaults apply')} data-test="url-warning">
            {urlWarnings.map((w) => t('{{param}}: "{{value}}" is not valid', { param: w.param, value: w.value })).join('; ')}
          </Alert>
        )}
        <FlowsToolbar
          query={urlQuery}
          filters={parsed.filters}
          filtersError={parsed.error}
          quickFilters={quickFilters}
          loading={flows?.status === 'loading'}
          onChange={updateUrlQuery}
          onRefresh={() => setRefreshCount((n) => n + 1)}
        />
        {content()}
      </PageSection>
    </>
  );
}
