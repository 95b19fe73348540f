/**
 * Adds one filter: a field (grouped Source / Destination / Either side / Common), an operator the
 * field allows, and a value in an input that fits the field (a list for enums, suggestions for names,
 * validation for IPs, ports, numbers and regular expressions). A value that does not fit is explained
 * in place and never applied.
 */
import { FormEvent, useId, useMemo, useState } from 'react';
import {
  Button,
  Flex,
  FlexItem,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  FormSelectOptionGroup,
  HelperText,
  HelperTextItem,
  TextInput,
} from '@patternfly/react-core';
import { allowedOps, Filter, FilterOp, valueProblem } from '../../model/filters';
import { usePluginTranslation } from '../i18n';
import { targetChoices, targetGroups } from './filter-targets';
import { targetTitle } from './target-title';
import { useValueSuggestions } from './use-value-suggestions';
import { closedOptions, localSuggestions } from './value-options';

interface FilterBuilderProps {
  onAdd: (filter: Filter) => void;
}

export function FilterBuilder({ onAdd }: FilterBuilderProps) {
  const { t } = usePluginTranslation();
  const listId = useId();
  const [target, setTarget] = useState('SrcK8S_Namespace');
  const choice = targetChoices.find((c) => c.target === target) ?? targetChoices[0];
  const ops = allowedOps(choice.resolved.kind);
  const [op, setOp] = useState<FilterOp>('=');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const closed = closedOptions(choice.resolved.fields[0]);
  const isRegex = op === '=~' || op === '!~';
  const useList = closed !== undefined && !isRegex;
  // The values API knows flow fields, not the keys of network events.
  const asksBackend =
    !useList && (choice.resolved.kind === 'text' || choice.resolved.kind === 'ip') && !isRegex && !choice.resolved.fields[0].eventKey;
  const remote = useValueSuggestions(asksBackend ? choice.target : undefined, value);
  const suggestions = useMemo(
    () => (asksBackend ? remote.map((v) => ({ value: v, label: v })) : (localSuggestions(choice.resolved) ?? [])),
    [asksBackend, remote, choice],
  );

  const groupLabels = {
    source: t('Source'),
    destination: t('Destination'),
    either: t('Source or destination'),
    common: t('Common'),
    events: t('Network events'),
  };
  const opLabels: Record<FilterOp, string> = {
    '=': t('equals'),
    '!=': t('not equals'),
    '=~': t('matches regex'),
    '!~': t('does not match regex'),
    '>': t('greater than'),
    '>=': t('at least'),
    '<': t('less than'),
    '<=': t('at most'),
  };

  const selectTarget = (next: string) => {
    setTarget(next);
    const nextChoice = targetChoices.find((c) => c.target === next);
    if (nextChoice && !allowedOps(nextChoice.resolved.kind).includes(op)) setOp('=');
    setValue('');
    setProblem(undefined);
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    const v = useList && value === '' ? (closed?.[0]?.value ?? '') : value.trim();
    const found = valueProblem(choice.resolved, op, v);
    if (found) {
      setProblem(found);
      return;
    }
    setProblem(undefined);
    setValue('');
    onAdd({ target: choice.target, op, values: [v] });
  };

  return (
    <form onSubmit={add} data-test="filter-builder">
      <Flex spaceItems={{ default: 'spaceItemsSm' }} flexWrap={{ default: 'nowrap' }} alignItems={{ default: 'alignItemsFlexStart' }}>
        <FlexItem>
          <FormSelect value={choice.target} onChange={(_e, v) => selectTarget(v)} aria-label={t('Filter field')} data-test="filter-field">
            {targetGroups.map((g) => (
              <FormSelectOptionGroup key={g} label={groupLabels[g]}>
                {targetChoices
                  .filter((c) => c.group === g)
                  .map((c) => (
                    <FormSelectOption key={c.target} value={c.target} label={targetTitle(t, c.resolved)} />
                  ))}
              </FormSelectOptionGroup>
            ))}
          </FormSelect>
        </FlexItem>
        <FlexItem>
          <FormSelect value={op} onChange={(_e, v) => setOp(v as FilterOp)} aria-label={t('Filter operator')} data-test="filter-op">
            {ops.map((o) => (
              <FormSelectOption key={o} value={o} label={opLabels[o]} />
            ))}
          </FormSelect>
        </FlexItem>
        <FlexItem grow={{ default: 'grow' }}>
          {useList ? (
            <FormSelect value={value || closed?.[0]?.value} onChange={(_e, v) => setValue(v)} aria-label={t('Filter value')} data-test="filter-value">
              {closed?.map((o) => (
                <FormSelectOption key={o.value} value={o.value} label={o.label} />
              ))}
            </FormSelect>
          ) : (
            <>
              <TextInput
                value={value}
                onChange={(_e, v) => {
                  setValue(v);
                  setProblem(undefined);
                }}
                aria-label={t('Filter value')}
                placeholder={isRegex ? t('Regular expression') : t('Value')}
                validated={problem ? 'error' : 'default'}
                list={listId}
                autoComplete="off"
                data-test="filter-value"
              />
              <datalist id={listId} data-test="filter-suggestions">
                {suggestions.map((s) => (
                  <option key={s.value} value={s.value} label={s.label} />
                ))}
              </datalist>
            </>
          )}
        </FlexItem>
        <FlexItem>
          <Button type="submit" variant="secondary" data-test="filter-add">
            {t('Add filter')}
          </Button>
        </FlexItem>
      </Flex>
      {problem && (
        <FormHelperText>
          <HelperText>
            <HelperTextItem variant="error" data-test="filter-value-error">
              {t('This value cannot be used: {{problem}}', { problem })}
            </HelperTextItem>
          </HelperText>
        </FormHelperText>
      )}
    </form>
  );
}
