/** Network events as sentences, one per event, each with an icon for what happened to the flow. */
import { Icon } from '@patternfly/react-core';
import { CheckCircleIcon, InfoCircleIcon, MinusCircleIcon, QuestionCircleIcon, TimesCircleIcon } from '@patternfly/react-icons';
import { ReactElement } from 'react';
import { NetworkEvent } from '../../model/flow';
import { describeNetworkEvent, EventVerdict, eventVerdict } from '../../model/network-events';

const verdictIcons: Record<EventVerdict, { icon: ReactElement; status?: 'success' | 'danger' | 'info' }> = {
  allowed: { icon: <CheckCircleIcon />, status: 'success' },
  dropped: { icon: <MinusCircleIcon />, status: 'danger' },
  rejected: { icon: <TimesCircleIcon />, status: 'danger' },
  delegated: { icon: <InfoCircleIcon />, status: 'info' },
  other: { icon: <QuestionCircleIcon /> },
};

export function NetworkEventsCell({ events }: { events: NetworkEvent[] }) {
  return (
    <ul className="netobserv-network-events">
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
