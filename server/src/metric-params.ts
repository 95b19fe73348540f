/**
 * The query string of `GET /api/metrics` -> a validated MetricRequest and data source choice. Every
 * refusal names the parameter (BadRequestError -> 400).
 */
import {
  DataSourceChoice, MetricBreakdown, MetricFunction, MetricScope, MetricType, breakdownDefs, dataSourceChoices, defaultMetricsLimit,
  defaultStepSeconds, maxMetricsLimit, maxPointsPerSeries, metricBreakdowns, metricFunctions, metricScopes, metricTypeDefs, metricTypes,
} from '../../web/src/model/metrics';
import { MatchMode } from '../../web/src/model/filters';
import { BadRequestError, FlowParamLimits, Query, filtersOf, oneOf, single, timeRange } from './flow-params';
import { MetricRequest } from './promql';

export interface MetricParams {
  request: MetricRequest;
  dataSource: DataSourceChoice;
}

function wholeNumber(q: Query, name: string, min: number, max: number, fallback: number): number {
  const v = single(q, name);
  if (v === undefined || v === '') return fallback;
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) throw new BadRequestError(`${name}: "${v}" is not a whole number between ${min} and ${max}`);
  return n;
}

function groupsOf(q: Query, scope: MetricScope): MetricScope[] {
  const v = single(q, 'groups');
  if (v === undefined || v === '') return [];
  const groups = v.split(',').map((g) => g.trim());
  for (const g of groups) {
    if (!(metricScopes as readonly string[]).includes(g)) throw new BadRequestError(`groups: "${g}" is not one of ${metricScopes.join(', ')}`);
  }
  return [...new Set(groups as MetricScope[])].filter((g) => g !== scope);
}

/** The optional breakdown, refused when the type does not carry its fields. */
function breakdownOf(q: Query, type: MetricType): MetricBreakdown | undefined {
  const v = single(q, 'breakdown');
  if (v === undefined || v === '') return undefined;
  if (!(metricBreakdowns as readonly string[]).includes(v)) throw new BadRequestError(`breakdown: "${v}" is not one of ${metricBreakdowns.join(', ')}`);
  const def = breakdownDefs[v as MetricBreakdown];
  if (!def.types.includes(type)) throw new BadRequestError(`breakdown: ${v} does not apply to ${type} (it applies to ${def.types.join(', ')})`);
  return def.breakdown;
}

export function parseMetricParams(q: Query, limits: Pick<FlowParamLimits, 'maxRangeDays'>, nowSeconds: number = Date.now() / 1000): MetricParams {
  const { startTime, endTime } = timeRange(q, limits, nowSeconds);
  const scope = oneOf<MetricScope>(q, 'scope', metricScopes, 'namespace');
  const type = oneOf<MetricType>(q, 'type', metricTypes, 'bytes');
  const def = metricTypeDefs[type];
  const fn = oneOf<MetricFunction>(q, 'function', metricFunctions, def.functions[0]);
  if (!def.functions.includes(fn)) {
    throw new BadRequestError(`function: "${fn}" does not apply to ${type} (use one of ${def.functions.join(', ')})`);
  }
  const stepSeconds = wholeNumber(q, 'step', 1, 86400, defaultStepSeconds);
  if ((endTime - startTime) / stepSeconds > maxPointsPerSeries) {
    throw new BadRequestError(`step: ${stepSeconds} s gives more than ${maxPointsPerSeries} points over the time range; use a larger step`);
  }
  return {
    request: {
      scope,
      groups: groupsOf(q, scope),
      type,
      fn,
      breakdown: breakdownOf(q, type),
      limit: wholeNumber(q, 'limit', 1, maxMetricsLimit, defaultMetricsLimit),
      stepSeconds,
      startTime,
      endTime,
      filters: filtersOf(q),
      match: oneOf<MatchMode>(q, 'match', ['all', 'any'], 'all'),
    },
    dataSource: oneOf<DataSourceChoice>(q, 'dataSource', dataSourceChoices, 'auto'),
  };
}
