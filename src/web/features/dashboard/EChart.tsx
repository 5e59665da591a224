import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart, type BarSeriesOption, type FunnelSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// A small wrapper over ECharts: init on mount, setOption on change, resize with the box (and
// before printing, when the page narrows to A4), dispose on unmount. Only the charts the
// dashboard draws are registered (and the plain legend: none scrolls), so the chunk stays small;
// charts.tsx loads this module lazily, when the first chart has data to draw.
echarts.use([BarChart, LineChart, FunnelChart, PieChart, GridComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | FunnelSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** What a click on a bar, point or slice hands back (the data item may carry a `key`). */
export interface ChartClick {
  seriesId?: string;
  seriesIndex?: number;
  dataIndex: number;
  name: string;
  data: unknown;
}

export interface EChartProps {
  option: ChartOption;
  height: number | string;
  /** 'dark' for the meeting-room screen. */
  theme?: 'dark';
  onClick?: (event: ChartClick) => void;
  /** Read out instead of the canvas (charts have no text for screen readers otherwise). */
  ariaLabel: string;
  testId?: string;
}

export function EChart({ option, height, theme, onClick, ariaLabel, testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);

  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, theme, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => click.current?.(params as unknown as ChartClick));
    const resize = () => instance.resize();
    const observer = new ResizeObserver(resize);
    observer.observe(el);
    // Print lays the page out at paper width without a resize event the observer sees in time.
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
      instance.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, theme]);

  return <div ref={box} className="zs-chart" role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
