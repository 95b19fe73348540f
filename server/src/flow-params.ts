/**
 * The query string of `GET /api/flows` -> a validated FlowQuery. Every refusal is a BadRequestError
 * whose message names the parameter, so the page can show it as is.
 */
import { RecordType, recordTypes } from '../../web/src/model/fields';
import { FilterError, MatchMode, parseFilters } from '../../web/src/model/filters';
import { FlowQuery, PacketLoss, defaultLimit, defaultRangeSeconds, packetLossModes } from '../../web/src/model/query';

export class BadRequestError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}

export interface FlowParamLimits {
  maxLimit: number;
  maxRangeDays: number;
}

export type Query = Record<string, unknown>;

/** A single string parameter; repeating one is refused rather than guessed. */
export function single(q: Query, name: string): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new BadRequestError(`${name}: give the parameter once`);
  return v;
}

export function oneOf<T extends string>(q: Query, name: string, allowed: readonly T[], fallback: T): T {
  const v = single(q, name);
  if (v === undefined || v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new BadRequestError(`${name}: "${v}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

function epochSeconds(q: Query, name: string): number | undefined {
  const v = single(q, name);
  if (v === undefined || v === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(v)) throw new BadRequestError(`${name}: "${v}" is not a time in seconds since epoch`);
  return Number(v);
}

function limitOf(q: Query, maxLimit: number): number {
  const v = single(q, 'limit');
  if (v === undefined || v === '') return Math.min(defaultLimit, maxLimit);
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1 && n <= maxLimit)) throw new BadRequestError(`limit: "${v}" is not a whole number between 1 and ${maxLimit}`);
  return n;
}

export function filtersOf(q: Query): FlowQuery['filters'] {
  try {
    return parseFilters(single(q, 'filters') ?? '');
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    throw new BadRequestError(e.message.startsWith('filters:') ? e.message : `filters: ${e.message}`);
  }
}

/** `startTime`/`endTime` (epoch seconds; default: the last 5 minutes), checked against the range limit. */
export function timeRange(q: Query, limits: Pick<FlowParamLimits, 'maxRangeDays'>, nowSeconds: number): { startTime: number; endTime: number } {
  const start = epochSeconds(q, 'startTime');
  const end = epochSeconds(q, 'endTime');
  const endTime = end ?? Math.ceil(nowSeconds);
  const startTime = start ?? endTime - defaultRangeSeconds;
  if (endTime < startTime) throw new BadRequestError('endTime: the end of the time range is before its start (startTime)');
  if (endTime - startTime > limits.maxRangeDays * 86400) {
    throw new BadRequestError(`startTime: the time range exceeds ${limits.maxRangeDays} days; narrow it`);
  }
  return { startTime, endTime };
}

export function parseFlowParams(q: Query, limits: FlowParamLimits, nowSeconds: number = Date.now() / 1000): FlowQuery {
  const { startTime, endTime } = timeRange(q, limits, nowSeconds);
  const dedup = oneOf(q, 'dedup', ['true', 'false'], 'true');
  return {
    filters: filtersOf(q),
    match: oneOf<MatchMode>(q, 'match', ['all', 'any'], 'all'),
    startTime,
    endTime,
    limit: limitOf(q, limits.maxLimit),
    recordType: oneOf<RecordType>(q, 'recordType', recordTypes, 'flowLog'),
    dedup: dedup === 'true',
    packetLoss: oneOf<PacketLoss>(q, 'packetLoss', packetLossModes, 'all'),
  };
}
