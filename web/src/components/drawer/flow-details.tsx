/**
 * The details drawer of one flow: every field the record has, by section, each filterable value with a
 * "filter on this" action; the network events explained one by one; the raw JSON with a copy button.
 */
import { useState } from 'react';
import {
  Button,
  CodeBlock,
  CodeBlockAction,
  CodeBlockCode,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  DrawerActions,
  DrawerCloseButton,
  DrawerHead,
  DrawerPanelBody,
  DrawerPanelContent,
  ExpandableSection,
  Title,
} from '@patternfly/react-core';
import { CheckIcon, CopyIcon, FilterIcon } from '@patternfly/react-icons';
import { Filter } from '../../model/filters';
import { FlowRecord } from '../../model/flow';
import { usePluginTranslation } from '../i18n';
import { FlowCell } from '../table/flow-cell';
import { NetworkEventsList } from '../table/network-events-cell';
import { detailSections, SectionId } from './detail-sections';
import { filterOnValue } from './filter-on-value';

interface FlowDetailsProps {
  record: FlowRecord;
  onClose: () => void;
  onAddFilter?: (filter: Filter) => void;
}

export function FlowDetails({ record, onClose, onAddFilter }: FlowDetailsProps) {
  const { t } = usePluginTranslation();
  const [copied, setCopied] = useState(false);
  const json = JSON.stringify(record.fields, null, 2);
  const values = record.fields as Record<string, unknown>;
  const sectionTitles: Record<SectionId, string> = {
    source: t('Source'),
    destination: t('Destination'),
    flow: t('Flow'),
    NetworkEvents: t('Network events'),
    PacketDrop: t('Packet drops'),
    FlowRTT: t('Round-trip time'),
    DNSTracking: t('DNS'),
    PacketTranslation: t('Packet translation'),
    UDNMapping: t('User-defined networks'),
    IPSec: t('IPsec'),
    Zones: t('Zones'),
    MultiCluster: t('Cluster'),
  };

  const copy = () => {
    void navigator.clipboard?.writeText(json).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    });
  };

  return (
    <DrawerPanelContent widths={{ default: 'width_33' }} isResizable minSize="24rem" data-test="flow-details">
      <DrawerHead>
        <Title headingLevel="h2">{t('Flow details')}</Title>
        <DrawerActions>
          <DrawerCloseButton onClick={onClose} data-test="flow-details-close" />
        </DrawerActions>
      </DrawerHead>
      <DrawerPanelBody>
        {detailSections(record.fields).map((s) => (
          <section key={s.id} data-test={`details-section-${s.id}`} className="netobserv-details-section">
            <Title headingLevel="h3" size="md">
              {sectionTitles[s.id]}
            </Title>
            {s.id === 'NetworkEvents' && Array.isArray(record.fields.NetworkEvents) ? (
              <div data-test="details-network-events">
                <NetworkEventsList events={record.fields.NetworkEvents} />
              </div>
            ) : (
              <DescriptionList isCompact isHorizontal>
                {s.fields.map((f) => {
                  const filter = onAddFilter ? filterOnValue(f, values[f.name]) : undefined;
                  return (
                    <DescriptionListGroup key={f.name} data-test={`details-${f.name}`}>
                      <DescriptionListTerm>{t(f.title)}</DescriptionListTerm>
                      <DescriptionListDescription>
                        <FlowCell field={f} flow={record.fields} />
                        {filter && onAddFilter && (
                          <Button
                            variant="plain"
                            size="sm"
                            icon={<FilterIcon />}
                            aria-label={t('Filter on {{field}}', { field: t(f.title) })}
                            onClick={() => onAddFilter(filter)}
                            data-test={`filter-on-${f.name}`}
                          />
                        )}
                      </DescriptionListDescription>
                    </DescriptionListGroup>
                  );
                })}
              </DescriptionList>
            )}
          </section>
        ))}
        <ExpandableSection toggleText={t('Raw JSON')} data-test="details-json">
          <CodeBlock
            actions={
              <CodeBlockAction>
                <Button variant="plain" icon={copied ? <CheckIcon /> : <CopyIcon />} aria-label={copied ? t('Copied') : t('Copy the JSON')} onClick={copy} data-test="copy-json" />
              </CodeBlockAction>
            }
          >
            <CodeBlockCode id="flow-json">{json}</CodeBlockCode>
          </CodeBlock>
        </ExpandableSection>
      </DrawerPanelBody>
    </DrawerPanelContent>
  );
}
