/**
 * How flow values read to a person: one definition for table cells, the drawer and the CSV export.
 *
 * Sizes use SI (decimal) units, 1 kB = 1000 B, like link speeds and the rates network engineers
 * compare them with; rates are the same units per second ("1.2 MBps"). Scaled values keep one decimal
 * below 100 and none above ("1.5 MB", "250 MB"). Durations keep three significant digits ("850 µs",
 * "12.3 ms", "1.20 s"). Values come from JSON lines and Loki labels (numbers as strings), so every
 * function accepts odd input and returns text, never throws.
 */
import { dropCauseText, tcpStateText } from './drop-causes';
import { Display, FieldDef } from './fields';
import { protocolNumbers } from './filters';
import { Flow, NetworkEvent } from './flow';
import { describeNetworkEvents } from './network-events';

const sizeUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

/** A size with its SI unit; `suffix` turns it into a rate ("ps"). */
function scaled(n: number, suffix: string): string {
  if (!Number.isFinite(n)) return String(n);
  const last = sizeUnits.length - 1;
  let v = Math.abs(n);
  let unit = 0;
  while (unit < last && v >= 1000) {
    v /= 1000;
    unit++;
  }
  let digits = unit === 0 && Number.isInteger(v) ? String(v) : v < 100 ? v.toFixed(1) : v.toFixed(0);
  // Rounding can reach the next unit (999.96 kB -> "1000 kB"): step up instead.
  if (Number(digits) >= 1000 && unit < last) {
    unit++;
    digits = (Number(digits) / 1000).toFixed(1);
  }
  return `${n < 0 ? '-' : ''}${digits} ${sizeUnits[unit]}${suffix}`;
}

/** "850 B", "1.5 kB", "12.3 MB", "250 GB" (SI: 1 kB = 1000 B). */
export function formatBytes(n: number): string {
  return scaled(n, '');
}

/** Bytes per second: "850 Bps", "1.2 MBps". */
export function formatByteRate(bytesPerSecond: number): string {
  return scaled(bytesPerSecond, 'ps');
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A count with thousands separators: "1,234,567"; counts are never scaled so the exact figure stays visible. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? grouped.format(n) : String(n);
}

/** Packets are counts: "1,234". */
export function formatPackets(n: number): string {
  return formatCount(n);
}

const durationUnits: readonly { unit: string; ns: number }[] = [
  { unit: 'ns', ns: 1 },
  { unit: 'µs', ns: 1e3 },
  { unit: 'ms', ns: 1e6 },
  { unit: 's', ns: 1e9 },
];

function threeDigits(v: number): string {
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

/** Minutes and hours for long durations, where decimals of a second no longer matter. */
function longDuration(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min ${s} s`;
}

function formatDuration(ns: number, zeroUnit: string): string {
  if (!Number.isFinite(ns)) return String(ns);
  if (ns === 0) return `0 ${zeroUnit}`;
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(ns);
  if (abs >= 60e9) return sign + longDuration(abs / 1e9);
  let i = durationUnits.length - 1;
  while (i > 0 && abs < durationUnits[i].ns) i--;
  let digits = threeDigits(abs / durationUnits[i].ns);
  // Rounding can reach the next unit (999.7 µs -> "1000 µs"): step up instead.
  if (Number(digits) >= 1000 && i < durationUnits.length - 1) {
    i++;
    digits = threeDigits(Number(digits) / 1000);
  }
  if (i === 0) digits = String(Math.round(abs));
  return `${sign}${digits} ${durationUnits[i].unit}`;
}

/** Nanoseconds to three significant digits: "850 ns", "850 µs", "12.3 ms", "1.20 s", "2 min 5 s". */
export function formatDurationNs(ns: number): string {
  return formatDuration(ns, 'ns');
}

/** Milliseconds, same style: "0 ms", "500 µs", "12.3 ms". */
export function formatDurationMs(ms: number): string {
  return formatDuration(ms * 1e6, 'ms');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2024-05-06 14:03:12.345" in local time, or with " UTC" in UTC; sortable and unambiguous. */
export function formatTimestampMs(ms: number, utc = false): string {
  const d = new Date(ms);
  if (!Number.isFinite(ms) || Number.isNaN(d.getTime())) return String(ms);
  const [y, mo, day, h, mi, s, milli] = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()];
  const text = `${pad(y, 4)}-${pad(mo)}-${pad(day)} ${pad(h)}:${pad(mi)}:${pad(s)}.${pad(milli, 3)}`;
  return utc ? `${text} UTC` : text;
}

const protocolNames = new Map(Object.entries(protocolNumbers).map(([name, n]) => [n, name]));

/** "TCP" for 6, the number itself when the protocol has no name here. */
export function protocolName(n: number): string {
  return protocolNames.get(n) ?? String(n);
}

/** TCP flag bits, plus the agent's own bits for flags seen together in one packet. */
const tcpFlagBits: readonly [number, string][] = [
  [1, 'FIN'],
  [2, 'SYN'],
  [4, 'RST'],
  [8, 'PSH'],
  [16, 'ACK'],
  [32, 'URG'],
  [64, 'ECE'],
  [128, 'CWR'],
  [256, 'SYN_ACK'],
  [512, 'FIN_ACK'],
  [1024, 'RST_ACK'],
];
const knownFlagBits = tcpFlagBits.reduce((all, [bit]) => all | bit, 0);

/** Names of the set bits, lowest first; bits the agent does not define show as hex so none is hidden. */
export function tcpFlagNames(flags: number): string[] {
  if (!Number.isInteger(flags) || flags <= 0) return [];
  const names = tcpFlagBits.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
  const unknown = flags & ~knownFlagBits;
  return unknown !== 0 ? [...names, `0x${unknown.toString(16)}`] : names;
}

const directions: readonly string[] = ['Ingress', 'Egress', 'Inner'];

/** FlowDirection / IfDirections: 0 Ingress, 1 Egress, 2 Inner. */
export function directionName(n: number): string {
  return directions[n] ?? String(n);
}

/** DSCP class names (RFC 2474 class selectors, RFC 2597 assured forwarding, RFC 3246 EF, RFC 8622 LE, RFC 5865). */
const dscpClasses: Readonly<Record<number, string>> = {
  0: 'Standard',
  1: 'LE',
  8: 'CS1',
  10: 'AF11',
  12: 'AF12',
  14: 'AF13',
  16: 'CS2',
  18: 'AF21',
  20: 'AF22',
  22: 'AF23',
  24: 'CS3',
  26: 'AF31',
  28: 'AF32',
  30: 'AF33',
  32: 'CS4',
  34: 'AF41',
  36: 'AF42',
  38: 'AF43',
  40: 'CS5',
  44: 'VOICE-ADMIT',
  46: 'EF',
  48: 'CS6',
  56: 'CS7',
};

export function dscpName(n: number): string {
  return dscpClasses[n] ?? String(n);
}

/** Linux errno values the DNS tracker can report when it fails to read a packet. */
const errnos: Readonly<Record<number, string>> = {
  1: 'EPERM (operation not permitted)',
  2: 'ENOENT (no such entry)',
  4: 'EINTR (interrupted)',
  5: 'EIO (I/O error)',
  7: 'E2BIG (argument list too long)',
  11: 'EAGAIN (try again)',
  12: 'ENOMEM (out of memory)',
  13: 'EACCES (permission denied)',
  14: 'EFAULT (bad address)',
  16: 'EBUSY (busy)',
  22: 'EINVAL (invalid argument)',
  28: 'ENOSPC (no space left)',
  34: 'ERANGE (out of range)',
  90: 'EMSGSIZE (message too long)',
  95: 'EOPNOTSUPP (operation not supported)',
  105: 'ENOBUFS (no buffer space)',
  110: 'ETIMEDOUT (timed out)',
};

/** 0 means the DNS packet was read; the kernel may report errors as negative numbers. */
export function dnsErrnoText(n: number): string {
  if (n === 0) return 'No error';
  return errnos[Math.abs(n)] ?? `errno ${n}`;
}

const recordTypeNames: Readonly<Record<string, string>> = {
  flowLog: 'Flow',
  newConnection: 'New connection',
  heartbeat: 'Heartbeat',
  endConnection: 'End of connection',
};

export function recordTypeName(raw: string): string {
  return recordTypeNames[raw] ?? raw;
}

/** A number from JSON or from a Loki label (numbers arrive there as strings). */
function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** Text of a value that no display rule knows: strings as they are, objects as JSON. */
function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

const numberFormats: Partial<Record<Display, (n: number) => string>> = {
  bytes: formatBytes,
  packets: formatPackets,
  count: formatCount,
  timestampMs: (n) => formatTimestampMs(n),
  timestampS: (n) => formatTimestampMs(n * 1000),
  durationNs: formatDurationNs,
  durationMs: formatDurationMs,
  port: String,
  protocol: protocolName,
  direction: directionName,
  interfaceDirections: directionName,
  tcpFlags: (n) => tcpFlagNames(n).join(', '),
  dscp: dscpName,
  dnsErrno: dnsErrnoText,
};

const textFormats: Partial<Record<Display, (s: string) => string>> = {
  dropCause: dropCauseText,
  dropState: tcpStateText,
  recordType: recordTypeName,
  ipsecStatus: (s) => ({ success: 'Success', error: 'Error' })[s] ?? s,
};

function formatScalar(display: Display, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  const numberFormat = numberFormats[display];
  if (numberFormat) {
    const n = asNumber(value);
    return n === undefined ? plain(value) : numberFormat(n);
  }
  const textFormat = textFormats[display];
  if (textFormat && typeof value === 'string') return textFormat(value);
  return plain(value);
}

/**
 * The one way a field's value becomes text (table cell, drawer, CSV). Missing values are "";
 * arrays format each element and join them with ", "; network events become sentences joined with "; ".
 */
export function formatFieldValue(field: FieldDef, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (field.display === 'networkEvents') {
    return Array.isArray(value) ? describeNetworkEvents(value as NetworkEvent[]).join('; ') : plain(value);
  }
  if (Array.isArray(value)) {
    return value
      .map((v) => formatScalar(field.display, v))
      .filter((s) => s !== '')
      .join(', ');
  }
  return formatScalar(field.display, value);
}

/** "[fd00::1]" for IPv6 so that the port that follows reads unambiguously. */
function hostPort(addr: string | undefined, port: number | undefined): string {
  const host = addr && addr.includes(':') && port ? `[${addr}]` : (addr ?? '');
  // Port 0 is no port (ICMP, or no translation of the port).
  return port ? `${host}:${port}` : host;
}

/**
 * The translated (NAT) side of a flow: "10.128.0.12:8080 (pod shop/api-7d9f)"; "" without translation.
 */
export function xlatText(flow: Flow, side: 'Src' | 'Dst'): string {
  const addr = flow[`Xlat${side}Addr`] || undefined;
  const port = asNumber(flow[`Xlat${side}Port`]);
  const name = flow[`Xlat${side}K8S_Name`] || undefined;
  const kind = flow[`Xlat${side}K8S_Type`] || undefined;
  const ns = flow[`Xlat${side}K8S_Namespace`] || undefined;
  const endpoint = hostPort(addr, port);
  const object = name ? [kind?.toLowerCase(), ns ? `${ns}/${name}` : name].filter(Boolean).join(' ') : '';
  if (!endpoint) return object;
  return object ? `${endpoint} (${object})` : endpoint;
}
