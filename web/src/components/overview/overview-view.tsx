/**
 * The Overview tab: the shape of the traffic at a glance (top talkers, totals, drops and their causes,
 * latencies, DNS answers, network policy verdicts), each panel leading into the table or the topology.
 * Its options (scope, bytes or packets, top N, panels) live in the URL; the chosen panels are also
 * remembered in this browser for links that do not choose them.
 */
import './overview.css';
import { useState } from 'react';
import { Alert, Button, FormSelect, FormSelectOption, ToggleGroup, ToggleGroupItem, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { MetricScope } from '../../model/metrics';
import { usePluginTranslation } from '../i18n';
import { useStoredText } from '../table/use-stored-state';
import { MetricViewProps } from '../views/metric-view-props';
import { ManagePanels } from './manage-panels';
import { overviewScopes, parsePanelList, topChoices, TrafficType, useOverviewOptions } from './overview-options';
import { OverviewPanel } from './overview-panel';
import { defaultPanelIds, PanelId, panelDefs } from './panel-defs';
import { scopeTitle } from './panel-texts';

export const panelsStorageKey = 'netobserv-plugin/overview-panels';

export function OverviewView(props: MetricViewProps) {
  const { t } = usePluginTranslation();
  const [options, setOptions, warnings] = useOverviewOptions();
  const [stored, setStored] = useStoredText(panelsStorageKey);
  const [managing, setManaging] = useState(false);
  const panels: readonly PanelId[] = options.panels ?? (stored !== null ? parsePanelList(stored) : undefined) ?? defaultPanelIds;

  const savePanels = (chosen: PanelId[]) => {
    setStored(chosen.join(','));
    setOptions({ panels: chosen });
    setManaging(false);
  };

  return (
    <div className="netobserv-ov" data-test="overview">
      {warnings.length > 0 && (
        <Alert isInline variant="warning" title={t('Some Overview options of the address were ignored; their defaults apply')} data-test="overview-url-warning">
          {warnings.map((w) => t('{{param}}: "{{value}}" is not valid', { param: w.param, value: w.value })).join('; ')}
        </Alert>
      )}
      <Toolbar className="netobserv-ov__toolbar" data-test="overview-toolbar">
        <ToolbarContent>
          <ToolbarItem>
            <label className="netobserv-ov__control">
              <span>{t('Scope')}</span>
              <FormSelect className="netobserv-ov__scope" value={options.scope} onChange={(_e, v) => setOptions({ scope: v as MetricScope })} aria-label={t('Scope')} data-test="overview-scope">
                {overviewScopes.map((s) => (
                  <FormSelectOption key={s} value={s} label={scopeTitle(s, t)} />
                ))}
              </FormSelect>
            </label>
          </ToolbarItem>
          <ToolbarItem>
            <ToggleGroup aria-label={t('Traffic measured in')} data-test="overview-type">
              {(['bytes', 'packets'] as const).map((type: TrafficType) => (
                <ToggleGroupItem
                  key={type}
                  text={type === 'bytes' ? t('Bytes') : t('Packets')}
                  buttonId={`netobserv-ov-type-${type}`}
                  isSelected={options.type === type}
                  onChange={() => setOptions({ type })}
                />
              ))}
            </ToggleGroup>
          </ToolbarItem>
          <ToolbarItem>
            <label className="netobserv-ov__control">
              <span>{t('Top')}</span>
              <FormSelect value={options.top} onChange={(_e, v) => setOptions({ top: Number(v) })} aria-label={t('Number of series')} data-test="overview-top">
                {topChoices.map((n) => (
                  <FormSelectOption key={n} value={n} label={String(n)} />
                ))}
              </FormSelect>
            </label>
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="secondary" onClick={() => setManaging(true)} data-test="overview-manage">
              {t('Manage panels')}
            </Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <div className="netobserv-ov__grid">
        {panels.map((id) => (
          <OverviewPanel key={id} def={panelDefs[id]} options={options} view={props} />
        ))}
      </div>
      {managing && <ManagePanels shown={panels} top={options.top} onSave={savePanels} onClose={() => setManaging(false)} />}
    </div>
  );
}
