/**
 * The flows query as the page holds it and the backend receives it (`GET /api/flows`): one definition
 * of the parameters, their defaults and their limits, shared by the URL state, the API client and the
 * server's validation.
 */
import { RecordType } from './fields';
import { Filter, MatchMode } from './filters';

export type PacketLoss = 'all' | 'dropped' | 'hasDrops' | 'sent';
export const packetLossModes: readonly PacketLoss[] = ['all', 'dropped', 'hasDrops', 'sent'];

export interface FlowQuery {
  filters: Filter[];
  match: MatchMode;
  /** Epoch seconds. */
  startTime: number;
  /** Epoch seconds. */
  endTime: number;
  limit: number;
  recordType: RecordType;
  /** Count each flow once, although the agent reports it from both ends. */
  dedup: boolean;
  packetLoss: PacketLoss;
}

export const limitChoices: readonly number[] = [50, 100, 500, 1000];
export const defaultLimit = 100;
/** Loki's default max_entries_limit_per_query; asking for more is refused by Loki itself. */
export const maxLimit = 5000;
export const defaultRangeSeconds = 5 * 60;
