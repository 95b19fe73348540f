/**
 * FlowQuery -> LogQL. The only place where user input becomes query text: every value goes through
 * `logqlString` (and `regexEscape` where it becomes a regular expression), so no value can change the
 * shape of a query. Filters are re-validated here against the catalogue (FilterError on a bad one).
 *
 * Where each condition goes, cheapest first:
 * 1. stream selector `{...}`: string/enum/regex filters on configured (indexed) labels;
 * 2. line filters before `| json`: exact string matches on other string fields, written as the JSON text
 *    they must appear as (`"Field":"value"`); arrays (skipped by `| json`) are matched this way too;
 * 3. label filters after `| json`: numbers, IPs, MACs, regexes and the rest, then `| __error__=""`
 *    because Loki lets lines whose parsing or conversion failed pass through label filters.
 */
import { FieldDef, RecordType } from '../../web/src/model/fields';
import { Filter, FilterError, FilterOp, MatchMode, ResolvedTarget, portValue, protocolValue, validateFilter } from '../../web/src/model/filters';
import { FlowQuery, PacketLoss } from '../../web/src/model/query';

export const flowsApp = 'netobserv-flowcollector';

export interface LogqlOptions {
  /** The stream labels Loki indexes (config `loki.labels`). */
  labels: readonly string[];
}

/** A LogQL double-quoted string literal (Go string syntax) holding exactly `value`. */
export function logqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    // A lone surrogate has no UTF-8 form: Go would reject it, so it becomes the replacement character.
    else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/** `value` as an RE2 pattern matching exactly that text (the metacharacters of Go's regexp.QuoteMeta). */
export function regexEscape(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** Where a condition is evaluated. Selector matchers and line filters are ANDed by Loki. */
type Condition =
  | { at: 'selector'; text: string }
  | { at: 'line'; text: string }
  | { at: 'label'; text: string };

const isNegated = (op: FilterOp) => op === '!=' || op === '!~';
const isRegexOp = (op: FilterOp) => op === '=~' || op === '!~';

/** One string matcher for a list of values meaning "any of them" (or "none of them" when negated). */
function stringMatcher(name: string, op: FilterOp, values: readonly string[], caseInsensitive = false): string {
  const neg = isNegated(op);
  if (!isRegexOp(op) && values.length === 1 && !caseInsensitive) {
    return `${name}${neg ? '!=' : '='}${logqlString(values[0])}`;
  }
  const alternatives = values.map((v) => (isRegexOp(op) ? v : regexEscape(v)));
  let pattern = alternatives.length === 1 ? alternatives[0] : alternatives.map((a) => `(?:${a})`).join('|');
  if (caseInsensitive) pattern = `(?i)(?:${pattern})`;
  return `${name}${neg ? '!~' : '=~'}${logqlString(pattern)}`;
}

/** Joins label filter expressions: `or` for "any value", `and` for negated operators ("no value"). */
function group(parts: string[], joiner: 'or' | 'and'): string {
  return parts.length === 1 ? parts[0] : `(${parts.join(` ${joiner} `)})`;
}

function numbersOf(kind: ResolvedTarget['kind'], values: readonly string[]): string[] {
  // Values were validated by validateFilter; the resolved numbers are plain integers or decimals.
  if (kind === 'port') return values.map((v) => String(portValue(v)));
  if (kind === 'protocol') return values.map((v) => String(protocolValue(v)));
  return [...values];
}

/** The filter as one label filter expression on one field (valid after `| json`, or on a stream label). */
function labelFilterExpr(field: FieldDef, kind: ResolvedTarget['kind'], op: FilterOp, values: readonly string[]): string {
  const joiner = isNegated(op) ? 'and' : 'or';
  switch (kind) {
    case 'number':
    case 'port':
    case 'protocol':
      // LogQL has `==` and `=` for numbers; `=` followed by a number literal is a numeric comparison.
      return group(numbersOf(kind, values).map((n) => `${field.name}${op}${n}`), joiner);
    case 'ip':
      return group(values.map((v) => `${field.name}${op}ip(${logqlString(v)})`), joiner);
    case 'mac':
      // The agent writes MACs in upper case; people type either.
      return stringMatcher(field.name, op, values, true);
    case 'text':
    case 'enum':
      return stringMatcher(field.name, op, values);
  }
}

/**
 * Whether Go's encoding/json may write `value` differently from JSON.stringify (HTML-safe escapes of < > &,
 * U+2028/9, control characters): for such values the JSON text of the line is not predictable, so the
 * exact match is done after `| json` instead of as a line filter.
 */
export function goJsonEscapes(value: string): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || ch === '<' || ch === '>' || ch === '&') return true;
  }
  return false;
}

const jsonText = (v: string) => JSON.stringify(v);

/** Exact string match as a line filter on the JSON line (`"Field":"value"`), or undefined. */
function scalarLineFilter(field: FieldDef, op: FilterOp, values: readonly string[]): string | undefined {
  if (field.type !== 'string' || isRegexOp(op) || values.some(goJsonEscapes)) return undefined;
  const neg = isNegated(op);
  if (values.length === 1) return `${neg ? '!=' : '|='} ${logqlString(`"${field.name}":${jsonText(values[0])}`)}`;
  const alternatives = values.map((v) => regexEscape(jsonText(v))).join('|');
  return `${neg ? '!~' : '|~'} ${logqlString(`${regexEscape(`"${field.name}":`)}(?:${alternatives})`)}`;
}

/**
 * Arrays of strings (Interfaces, Udns): `| json` skips arrays, so the element is found in the line text:
 * `"Field":[` then any earlier elements, then the element, then `,` or `]`. Elements are JSON strings
 * without `]` in practice (interface and network names); a regex matches the element's JSON text.
 */
function arrayLineFilter(field: FieldDef, op: FilterOp, values: readonly string[]): string {
  const element = values.map((v) => (isRegexOp(op) ? `"(?:${v})"` : regexEscape(jsonText(v)))).join('|');
  const pattern = `${regexEscape(`"${field.name}":[`)}(?:[^\\]]*,)?(?:${element})[,\\]]`;
  return `${isNegated(op) ? '!~' : '|~'} ${logqlString(pattern)}`;
}

/** A string as Go's encoding/json writes it (HTML-safe escapes of < > &, and of U+2028/9). */
function goJsonText(v: string): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A network event filter as a line filter: `"NetworkEvents":[` then, before any `]`, the event key
 * with the value (`"Action":"drop"`). An approximation of "one event has it": `[^\]]*` stays within
 * the array as long as no event text holds a `]` (policy names and kinds cannot). Negated: no event
 * has it (flows without events included).
 */
function eventLineFilter(key: string, op: FilterOp, values: readonly string[]): string {
  const value = values.map((v) => (isRegexOp(op) ? `"(?:${v})"` : regexEscape(goJsonText(v)))).join('|');
  const pattern = `${regexEscape('"NetworkEvents":[')}[^\\]]*${regexEscape(`"${key}":`)}(?:${value})`;
  return `${isNegated(op) ? '!~' : '|~'} ${logqlString(pattern)}`;
}

/**
 * A network event filter as a label filter on one event's fields, extracted under the targets' names
 * (`| json NetworkEventAction="NetworkEvents[0].Action"`): exact per event, unlike the line filter.
 * Undefined for a filter on anything else.
 */
export function eventFieldFilter(filter: Filter): string | undefined {
  const target = validateFilter(filter);
  const field = target.fields.find((f) => f.eventKey);
  return field ? stringMatcher(field.name, filter.op, filter.values) : undefined;
}

/** The cheapest correct place for one filter on one field. */
function fieldCondition(field: FieldDef, kind: ResolvedTarget['kind'], op: FilterOp, values: readonly string[], labels: ReadonlySet<string>): Condition {
  if (field.eventKey) return { at: 'line', text: eventLineFilter(field.eventKey, op, values) };
  const stringLike = kind === 'text' || kind === 'enum' || kind === 'mac';
  if (labels.has(field.name) && stringLike) {
    return { at: 'selector', text: stringMatcher(field.name, op, values, kind === 'mac') };
  }
  if (field.type === 'string[]') return { at: 'line', text: arrayLineFilter(field, op, values) };
  if (!labels.has(field.name) && stringLike && kind !== 'mac') {
    const line = scalarLineFilter(field, op, values);
    if (line) return { at: 'line', text: line };
  }
  return { at: 'label', text: labelFilterExpr(field, kind, op, values) };
}

/**
 * Conditions of one filter. A side-less target ("either") with a positive operator means source OR
 * destination. Selector matchers and line filters are always ANDed, so they cannot express that OR;
 * a label filter can (`| (SrcX="a" or DstX="a")`), and label filters see both stream labels and the
 * fields `| json` extracted, so one `or` label filter is correct for label and non-label fields alike
 * (either targets are scalar fields, never arrays). The price is that the selector cannot narrow on
 * that label; match=any avoids it by giving each side its own query (see buildFlowQueries).
 * A negated either filter means neither side matches: two ordinary conditions, ANDed.
 */
function filterConditions(filter: Filter, labels: ReadonlySet<string>): Condition[] {
  const target = validateFilter(filter);
  if (target.either && !isNegated(filter.op)) {
    const sides = target.fields.map((f) => labelFilterExpr(f, target.kind, filter.op, filter.values));
    return [{ at: 'label', text: `(${sides.join(' or ')})` }];
  }
  return target.fields.map((f) => fieldCondition(f, target.kind, filter.op, filter.values, labels));
}

/** One side of an either filter as a filter on that field (for match=any, one query per side). */
function splitSides(filter: Filter): Filter[] {
  const target = validateFilter(filter);
  if (!target.either || isNegated(filter.op)) return [filter];
  return target.fields.map((f) => ({ ...filter, target: f.name }));
}

function recordTypeCondition(recordType: RecordType, labels: ReadonlySet<string>): Condition {
  // Without conversation tracking the pipeline writes flows without _RecordType: they are flow logs too.
  const text = recordType === 'flowLog' ? `_RecordType=~${logqlString('flowLog|')}` : `_RecordType=${logqlString(recordType)}`;
  return { at: labels.has('_RecordType') ? 'selector' : 'label', text };
}

/**
 * Packet loss, from the PacketDrop feature's counters. A field the agent leaves out reads as "" after
 * `| json`, and a numeric filter on a missing field drops the line, so "zero" is written as `=~"0?"`.
 * dropped: every packet of the flow was dropped (drops reported, no packet went through);
 * hasDrops: at least one packet dropped; sent: no drop at all.
 */
function packetLossConditions(mode: PacketLoss): Condition[] {
  const zero = logqlString('0?');
  switch (mode) {
    case 'all':
      return [];
    case 'dropped':
      return [{ at: 'label', text: 'PktDropPackets>0' }, { at: 'label', text: `Packets=~${zero}` }];
    case 'hasDrops':
      return [{ at: 'label', text: 'PktDropPackets>0' }];
    case 'sent':
      return [{ at: 'label', text: `PktDropPackets=~${zero}` }];
  }
}

/**
 * Count each flow once. The agent of every node that sees a flow reports it: a pod-to-pod flow between
 * two nodes is reported as Egress (1) by the source node and Ingress (0) by the destination node.
 * Keep Ingress and Inner (2, both ends on one node), and Egress only when the destination is not a
 * node of the cluster (no DstK8S_HostName), as no node will report that flow's ingress. An Egress
 * record towards a Service address has no host either (it is seen before DNAT), but the node of the
 * backing pod reports its ingress: counting it too doubled pod-to-service traffic.
 */
function dedupCondition(): Condition {
  return { at: 'label', text: `(FlowDirection=~${logqlString('0|2')} or (DstK8S_HostName=${logqlString('')} and DstK8S_Type!=${logqlString('Service')}))` };
}

function render(conditions: Condition[], alwaysJson = false): string {
  const selector = [`app=${logqlString(flowsApp)}`, ...conditions.filter((c) => c.at === 'selector').map((c) => c.text)];
  let query = `{${selector.join(',')}}`;
  for (const c of conditions) if (c.at === 'line') query += ` ${c.text}`;
  const labelFilters = conditions.filter((c) => c.at === 'label');
  if (labelFilters.length > 0 || alwaysJson) {
    query += ' | json';
    for (const c of labelFilters) query += ` | ${c.text}`;
    query += ` | __error__=${logqlString('')}`;
  }
  return query;
}

/**
 * The LogQL queries answering a flow query: one for match=all; for match=any, one per filter (and one
 * per side of a positive either filter), whose results the caller merges (a union).
 */
export function buildFlowQueries(q: FlowQuery, opts: LogqlOptions): string[] {
  const labels = new Set(opts.labels);
  const common = [
    recordTypeCondition(q.recordType, labels),
    ...packetLossConditions(q.packetLoss),
    ...(q.dedup ? [dedupCondition()] : []),
  ];
  if (q.match === 'all' || q.filters.length === 0) {
    return [render([...q.filters.flatMap((f) => filterConditions(f, labels)), ...common])];
  }
  const queries = q.filters.flatMap(splitSides).map((f) => render([...filterConditions(f, labels), ...common]));
  return [...new Set(queries)];
}

/** A line filter of a metric query's log pipeline: a text the line contains, or an RE2 pattern it matches. */
export type LineMatch = { contains: string } | { regex: string };

export type FlowSelection = Pick<FlowQuery, 'filters' | 'recordType' | 'packetLoss' | 'dedup'> & { match?: MatchMode };

/**
 * match=any in one query: every filter as one label filter expression (the fields of a filter ANDed,
 * the sides of a positive either filter ORed), the filters ORed. Label filters see stream labels and
 * the fields `| json` extracted, so this is exact, at the price of no selector or line narrowing.
 * Arrays are not extracted by `| json`: a filter on one cannot take part in the OR.
 */
function anyOfCondition(filters: readonly Filter[]): Condition {
  const parts = filters.map((f) => {
    const target = validateFilter(f);
    const array = target.fields.find((field) => field.type === 'string[]' || field.eventKey);
    if (array) {
      throw new FilterError(`${f.target}: a filter on ${array.name} (a list) cannot be combined with match=any in a metric query; use match=all`);
    }
    const sides = target.fields.map((field) => labelFilterExpr(field, target.kind, f.op, f.values));
    return group(sides, target.either && !isNegated(f.op) ? 'or' : 'and');
  });
  return { at: 'label', text: `(${parts.join(' or ')})` };
}

/**
 * The log query under a metric query: the conditions of a flow query (match=any as one OR of the
 * filters, see anyOfCondition), always followed by `| json` so that `unwrap` and `by (...)` see every
 * field. `lines` adds line filters (plain text or an RE2 pattern, quoted here), e.g. the JSON text
 * that says a field is present.
 */
export function buildFlowPipeline(q: FlowSelection, opts: LogqlOptions, lines: readonly LineMatch[] = []): string {
  const labels = new Set(opts.labels);
  const filters = q.match === 'any' && q.filters.length > 1 ? [anyOfCondition(q.filters)] : q.filters.flatMap((f) => filterConditions(f, labels));
  return render(
    [
      ...filters,
      ...lines.map((l): Condition => ({ at: 'line', text: 'contains' in l ? `|= ${logqlString(l.contains)}` : `|~ ${logqlString(l.regex)}` })),
      recordTypeCondition(q.recordType, labels),
      ...packetLossConditions(q.packetLoss),
      ...(q.dedup ? [dedupCondition()] : []),
    ],
    true,
  );
}
