/** One measured figure, as `npm run bench` prints it. */
export interface BenchResult {
  figure: string;
  value: number;
  unit: string;
  /** The target, in words, e.g. "< 300 ms" or "<= 1.05". */
  goal?: string;
  /** Whether the value meets the goal (absent when there is no goal). */
  ok?: boolean;
}
