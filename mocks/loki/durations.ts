/** Go's two ways of printing a duration, as Loki's messages show them. */

/** Go's time.Duration.String(), e.g. `744h0m0s`, `1.5s`, `250ms`. */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const negative = ns < 0n;
  let n = negative ? -ns : ns;
  let out: string;
  if (n < 1_000_000_000n) {
    const [unit, div] = n < 1_000n ? ['ns', 1n] : n < 1_000_000n ? ['µs', 1_000n] : ['ms', 1_000_000n];
    out = `${fraction(n, div)}${unit}`;
  } else {
    const h = n / 3_600_000_000_000n;
    n -= h * 3_600_000_000_000n;
    const m = n / 60_000_000_000n;
    n -= m * 60_000_000_000n;
    const s = `${fraction(n, 1_000_000_000n)}s`;
    out = h > 0n ? `${h}h${m}m${s}` : m > 0n ? `${m}m${s}` : s;
  }
  return negative ? `-${out}` : out;
}

function fraction(n: bigint, div: bigint): string {
  const whole = n / div;
  const rest = n % div;
  if (rest === 0n) return whole.toString();
  const digits = div.toString().length - 1;
  return `${whole}.${rest.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Prometheus' model.Duration.String(), e.g. `30d1h`, `1w`, `5m`. */
export function modelDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  const units: [string, number, boolean][] = [['y', 365 * 86_400_000, false], ['w', 7 * 86_400_000, true], ['d', 86_400_000, false], ['h', 3_600_000, false], ['m', 60_000, false], ['s', 1_000, false], ['ms', 1, false]];
  for (const [name, mult, exact] of units) {
    if (exact && rest % mult !== 0) continue;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${name}`;
      rest -= v * mult;
    }
  }
  return out;
}
