/**
 * The column picker: every available catalogue field, grouped Source / Destination / Common and
 * searchable, plus the chosen columns in order with up/down buttons. Nothing applies until "Save".
 */
import { useMemo, useState } from 'react';
import { Button, Checkbox, DataList, DataListAction, DataListCell, DataListItem, DataListItemCells, DataListItemRow, Flex, FlexItem, Modal, ModalBody, ModalFooter, ModalHeader, SearchInput, Title } from '@patternfly/react-core';
import { ArrowDownIcon, ArrowUpIcon } from '@patternfly/react-icons';
import { FieldDef, FieldGroup } from '../../model/fields';
import { usePluginTranslation } from '../i18n';
import { moveItem } from './column-selection';

interface ColumnPickerProps {
  isOpen: boolean;
  available: readonly FieldDef[];
  selected: readonly FieldDef[];
  defaults: readonly FieldDef[];
  onSave: (columns: FieldDef[]) => void;
  onClose: () => void;
}

const groupOrder: FieldGroup[] = ['source', 'destination', 'common'];

export function ColumnPicker({ isOpen, available, selected, defaults, onSave, onClose }: ColumnPickerProps) {
  const { t } = usePluginTranslation();
  const [draft, setDraft] = useState<FieldDef[]>([...selected]);
  const [search, setSearch] = useState('');
  const groupTitles: Record<FieldGroup, string> = { source: t('Source'), destination: t('Destination'), common: t('Common') };

  const matching = useMemo(() => {
    const s = search.trim().toLowerCase();
    return available.filter((f) => !s || t(f.title).toLowerCase().includes(s) || f.name.toLowerCase().includes(s) || t(f.description).toLowerCase().includes(s));
  }, [available, search, t]);

  const toggle = (f: FieldDef, on: boolean) => setDraft((d) => (on ? [...d, f] : d.filter((c) => c !== f)));

  return (
    <Modal
      isOpen={isOpen}
      onClose={onClose}
      variant="medium"
      aria-labelledby="column-picker-title"
      data-test="column-picker"
      onEscapePress={onClose}
    >
      <ModalHeader title={t('Manage columns')} labelId="column-picker-title" />
      <ModalBody>
        <Flex alignItems={{ default: 'alignItemsFlexStart' }} flexWrap={{ default: 'nowrap' }}>
          <FlexItem flex={{ default: 'flex_1' }}>
            <SearchInput
              placeholder={t('Search columns')}
              aria-label={t('Search columns')}
              value={search}
              onChange={(_e, v) => setSearch(v)}
              onClear={() => setSearch('')}
              data-test="column-search"
            />
            {groupOrder.map((g) => {
              const inGroup = matching.filter((f) => f.group === g);
              if (inGroup.length === 0) return null;
              return (
                <section key={g} data-test={`column-group-${g}`}>
                  <Title headingLevel="h3" size="md" className="netobserv-picker-group">
                    {groupTitles[g]}
                  </Title>
                  {inGroup.map((f) => (
                    <Checkbox
                      key={f.name}
                      id={`column-${f.name}`}
                      label={t(f.title)}
                      description={t(f.description)}
                      isChecked={draft.includes(f)}
                      onChange={(_e, on) => toggle(f, on)}
                      data-test={`column-option-${f.name}`}
                    />
                  ))}
                </section>
              );
            })}
          </FlexItem>
          <FlexItem flex={{ default: 'flex_1' }}>
            <Title headingLevel="h3" size="md">
              {t('Column order')}
            </Title>
            <DataList aria-label={t('Column order')} isCompact data-test="column-order">
              {draft.map((f, i) => (
                <DataListItem key={f.name} aria-labelledby={`order-${f.name}`} data-test={`column-order-${f.name}`}>
                  <DataListItemRow>
                    <DataListItemCells dataListCells={[<DataListCell key="title"><span id={`order-${f.name}`}>{t(f.title)}</span></DataListCell>]} />
                    <DataListAction aria-labelledby={`order-${f.name}`} id={`order-actions-${f.name}`} aria-label={t('Move')}>
                      <Button variant="plain" icon={<ArrowUpIcon />} aria-label={t('Move {{column}} up', { column: t(f.title) })} isDisabled={i === 0} onClick={() => setDraft((d) => moveItem(d, i, -1))} data-test={`move-up-${f.name}`} />
                      <Button variant="plain" icon={<ArrowDownIcon />} aria-label={t('Move {{column}} down', { column: t(f.title) })} isDisabled={i === draft.length - 1} onClick={() => setDraft((d) => moveItem(d, i, 1))} data-test={`move-down-${f.name}`} />
                    </DataListAction>
                  </DataListItemRow>
                </DataListItem>
              ))}
            </DataList>
          </FlexItem>
        </Flex>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" isDisabled={draft.length === 0} onClick={() => onSave(draft)} data-test="columns-save">
          {t('Save')}
        </Button>
        <Button variant="secondary" onClick={() => setDraft([...defaults])} data-test="columns-reset">
          {t('Restore default columns')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
