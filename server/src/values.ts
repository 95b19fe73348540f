/**
 * `GET /api/values`: distinct values of a field for autocomplete. Indexed labels come from Loki's label
 * values API (cheap); other fields from the most recent flows of the time range.
 */
import { resolveTarget } from '../../web/src/model/filters';
import { BadRequestError, FlowParamLimits, Query, single, timeRange } from './flow-params';
import { FlowsDeps, queryFlows, secondsToNs } from './flows';
import { LokiClient } from './loki-client';
import { CallerAuth } from './upstream';

export const defaultValuesLimit = 50;
export const maxValuesLimit = 1000;
/** How many recent flows are read for a field that is not an indexed label. */
export const valuesSampleSize = 1000;

export interface ValuesRequest {
  /** The catalogue fields asked for (two for a side-less name such as K8S_Namespace). */
  fields: string[];
  target: string;
  prefix: string;
  limit: number;
  startTime: number;
  endTime: number;
}

export interface ValuesResponse {
  field: string;
  values: string[];
  /** `labels`: Loki's index; `flows`: recent flow records. */
  source: 'labels' | 'flows';
}

export function parseValuesParams(q: Query, limits: Pick<FlowParamLimits, 'maxRangeDays'>, nowSeconds: number = Date.now() / 1000): ValuesRequest {
  const target = single(q, 'field');
  if (!target) throw new BadRequestError('field: give the field whose values you want (e.g. SrcK8S_Namespace)');
  const resolved = resolveTarget(target);
  if (!resolved) throw new BadRequestError(`field: unknown or non-filterable field "${target}"`);
  const rawLimit = single(q, 'limit');
  const limit = rawLimit === undefined || rawLimit === '' ? defaultValuesLimit : /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= maxValuesLimit)) throw new BadRequestError(`limit: "${rawLimit}" is not a whole number between 1 and ${maxValuesLimit}`);
  return { fields: resolved.fields.map((f) => f.name), target, prefix: single(q, 'prefix') ?? '', limit, ...timeRange(q, limits, nowSeconds) };
}

function pick(values: Iterable<string>, prefix: string, limit: number): string[] {
  const p = prefix.toLowerCase();
  return [...new Set(values)].filter((v) => v !== '' && v.toLowerCase().startsWith(p)).sort().slice(0, limit);
}

export async function queryValues(req: ValuesRequest, auth: CallerAuth, deps: FlowsDeps & { loki: Pick<LokiClient, 'labelValues'> }): Promise<ValuesResponse> {
  if (req.fields.every((f) => deps.labels.includes(f))) {
    const range = { startNs: secondsToNs(req.startTime), endNs: secondsToNs(req.endTime) };
    const lists = await Promise.all(req.fields.map((f) => deps.loki.labelValues(f, range, auth)));
    return { field: req.target, values: pick(lists.flat(), req.prefix, req.limit), source: 'labels' };
  }
  const { records } = await queryFlows(
    { filters: [], match: 'all', startTime: req.startTime, endTime: req.endTime, limit: valuesSampleSize, recordType: 'flowLog', dedup: false, packetLoss: 'all' },
    auth,
    deps,
  );
  const found: string[] = [];
  for (const r of records) {
    const flow = r.fields as Record<string, unknown>;
    for (const f of req.fields) {
      const v = flow[f];
      for (const item of Array.isArray(v) ? v : [v]) if (typeof item === 'string' || typeof item === 'number') found.push(String(item));
    }
  }
  return { field: req.target, values: pick(found, req.prefix, req.limit), source: 'flows' };
}
