/**
 * The applied filters as chips: one group per filter, one chip per value. Each group can be removed,
 * turned into its negation ("not"), or moved back and forth between source, destination and either
 * side; match all / any and clear all apply to the whole list.
 */
import { Button, Flex, FlexItem, Label, LabelGroup, ToggleGroup, ToggleGroupItem, Tooltip } from '@patternfly/react-core';
import { ExchangeAltIcon } from '@patternfly/react-icons';
import { Filter, FilterOp, MatchMode, resolveTarget } from '../../model/filters';
import { usePluginTranslation } from '../i18n';
import { nextSide } from './filter-targets';
import { targetTitle } from './target-title';
import { valueLabel } from './value-options';

const negation: Partial<Record<FilterOp, FilterOp>> = { '=': '!=', '!=': '=', '=~': '!~', '!~': '=~' };

interface FilterChipsProps {
  filters: readonly Filter[];
  match: 'all' | 'any';
  onChange: (filters: Filter[]) => void;
  onMatchChange: (match: MatchMode) => void;
}

export function FilterChips({ filters, match, onChange, onMatchChange }: FilterChipsProps) {
  const { t } = usePluginTranslation();
  const opWords: Record<FilterOp, string> = {
    '=': '=',
    '!=': t('not'),
    '=~': t('matches'),
    '!~': t('does not match'),
    '>': '>',
    '>=': '≥',
    '<': '<',
    '<=': '≤',
  };
  const replace = (i: number, next: Filter | undefined) =>
    onChange(filters.flatMap((f, j) => (j !== i ? [f] : next ? [next] : [])));

  if (filters.length === 0) return null;
  return (
    <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }} data-test="filter-chips">
      {filters.map((f, i) => {
        const resolved = resolveTarget(f.target);
        if (!resolved) return null;
        const field = resolved.fields[0];
        const flipped = nextSide(f.target);
        const negated = negation[f.op];
        const title = targetTitle(t, resolved);
        return (
          <FlexItem key={`${i}-${f.target}`} data-test="filter-chip-group" data-target={f.target} data-op={f.op}>
            <LabelGroup
              categoryName={`${title} ${opWords[f.op]}`}
              isClosable
              closeBtnAriaLabel={t('Remove the filter on {{field}}', { field: title })}
              onClick={() => replace(i, undefined)}
              numLabels={10}
            >
              {f.values.map((v) => (
                <Label
                  key={v}
                  variant="outline"
                  onClose={() => replace(i, f.values.length > 1 ? { ...f, values: f.values.filter((x) => x !== v) } : undefined)}
                  closeBtnAriaLabel={t('Remove {{value}}', { value: v })}
                  data-test="filter-chip"
                >
                  {valueLabel(field, v)}
                </Label>
              ))}
            </LabelGroup>
            {flipped && (
              <Tooltip content={t('Switch between source, destination and either side')}>
                <Button
                  variant="plain"
                  size="sm"
                  icon={<ExchangeAltIcon />}
                  aria-label={t('Switch the side of the filter on {{field}}', { field: title })}
                  onClick={() => replace(i, { ...f, target: flipped })}
                  data-test="filter-flip"
                />
              </Tooltip>
            )}
            {negated && (
              <Button variant="link" size="sm" isInline onClick={() => replace(i, { ...f, op: negated })} data-test="filter-not">
                {f.op.startsWith('!') ? t('Include') : t('Exclude')}
              </Button>
            )}
          </FlexItem>
        );
      })}
      {filters.length > 1 && (
        <FlexItem>
          <ToggleGroup aria-label={t('How filters combine')} isCompact>
            <ToggleGroupItem text={t('Match all')} isSelected={match === 'all'} onChange={() => onMatchChange('all')} data-test="match-all" />
            <ToggleGroupItem text={t('Match any')} isSelected={match === 'any'} onChange={() => onMatchChange('any')} data-test="match-any" />
          </ToggleGroup>
        </FlexItem>
      )}
      <FlexItem>
        <Button variant="link" isInline onClick={() => onChange([])} data-test="filters-clear">
          {t('Clear all filters')}
        </Button>
      </FlexItem>
    </Flex>
  );
}
