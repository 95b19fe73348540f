/**
 * The quick filters offered when the backend's configuration has none: one click narrows the view to a
 * common question. Each is a filters string in the grammar of filters.ts, so that the backend's
 * configuration can list its own the same way (`quickFilters` of /api/frontend-config).
 */
import { Filter, parseFilters } from './filters';

export interface QuickFilterDef {
  /** English name, translated by the page. */
  name: string;
  /** Filters in the grammar of filters.ts. */
  filter: string;
  /** Applied when the page's address says nothing of filters (a first visit, a link without them). */
  default?: boolean;
}

export const defaultQuickFilters: readonly QuickFilterDef[] = [
  { name: 'Applications', filter: 'K8S_FlowLayer=app' },
  { name: 'Infrastructure', filter: 'K8S_FlowLayer=infra' },
  { name: 'Pods network', filter: 'SrcK8S_Type=Pod;DstK8S_Type=Pod' },
  { name: 'Services network', filter: 'DstK8S_Type=Service' },
  { name: 'Drops only', filter: 'PktDropPackets>0' },
  { name: 'Network policy denials', filter: 'NetworkEventAction=drop' },
];

function sameFilter(a: Filter, b: Filter): boolean {
  return a.target === b.target && a.op === b.op && a.values.length === b.values.length && a.values.every((v, i) => v === b.values[i]);
}

/** True when every filter of the quick filter is among the current ones. */
export function isQuickFilterActive(current: readonly Filter[], quick: readonly Filter[]): boolean {
  return quick.length > 0 && quick.every((q) => current.some((c) => sameFilter(c, q)));
}

/** The current filters with the quick filter added (when absent) or removed (when active). */
export function toggleQuickFilter(current: readonly Filter[], quick: readonly Filter[]): Filter[] {
  if (isQuickFilterActive(current, quick)) return current.filter((c) => !quick.some((q) => sameFilter(c, q)));
  return [...current, ...quick.filter((q) => !current.some((c) => sameFilter(c, q)))];
}

/**
 * The filters text a page without a `filters` parameter starts from: the default quick filters'
 * filters, joined ("" when none is a default).
 */
export function defaultFiltersText(defs: readonly QuickFilterDef[]): string {
  return defs
    .filter((d) => d.default)
    .map((d) => d.filter)
    .join(';');
}

/** A quick filter's filters, or the parser's message when its definition (e.g. from config) is wrong. */
export function quickFilterFilters(def: QuickFilterDef): { filters: Filter[] } | { error: string } {
  try {
    return { filters: parseFilters(def.filter) };
  } catch (e) {
    return { error: `quick filter "${def.name}": ${e instanceof Error ? e.message : String(e)}` };
  }
}
