/** Parsing of Loki HTTP API parameters (times, limit, direction) with Loki's rules and messages. */
import { LokiError } from './errors';
import type { Direction } from './engine';

const NS_PER_S = 1_000_000_000n;

/**
 * Loki's timestamp rules: a float with a dot is seconds; an integer of up to 10 digits is seconds,
 * longer is nanoseconds; anything else must be RFC3339 (with optional fractional seconds).
 */
export function parseTimestamp(value: string | null | undefined, fallback: bigint, name: string): bigint {
  if (value === null || value === undefined || value === '') return fallback;
  if (value.includes('.') && /^-?\d*\.\d*$/.test(value) && value !== '.') {
    const [s, frac] = value.split('.');
    const fracNs = BigInt(((frac ?? '') + '000000000').slice(0, 9));
    // Loki rounds the fraction to milliseconds.
    const ms = (fracNs + 500_000n) / 1_000_000n;
    return BigInt(s === '' || s === '-' ? 0 : s) * NS_PER_S + ms * 1_000_000n;
  }
  if (/^-?\d+$/.test(value)) {
    const digits = value.replace('-', '');
    return digits.length <= 10 ? BigInt(value) * NS_PER_S : BigInt(value);
  }
  const rfc = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (rfc) {
    const ms = Date.parse(`${rfc[1]}${rfc[3]}`);
    if (!Number.isNaN(ms)) {
      const fracNs = rfc[2] ? BigInt((rfc[2].slice(1) + '000000000').slice(0, 9)) : 0n;
      return BigInt(ms) * 1_000_000n + fracNs;
    }
  }
  throw new LokiError(`invalid parameter "${name}": cannot parse "${value}" to a valid timestamp`);
}

export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

export function parseLimit(value: string | null | undefined, fallback: number, maxEntries: number): number {
  if (value === null || value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new LokiError(`invalid parameter "limit": strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax`);
  const limit = Number(value);
  if (limit <= 0) throw new LokiError('limit must be a positive value');
  if (limit > maxEntries) throw new LokiError(`max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${maxEntries})`);
  return limit;
}

export function parseDirection(value: string | null | undefined): Direction {
  if (value === null || value === undefined || value === '') return 'backward';
  const v = value.toLowerCase();
  if (v === 'backward' || v === 'forward') return v;
  throw new LokiError(`invalid parameter "direction": invalid direction '${value}'`);
}
