/**
 * Fault injection for tests of the mock Loki's clients: the server can be told (in code or through
 * `POST /mock/faults`) to drop connections, answer slowly, refuse with 429 or 500, or cut its JSON
 * answers in the middle.
 */
import { LokiError } from './errors';

export const FAULT_MODES = ['none', 'down', 'slow', '429', '500', 'truncated'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultState {
  mode: FaultMode;
  /** Delay of the `slow` mode before the answer starts. */
  delayMs: number;
}

export const DEFAULT_SLOW_MS = 5_000;
const MAX_DELAY_MS = 10 * 60_000;

/** Validates a `POST /mock/faults` body such as `{"mode":"slow","delayMs":2000}`. */
export function parseFaultRequest(body: string): FaultState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    throw new LokiError(`fault request is not JSON: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new LokiError('fault request must be a JSON object like {"mode":"slow","delayMs":2000}');
  const { mode, delayMs } = parsed as { mode?: unknown; delayMs?: unknown };
  if (typeof mode !== 'string' || !(FAULT_MODES as readonly string[]).includes(mode)) {
    throw new LokiError(`fault mode must be one of ${FAULT_MODES.join(', ')}; got ${JSON.stringify(mode)}`);
  }
  if (delayMs !== undefined && (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0 || delayMs > MAX_DELAY_MS)) {
    throw new LokiError(`delayMs must be a number of milliseconds between 0 and ${MAX_DELAY_MS}`);
  }
  return { mode: mode as FaultMode, delayMs: delayMs ?? DEFAULT_SLOW_MS };
}
