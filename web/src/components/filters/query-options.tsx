/**
 * Query options, each select with a visible label. The flows table: how many flows, which record type,
 * packet loss and dedup. Metric views (overview, topology): where metrics come from.
 */
import { Flex, FlexItem, FormSelect, FormSelectOption, Switch } from '@patternfly/react-core';
import { RecordType, recordTypes } from '../../model/fields';
import { limitChoices, PacketLoss, packetLossModes } from '../../model/query';
import { usePluginTranslation } from '../i18n';
import { DataSource, dataSources, UrlQuery } from '../use-url-query';

interface QueryOptionsProps {
  query: UrlQuery;
  onChange: (change: Partial<UrlQuery>) => void;
}

interface OptionSelectProps<T extends string> {
  name: string;
  label: string;
  value: T;
  choices: readonly T[];
  labelOf: (choice: T) => string;
  onChange: (value: T) => void;
}

function OptionSelect<T extends string>({ name, label, value, choices, labelOf, onChange }: OptionSelectProps<T>) {
  const id = `netobserv-option-${name}`;
  return (
    <FlexItem>
      <Flex spaceItems={{ default: 'spaceItemsXs' }} alignItems={{ default: 'alignItemsCenter' }} flexWrap={{ default: 'nowrap' }}>
        <label htmlFor={id} className="netobserv-option-label">
          {label}
        </label>
        <FormSelect id={id} value={value} onChange={(_e, v) => onChange(v as T)} data-test={name}>
          {choices.map((c) => (
            <FormSelectOption key={c} value={c} label={labelOf(c)} />
          ))}
        </FormSelect>
      </Flex>
    </FlexItem>
  );
}

export function QueryOptions({ query, onChange }: QueryOptionsProps) {
  const { t } = usePluginTranslation();
  const recordTypeLabels: Record<RecordType, string> = {
    flowLog: t('Flows'),
    newConnection: t('Connections started'),
    heartbeat: t('Connection heartbeats'),
    endConnection: t('Connections ended'),
  };
  const packetLossLabels: Record<PacketLoss, string> = {
    all: t('All flows'),
    dropped: t('Fully dropped'),
    hasDrops: t('With drops'),
    sent: t('Without drops'),
  };
  const dataSourceLabels: Record<DataSource, string> = { auto: t('Auto'), loki: t('Loki'), prom: t('Prometheus') };
  const flex = { spaceItems: { default: 'spaceItemsMd' }, alignItems: { default: 'alignItemsCenter' } } as const;
  if (query.view !== 'table') {
    return (
      <Flex {...flex} data-test="query-options">
        <OptionSelect
          name="data-source"
          label={t('Metrics from')}
          value={query.dataSource}
          choices={dataSources}
          labelOf={(d) => dataSourceLabels[d]}
          onChange={(dataSource) => onChange({ dataSource })}
        />
      </Flex>
    );
  }
  return (
    <Flex {...flex} data-test="query-options">
      <OptionSelect
        name="limit"
        label={t('Limit')}
        value={String(query.limit)}
        choices={limitChoices.map(String)}
        labelOf={(n) => t('{{count}} flows', { count: Number(n) })}
        onChange={(n) => onChange({ limit: Number(n) })}
      />
      <OptionSelect
        name="record-type"
        label={t('Records')}
        value={query.recordType}
        choices={recordTypes}
        labelOf={(r) => recordTypeLabels[r]}
        onChange={(recordType) => onChange({ recordType })}
      />
      <OptionSelect
        name="packet-loss"
        label={t('Packet loss')}
        value={query.packetLoss}
        choices={packetLossModes}
        labelOf={(m) => packetLossLabels[m]}
        onChange={(packetLoss) => onChange({ packetLoss })}
      />
      <FlexItem>
        <Switch
          id="netobserv-dedup"
          label={t('Deduplicate')}
          isChecked={query.dedup}
          onChange={(_e, checked) => onChange({ dedup: checked })}
          data-test="dedup"
        />
      </FlexItem>
    </Flex>
  );
}
