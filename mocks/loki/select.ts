/** Stream selection shared by log and metric queries. */
import { matchesLabel, type LabelMatcher } from './logql';
import type { LokiStore, Stream } from './store';

/** Streams whose labels satisfy every matcher, using the label index for the first equality matcher. */
export function selectStreams(store: LokiStore, selector: LabelMatcher[]): Stream[] {
  const eq = selector.find((m) => m.op === '=' && m.value !== '');
  const candidates = eq ? store.candidates(eq.name, eq.value) : store.candidates();
  return candidates.filter((s) => selector.every((m) => matchesLabel(m, s.labels[m.name])));
}
