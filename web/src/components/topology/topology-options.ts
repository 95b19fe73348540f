/**
 * The topology view's own options, kept in the page URL next to the page's query (parameters prefixed
 * `topo`, so they never clash with the page's): scope, groups, metric type and function, layout, top N
 * and the selected element. A value that does not fit is reported and replaced by its default; defaults
 * are left out of the URL. The layout is also remembered in the browser for the next visit.
 */
import { MetricFunction, MetricScope, MetricType, metricScopes, metricTypeDefs, metricTypes } from '../../model/metrics';
import { paramPicker, UrlWarning } from '../use-url-query';

export type TopologyLayout = 'cola' | 'dagre' | 'force' | 'grid' | 'concentric';
export const topologyLayouts: readonly TopologyLayout[] = ['cola', 'dagre', 'force', 'grid', 'concentric'];

/** How many series (edges) the graph asks for; the largest is the backend's maximum (Loki's 500 series per query). */
export const topChoices: readonly number[] = [25, 50, 100, 200, 500];

/** The scopes a scope may be grouped by, outermost first: only coarser ones, which contain its nodes. */
export const groupChoices: Readonly<Record<MetricScope, readonly MetricScope[]>> = {
  cluster: [],
  zone: ['cluster'],
  host: ['cluster', 'zone'],
  namespace: ['cluster', 'zone', 'host'],
  owner: ['cluster', 'zone', 'host', 'namespace'],
  resource: ['cluster', 'zone', 'host', 'namespace', 'owner'],
  udn: ['cluster'],
};

export interface TopologyOptions {
  scope: MetricScope;
  /** Outermost first (the order of groupChoices). */
  groups: MetricScope[];
  type: MetricType;
  fn: MetricFunction;
  layout: TopologyLayout;
  top: number;
  /** Id of the selected node or edge (see topology-model.ts). */
  selected?: string;
}

export const defaultTopologyOptions: TopologyOptions = {
  scope: 'namespace',
  groups: [],
  type: 'bytes',
  fn: 'rate',
  // Settled in one pass (settled-force-layout.ts): the only one fast enough for a thousand nodes.
  layout: 'force',
  top: 50,
};

export const topologyParams = {
  scope: 'topoScope',
  groups: 'topoGroups',
  type: 'topoType',
  fn: 'topoFn',
  layout: 'topoLayout',
  top: 'topoTop',
  selected: 'topoSelected',
} as const;

export const layoutStorageKey = 'netobserv-plugin/topology-layout';

/** Groups that fit the scope, in nesting order, without repeats; the others are returned apart. */
export function fitGroups(scope: MetricScope, groups: readonly string[]): { groups: MetricScope[]; refused: string[] } {
  const allowed = groupChoices[scope];
  return {
    groups: allowed.filter((g) => groups.includes(g)),
    refused: groups.filter((g) => !(allowed as readonly string[]).includes(g)),
  };
}

/** The function to use with a type: the asked one when the type has it, else the type's first. */
export function fitFunction(type: MetricType, fn: MetricFunction): MetricFunction {
  const fns = metricTypeDefs[type].functions;
  return fns.includes(fn) ? fn : fns[0];
}

/** The options a URL describes; `storedLayout` (the last one used) replaces the default layout. */
export function readTopologyOptions(params: URLSearchParams, storedLayout?: string | null): { options: TopologyOptions; warnings: UrlWarning[] } {
  const warnings: UrlWarning[] = [];
  const d = defaultTopologyOptions;
  const pick = paramPicker(params, warnings);
  const p = topologyParams;
  const scope = pick<MetricScope>(p.scope, metricScopes, (r) => r as MetricScope, d.scope);
  const type = pick<MetricType>(p.type, metricTypes, (r) => r as MetricType, d.type);
  const defaultFn = metricTypeDefs[type].functions[0];
  const fn = pick<MetricFunction>(p.fn, metricTypeDefs[type].functions, (r) => r as MetricFunction, defaultFn);
  const fallbackLayout = topologyLayouts.find((l) => l === storedLayout) ?? d.layout;
  const layout = pick<TopologyLayout>(p.layout, topologyLayouts, (r) => r as TopologyLayout, fallbackLayout);
  const top = pick(p.top, topChoices, (r) => (/^\d+$/.test(r) ? Number(r) : NaN), d.top);
  const rawGroups = params.get(p.groups);
  let groups: MetricScope[] = [];
  if (rawGroups !== null && rawGroups !== '') {
    const fitted = fitGroups(scope, rawGroups.split(','));
    groups = fitted.groups;
    if (fitted.refused.length > 0) warnings.push({ param: p.groups, value: rawGroups });
  }
  const selected = params.get(p.selected) || undefined;
  return { options: { scope, groups, type, fn, layout, top, selected }, warnings };
}

/** The URL parameters after a change; defaults are left out. The function's default depends on the type. */
export function writeTopologyOptions(prev: URLSearchParams, change: Partial<TopologyOptions>): URLSearchParams {
  const next = new URLSearchParams(prev);
  const current = readTopologyOptions(prev).options;
  const merged: TopologyOptions = { ...current, ...change };
  merged.groups = fitGroups(merged.scope, merged.groups).groups;
  merged.fn = fitFunction(merged.type, merged.fn);
  const d = defaultTopologyOptions;
  const p = topologyParams;
  const set = (key: string, value: string | number, fallback: string | number) => {
    if (value === fallback) next.delete(key);
    else next.set(key, String(value));
  };
  set(p.scope, merged.scope, d.scope);
  set(p.groups, merged.groups.join(','), '');
  set(p.type, merged.type, d.type);
  set(p.fn, merged.fn, metricTypeDefs[merged.type].functions[0]);
  set(p.layout, merged.layout, d.layout);
  set(p.top, merged.top, d.top);
  set(p.selected, merged.selected ?? '', '');
  return next;
}
