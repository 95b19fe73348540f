/**
 * Time range (last 5 minutes … 2 weeks, or a custom range between two dates and times) and automatic
 * refresh interval, as in the console.
 */
import { useEffect, useState } from 'react';
import { Button, Flex, FlexItem, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { usePluginTranslation } from '../i18n';
import { durationParts, refreshIntervalChoices, timeRangeChoices } from '../time-ranges';
import { CustomRange, UrlQuery } from '../use-url-query';

const custom = 'custom';

/** Epoch seconds <-> the local "YYYY-MM-DDTHH:mm" of a datetime-local input. */
function toLocalInput(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(text: string): number | undefined {
  const ms = new Date(text).getTime();
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

interface TimeRangePickerProps {
  query: UrlQuery;
  onChange: (change: Partial<UrlQuery>) => void;
}

export function TimeRangePicker({ query, onChange }: TimeRangePickerProps) {
  const { t } = usePluginTranslation();
  const [editing, setEditing] = useState(query.customRange !== undefined);
  const initial: CustomRange = query.customRange ?? { start: Date.now() / 1000 - query.rangeSeconds, end: Date.now() / 1000 };
  const [from, setFrom] = useState(toLocalInput(initial.start));
  const [to, setTo] = useState(toLocalInput(initial.end));
  useEffect(() => {
    if (!query.customRange) return;
    setEditing(true);
    setFrom(toLocalInput(query.customRange.start));
    setTo(toLocalInput(query.customRange.end));
  }, [query.customRange]);

  const last = (seconds: number) => {
    const { count, unit } = durationParts(seconds);
    const one = { second: t('Last second'), minute: t('Last minute'), hour: t('Last hour'), day: t('Last day'), week: t('Last week') };
    const many = {
      second: t('Last {{count}} seconds', { count }),
      minute: t('Last {{count}} minutes', { count }),
      hour: t('Last {{count}} hours', { count }),
      day: t('Last {{count}} days', { count }),
      week: t('Last {{count}} weeks', { count }),
    };
    return count === 1 ? one[unit] : many[unit];
  };
  const every = (seconds: number) => {
    if (seconds === 0) return t('Refresh off');
    const { count, unit } = durationParts(seconds);
    const one = { second: t('Every second'), minute: t('Every minute'), hour: t('Every hour'), day: t('Every day'), week: t('Every week') };
    const many = {
      second: t('Every {{count}} seconds', { count }),
      minute: t('Every {{count}} minutes', { count }),
      hour: t('Every {{count}} hours', { count }),
      day: t('Every {{count}} days', { count }),
      week: t('Every {{count}} weeks', { count }),
    };
    return count === 1 ? one[unit] : many[unit];
  };
  const start = fromLocalInput(from);
  const end = fromLocalInput(to);
  const rangeValid = start !== undefined && end !== undefined && start < end;

  return (
    <Flex spaceItems={{ default: 'spaceItemsSm' }} flexWrap={{ default: 'nowrap' }} alignItems={{ default: 'alignItemsCenter' }}>
      <FlexItem>
        <FormSelect
          value={editing ? custom : String(query.rangeSeconds)}
          onChange={(_e, v) => {
            if (v === custom) return setEditing(true);
            setEditing(false);
            onChange({ rangeSeconds: Number(v) });
          }}
          aria-label={t('Time range')}
          data-test="time-range"
        >
          {timeRangeChoices.map((s) => (
            <FormSelectOption key={s} value={String(s)} label={last(s)} />
          ))}
          <FormSelectOption value={custom} label={t('Custom time range')} />
        </FormSelect>
      </FlexItem>
      {editing && (
        <>
          <FlexItem>
            <TextInput type="datetime-local" value={from} onChange={(_e, v) => setFrom(v)} aria-label={t('From')} data-test="time-from" />
          </FlexItem>
          <FlexItem>
            <TextInput
              type="datetime-local"
              value={to}
              onChange={(_e, v) => setTo(v)}
              aria-label={t('To')}
              validated={rangeValid ? 'default' : 'error'}
              data-test="time-to"
            />
          </FlexItem>
          <FlexItem>
            <Button
              variant="secondary"
              isDisabled={!rangeValid}
              onClick={() => rangeValid && onChange({ customRange: { start, end } })}
              data-test="time-apply"
            >
              {t('Apply range')}
            </Button>
          </FlexItem>
        </>
      )}
      <FlexItem>
        <FormSelect
          value={String(query.refreshSeconds)}
          onChange={(_e, v) => onChange({ refreshSeconds: Number(v) })}
          aria-label={t('Refresh interval')}
          data-test="refresh-interval"
        >
          {refreshIntervalChoices.map((s) => (
            <FormSelectOption key={s} value={String(s)} label={every(s)} />
          ))}
        </FormSelect>
      </FlexItem>
    </Flex>
  );
}
