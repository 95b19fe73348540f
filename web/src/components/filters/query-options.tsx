/**
 * Query options. The flows table: how many flows, which record type, packet loss and dedup. Metric
 * views (overview, topology): where metrics come from.
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
  if (query.view !== 'table') {
    return (
      <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }} data-test="query-options">
        <FlexItem>
          <FormSelect
            value={query.dataSource}
            onChange={(_e, v) => onChange({ dataSource: v as DataSource })}
            aria-label={t('Metrics data source')}
            data-test="data-source"
          >
            {dataSources.map((d) => (
              <FormSelectOption key={d} value={d} label={dataSourceLabels[d]} />
            ))}
          </FormSelect>
        </FlexItem>
      </Flex>
    );
  }
  return (
    <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }} data-test="query-options">
      <FlexItem>
        <FormSelect value={String(query.limit)} onChange={(_e, v) => onChange({ limit: Number(v) })} aria-label={t('Limit')} data-test="limit">
          {limitChoices.map((n) => (
            <FormSelectOption key={n} value={String(n)} label={t('{{count}} flows', { count: n })} />
          ))}
        </FormSelect>
      </FlexItem>
      <FlexItem>
        <FormSelect
          value={query.recordType}
          onChange={(_e, v) => onChange({ recordType: v as RecordType })}
          aria-label={t('Record type')}
          data-test="record-type"
        >
          {recordTypes.map((r) => (
            <FormSelectOption key={r} value={r} label={recordTypeLabels[r]} />
          ))}
        </FormSelect>
      </FlexItem>
      <FlexItem>
        <FormSelect
          value={query.packetLoss}
          onChange={(_e, v) => onChange({ packetLoss: v as PacketLoss })}
          aria-label={t('Packet loss')}
          data-test="packet-loss"
        >
          {packetLossModes.map((m) => (
            <FormSelectOption key={m} value={m} label={packetLossLabels[m]} />
          ))}
        </FormSelect>
      </FlexItem>
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
