import { rowOffsets, rowWindow } from './row-window';

const uniform = (count: number, height: number) => rowOffsets(count, () => height);

describe('rowWindow', () => {
  it('renders the rows in view and the overscan around them, the rest as spacers', () => {
    // 10,000 rows of 40 px, a 400 px viewport scrolled to 20,000 px (row 500), 80 px (2 rows) of overscan.
    const w = rowWindow(uniform(10_000, 40), 20_000, 400, 80);
    expect(w).toEqual({ start: 498, end: 512, before: 498 * 40, after: (10_000 - 512) * 40 });
  });

  it('starts at the first row at the top, and keeps the spacers adding up to the whole height', () => {
    const offsets = uniform(1000, 30);
    const top = rowWindow(offsets, 0, 300, 60);
    expect(top).toEqual({ start: 0, end: 12, before: 0, after: (1000 - 12) * 30 });
    for (const scroll of [0, 15, 29_700, 12_345.5]) {
      const w = rowWindow(offsets, scroll, 300, 60);
      expect(w.before + (offsets[w.end] - offsets[w.start]) + w.after).toBe(30_000);
      expect(w.end - w.start).toBeLessThanOrEqual(300 / 30 + 2 * (60 / 30) + 1);
    }
  });

  it('ends at the last row at the bottom', () => {
    const w = rowWindow(uniform(1000, 30), 30_000 - 300, 300, 60);
    expect(w).toEqual({ start: 988, end: 1000, before: 988 * 30, after: 0 });
  });

  it('follows rows of different heights', () => {
    // Rows 0-9 are 20 px, rows 10-19 are 100 px (several network events): 200 px, then 1,000 px.
    const offsets = rowOffsets(20, (i) => (i < 10 ? 20 : 100));
    expect(rowWindow(offsets, 190, 100, 0)).toMatchObject({ start: 9, end: 11, before: 180 });
    expect(rowWindow(offsets, 450, 100, 0)).toMatchObject({ start: 12, end: 14, before: 400, after: 600 });
  });

  it('shows the last rows when scrolled past the end of a list that got shorter', () => {
    const w = rowWindow(uniform(50, 40), 100_000, 400, 0);
    expect(w).toMatchObject({ start: 40, end: 50, after: 0 });
  });

  it('has nothing to render without rows', () => {
    expect(rowWindow(rowOffsets(0, () => 40), 0, 400, 80)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });
});
