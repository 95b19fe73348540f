/** "Manage panels": choose which panels the Overview shows and in which order. */
import { useState } from 'react';
import { Button, Checkbox, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { ArrowDownIcon, ArrowUpIcon } from '@patternfly/react-icons';
import { usePluginTranslation } from '../i18n';
import { moveItem } from '../table/column-selection';
import { defaultPanelIds, PanelId, panelIds } from './panel-defs';
import { panelTitle } from './panel-texts';

export interface ManagePanelsProps {
  shown: readonly PanelId[];
  top: number;
  onSave: (panels: PanelId[]) => void;
  onClose: () => void;
}

interface Entry {
  id: PanelId;
  on: boolean;
}

/** The shown panels first, in their order, then the hidden ones. */
const entriesOf = (shown: readonly PanelId[]): Entry[] => [
  ...shown.map((id) => ({ id, on: true })),
  ...panelIds.filter((id) => !shown.includes(id)).map((id) => ({ id, on: false })),
];

export function ManagePanels({ shown, top, onSave, onClose }: ManagePanelsProps) {
  const { t } = usePluginTranslation();
  const [entries, setEntries] = useState<Entry[]>(() => entriesOf(shown));
  const move = (from: number, delta: number) => setEntries((list) => moveItem(list, from, delta));
  const chosen = entries.filter((e) => e.on).map((e) => e.id);

  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="netobserv-ov-manage-title" data-test="manage-panels">
      <ModalHeader title={t('Manage panels')} labelId="netobserv-ov-manage-title" description={t('Choose the panels to show and their order.')} />
      <ModalBody>
        <ul className="netobserv-ov-manage">
          {entries.map((e, i) => {
            const title = panelTitle(e.id, top, t);
            return (
              <li key={e.id} className="netobserv-ov-manage__row" data-test={`manage-${e.id}`}>
                <Checkbox
                  id={`netobserv-ov-manage-${e.id}`}
                  label={title}
                  isChecked={e.on}
                  onChange={(_ev, on) => setEntries((list) => list.map((x) => (x.id === e.id ? { ...x, on } : x)))}
                />
                <Button variant="plain" size="sm" isDisabled={i === 0} onClick={() => move(i, -1)} aria-label={t('Move {{panel}} up', { panel: title })} icon={<ArrowUpIcon />} />
                <Button
                  variant="plain"
                  size="sm"
                  isDisabled={i === entries.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('Move {{panel}} down', { panel: title })}
                  icon={<ArrowDownIcon />}
                />
              </li>
            );
          })}
        </ul>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" isDisabled={chosen.length === 0} onClick={() => onSave(chosen)} data-test="manage-save">
          {t('Save')}
        </Button>
        <Button variant="secondary" onClick={() => setEntries(entriesOf(defaultPanelIds))} data-test="manage-reset">
          {t('Restore defaults')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
