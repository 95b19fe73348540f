/**
 * Seeded fuzzing of the three places where a user's filter value becomes text: the filter grammar
 * (serialize/parse), the LogQL builders (flows and metrics) and the PromQL builder.
 *
 * The oracle does not restate the builders. Each query is built twice: once with the hostile values and
 * once with inert placeholders (letters only) in their place. Both must parse without an error node,
 * have the same syntax tree shape (a value cannot add, remove or move a matcher), and every string
 * literal of the hostile query, decoded, must be the placeholder query's literal with each placeholder
 * replaced by the value in one of the encodings the builders use (as is, regex-escaped, as JSON text).
 * Hostile values on fields that are not free text (ports, IPs, numbers...) must be refused with a
 * FilterError, never crash.
 */
import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import fc from 'fast-check';
import { defaultLokiLabels, fields } from '../web/src/model/fields';
import { Filter, FilterError, FilterOp, eitherTargetNames, parseFilters, resolveTarget, serializeFilters, validateFilter } from '../web/src/model/filters';
import { FlowQuery, PacketLoss } from '../web/src/model/query';
import { buildFlowQueries, goJsonEscapes, regexEscape } from '../server/src/logql';
import { buildMetricLogql } from '../server/src/logql-metrics';
import { MetricRequest, buildMetricPromql, promCoverage, promMetrics } from '../server/src/promql';

const allTargets = [...fields.map((f) => f.name), ...eitherTargetNames].filter((t) => resolveTarget(t) !== undefined);
const textTargets = allTargets.filter((t) => resolveTarget(t)!.kind === 'text');
const validatedTargets = allTargets.filter((t) => resolveTarget(t)!.kind !== 'text');
/** Text labels of the workload-level Prometheus metrics: filters there become PromQL label matchers. */
const promTargets = ['SrcK8S_Namespace', 'DstK8S_Namespace', 'SrcK8S_OwnerName', 'DstK8S_OwnerName'];
const allPromMetrics = promMetrics.map((m) => m.name);
const labelOpts = { labels: defaultLokiLabels };

/** Characters that break naive quoting or escaping, in LogQL, PromQL, RE2, JSON or the filter grammar. */
const nasty = ['"', "'", '\\', '`', '|', '}', '{', ']', '[', ')', '(', ',', ';', '=', '!', '~', '.', '*', '+', '?', '^', '$', '#',
  '\n', '\r', '\t', '\0', '\x7f', '\u2028', '<', '>', '&', 'é', '😀', '\ud800', '\udfff', '\\x', '\\u', '"} or vector(1)', '| json', '%22'];

/** Any code points, lone surrogates included (fc.string's slices for shrinking cost more than the checks). */
const codePoints = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 0x10ffff }), { minLength: min, maxLength: max }).map((cps) => String.fromCodePoint(...cps));

const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 60, arbitrary: fc.array(fc.oneof(fc.constantFrom(...nasty), codePoints(0, 3)), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 10, arbitrary: codePoints(1, 40) },
  // Very long values are rare: they cost a hundred times more to check.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...nasty), fc.integer({ min: 1_000, max: 5_000 })).map(([s, n]) => s.repeat(n)) },
).filter((v) => v.length > 0);

const textFilter: fc.Arbitrary<Filter> = fc.record({
  target: fc.constantFrom(...textTargets),
  op: fc.constantFrom<FilterOp>('=', '!=', '=~', '!~'),
  values: fc.array(hostileValue, { minLength: 1, maxLength: 3 }),
}).map((f) => (f.op === '=~' || f.op === '!~' ? { ...f, values: f.values.map(regexEscape) } : f));

export interface FuzzCase {
  filters: Filter[];
  promFilters: Filter[];
  match: FlowQuery['match'];
  recordType: FlowQuery['recordType'];
  packetLoss: PacketLoss;
  dedup: boolean;
  promType: 'bytes' | 'rtt';
  fn: 'rate' | 'sum' | 'avg' | 'p99';
  /** A hostile value on a field whose values are validated (port, IP, number...). */
  refused: Filter;
}

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({
  filters: fc.array(textFilter, { minLength: 1, maxLength: 3 }),
  promFilters: fc.array(
    fc.record({ target: fc.constantFrom(...promTargets), op: fc.constantFrom<FilterOp>('=', '!=', '=~', '!~'), values: fc.array(hostileValue, { minLength: 1, maxLength: 2 }) })
      .map((f) => (f.op === '=~' || f.op === '!~' ? { ...f, values: f.values.map(regexEscape) } : f)),
    { minLength: 1, maxLength: 3 },
  ),
  match: fc.constantFrom<FlowQuery['match']>('all', 'any'),
  recordType: fc.constantFrom<FlowQuery['recordType']>('flowLog', 'newConnection', 'heartbeat', 'endConnection'),
  packetLoss: fc.constantFrom<PacketLoss>('all', 'dropped', 'hasDrops', 'sent'),
  dedup: fc.boolean(),
  promType: fc.constantFrom<'bytes' | 'rtt'>('bytes', 'rtt'),
  fn: fc.constantFrom<'rate' | 'sum' | 'avg' | 'p99'>('rate', 'sum', 'avg', 'p99'),
  refused: fc.record({ target: fc.constantFrom(...validatedTargets), op: fc.constant<FilterOp>('='), values: fc.tuple(hostileValue).map((t) => [...t]) }),
}).map((c) => ({ ...c, fn: c.promType === 'rtt' ? (c.fn === 'sum' || c.fn === 'rate' ? 'p99' : c.fn) : c.fn === 'avg' || c.fn === 'p99' ? 'rate' : c.fn }));

/** Decodes a Go string literal (double-quoted with escapes, or a raw backquoted string). */
export function decodeGoString(lit: string): string {
  if (lit.startsWith('`')) return lit.slice(1, -1);
  const body = lit.slice(1, -1);
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out += body[i];
      continue;
    }
    const e = body[i + 1];
    if (e in simple) {
      out += simple[e];
      i += 1;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      out += String.fromCodePoint(parseInt(body.slice(i + 2, i + 2 + n), 16));
      i += 1 + n;
    } else if (/[0-7]/.test(e)) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      throw new Error(`unknown escape \\${e} in ${lit}`);
    }
  }
  return out;
}

interface Parsed {
  shape: string;
  literals: string[];
  /** The query text outside string literals. */
  code: string;
}

function parseQuery(query: string, lang: 'logql' | 'promql'): Parsed {
  const tree = (lang === 'logql' ? logqlParser : promqlParser).parse(query);
  const shape: string[] = [];
  const literals: string[] = [];
  let code = '';
  let last = 0;
  let error: string | undefined;
  tree.iterate({
    enter(n) {
      if (n.type.isError) error ??= `${lang} error node at ${n.from}`;
      shape.push(n.type.name);
      if (n.type.name === 'String' || n.type.name === 'StringLiteral') {
        literals.push(decodeGoString(query.slice(n.from, n.to)));
        code += query.slice(last, n.from);
        last = n.to;
        return false;
      }
      return undefined;
    },
  });
  if (error) throw new Error(`${error}: ${query.slice(0, 300)}`);
  return { shape: shape.join(' '), literals, code: code + query.slice(last) };
}

/** Go has no lone surrogates: the builders write U+FFFD for them. */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

type Encoding = (v: string) => string;
const encodings: { inQuotes: boolean; enc: Encoding }[] = [
  { inQuotes: false, enc: (v) => v },
  { inQuotes: false, enc: regexEscape },
  { inQuotes: true, enc: (v) => JSON.stringify(v) },
  { inQuotes: true, enc: (v) => regexEscape(JSON.stringify(v)) },
];

/** Replaces every hostile value by an inert placeholder (one per distinct value). */
function placeholders(filters: Filter[], table: Map<string, string>): Filter[] {
  const name = (v: string) => {
    // Values Go's JSON writes differently take another path in the LogQL builder: so does their placeholder.
    if (!table.has(v)) table.set(v, `Pqz${table.size}x${goJsonEscapes(v) ? '&' : ''}`);
    return table.get(v)!;
  };
  return filters.map((f) => ({ ...f, values: f.values.map(name) }));
}

/** Checks that `hostile` is `template` with its placeholders replaced by their values; returns a problem or undefined. */
export function compareQuery(hostile: string, template: string, table: Map<string, string>, lang: 'logql' | 'promql'): string | undefined {
  const h = parseQuery(hostile, lang);
  const t = parseQuery(template, lang);
  if (h.shape !== t.shape) return `${lang} shape differs: ${hostile.slice(0, 300)}`;
  if (h.code !== t.code) return `${lang} text outside literals differs: ${hostile.slice(0, 300)}`;
  for (const p of table.values()) if (t.code.includes(p)) return `placeholder ${p} outside a string literal: ${template}`;
  const encoded = [...table].map(([value, p]) => ({ p, forms: encodings.map(({ enc }) => enc(value)) }));
  for (let i = 0; i < t.literals.length; i++) {
    const lit = t.literals[i];
    const used = encoded.filter(({ p }) => lit.includes(p));
    const candidates = used.length === 0 ? [lit] : encodings.map(({ inQuotes }, e) => {
      let s = lit;
      for (const { p, forms } of used) s = s.split(inQuotes ? `"${p}"` : p).join(forms[e]);
      return wellFormed(s);
    });
    if (!candidates.includes(h.literals[i])) return `${lang} literal ${i} does not hold the value: ${JSON.stringify(h.literals[i]).slice(0, 300)}`;
  }
  return undefined;
}

const present = (queries: string[], placeholder: string, lang: 'logql' | 'promql') =>
  queries.some((q) => parseQuery(q, lang).literals.some((l) => l.includes(placeholder)));

/** Runs one case through the grammar and the three builders; returns the problems found (none expected). */
export function checkCase(c: FuzzCase): string[] {
  const problems: string[] = [];
  const check = (what: string, fn: () => string | undefined) => {
    try {
      const p = fn();
      if (p) problems.push(`${what}: ${p}`);
    } catch (e) {
      problems.push(`${what} threw ${(e as Error).name}: ${(e as Error).message.slice(0, 300)}`);
    }
  };

  check('grammar', () => {
    const back = parseFilters(serializeFilters([...c.filters, ...c.promFilters]));
    return JSON.stringify(back) === JSON.stringify([...c.filters, ...c.promFilters]) ? undefined : 'serialize/parse round trip changed the filters';
  });

  check('refusal', () => {
    try {
      validateFilter(c.refused);
      return undefined; // a hostile string may happen to be a valid port or number
    } catch (e) {
      return e instanceof FilterError ? undefined : `not a FilterError: ${(e as Error).message}`;
    }
  });

  const table = new Map<string, string>();
  const inert = placeholders(c.filters, table);
  const query = (filters: Filter[]): FlowQuery => ({ filters, match: c.match, startTime: 0, endTime: 300, limit: 100, recordType: c.recordType, dedup: c.dedup, packetLoss: c.packetLoss });
  check('logql flows', () => {
    const hostile = buildFlowQueries(query(c.filters), labelOpts);
    const templates = buildFlowQueries(query(inert), labelOpts);
    if (hostile.length !== templates.length) return `${hostile.length} queries instead of ${templates.length}`;
    for (let i = 0; i < hostile.length; i++) {
      const p = compareQuery(hostile[i], templates[i], table, 'logql');
      if (p) return p;
    }
    const missing = [...table.values()].find((p) => !present(templates, p, 'logql'));
    return missing ? `a filter value is missing from the queries: ${templates.join(' ; ')}` : undefined;
  });

  const metricReq = (filters: Filter[]): MetricRequest => ({ scope: 'namespace', groups: [], match: 'all', type: c.promType, fn: c.fn, limit: 10, stepSeconds: 60, startTime: 0, endTime: 3600, filters });
  check('logql metrics', () => {
    const templates = buildMetricLogql(metricReq(inert), labelOpts);
    return buildMetricLogql(metricReq(c.filters), labelOpts).map((q, i) => compareQuery(q, templates[i], table, 'logql')).find((p) => p !== undefined);
  });

  const promTable = new Map<string, string>();
  const promInert = placeholders(c.promFilters, promTable);
  check('promql', () => {
    const coverage = promCoverage(metricReq(c.promFilters), allPromMetrics);
    if (!('metric' in coverage)) return `no metric covers the request: ${coverage.reason}`;
    const hostile = buildMetricPromql(metricReq(c.promFilters), coverage.metric);
    const template = buildMetricPromql(metricReq(promInert), coverage.metric);
    const p = compareQuery(hostile, template, promTable, 'promql');
    if (p) return p;
    const missing = [...promTable.values()].find((ph) => !present([template], ph, 'promql'));
    return missing ? `a filter value is missing from the query: ${template}` : undefined;
  });
  return problems;
}

export const fuzzSeed = 20261123;

/** Generates and checks `count` cases from `seed`; returns the time taken and the failing cases. */
export function runFuzz(count: number, seed = fuzzSeed, chunk = 5_000): { ms: number; failures: { c: FuzzCase; problems: string[] }[] } {
  const started = performance.now();
  const failures: { c: FuzzCase; problems: string[] }[] = [];
  for (let done = 0; done < count; done += chunk) {
    for (const c of fc.sample(fuzzCase, { seed: seed + done, numRuns: Math.min(chunk, count - done) })) {
      const problems = checkCase(c);
      if (problems.length > 0) failures.push({ c, problems });
    }
  }
  return { ms: performance.now() - started, failures };
}
