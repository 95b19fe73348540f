/** FlowQuery -> the query string of `GET /api/flows` (the backend's contract, docs/architecture.md). */
import { serializeFilters } from '../model/filters';
import { FlowQuery } from '../model/query';

export function flowQueryParams(query: FlowQuery): URLSearchParams {
  const params = new URLSearchParams();
  params.set('filters', serializeFilters(query.filters));
  params.set('match', query.match);
  params.set('startTime', String(Math.floor(query.startTime)));
  params.set('endTime', String(Math.ceil(query.endTime)));
  params.set('limit', String(query.limit));
  params.set('recordType', query.recordType);
  params.set('dedup', String(query.dedup));
  params.set('packetLoss', query.packetLoss);
  return params;
}
