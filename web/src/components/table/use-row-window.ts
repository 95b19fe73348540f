/**
 * Windowed rendering of table rows inside their own scroll container (row-window.ts does the
 * arithmetic). Rows that have been rendered keep their measured height (by key, so that sorting keeps
 * it); the others count as the typical height of the rows measured so far. The header stays sticky at
 * the top of the container, so the rows' coordinates start below it.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { RowWindow, rowOffsets, rowWindow } from './row-window';

/** Rows rendered beyond each edge of the viewport, as a height: about ten compact rows. */
const overscanPx = 400;
/** Scrolling pauses this long before newly measured heights correct the spacers. */
const settleMs = 150;
/** The viewport assumed before the container has a size (first render, or no layout as in jsdom). */
const fallbackViewportPx = 1000;

export interface RowWindowOptions {
  /** Row height before any row was measured. */
  estimatedRowHeight: number;
  /** Anything that changes every row's height (density, columns): measured heights start again. */
  layoutKey: string;
}

export interface RowWindowApi {
  /** The scroll container (overflow: auto, bounded height) around the table. */
  scrollRef: React.RefObject<HTMLDivElement>;
  /** The rows' section: its rows carrying `data-row-key` are measured; its offset is the header height. */
  bodyRef: React.RefObject<HTMLTableSectionElement>;
  /** The rows to render and the spacers' heights. */
  range: RowWindow;
  /** Scrolls the least needed to show row `index` whole below the sticky header. */
  scrollToRow(index: number): void;
}

interface Measures {
  heights: Map<string, number>;
  /** Height of rows not measured yet. */
  typical: number;
  /** Bumped when a measured height differs from what the offsets assumed. */
  version: number;
}

export function useRowWindow(keys: readonly string[], { estimatedRowHeight, layoutKey }: RowWindowOptions): RowWindowApi {
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [measures, setMeasures] = useState<Measures & { layoutKey: string }>(() => ({ heights: new Map(), typical: estimatedRowHeight, version: 0, layoutKey }));
  // A new layout (density, columns) forgets the old heights during this very render.
  const current = measures.layoutKey === layoutKey ? measures : { heights: new Map<string, number>(), typical: estimatedRowHeight, version: 0, layoutKey };
  if (current !== measures) setMeasures(current);
  // The width too: rows wrap differently when the container narrows (e.g. the drawer opens).
  const [view, setView] = useState({ top: 0, height: 0, width: 0 });

  const { heights, typical, version } = current;
  const offsets = useMemo(
    () => rowOffsets(keys.length, (i) => heights.get(keys[i]) ?? typical),
    // `version` stands for the content of `heights`, which is mutated in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [keys, heights, typical, version],
  );
  const range = useMemo(() => rowWindow(offsets, view.top, view.height || fallbackViewportPx, overscanPx), [offsets, view]);
  // For scrollToRow, which keeps one identity so that callers can run it from an effect on their own terms.
  const offsetsRef = useRef(offsets);
  const settleTimer = useRef<ReturnType<typeof setTimeout>>();

  const readView = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const next = { top: el.scrollTop - (bodyRef.current?.offsetTop ?? 0), height: el.clientHeight, width: el.clientWidth };
    setView((v) => (v.top === next.top && v.height === next.height && v.width === next.width ? v : next));
  }, []);

  // After rendering other rows or at another width: measure the rendered rows (the layout is due before
  // the paint anyway) and render again only if a height differs from the one assumed, so that the
  // spacers stay exact.
  useLayoutEffect(() => {
    offsetsRef.current = offsets;
    const body = bodyRef.current;
    if (!body) return;
    let changed = false;
    let sum = 0;
    let n = 0;
    for (const row of Array.from(body.rows)) {
      const key = row.dataset.rowKey;
      const h = row.getBoundingClientRect().height;
      if (key === undefined || !(h > 0)) continue; // spacers; no layout (jsdom)
      if (Math.abs((heights.get(key) ?? typical) - h) > 0.5) changed = true;
      heights.set(key, h);
      sum += h;
      n++;
    }
    if (!changed) return;
    // The first rows measured give the typical height of the others, at once. Later differences wait
    // for the scrolling to pause: applying them on every frame would lay the table out twice a frame.
    const apply = () => setMeasures((m) => ({ ...m, typical: m.version === 0 ? sum / n : m.typical, version: m.version + 1 }));
    clearTimeout(settleTimer.current);
    if (version === 0) apply();
    else settleTimer.current = setTimeout(apply, settleMs);
  }, [range, offsets, heights, typical, version]);
  useEffect(() => () => clearTimeout(settleTimer.current), []);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return undefined;
    readView();
    el.addEventListener('scroll', readView, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(readView);
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', readView);
      observer?.disconnect();
    };
  }, [readView]);

  const scrollToRow = useCallback((index: number) => {
    const el = scrollRef.current;
    const rows = offsetsRef.current;
    if (!el || index < 0 || index >= rows.length - 1) return;
    const head = bodyRef.current?.offsetTop ?? 0;
    if (rows[index] < el.scrollTop) el.scrollTop = rows[index];
    else if (head + rows[index + 1] > el.scrollTop + el.clientHeight) el.scrollTop = head + rows[index + 1] - el.clientHeight;
  }, []);

  return { scrollRef, bodyRef, range, scrollToRow };
}
