/**
 * The page's whole query lives in the URL, so that a view can be bookmarked, shared, reloaded and
 * walked back and forth: `filters` (the grammar of web/src/model/filters.ts), `match`, `timeRange`
 * (seconds back from now) or `startTime`/`endTime` (epoch seconds), `refresh` (seconds, 0 = off),
 * `limit`, `recordType`, `dedup`, `packetLoss`, `dataSource` and `view` (which tab). A parameter that does not fit is
 * reported and replaced by its default, never fatal.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { RecordType, recordTypes } from '../model/fields';
import { MatchMode } from '../model/filters';
import { defaultLimit, defaultRangeSeconds, limitChoices, PacketLoss, packetLossModes } from '../model/query';
import { refreshIntervalChoices, timeRangeChoices } from './time-ranges';

/** Where metrics come from; flows always come from Loki, so it only matters to metric views. */
export type DataSource = 'auto' | 'loki' | 'prom';
export const dataSources: readonly DataSource[] = ['auto', 'loki', 'prom'];

/** The page's tabs. */
export type ViewId = 'overview' | 'table' | 'topology';
export const viewIds: readonly ViewId[] = ['overview', 'table', 'topology'];

export interface CustomRange {
  /** Epoch seconds. */
  start: number;
  /** Epoch seconds. */
  end: number;
}

export interface UrlQuery {
  /** The filters text exactly as in the URL; parsed (and possibly refused) by the page. */
  filtersText: string;
  /** False when the URL has no `filters` parameter: the page then starts from the default quick filters. */
  filtersInUrl: boolean;
  match: MatchMode;
  /** Seconds back from now; ignored while a custom range is set. */
  rangeSeconds: number;
  customRange?: CustomRange;
  /** Automatic refresh interval in seconds; 0 = off. */
  refreshSeconds: number;
  limit: number;
  recordType: RecordType;
  dedup: boolean;
  packetLoss: PacketLoss;
  dataSource: DataSource;
  view: ViewId;
}

export const defaultUrlQuery: UrlQuery = {
  filtersText: '',
  filtersInUrl: false,
  match: 'all',
  rangeSeconds: defaultRangeSeconds,
  refreshSeconds: 0,
  limit: defaultLimit,
  recordType: 'flowLog',
  dedup: true,
  packetLoss: 'all',
  dataSource: 'auto',
  view: 'table',
};

/** A URL parameter that was ignored because its value does not fit. */
export interface UrlWarning {
  param: string;
  value: string;
}

function epochSeconds(raw: string | null): number | undefined {
  if (raw === null || !/^\d{1,12}(\.\d+)?$/.test(raw)) return undefined;
  return Number(raw);
}

/**
 * Reads parameters that must take one of a list of values: a value that does not fit is reported in
 * `warnings` and replaced by the fallback; an absent one is the fallback.
 */
export function paramPicker(params: URLSearchParams, warnings: UrlWarning[]) {
  return function pick<T>(param: string, allowed: readonly T[], convert: (raw: string) => T, fallback: T): T {
    const raw = params.get(param);
    if (raw === null) return fallback;
    const value = convert(raw);
    if (allowed.includes(value)) return value;
    warnings.push({ param, value: raw });
    return fallback;
  };
}

/** The query a URL describes, with the parameters it had to ignore. */
export function readUrlQuery(params: URLSearchParams): { query: UrlQuery; warnings: UrlWarning[] } {
  const warnings: UrlWarning[] = [];
  const pick = paramPicker(params, warnings);
  const asString = (raw: string) => raw;
  const asNumber = (raw: string) => (/^\d+$/.test(raw) ? Number(raw) : NaN);
  const d = defaultUrlQuery;
  const query: UrlQuery = {
    filtersText: params.get('filters') ?? d.filtersText,
    filtersInUrl: params.has('filters'),
    match: pick<MatchMode>('match', ['all', 'any'], (r) => r as MatchMode, d.match),
    rangeSeconds: pick('timeRange', timeRangeChoices, asNumber, d.rangeSeconds),
    refreshSeconds: pick('refresh', refreshIntervalChoices, asNumber, d.refreshSeconds),
    limit: pick('limit', limitChoices, asNumber, d.limit),
    recordType: pick<RecordType>('recordType', recordTypes, (r) => r as RecordType, d.recordType),
    dedup: pick('dedup', ['true', 'false'], asString, String(d.dedup)) === 'true',
    packetLoss: pick<PacketLoss>('packetLoss', packetLossModes, (r) => r as PacketLoss, d.packetLoss),
    dataSource: pick<DataSource>('dataSource', dataSources, (r) => r as DataSource, d.dataSource),
    view: pick<ViewId>('view', viewIds, (r) => r as ViewId, d.view),
  };
  const rawStart = params.get('startTime');
  const rawEnd = params.get('endTime');
  if (rawStart !== null || rawEnd !== null) {
    const start = epochSeconds(rawStart);
    const end = epochSeconds(rawEnd);
    if (start !== undefined && end !== undefined && start < end) query.customRange = { start, end };
    else warnings.push({ param: 'startTime/endTime', value: `${rawStart ?? ''}/${rawEnd ?? ''}` });
  }
  return { query, warnings };
}

/** The time window a query covers now: the custom range, or the last `rangeSeconds` (epoch seconds). */
export function timeWindow(query: Pick<UrlQuery, 'rangeSeconds' | 'customRange'>, nowSeconds = Date.now() / 1000): CustomRange {
  return query.customRange ?? { start: nowSeconds - query.rangeSeconds, end: nowSeconds };
}

/** The URL parameters after a change; defaults are left out so that shared links stay short. */
export function writeUrlQuery(prev: URLSearchParams, change: Partial<UrlQuery>): URLSearchParams {
  const next = new URLSearchParams(prev);
  const set = (key: string, value: string | number | boolean | undefined, fallback: string | number | boolean) => {
    if (value === undefined) return;
    if (value === fallback) next.delete(key);
    else next.set(key, String(value));
  };
  const d = defaultUrlQuery;
  // Always written, even empty: an empty `filters=` means "no filters", not "the default ones".
  if (change.filtersText !== undefined) next.set('filters', change.filtersText);
  set('match', change.match, d.match);
  set('refresh', change.refreshSeconds, d.refreshSeconds);
  set('limit', change.limit, d.limit);
  set('recordType', change.recordType, d.recordType);
  set('dedup', change.dedup, d.dedup);
  set('packetLoss', change.packetLoss, d.packetLoss);
  set('dataSource', change.dataSource, d.dataSource);
  set('view', change.view, d.view);
  if (change.rangeSeconds !== undefined) {
    next.delete('startTime');
    next.delete('endTime');
    set('timeRange', change.rangeSeconds, d.rangeSeconds);
  }
  if (change.customRange) {
    next.delete('timeRange');
    next.set('startTime', String(Math.floor(change.customRange.start)));
    next.set('endTime', String(Math.ceil(change.customRange.end)));
  }
  return next;
}

/** Changes the URL; `replace` rewrites the current history entry instead of adding one. */
export type UpdateUrlQuery = (change: Partial<UrlQuery>, options?: { replace?: boolean }) => void;

export function useUrlQuery(): [UrlQuery, UpdateUrlQuery, UrlWarning[]] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the parameters' text is their identity
  const { query, warnings } = useMemo(() => readUrlQuery(params), [key]);
  const update = useCallback<UpdateUrlQuery>(
    (change, options) => setParams((prev) => writeUrlQuery(prev, change), { replace: options?.replace ?? false }),
    [setParams],
  );
  return [query, update, warnings];
}
