/**
 * The page's query lives in the URL, so a view can be bookmarked and shared: `filters` (the filter
 * grammar of web/src/model/filters.ts), `timeRange` (seconds back from now) and `limit`.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { defaultLimit, defaultRangeSeconds, limitChoices } from '../model/query';
import { timeRangeChoices } from './time-ranges';

export interface UrlQuery {
  /** The filters text exactly as in the URL; parsed (and possibly refused) by the page. */
  filtersText: string;
  rangeSeconds: number;
  limit: number;
}

function choice(raw: string | null, allowed: readonly number[], fallback: number): number {
  const n = Number(raw);
  return raw !== null && allowed.includes(n) ? n : fallback;
}

export function useUrlQuery(): [UrlQuery, (change: Partial<UrlQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const query: UrlQuery = {
    filtersText: params.get('filters') ?? '',
    rangeSeconds: choice(params.get('timeRange'), timeRangeChoices, defaultRangeSeconds),
    limit: choice(params.get('limit'), limitChoices, defaultLimit),
  };
  const update = useCallback(
    (change: Partial<UrlQuery>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const set = (key: string, value: string | undefined) => {
            if (value === undefined) return;
            if (value === '') next.delete(key);
            else next.set(key, value);
          };
          set('filters', change.filtersText);
          set('timeRange', change.rangeSeconds === undefined ? undefined : String(change.rangeSeconds));
          set('limit', change.limit === undefined ? undefined : String(change.limit));
          return next;
        },
        { replace: false },
      ),
    [setParams],
  );
  return [query, update];
}
