/** The time ranges and refresh intervals the toolbar offers (as in the console), in seconds. */
const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

export const timeRangeChoices: readonly number[] = [
  5 * minute, 15 * minute, 30 * minute, hour, 2 * hour, 6 * hour, 12 * hour, day, 2 * day, 7 * day, 14 * day,
];

/** 0 means no automatic refresh. */
export const refreshIntervalChoices: readonly number[] = [
  0, 15, 30, minute, 5 * minute, 15 * minute, 30 * minute, hour, 2 * hour, day,
];

/** A duration in the largest whole unit, for the labels: 300 -> {count: 5, unit: 'minute'}. */
export function durationParts(seconds: number): { count: number; unit: 'second' | 'minute' | 'hour' | 'day' | 'week' } {
  if (seconds % (7 * day) === 0) return { count: seconds / (7 * day), unit: 'week' };
  if (seconds % day === 0) return { count: seconds / day, unit: 'day' };
  if (seconds % hour === 0) return { count: seconds / hour, unit: 'hour' };
  if (seconds % minute === 0) return { count: seconds / minute, unit: 'minute' };
  return { count: seconds, unit: 'second' };
}
