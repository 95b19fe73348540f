/**
 * Quick filters: one toggle per common question. Turning one on adds its filters to the current ones,
 * turning it off removes them; it shows as on while all its filters are applied.
 */
import { Alert, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { Filter } from '../../model/filters';
import { isQuickFilterActive, QuickFilterDef, quickFilterFilters, toggleQuickFilter } from '../../model/quick-filters';
import { usePluginTranslation } from '../i18n';

interface QuickFiltersBarProps {
  definitions: readonly QuickFilterDef[];
  filters: readonly Filter[];
  onChange: (filters: Filter[]) => void;
}

export function QuickFiltersBar({ definitions, filters, onChange }: QuickFiltersBarProps) {
  const { t } = usePluginTranslation();
  // The defaults' names are translated; names from the backend's configuration are shown as written.
  const titles: Record<string, string> = {
    Applications: t('Applications'),
    Infrastructure: t('Infrastructure'),
    'Pods network': t('Pods network'),
    'Services network': t('Services network'),
    'Drops only': t('Drops only'),
    'Network policy denials': t('Network policy denials'),
  };
  const parsed = definitions.map((d) => ({ def: d, result: quickFilterFilters(d) }));
  const problems = parsed.flatMap((p) => ('error' in p.result ? [p.result.error] : []));
  return (
    <>
      <ToggleGroup aria-label={t('Quick filters')} isCompact data-test="quick-filters">
        {parsed.map(({ def, result }) =>
          'filters' in result ? (
            <ToggleGroupItem
              key={def.name}
              text={titles[def.name] ?? def.name}
              isSelected={isQuickFilterActive(filters, result.filters)}
              onChange={() => onChange(toggleQuickFilter(filters, result.filters))}
              buttonId={`quick-filter-${def.name.replace(/\W+/g, '-')}`}
            />
          ) : null,
        )}
      </ToggleGroup>
      {problems.length > 0 && (
        <Alert isInline isPlain variant="warning" title={t('Some quick filters of the configuration are invalid')}>
          {problems.join('; ')}
        </Alert>
      )}
    </>
  );
}
