/**
 * The Network Traffic page body, shared by the console page, the resource tabs and the standalone
 * shell: toolbar (time range, options, refresh, filters) above the views (tabs): the traffic flows
 * table and the metric views, which all show the same filters and time range.
 */
import './netflow-traffic.css';
import { ReactNode, useEffect, useMemo, useState } from 'react';
import { Alert, PageSection, Tab, Tabs, TabTitleText, Title } from '@patternfly/react-core';
import { Filter, FilterError, parseFilters, serializeFilters } from '../model/filters';
import { FlowQuery } from '../model/query';
import { defaultFiltersText, defaultQuickFilters } from '../model/quick-filters';
import { tableColumns } from './columns';
import { FlowsEmpty, FlowsError, FlowsLoading, LimitReached } from './flows-states';
import { FlowsToolbar } from './flows-toolbar';
import { usePluginTranslation } from './i18n';
import { OverviewView } from './overview/overview-view';
import { FlowsView } from './table/flows-view';
import { TopologyView } from './topology/topology-view';
import { useAsync } from './use-async';
import { useBackendApi } from './use-backend-api';
import { timeWindow, useUrlQuery, ViewId, viewIds } from './use-url-query';
import { MetricViewProps } from './views/metric-view-props';

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

/** A metric view of the page (the flows table is the other kind). */
interface MetricViewDef {
  id: Exclude<ViewId, 'table'>;
  title: string;
  render: (props: MetricViewProps) => ReactNode;
}

const tabsId = 'netobserv-views';
const viewPanelId = 'netobserv-view-panel';

/** One empty list, so that the default does not change identity (and re-run the query) on every render. */
const noFilters: readonly Filter[] = [];

export function NetflowTraffic({ fixedFilters = noFilters, showTitle = true }: NetflowTrafficProps) {
  const { t } = usePluginTranslation();
  const api = useBackendApi();
  const [urlQuery, updateUrlQuery, urlWarnings] = useUrlQuery();
  const [refreshCount, setRefreshCount] = useState(0);
  // The query behind the rows shown, which the CSV export repeats.
  const [shownQuery, setShownQuery] = useState<FlowQuery>();
  const config = useAsync((signal) => api.getFrontendConfig(signal), [api]);
  const columns = useMemo(() => tableColumns(config?.status === 'done' ? config.value : undefined), [config]);
  // The backend's configuration holds the quick filters (an empty list hides them); the model's defaults
  // apply only until it answers, or when it says nothing.
  const configQuickFilters = config?.status === 'done' ? config.value.quickFilters : undefined;
  const quickFilters = configQuickFilters ?? defaultQuickFilters;
  // Without `filters` in the address, the page starts from the configured default quick filters. They
  // are written into the address first (in place of the entry without them), so that links and the views
  // that read the address see them; queries wait until then.
  const configKnown = config?.status === 'done' || config?.status === 'error';
  const filtersText = urlQuery.filtersInUrl ? urlQuery.filtersText : defaultFiltersText(configQuickFilters ?? []);
  const ready = urlQuery.filtersInUrl || (configKnown && filtersText === '');
  const parsed = useMemo(() => parse(filtersText), [filtersText]);
  useEffect(() => {
    if (!urlQuery.filtersInUrl && configKnown && filtersText !== '') updateUrlQuery({ filtersText }, { replace: true });
  }, [urlQuery.filtersInUrl, configKnown, filtersText, updateUrlQuery]);

  useEffect(() => {
    if (urlQuery.refreshSeconds === 0) return undefined;
    const timer = setInterval(() => setRefreshCount((n) => n + 1), urlQuery.refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [urlQuery.refreshSeconds]);

  const metricViews: MetricViewDef[] = [
    { id: 'overview', title: t('Overview'), render: (props) => <OverviewView {...props} /> },
    { id: 'topology', title: t('Topology'), render: (props) => <TopologyView {...props} /> },
  ];
  const tabs = viewIds
    .map((id) => (id === 'table' ? { id, title: t('Traffic flows') } : metricViews.find((v) => v.id === id)))
    .filter((tab) => tab !== undefined);
  // A link to a view this build does not have shows the table.
  const activeMetricView = metricViews.find((v) => v.id === urlQuery.view);
  const view: ViewId = activeMetricView ? activeMetricView.id : 'table';
  const allFilters = useMemo(() => (parsed.filters && ready ? [...fixedFilters, ...parsed.filters] : undefined), [fixedFilters, parsed, ready]);
  const timeRange = useMemo(
    () => ({ rangeSeconds: urlQuery.rangeSeconds, customRange: urlQuery.customRange }),
    [urlQuery.rangeSeconds, urlQuery.customRange],
  );

  const flows = useAsync(
    allFilters && view === 'table'
      ? (signal) => {
          const window = timeWindow(urlQuery);
          const query: FlowQuery = {
            filters: allFilters,
            match: urlQuery.match,
            startTime: window.start,
            endTime: window.end,
            limit: urlQuery.limit,
            recordType: urlQuery.recordType,
            dedup: urlQuery.dedup,
            packetLoss: urlQuery.packetLoss,
          };
          setShownQuery(query);
          return api.getFlows(query, signal);
        }
      : undefined,
    [api, allFilters, view, urlQuery, refreshCount],
  );

  const addFilter = (f: Filter) => parsed.filters && updateUrlQuery({ filtersText: serializeFilters([...parsed.filters, f]) });

  const metricView = (def: MetricViewDef) =>
    allFilters &&
    def.render({
      filters: allFilters,
      match: urlQuery.match,
      timeRange,
      dataSource: urlQuery.dataSource,
      refreshCount,
      onAddFilter: addFilter,
      onOpenView: (next, extra = []) =>
        parsed.filters && updateUrlQuery({ view: next, filtersText: serializeFilters([...parsed.filters, ...extra]) }),
      onTimeRange: (customRange) => updateUrlQuery({ customRange }),
    });

  const tableContent = () => {
    if (!ready) return <FlowsLoading />;
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
          onAddFilter={addFilter}
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
          query={{ ...urlQuery, view, filtersText }}
          filters={parsed.filters}
          filtersError={parsed.error}
          quickFilters={quickFilters}
          loading={flows?.status === 'loading'}
          onChange={updateUrlQuery}
          onRefresh={() => setRefreshCount((n) => n + 1)}
        />
        {tabs.length > 1 && (
          <Tabs id={tabsId} activeKey={view} onSelect={(_e, key) => updateUrlQuery({ view: key as ViewId })} aria-label={t('Views')} data-test="view-tabs">
            {tabs.map((tab) => (
              <Tab key={tab.id} eventKey={tab.id} tabContentId={viewPanelId} title={<TabTitleText>{tab.title}</TabTitleText>} data-test={`view-tab-${tab.id}`} />
            ))}
          </Tabs>
        )}
        {/* The tabs' panel lives outside <Tabs>: the tabs point at it (aria-controls), it names its tab. */}
        <div id={viewPanelId} role={tabs.length > 1 ? 'tabpanel' : undefined} aria-labelledby={tabs.length > 1 ? `pf-tab-${view}-${tabsId}` : undefined}>
          {activeMetricView ? metricView(activeMetricView) : tableContent()}
        </div>
      </PageSection>
    </>
  );
}
