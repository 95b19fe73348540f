/**
 * The Overview's own options, in the URL next to the page's query (so a view can be shared): `ovScope`
 * (what series group by), `ovType` (bytes or packets), `ovTop` (how many series) and `ovPanels` (the
 * chosen panels, in order). A value that does not fit is reported and replaced by its default; defaults
 * are left out of the URL.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { MetricScope } from '../../model/metrics';
import { paramPicker, UrlWarning } from '../use-url-query';
import { defaultPanelIds, isPanelId, PanelId } from './panel-defs';

/** The scopes an admin chooses from (the list; UDN networks stay a topology matter). */
export const overviewScopes: readonly MetricScope[] = ['cluster', 'zone', 'host', 'namespace', 'owner', 'resource'];
export type TrafficType = 'bytes' | 'packets';
export const trafficTypes: readonly TrafficType[] = ['bytes', 'packets'];
export const topChoices: readonly number[] = [3, 5, 10, 15, 25, 50];

export interface OverviewOptions {
  scope: MetricScope;
  type: TrafficType;
  top: number;
  /** The panels shown, in order; undefined when the URL does not choose (then the remembered choice or the defaults apply). */
  panels?: readonly PanelId[];
}

export const defaultOverviewOptions: Required<OverviewOptions> = {
  scope: 'namespace',
  type: 'bytes',
  top: 5,
  panels: defaultPanelIds,
};

export const overviewParams = { scope: 'ovScope', type: 'ovType', top: 'ovTop', panels: 'ovPanels' } as const;

/** `a,b,c` -> panel ids; undefined when any is unknown, repeated, or none is given. */
export function parsePanelList(raw: string): PanelId[] | undefined {
  const ids = raw.split(',').map((s) => s.trim());
  if (ids.length === 0 || !ids.every(isPanelId) || new Set(ids).size !== ids.length) return undefined;
  return ids as PanelId[];
}

const samePanels = (a: readonly PanelId[], b: readonly PanelId[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export function readOverviewOptions(params: URLSearchParams): { options: OverviewOptions; warnings: UrlWarning[] } {
  const warnings: UrlWarning[] = [];
  const d = defaultOverviewOptions;
  const pick = paramPicker(params, warnings);
  const options: OverviewOptions = {
    scope: pick<MetricScope>(overviewParams.scope, overviewScopes, (r) => r as MetricScope, d.scope),
    type: pick<TrafficType>(overviewParams.type, trafficTypes, (r) => r as TrafficType, d.type),
    top: pick(overviewParams.top, topChoices, (r) => (/^\d+$/.test(r) ? Number(r) : NaN), d.top),
  };
  const rawPanels = params.get(overviewParams.panels);
  if (rawPanels !== null) {
    const panels = parsePanelList(rawPanels);
    if (panels) options.panels = panels;
    else warnings.push({ param: overviewParams.panels, value: rawPanels });
  }
  return { options, warnings };
}

export function writeOverviewOptions(prev: URLSearchParams, change: Partial<OverviewOptions>): URLSearchParams {
  const next = new URLSearchParams(prev);
  const set = (key: string, value: string | number | undefined, fallback: string | number) => {
    if (value === undefined) return;
    if (value === fallback) next.delete(key);
    else next.set(key, String(value));
  };
  const d = defaultOverviewOptions;
  set(overviewParams.scope, change.scope, d.scope);
  set(overviewParams.type, change.type, d.type);
  set(overviewParams.top, change.top, d.top);
  if (change.panels) {
    if (samePanels(change.panels, d.panels)) next.delete(overviewParams.panels);
    else next.set(overviewParams.panels, change.panels.join(','));
  }
  return next;
}

export function useOverviewOptions(): [OverviewOptions, (change: Partial<OverviewOptions>) => void, UrlWarning[]] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the parameters' text is their identity
  const { options, warnings } = useMemo(() => readOverviewOptions(params), [key]);
  const update = useCallback(
    (change: Partial<OverviewOptions>) => setParams((prev) => writeOverviewOptions(prev, change), { replace: false }),
    [setParams],
  );
  return [options, update, warnings];
}
