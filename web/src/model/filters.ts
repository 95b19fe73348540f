/**
 * The filter grammar: one definition, used by the page URL and by the `filters` API parameter.
 *
 *   filters := "" | filter (";" filter)*
 *   filter  := target op value ("," value)*          several values mean "any of them"
 *   target  := a catalogue field name (SrcK8S_Namespace), a side-less name (K8S_Namespace) that
 *              matches the source or the destination ("either", back and forth), or a network
 *              event target (NetworkEventAction, NetworkEventType, NetworkEventName, NetworkEventNamespace)
 *   op      := "=" | "!=" | "=~" | "!~" | ">" | ">=" | "<" | "<="
 *   value   := bare | quoted    bare: letters, digits and . _ - : / @ + *; quoted: a JSON string
 *
 * The grammar never builds queries: the server turns a parsed filter into LogQL/PromQL and escapes
 * every value there. Parsing validates everything the catalogue knows (field, operator, value shape),
 * so that a bad filter is refused with a message naming it, not sent to Loki.
 */
import { FieldDef, FilterKind, fields, getField, networkEventFilterFields } from './fields';

export const filterOps = ['=', '!=', '=~', '!~', '>', '>=', '<', '<='] as const;
export type FilterOp = (typeof filterOps)[number];

export interface Filter {
  /** Catalogue field name, or a side-less name matching source or destination. */
  target: string;
  op: FilterOp;
  values: string[];
}

export type MatchMode = 'all' | 'any';

export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

/** What a filter target designates: one field, or a source/destination pair. */
export interface ResolvedTarget {
  /** The fields the filter applies to: one, or [source, destination] for a side-less target. */
  fields: FieldDef[];
  either: boolean;
  kind: FilterKind;
}

/** Side-less targets: `K8S_Namespace` for SrcK8S_Namespace/DstK8S_Namespace, `XlatAddr` for XlatSrcAddr/XlatDstAddr. */
const eitherTargets = new Map<string, [FieldDef, FieldDef]>();
for (const f of fields) {
  const m = /^(.*)Src(.+)$/.exec(f.name);
  if (f.filter && f.peer && m) {
    const dst = getField(f.peer);
    if (dst) eitherTargets.set(`${m[1]}${m[2]}`, [f, dst]);
  }
}

export const eitherTargetNames: readonly string[] = [...eitherTargets.keys()];

const eventTargets = new Map(networkEventFilterFields.map((f) => [f.name, f]));

export function resolveTarget(target: string): ResolvedTarget | undefined {
  const pair = eitherTargets.get(target);
  if (pair) return { fields: pair, either: true, kind: pair[0].filter as FilterKind };
  const field = getField(target) ?? eventTargets.get(target);
  if (field?.filter) return { fields: [field], either: false, kind: field.filter };
  return undefined;
}

const opsByKind: Record<FilterKind, readonly FilterOp[]> = {
  text: ['=', '!=', '=~', '!~'],
  number: ['=', '!=', '>', '>=', '<', '<='],
  port: ['=', '!=', '>', '>=', '<', '<='],
  protocol: ['=', '!='],
  ip: ['=', '!='],
  mac: ['=', '!='],
  enum: ['=', '!='],
};

export function allowedOps(kind: FilterKind): readonly FilterOp[] {
  return opsByKind[kind];
}

/** Well-known service names accepted where a port number is expected. */
export const portNames: Readonly<Record<string, number>> = {
  ftp: 21, ssh: 22, telnet: 23, smtp: 25, dns: 53, domain: 53, dhcp: 67, http: 80, kerberos: 88,
  pop3: 110, ntp: 123, imap: 143, snmp: 161, ldap: 389, https: 443, smtps: 465, syslog: 514,
  submission: 587, ldaps: 636, imaps: 993, pop3s: 995, mysql: 3306, postgresql: 5432, geneve: 6081,
  'kube-apiserver': 6443, redis: 6379, vxlan: 4789, kubelet: 10250, etcd: 2379, prometheus: 9090,
};

/** IANA protocol numbers for the protocols the agent reports. */
export const protocolNumbers: Readonly<Record<string, number>> = {
  HOPOPT: 0, ICMP: 1, IGMP: 2, TCP: 6, UDP: 17, GRE: 47, ESP: 50, AH: 51, ICMPv6: 58, SCTP: 132,
};

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split('::').length > 2) return false;
  let groups = s.split(':');
  const last = groups[groups.length - 1];
  let max = 8;
  if (last.includes('.')) {
    if (!ipv4.test(last)) return false;
    groups = groups.slice(0, -1);
    max = 6;
  }
  const parts = groups.filter((g, i) => !(g === '' && (i === 0 || i === groups.length - 1 || s.includes('::'))));
  if (parts.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return s.includes('::') ? parts.length < max : parts.length === max;
}

export function isIP(s: string): boolean {
  return ipv4.test(s) || isIPv6(s);
}

/** An IP address or a CIDR range (v4 or v6). */
export function isIPOrCIDR(s: string): boolean {
  const [addr, bits, extra] = s.split('/');
  if (extra !== undefined) return false;
  if (bits === undefined) return isIP(addr);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  return ipv4.test(addr) ? n <= 32 : isIPv6(addr) && n <= 128;
}

/** The number a port value stands for (service names resolved), or undefined if it is not a port. */
export function portValue(v: string): number | undefined {
  const named = portNames[v.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d{1,5}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= 65535 ? n : undefined;
}

/** The IANA number a protocol value stands for (names resolved case-insensitively). */
export function protocolValue(v: string): number | undefined {
  const entry = Object.entries(protocolNumbers).find(([name]) => name.toLowerCase() === v.toLowerCase());
  if (entry) return entry[1];
  if (!/^\d{1,3}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= 255 ? n : undefined;
}

const numberPattern = /^-?\d+(\.\d+)?$/;
const macPattern = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

/**
 * Loki matches regular expressions with Go's RE2: no lookaround or backreferences (JavaScript has
 * them), but inline flags such as (?i) (JavaScript refuses them). Check what RE2 would accept, using
 * JavaScript's parser for the rest of the syntax.
 */
const re2LetterEscapes = 'afnrtvdDsSwWbBAzpPxQE';

function regexProblem(value: string): string | undefined {
  let jsEquivalent = '';
  let inClass = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      const next = value[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) {
        return `"${value}" uses a backreference, which Loki's regular expressions (RE2) do not support`;
      }
      // JavaScript reads an unknown escape such as \y as a plain letter; RE2 refuses it.
      if (/[A-Za-z]/.test(next) && !re2LetterEscapes.includes(next)) {
        return `"${value}" is not a valid regular expression (unknown escape \\${next})`;
      }
      jsEquivalent += c + next;
      i++;
      continue;
    }
    if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
      // A "]" right after "[" or "[^" is a literal in RE2 but closes an empty class in JavaScript.
      const literal = /^\[\^?\]/.exec(value.slice(i));
      if (literal) {
        jsEquivalent += literal[0].slice(0, -1) + '\\]';
        i += literal[0].length - 1;
        continue;
      }
    } else if (value.startsWith('(?', i)) {
      const rest = value.slice(i);
      if (/^\(\?<?[=!]/.test(rest)) {
        return `"${value}" uses a lookaround, which Loki's regular expressions (RE2) do not support`;
      }
      const flags = /^\(\?[imsU-]+(\)|:)/.exec(rest);
      if (flags) {
        // RE2 flag groups: "(?i)" sets flags, "(?i:x)" is a group with flags.
        jsEquivalent += flags[1] === ')' ? '' : '(?:';
        i += flags[0].length - 1;
        continue;
      }
      const named = /^\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        jsEquivalent += `(?<${named[1]}>`;
        i += named[0].length - 1;
        continue;
      }
    }
    jsEquivalent += c;
  }
  try {
    new RegExp(jsEquivalent);
    return undefined;
  } catch {
    return `"${value}" is not a valid regular expression`;
  }
}

/** Why a value does not fit a filter, or undefined when it does. */
export function valueProblem(target: ResolvedTarget, op: FilterOp, value: string): string | undefined {
  const field = target.fields[0];
  if (op === '=~' || op === '!~') return regexProblem(value);
  switch (target.kind) {
    case 'text':
      return value === '' ? 'an empty value matches nothing; remove the filter instead' : undefined;
    case 'number':
      return numberPattern.test(value) ? undefined : `"${value}" is not a number`;
    case 'port':
      return portValue(value) !== undefined ? undefined : `"${value}" is not a port (0-65535 or a service name such as https)`;
    case 'protocol':
      return protocolValue(value) !== undefined ? undefined : `"${value}" is not a protocol (a number 0-255 or a name such as TCP)`;
    case 'ip':
      return isIPOrCIDR(value) ? undefined : `"${value}" is not an IP address or CIDR range`;
    case 'mac':
      return macPattern.test(value) ? undefined : `"${value}" is not a MAC address (aa:bb:cc:dd:ee:ff)`;
    case 'enum':
      if (value === '') return 'an empty value matches nothing; remove the filter instead';
      return !field.values || field.values.includes(value)
        ? undefined
        : `"${value}" is not one of ${field.values.join(', ')}`;
  }
}

/** Checks one filter against the catalogue; throws FilterError naming what is wrong. */
export function validateFilter(filter: Filter): ResolvedTarget {
  const target = resolveTarget(filter.target);
  if (!target) throw new FilterError(`unknown filter field "${filter.target}"`);
  if (!allowedOps(target.kind).includes(filter.op)) {
    throw new FilterError(
      `operator "${filter.op}" is not allowed on ${filter.target} (allowed: ${allowedOps(target.kind).join(' ')})`,
    );
  }
  if (filter.values.length === 0) throw new FilterError(`filter on ${filter.target} has no value`);
  for (const v of filter.values) {
    const problem = valueProblem(target, filter.op, v);
    if (problem) throw new FilterError(`${filter.target}: ${problem}`);
  }
  return target;
}

const barePattern = /^[A-Za-z0-9._\-:/@+*]+$/;

function serializeValue(v: string): string {
  return barePattern.test(v) ? v : JSON.stringify(v);
}

export function serializeFilters(filters: readonly Filter[]): string {
  return filters.map((f) => `${f.target}${f.op}${f.values.map(serializeValue).join(',')}`).join(';');
}

/** A small cursor-based reader: the grammar is tiny, and positions make errors precise. */
class Reader {
  pos = 0;
  constructor(readonly text: string) {}
  done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos];
  }
  fail(what: string): never {
    throw new FilterError(`filters: ${what} at position ${this.pos + 1}`);
  }
}

function readTarget(r: Reader): string {
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(r.text.slice(r.pos));
  if (!m) r.fail('expected a field name');
  r.pos += m[0].length;
  return m[0];
}

function readOp(r: Reader): FilterOp {
  const rest = r.text.slice(r.pos);
  // Longest operators first so that ">=" is not read as ">".
  const op = [...filterOps].sort((a, b) => b.length - a.length).find((o) => rest.startsWith(o));
  if (!op) r.fail(`expected an operator (${filterOps.join(' ')})`);
  r.pos += op.length;
  return op;
}

function readValue(r: Reader): string {
  if (r.peek() === '"') {
    // A JSON string: find its closing quote, skipping escaped characters.
    let end = r.pos + 1;
    while (end < r.text.length && r.text[end] !== '"') end += r.text[end] === '\\' ? 2 : 1;
    if (end >= r.text.length) r.fail('unterminated quoted value');
    try {
      const v = JSON.parse(r.text.slice(r.pos, end + 1)) as string;
      r.pos = end + 1;
      return v;
    } catch {
      return r.fail('invalid escape in quoted value');
    }
  }
  const m = /^[A-Za-z0-9._\-:/@+*]+/.exec(r.text.slice(r.pos));
  if (!m) r.fail('expected a value (quote it with "..." if it has other characters)');
  r.pos += m[0].length;
  return m[0];
}

/** Parses and validates a filters string; throws FilterError with a precise message. */
export function parseFilters(text: string): Filter[] {
  const filters: Filter[] = [];
  if (text.trim() === '') return filters;
  const r = new Reader(text);
  for (;;) {
    const target = readTarget(r);
    const op = readOp(r);
    const values = [readValue(r)];
    while (!r.done() && r.peek() === ',') {
      r.pos++;
      values.push(readValue(r));
    }
    const filter = { target, op, values };
    validateFilter(filter);
    filters.push(filter);
    if (r.done()) return filters;
    if (r.peek() !== ';') r.fail('expected ";" between filters');
    r.pos++;
  }
}
