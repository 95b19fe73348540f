/**
 * The query controls of the Network Traffic page: time range and refresh, query options, the filter
 * builder with its chips, quick filters, and the filters as text for those who type the grammar.
 */
import { Button, Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem } from '@patternfly/react-core';
import { SyncAltIcon } from '@patternfly/react-icons';
import { Filter, serializeFilters } from '../model/filters';
import { QuickFilterDef } from '../model/quick-filters';
import { FilterInput } from './filter-input';
import { FilterBuilder } from './filters/filter-builder';
import { FilterChips } from './filters/filter-chips';
import { QueryOptions } from './filters/query-options';
import { QuickFiltersBar } from './filters/quick-filters-bar';
import { TimeRangePicker } from './filters/time-range-picker';
import { usePluginTranslation } from './i18n';
import { UrlQuery } from './use-url-query';

interface FlowsToolbarProps {
  query: UrlQuery;
  /** The applied filters, or undefined when the URL's filters do not parse (filtersError says why). */
  filters?: readonly Filter[];
  filtersError?: string;
  quickFilters: readonly QuickFilterDef[];
  loading: boolean;
  onChange: (change: Partial<UrlQuery>) => void;
  onRefresh: () => void;
}

export function FlowsToolbar({ query, filters, filtersError, quickFilters, loading, onChange, onRefresh }: FlowsToolbarProps) {
  const { t } = usePluginTranslation();
  const setFilters = (next: readonly Filter[]) => onChange({ filtersText: serializeFilters(next) });
  return (
    <Toolbar data-test="flows-toolbar">
      <ToolbarContent>
        <ToolbarGroup>
          <ToolbarItem>
            <TimeRangePicker query={query} onChange={onChange} />
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="plain" onClick={onRefresh} isDisabled={loading} aria-label={t('Refresh')} icon={<SyncAltIcon />} data-test="refresh" />
          </ToolbarItem>
          <ToolbarItem>
            <QueryOptions query={query} onChange={onChange} />
          </ToolbarItem>
        </ToolbarGroup>
      </ToolbarContent>
      <ToolbarContent>
        <ToolbarItem style={{ flexGrow: 1 }}>
          {/* Built filters join the applied ones; with unparsable URL filters, only the text box can fix them. */}
          {filters && <FilterBuilder onAdd={(f) => setFilters([...filters, f])} />}
        </ToolbarItem>
      </ToolbarContent>
      {filters && filters.length > 0 && (
        <ToolbarContent>
          <ToolbarItem>
            <FilterChips filters={filters} match={query.match} onChange={setFilters} onMatchChange={(match) => onChange({ match })} />
          </ToolbarItem>
        </ToolbarContent>
      )}
      <ToolbarContent>
        <ToolbarItem>
          <QuickFiltersBar definitions={quickFilters} filters={filters ?? []} onChange={setFilters} />
        </ToolbarItem>
        <ToolbarItem style={{ flexGrow: 1, minWidth: '20rem' }}>
          <FilterInput value={query.filtersText} appliedError={filtersError} onApply={(filtersText) => onChange({ filtersText })} />
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
}
