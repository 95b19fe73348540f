/**
 * One panel's chart: stacked areas, lines, a donut or bars, drawn with PatternFly's Victory charts in
 * the theme's chart colours (CSS variables, so light and dark follow the page). Clicking a series
 * selects it (the panel turns that into filters).
 */
import { RefObject, useLayoutEffect, useRef, useState } from 'react';
import {
  Chart,
  ChartArea,
  ChartAxis,
  ChartBar,
  ChartDonut,
  ChartGroup,
  ChartLabel,
  ChartLegendTooltip,
  ChartLine,
  ChartScatter,
  ChartStack,
  ChartVoronoiContainer,
  createContainer,
} from '@patternfly/react-charts/victory';
import { MetricUnit } from '../../model/metrics';
import { usePluginTranslation } from '../i18n';
import { formatMetricValue } from '../metric-value';
import { alignForStack, breakAtGaps, ChartSeries } from './panel-data';
import { ChartKind } from './panel-defs';
import { seriesColor } from './series-colors';

export interface MetricChartProps {
  kind: ChartKind;
  title: string;
  series: readonly ChartSeries[];
  unit: MetricUnit;
  onSelect: (series: ChartSeries) => void;
}

const height = 220;
/** Axis text in the page's own text colour, so that it follows the light and dark themes. */
const axisStyle = { tickLabels: { fill: 'var(--pf-t--global--text--color--subtle)' } };
/** The donut's total and its word, in the theme's text colours (the chart theme's own are for a light page). */
const donutTitleStyle = [
  { fill: 'var(--pf-t--global--text--color--regular)', fontSize: 22 },
  { fill: 'var(--pf-t--global--text--color--subtle)', fontSize: 14 },
];
const gridStyle = { ...axisStyle, grid: { stroke: 'var(--pf-t--global--border--color--default)', strokeDasharray: '2,4' } };
const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
/** Points are seconds apart on short ranges: the tooltip names the second. */
const tooltipClock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const CursorVoronoiContainer = createContainer('voronoi', 'cursor');

/** The chart's width follows its box (charts draw in pixels). */
function useBoxWidth(): [RefObject<HTMLDivElement>, number] {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(400);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const measure = () => setWidth(Math.max(240, el.clientWidth));
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [box, width];
}

/** Victory's click handler on data: the clicked datum's index within its series or its slice/bar. */
const clickEvents = (onClick: (index: number) => void) => [
  {
    target: 'data' as const,
    eventHandlers: {
      onClick: (_e: unknown, props: { index?: number }) => {
        if (props.index !== undefined) onClick(props.index);
        return [];
      },
    },
  },
];

/** Bar labels fit the space left of the bars; the legend below has the whole name. */
const shortName = (name: string) => (name.length > 22 ? `${name.slice(0, 21)}…` : name);

export function MetricChart({ kind, title, series, unit, onSelect }: MetricChartProps) {
  const { t } = usePluginTranslation();
  const [box, width] = useBoxWidth();
  const format = (v: number) => formatMetricValue(v, unit, 'rate', t);

  if (kind === 'donut') {
    const total = series.reduce((sum, s) => sum + s.figure, 0);
    return (
      <div ref={box} className="netobserv-ov-chart">
        <ChartDonut
          ariaTitle={title}
          height={height}
          width={width}
          data={series.map((s) => ({ x: s.name, y: s.figure }))}
          colorScale={series.map((_s, i) => seriesColor(i))}
          labels={({ datum }: { datum: { x: string; y: number } }) => `${datum.x}: ${format(datum.y)}`}
          title={format(total)}
          subTitle={t('Total')}
          titleComponent={<ChartLabel style={donutTitleStyle} />}
          events={clickEvents((i) => onSelect(series[i]))}
          constrainToVisibleArea
        />
      </div>
    );
  }

  if (kind === 'bars') {
    const names = series.map((s) => shortName(s.name));
    return (
      <div ref={box} className="netobserv-ov-chart">
        <Chart
          ariaTitle={title}
          height={Math.max(120, 36 * series.length + 40)}
          width={width}
          horizontal
          padding={{ top: 10, bottom: 30, left: 170, right: 40 }}
          domainPadding={{ x: 14 }}
          containerComponent={<ChartVoronoiContainer labels={({ datum }: { datum: { name: string; y: number } }) => `${datum.name}: ${format(datum.y)}`} constrainToVisibleArea />}
        >
          <ChartAxis style={axisStyle} tickValues={series.map((_s, i) => i + 1)} tickFormat={(i: number) => names[i - 1] ?? ''} invertAxis />
          <ChartAxis style={gridStyle} dependentAxis showGrid tickCount={3} tickFormat={format} />
          <ChartBar
            data={series.map((s, i) => ({ x: i + 1, y: s.figure, name: s.name }))}
            barWidth={18}
            style={{ data: { fill: ({ index }: { index?: number | string }) => seriesColor(Number(index ?? 0)) } }}
            events={clickEvents((i) => onSelect(series[i]))}
          />
        </Chart>
      </div>
    );
  }

  const drawn = kind === 'stackedArea' ? alignForStack(series) : breakAtGaps(series);
  const legendData = drawn.map((s, i) => ({ childName: s.key, name: s.name, symbol: { fill: seriesColor(i) } }));
  const lines = drawn.map((s, i) => {
    const data = s.points.map((p) => ({ ...p, name: s.name }));
    const color = seriesColor(i);
    return kind === 'stackedArea' ? (
      <ChartArea key={s.key} name={s.key} data={data} style={{ data: { fill: color, stroke: color } }} events={clickEvents(() => onSelect(s))} />
    ) : (
      // Points too: a latency measured at one instant only has no line to draw.
      <ChartGroup key={s.key}>
        <ChartLine name={s.key} data={data} style={{ data: { stroke: color } }} />
        <ChartScatter name={`${s.key}-points`} data={data.filter((p) => p.y !== null)} size={2.5} style={{ data: { fill: color } }} events={clickEvents(() => onSelect(s))} />
      </ChartGroup>
    );
  });
  return (
    <div ref={box} className="netobserv-ov-chart">
      <Chart
        ariaTitle={title}
        height={height}
        width={width}
        padding={{ top: 10, bottom: 30, left: 90, right: 20 }}
        scale={{ x: 'time', y: 'linear' }}
        minDomain={{ y: 0 }}
        legendData={legendData}
        containerComponent={
          <CursorVoronoiContainer
            cursorDimension="x"
            voronoiDimension="x"
            mouseFollowTooltips
            voronoiPadding={10}
            voronoiBlacklist={drawn.map((s) => `${s.key}-points`)}
            labels={({ datum }: { datum: { y: number | null } }) => (datum.y === null ? '' : format(datum.y))}
            labelComponent={<ChartLegendTooltip legendData={legendData} title={(datum: { x?: number }) => tooltipClock.format(new Date(datum.x ?? 0))} />}
          />
        }
      >
        <ChartAxis style={axisStyle} tickCount={4} tickFormat={(v: number) => clockFormat.format(new Date(v))} />
        <ChartAxis style={gridStyle} dependentAxis showGrid tickCount={4} tickFormat={format} />
        {kind === 'stackedArea' ? <ChartStack>{lines}</ChartStack> : <ChartGroup>{lines}</ChartGroup>}
      </Chart>
    </div>
  );
}
