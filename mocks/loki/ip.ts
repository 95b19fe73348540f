/**
 * IP matching for LogQL's `ip("...")` label filter: a single address, a CIDR or a range `a-b`, for
 * IPv4 and IPv6. Addresses are compared as BigInts of their 32 or 128 bits.
 */

interface ParsedIP {
  v6: boolean;
  value: bigint;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(p));
  }
  return value;
}

function parseIPv6(s: string): bigint | undefined {
  if (!s.includes(':')) return undefined;
  let text = s;
  let tail: bigint | undefined;
  // An embedded IPv4 tail (e.g. ::ffff:10.0.0.1) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = parseIPv4(text.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const rest = halves.length === 2 ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail !== undefined) value = (value & ~0xffffffffn) | tail;
  return value;
}

export function parseIP(s: string): ParsedIP | undefined {
  const v4 = parseIPv4(s.trim());
  if (v4 !== undefined) return { v6: false, value: v4 };
  const v6 = parseIPv6(s.trim());
  return v6 === undefined ? undefined : { v6: true, value: v6 };
}

/** A predicate for an ip() pattern, or an error message when the pattern is not an IP, CIDR or range. */
export function ipMatcher(pattern: string): ((value: string) => boolean) | string {
  const p = pattern.trim();
  const inRange = (lo: ParsedIP, hi: ParsedIP) => (value: string) => {
    const ip = parseIP(value);
    return ip !== undefined && ip.v6 === lo.v6 && ip.value >= lo.value && ip.value <= hi.value;
  };
  if (p.includes('/')) {
    const [addr, bitsText] = p.split('/');
    const base = parseIP(addr);
    const width = base?.v6 ? 128 : 32;
    const bits = Number(bitsText);
    if (!base || !/^\d+$/.test(bitsText) || bits > width) return `invalid CIDR: ${pattern}`;
    const hostBits = BigInt(width - bits);
    const lo = (base.value >> hostBits) << hostBits;
    return inRange({ v6: base.v6, value: lo }, { v6: base.v6, value: lo | ((1n << hostBits) - 1n) });
  }
  if (p.includes('-')) {
    const [a, b] = p.split('-');
    const lo = parseIP(a);
    const hi = parseIP(b);
    if (!lo || !hi || lo.v6 !== hi.v6 || lo.value > hi.value) return `invalid IP range: ${pattern}`;
    return inRange(lo, hi);
  }
  const single = parseIP(p);
  if (!single) return `invalid IP: ${pattern}`;
  return inRange(single, single);
}
