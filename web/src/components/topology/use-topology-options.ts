/**
 * The topology options of the page URL as React state. Changes that also add filters (step into) are
 * written in one navigation, so the back button undoes them together.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Filter, parseFilters, serializeFilters } from '../../model/filters';
import { UrlWarning, writeUrlQuery } from '../use-url-query';
import { TopologyOptions, layoutStorageKey, readTopologyOptions, writeTopologyOptions } from './topology-options';

function storedLayout(): string | null {
  try {
    return window.localStorage.getItem(layoutStorageKey);
  } catch {
    return null; // storage refused (private mode, policy): the default layout applies
  }
}

function storeLayout(layout: string): void {
  try {
    window.localStorage.setItem(layoutStorageKey, layout);
  } catch {
    // not remembered; the URL still holds it
  }
}

/**
 * The URL's own filters plus those not there yet (stepping into an owner repeats its namespace's), or
 * undefined when the URL's text does not parse (the page reports it; it is left as is).
 */
export function withFilters(params: URLSearchParams, added: readonly Filter[]): string | undefined {
  try {
    const current = parseFilters(params.get('filters') ?? '');
    const present = new Set(current.map((f) => serializeFilters([f])));
    return serializeFilters([...current, ...added.filter((f) => !present.has(serializeFilters([f])))]);
  } catch {
    return undefined;
  }
}

export type UpdateTopology = (change: Partial<TopologyOptions>, addFilters?: readonly Filter[]) => void;

export function useTopologyOptions(): [TopologyOptions, UpdateTopology, UrlWarning[]] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the parameters' text is their identity
  const { options, warnings } = useMemo(() => readTopologyOptions(params, storedLayout()), [key]);
  const update = useCallback<UpdateTopology>(
    (change, addFilters = []) => {
      if (change.layout) storeLayout(change.layout);
      setParams((prev) => {
        const filtersText = addFilters.length > 0 ? withFilters(prev, addFilters) : undefined;
        const withQuery = filtersText === undefined ? prev : writeUrlQuery(prev, { filtersText });
        // The layout in use is kept explicit when another one is remembered, so the URL says what is shown.
        return writeTopologyOptions(withQuery, { layout: readTopologyOptions(prev, storedLayout()).options.layout, ...change });
      });
    },
    [setParams],
  );
  return [options, update, warnings];
}
