/**
 * Network events as sentences, one per event, each with an icon for what happened to the flow. In the
 * table only the first events show, each cut to one line; a popover lists them all in full.
 */
import { Button, Icon, Popover } from '@patternfly/react-core';
import { CheckCircleIcon, InfoCircleIcon, MinusCircleIcon, QuestionCircleIcon, TimesCircleIcon } from '@patternfly/react-icons';
import { ReactElement } from 'react';
import { NetworkEvent } from '../../model/flow';
import { describeNetworkEvent, EventVerdict, eventVerdict } from '../../model/network-events';
import { usePluginTranslation } from '../i18n';

const verdictIcons: Record<EventVerdict, { icon: ReactElement; status?: 'success' | 'danger' | 'info' }> = {
  allowed: { icon: <CheckCircleIcon />, status: 'success' },
  dropped: { icon: <MinusCircleIcon />, status: 'danger' },
  rejected: { icon: <TimesCircleIcon />, status: 'danger' },
  delegated: { icon: <InfoCircleIcon />, status: 'info' },
  other: { icon: <QuestionCircleIcon /> },
};

/** Events shown in a cell before "n more"; sentences longer than this are cut (full text in the popover). */
const shownInCell = 2;
const longSentence = 90;

export function NetworkEventsList({ events, truncate = false }: { events: readonly NetworkEvent[]; truncate?: boolean }) {
  return (
    <ul className={truncate ? 'netobserv-network-events netobserv-network-events-truncated' : 'netobserv-network-events'}>
      {events.map((e, i) => {
        const verdict = eventVerdict(e);
        const { icon, status } = verdictIcons[verdict];
        return (
          <li key={i} data-verdict={verdict}>
            <Icon status={status} isInline>
              {icon}
            </Icon>{' '}
            {describeNetworkEvent(e)}
          </li>
        );
      })}
    </ul>
  );
}

export function NetworkEventsCell({ events }: { events: NetworkEvent[] }) {
  const { t } = usePluginTranslation();
  const shown = events.slice(0, shownInCell);
  const cut = events.length > shownInCell || shown.some((e) => describeNetworkEvent(e).length > longSentence);
  return (
    <>
      <NetworkEventsList events={shown} truncate />
      {cut && (
        <Popover headerContent={t('Network events')} bodyContent={<NetworkEventsList events={events} />} maxWidth="50rem">
          <Button variant="link" isInline onClick={(e) => e.stopPropagation()} data-test="network-events-more">
            {events.length > shownInCell ? t('{{n}} more', { n: events.length - shownInCell }) : t('Full text')}
          </Button>
        </Popover>
      )}
    </>
  );
}
