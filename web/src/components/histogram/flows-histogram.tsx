/** Flow counts over time above the table; dragging across the chart selects a new time range. */
import { MouseEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Chart, ChartAxis, ChartBar } from '@patternfly/react-charts/victory';
import { FlowRecord } from '../../model/flow';
import { usePluginTranslation } from '../i18n';
import { histogramBuckets } from './histogram-buckets';

interface FlowsHistogramProps {
  records: readonly FlowRecord[];
  startMs: number;
  endMs: number;
  /** The dragged range, epoch ms; no drag area without it. */
  onZoom?: (range: [number, number]) => void;
}

const height = 110;
const padding = { top: 8, bottom: 28, left: 50, right: 16 };
const bucketCount = 60;

/** Axis text in the page's own text colour, so that it follows the light and dark themes. */
const axisStyle = { tickLabels: { fill: 'var(--pf-t--global--text--color--subtle)' } };

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function FlowsHistogram({ records, startMs, endMs, onZoom }: FlowsHistogramProps) {
  const { t } = usePluginTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [drag, setDrag] = useState<{ from: number; to: number } | undefined>();
  const buckets = useMemo(() => histogramBuckets(records, startMs, endMs, bucketCount), [records, startMs, endMs]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const measure = () => setWidth(Math.max(300, el.clientWidth));
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const plotWidth = width - padding.left - padding.right;
  const xOf = (e: MouseEvent) => {
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    return Math.max(0, Math.min(plotWidth, e.clientX - rect.left));
  };
  const timeAt = (x: number) => startMs + (x / plotWidth) * (endMs - startMs);
  const finish = () => {
    if (drag && onZoom && Math.abs(drag.to - drag.from) > 4) {
      const [a, b] = [timeAt(Math.min(drag.from, drag.to)), timeAt(Math.max(drag.from, drag.to))];
      onZoom([a, b]);
    }
    setDrag(undefined);
  };

  return (
    <div ref={box} className="netobserv-histogram" data-test="flows-histogram">
      <Chart
        ariaTitle={t('Flows over time')}
        height={height}
        width={width}
        padding={padding}
        domain={{ x: [startMs, endMs], y: [0, Math.max(1, ...buckets.map((b) => b.count))] }}
        scale={{ x: 'time', y: 'linear' }}
      >
        <ChartAxis style={axisStyle} tickFormat={(v: number) => clockFormat.format(new Date(v))} tickCount={6} />
        <ChartAxis style={axisStyle} dependentAxis tickCount={3} tickFormat={(v: number) => (Number.isInteger(v) ? String(v) : '')} />
        <ChartBar data={buckets.map((b) => ({ x: (b.startMs + b.endMs) / 2, y: b.count }))} barWidth={Math.max(1, plotWidth / bucketCount - 2)} />
      </Chart>
      {onZoom && (
        <div
          className="netobserv-histogram-brush"
          style={{ left: padding.left, top: padding.top, width: plotWidth, height: height - padding.top - padding.bottom }}
          onMouseDown={(e) => setDrag({ from: xOf(e), to: xOf(e) })}
          onMouseMove={(e) => drag && setDrag({ ...drag, to: xOf(e) })}
          onMouseUp={finish}
          onMouseLeave={finish}
          data-test="histogram-brush"
        >
          {drag && <div className="netobserv-histogram-selection" style={{ left: Math.min(drag.from, drag.to), width: Math.abs(drag.to - drag.from) }} />}
        </div>
      )}
    </div>
  );
}
