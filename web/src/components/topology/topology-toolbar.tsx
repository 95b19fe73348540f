/** The topology's options: scope, groups, metric, function, layout, top N, and node search. */
import { useState } from 'react';
import {
  Flex, FlexItem, FormSelect, FormSelectOption, MenuToggle, SearchInput, Select, SelectList, SelectOption, Spinner, Tooltip,
} from '@patternfly/react-core';
import { MetricDataSource, MetricFunction, MetricScope, MetricType, metricScopes, metricTypeDefs, metricTypes } from '../../model/metrics';
import { usePluginTranslation } from '../i18n';
import { groupChoices, TopologyLayout, TopologyOptions, topChoices, topologyLayouts } from './topology-options';
import { TopologyTitles } from './topology-titles';
import { UpdateTopology } from './use-topology-options';

interface TopologyToolbarProps {
  options: TopologyOptions;
  titles: TopologyTitles;
  search: string;
  /** How many nodes match the search; undefined without a search. */
  matches?: number;
  onSearch: (text: string) => void;
  onSearchNext: () => void;
  onChange: UpdateTopology;
  loading: boolean;
  graphSize?: { nodes: number; edges: number };
  dataSource?: { source: MetricDataSource; reason: string };
}

function GroupsSelect({ options, titles, onChange }: Pick<TopologyToolbarProps, 'options' | 'titles' | 'onChange'>) {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  const allowed = groupChoices[options.scope];
  const label = options.groups.length > 0 ? options.groups.map((g) => titles.scopes[g]).join(' › ') : t('No groups');
  const toggle = (g: MetricScope) => {
    const set = new Set(options.groups);
    if (set.has(g)) set.delete(g);
    else set.add(g);
    onChange({ groups: allowed.filter((a) => set.has(a)) });
  };
  return (
    <Select
      role="menu"
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={(_e, value) => toggle(value as MetricScope)}
      toggle={(ref) => (
        <MenuToggle ref={ref} onClick={() => setOpen(!open)} isExpanded={open} isDisabled={allowed.length === 0} aria-label={t('Groups')} data-test="topology-groups">
          {label}
        </MenuToggle>
      )}
    >
      <SelectList>
        {allowed.map((g) => (
          <SelectOption key={g} value={g} hasCheckbox isSelected={options.groups.includes(g)} data-test={`topology-group-${g}`}>
            {titles.scopes[g]}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
}

export function TopologyToolbar(props: TopologyToolbarProps) {
  const { t } = usePluginTranslation();
  const { options, titles, onChange, search, matches, graphSize, dataSource } = props;
  const sourceTitles: Record<MetricDataSource, string> = { loki: t('Loki'), prom: t('Prometheus') };
  return (
    <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }} className="netobserv-topology__toolbar" data-test="topology-toolbar">
      <FlexItem>
        <FormSelect value={options.scope} onChange={(_e, v) => onChange({ scope: v as MetricScope, selected: undefined })} aria-label={t('Scope')} data-test="topology-scope">
          {metricScopes.map((s) => (
            <FormSelectOption key={s} value={s} label={titles.scopes[s]} />
          ))}
        </FormSelect>
      </FlexItem>
      <FlexItem>
        <GroupsSelect options={options} titles={titles} onChange={onChange} />
      </FlexItem>
      <FlexItem>
        <FormSelect value={options.type} onChange={(_e, v) => onChange({ type: v as MetricType })} aria-label={t('Metric')} data-test="topology-type">
          {metricTypes.map((m) => (
            <FormSelectOption key={m} value={m} label={titles.types[m]} />
          ))}
        </FormSelect>
      </FlexItem>
      <FlexItem>
        <FormSelect value={options.fn} onChange={(_e, v) => onChange({ fn: v as MetricFunction })} aria-label={t('Function')} data-test="topology-fn">
          {metricTypeDefs[options.type].functions.map((f) => (
            <FormSelectOption key={f} value={f} label={titles.functions[f]} />
          ))}
        </FormSelect>
      </FlexItem>
      <FlexItem>
        <FormSelect value={String(options.top)} onChange={(_e, v) => onChange({ top: Number(v) })} aria-label={t('Largest paths shown')} data-test="topology-top">
          {topChoices.map((n) => (
            <FormSelectOption key={n} value={String(n)} label={t('Top {{limit}}', { limit: n })} />
          ))}
        </FormSelect>
      </FlexItem>
      <FlexItem>
        <FormSelect value={options.layout} onChange={(_e, v) => onChange({ layout: v as TopologyLayout })} aria-label={t('Layout')} data-test="topology-layout">
          {topologyLayouts.map((l) => (
            <FormSelectOption key={l} value={l} label={titles.layouts[l]} />
          ))}
        </FormSelect>
      </FlexItem>
      <FlexItem>
        <SearchInput
          value={search}
          onChange={(_e, v) => props.onSearch(v)}
          onSearch={() => props.onSearchNext()}
          onClear={() => props.onSearch('')}
          placeholder={t('Find a node')}
          aria-label={t('Find a node')}
          resultsCount={matches}
          data-test="topology-search"
        />
      </FlexItem>
      <FlexItem align={{ default: 'alignRight' }}>
        {props.loading && <Spinner size="md" aria-label={t('Loading the topology')} />}{' '}
        {graphSize && (
          <span className="netobserv-topology__size" data-test="topology-size">
            {t('{{nodes}} nodes, {{edges}} edges', graphSize)}
          </span>
        )}{' '}
        {dataSource && (
          <Tooltip content={dataSource.reason}>
            <span className="netobserv-topology__source" tabIndex={0} data-test="topology-data-source">
              {t('from {{source}}', { source: sourceTitles[dataSource.source] })}
            </span>
          </Tooltip>
        )}
      </FlexItem>
    </Flex>
  );
}
