/**
 * Which rows of a long table go into the DOM: the rows in the scroll viewport plus a margin above and
 * below it (so that a fast scroll does not show blank space before React catches up), while two spacer
 * rows stand for the heights of the rows left out, so the scrollbar keeps the size of the whole table.
 * Pure functions: the hook in use-row-window.ts feeds them measured heights and scroll positions.
 */

export interface RowWindow {
  /** Index of the first row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
  /** Height (px) of the rows above `start`: the top spacer. */
  before: number;
  /** Height (px) of the rows from `end` on: the bottom spacer. */
  after: number;
}

/** Row tops: `offsets[i]` is where row i starts, `offsets[count]` the height of all rows. */
export function rowOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i] + Math.max(0, heightOf(i));
  return offsets;
}

/** The first index i in [lo, hi) with offsets[i] > y (or >= y when `orEqual`), else hi; offsets ascend. */
function search(offsets: Float64Array, y: number, lo: number, hi: number, orEqual: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid] > y || (orEqual && offsets[mid] === y)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The rows that overlap [top - overscan, top + height + overscan), in the rows' own coordinates (0 is
 * the top of the first row). A position past the end (the list got shorter under a scrolled table)
 * still yields the last rows, never an empty window over a non-empty list.
 */
export function rowWindow(offsets: Float64Array, top: number, height: number, overscan: number): RowWindow {
  const count = offsets.length - 1;
  const total = offsets[count];
  if (count <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const from = Math.min(Math.max(0, top - overscan), Math.max(0, total - Math.max(0, height)));
  const to = Math.max(from, top + Math.max(0, height) + overscan);
  // Row i overlaps the range when it ends after `from` (offsets[i + 1] > from) and starts before `to`.
  const start = Math.min(count - 1, search(offsets, from, 1, count + 1, false) - 1);
  const end = search(offsets, to, start + 1, count, true);
  return { start, end, before: offsets[start], after: total - offsets[end] };
}
