/**
 * One Overview panel: its own request(s), chart and legend, loading, empty and error states (a failing
 * panel never hides the others), which data source answered, and a menu opening the same flows in the
 * table or the topology.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  Bullseye,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Dropdown,
  DropdownItem,
  DropdownList,
  Label,
  MenuToggle,
  Spinner,
  Tooltip,
} from '@patternfly/react-core';
import { EllipsisVIcon } from '@patternfly/react-icons';
import { Filter } from '../../model/filters';
import { metricTypeDefs } from '../../model/metrics';
import { Translate, usePluginTranslation } from '../i18n';
import { formatMetricValue } from '../metric-value';
import { MetricViewProps } from '../views/metric-view-props';
import { MetricChart } from './metric-chart';
import { OverviewOptions } from './overview-options';
import { ChartSeries, PanelAnswerSource, toPanelData, unitTitle } from './panel-data';
import { PanelDef } from './panel-defs';
import { panelTitle, scopeTitle } from './panel-texts';
import { seriesColor } from './series-colors';
import { usePanelData } from './use-panel-data';

export interface OverviewPanelProps {
  def: PanelDef;
  options: Pick<OverviewOptions, 'scope' | 'type' | 'top'>;
  view: MetricViewProps;
}

function SourceLabel({ sources, t }: { sources: readonly PanelAnswerSource[]; t: Translate }) {
  const names = [...new Set(sources.map((s) => (s.dataSource === 'prom' ? t('Prometheus') : t('Loki'))))];
  const reasons = [...new Set(sources.map((s) => s.reason).filter((r) => r !== ''))];
  return (
    <Tooltip content={reasons.join('; ') || t('No reason given')}>
      <Label isCompact color="grey" tabIndex={0} data-test="panel-source">
        {names.join(' + ')}
      </Label>
    </Tooltip>
  );
}

function PanelMenu({ title, onOpen }: { title: string; onOpen: (view: 'table' | 'topology') => void }) {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      popperProps={{ position: 'right' }}
      toggle={(ref) => (
        <MenuToggle ref={ref} variant="plain" isExpanded={open} onClick={() => setOpen(!open)} aria-label={t('Actions of {{panel}}', { panel: title })} data-test="panel-menu">
          <EllipsisVIcon />
        </MenuToggle>
      )}
    >
      <DropdownList>
        <DropdownItem onClick={() => onOpen('table')} data-test="panel-show-table">
          {t('Show in the table')}
        </DropdownItem>
        <DropdownItem onClick={() => onOpen('topology')} data-test="panel-show-topology">
          {t('Show in the topology')}
        </DropdownItem>
      </DropdownList>
    </Dropdown>
  );
}

function Legend({ series, format, onSelect }: { series: readonly ChartSeries[]; format: (v: number) => string; onSelect: (s: ChartSeries) => void }) {
  const { t } = usePluginTranslation();
  return (
    <ul className="netobserv-ov-legend" aria-label={t('Legend')}>
      {series.map((s, i) => (
        <li key={s.key}>
          <button
            type="button"
            className="netobserv-ov-legend__entry"
            disabled={s.filters.length === 0}
            onClick={() => onSelect(s)}
            title={s.filters.length > 0 ? t('Add a filter on {{name}}', { name: s.name }) : undefined}
            data-test="legend-entry"
          >
            <span className="netobserv-ov-legend__swatch" style={{ background: seriesColor(i) }} aria-hidden />
            <span className="netobserv-ov-legend__name">{s.name}</span>
            <span className="netobserv-ov-legend__value">{format(s.figure)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function OverviewPanel({ def, options, view }: OverviewPanelProps) {
  const { t } = usePluginTranslation();
  const { requests, state } = usePanelData(def, options, view);
  const title = panelTitle(def.id, options.top, t);
  const unit = metricTypeDefs[requests[0].type].unit;
  const scoped = requests.some((r) => r.scope === options.scope && r.scope !== 'cluster' && !r.breakdown);
  const subtitle = scoped ? t('{{unit}}, by {{scope}}', { unit: unitTitle(unit, t), scope: scopeTitle(options.scope, t).toLowerCase() }) : unitTitle(unit, t);
  const responses = state?.status === 'done' ? state.value : state?.status === 'loading' ? state.previous : undefined;
  const data = useMemo(() => responses && toPanelData(def, requests, responses, t), [def, requests, responses, t]);
  const select = (s: ChartSeries) => s.filters.forEach((f: Filter) => view.onAddFilter(f));
  const format = (v: number) => formatMetricValue(v, data?.unit ?? unit, 'rate', t);

  let body;
  if (state?.status === 'error') {
    body = (
      <Alert isInline isPlain variant="danger" title={t('Unable to load this panel')} data-test="panel-error">
        {state.error.message}
      </Alert>
    );
  } else if (!data) {
    body = (
      <Bullseye className="netobserv-ov-panel__state" data-test="panel-loading">
        <Spinner size="lg" aria-label={t('Loading {{panel}}', { panel: title })} />
      </Bullseye>
    );
  } else if (data.series.length === 0) {
    body = (
      <Bullseye className="netobserv-ov-panel__state" data-test="panel-empty">
        {t('No data for this time range and these filters')}
      </Bullseye>
    );
  } else {
    body = (
      <>
        <MetricChart kind={def.chart} title={title} series={data.series} unit={data.unit} onSelect={select} />
        <Legend series={data.series} format={format} onSelect={select} />
      </>
    );
  }

  return (
    <Card isCompact className="netobserv-ov-panel" data-test={`panel-${def.id}`} aria-busy={state?.status === 'loading'}>
      <CardHeader
        actions={{
          actions: (
            <>
              {data && <SourceLabel sources={data.sources} t={t} />}
              <PanelMenu title={title} onOpen={(next) => view.onOpenView(next, def.flowsFilters)} />
            </>
          ),
          hasNoOffset: true,
        }}
      >
        <CardTitle component="h3">{title}</CardTitle>
        <div className="netobserv-ov-panel__subtitle">{subtitle}</div>
      </CardHeader>
      <CardBody>{body}</CardBody>
    </Card>
  );
}
