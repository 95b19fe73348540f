import { parseFilters } from './filters';
import { defaultFiltersText, defaultQuickFilters, isQuickFilterActive, quickFilterFilters, toggleQuickFilter } from './quick-filters';

describe('quick filters', () => {
  it('are all valid filters strings', () => {
    for (const q of defaultQuickFilters) expect(quickFilterFilters(q)).toEqual({ filters: parseFilters(q.filter) });
  });

  it('toggle on by adding only what is missing, and off by removing their filters only', () => {
    const pods = parseFilters('SrcK8S_Type=Pod;DstK8S_Type=Pod');
    const current = parseFilters('SrcK8S_Type=Pod;DstPort=443');
    expect(isQuickFilterActive(current, pods)).toBe(false);
    const on = toggleQuickFilter(current, pods);
    expect(on).toEqual(parseFilters('SrcK8S_Type=Pod;DstPort=443;DstK8S_Type=Pod'));
    expect(isQuickFilterActive(on, pods)).toBe(true);
    expect(toggleQuickFilter(on, pods)).toEqual(parseFilters('DstPort=443'));
  });

  it('tell apart filters that differ by operator or values', () => {
    const app = parseFilters('K8S_FlowLayer=app');
    expect(isQuickFilterActive(parseFilters('K8S_FlowLayer!=app'), app)).toBe(false);
    expect(isQuickFilterActive(parseFilters('K8S_FlowLayer=app,infra'), app)).toBe(false);
    expect(isQuickFilterActive([], [])).toBe(false);
  });

  it('report a broken definition with its name instead of throwing', () => {
    expect(quickFilterFilters({ name: 'Broken', filter: 'Nope=1' })).toEqual({ error: 'quick filter "Broken": unknown filter field "Nope"' });
  });

  it('start a page without filters from the default ones, joined', () => {
    expect(defaultFiltersText(defaultQuickFilters)).toBe('');
    const defs = [
      { name: 'Apps', filter: 'K8S_FlowLayer=app', default: true },
      { name: 'HTTPS', filter: 'DstPort=443' },
      { name: 'No DNS', filter: 'DstPort!=53;SrcPort!=53', default: true },
    ];
    expect(defaultFiltersText(defs)).toBe('K8S_FlowLayer=app;DstPort!=53;SrcPort!=53');
    expect(parseFilters(defaultFiltersText(defs))).toHaveLength(3);
  });
});
