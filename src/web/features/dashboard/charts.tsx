import { lazy, Suspense, useMemo } from 'react';
import { Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatsBreakdown, StatsSummary } from '../../../shared/api/stats';
import { FUND_SOURCE_LABELS, FUND_SOURCES } from '../../../shared/funds';
import { STAGE_LABELS } from '../../../shared/project';
import type { ChartOption, EChartProps } from './EChart';
import { compareDecimal, formatFigure, formatPercent, toChartNumber } from './figures';
import { useFigureText } from './figure-text';

// The dashboard's charts. ECharts draws numbers, so values become numbers here for drawing only;
// every tooltip and label shows the exact decimal string from the API, formatted in 万元/亿元.

type Row = StatsBreakdown['rows'][number];

interface Datum {
  value: number;
  /** Exact value from the API, for the tooltip. */
  exact: string;
  key: string;
}

const PALETTE = ['#1f5fa8', '#e8853c', '#3ba272', '#9a60b4', '#fc8452', '#73c0de', '#ee6666', '#91cc75'];

/** 万元 numbers on an axis: 亿元 once the largest passes 1亿, so the axis reads 12.5 not 125,000. */
function moneyScale(values: number[]): { divisor: number; unit: 'yi' | 'wan' } {
  return Math.max(0, ...values) >= 10000 ? { divisor: 10000, unit: 'yi' } : { divisor: 1, unit: 'wan' };
}

function unitName(unit: 'yi' | 'wan', lang: 'zh' | 'en'): string {
  if (lang === 'en') return unit === 'yi' ? '×100M CNY' : '×10k CNY';
  return unit === 'yi' ? '亿元' : '万元';
}

function ChartLoading({ height }: { height: number | string }) {
  return (
    <div style={{ height, minHeight: 120, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin />
    </div>
  );
}

// ECharts is the dashboard's largest download: it is fetched when the first chart has data to draw,
// so the figures, filters and tables do not wait for it (and pages without charts never load it).
const LazyEChart = lazy(() => import('./EChart').then((m) => ({ default: m.EChart })));

function EChart(props: EChartProps) {
  return (
    <Suspense fallback={<ChartLoading height={props.height} />}>
      <LazyEChart {...props} />
    </Suspense>
  );
}

interface ChartProps {
  dark?: boolean;
  height?: number | string;
}

export interface TrendClick {
  figure: string;
  month: string;
  previous: boolean;
}

/** Signed contracted investment and funds in place per month, with last year's as dashed lines. */
export function TrendChart({ breakdown, onOpen, dark, height = 300 }: ChartProps & { breakdown: StatsBreakdown | undefined; onOpen?: (click: TrendClick) => void }) {
  const { t } = useTranslation();
  const { label, lang } = useFigureText();
  const rows = useMemo(() => [...(breakdown?.rows ?? [])].sort((a, b) => a.key.localeCompare(b.key)), [breakdown]);
  const option = useMemo<ChartOption>(() => {
    const figures = ['signed_amount', 'funds_total'] as const;
    const all = rows.flatMap((r) => figures.flatMap((f) => [toChartNumber(r.figures[f]?.value), toChartNumber(r.figures[f]?.previous)]));
    const scale = moneyScale(all);
    const datum = (r: Row, f: string, previous: boolean): Datum => {
      const exact = (previous ? r.figures[f]?.previous : r.figures[f]?.value) ?? '0';
      return { value: toChartNumber(exact) / scale.divisor, exact, key: r.key };
    };
    const lastYear = lang === 'zh' ? '（去年同期）' : ' (last year)';
    return {
      color: [PALETTE[0]!, PALETTE[1]!, PALETTE[0]!, PALETTE[1]!],
      backgroundColor: 'transparent',
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { fontSize: dark ? 14 : 12 } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: undefined,
        formatter: (params: unknown) => {
          const list = params as { marker: string; seriesName: string; data: Datum; axisValue: string }[];
          const head = list[0]?.axisValue ?? '';
          return [head, ...list.map((p) => `${p.marker}${p.seriesName}：${formatFigure('funds_total', p.data.exact, lang)}`)].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: rows.map((r) => r.key), axisLabel: { fontSize: dark ? 14 : 12 } },
      yAxis: { type: 'value', name: unitName(scale.unit, lang), axisLabel: { fontSize: dark ? 14 : 12 } },
      series: [
        ...figures.map((f) => ({ id: f, type: 'bar' as const, name: label(f), barMaxWidth: 28, data: rows.map((r) => datum(r, f, false)) })),
        ...figures.map((f) => ({
          id: `${f}:previous`,
          type: 'line' as const,
          name: label(f) + lastYear,
          symbol: 'circle',
          symbolSize: 5,
          lineStyle: { type: 'dashed' as const, width: 1.5, opacity: 0.6 },
          itemStyle: { opacity: 0.6 },
          data: rows.map((r) => datum(r, f, true)),
        })),
      ],
    };
  }, [rows, label, lang, dark]);
  if (!breakdown) return <ChartLoading height={height} />;
  if (rows.length === 0) return <Empty description={t('dashboard.noData')} />;
  return (
    <EChart
      option={option}
      height={height}
      theme={dark ? 'dark' : undefined}
      ariaLabel={t('dashboard.sections.trend')}
      testId="trend-chart"
      onClick={
        onOpen &&
        ((e) => {
          const [figure = '', previous] = (e.seriesId ?? '').split(':');
          const key = (e.data as Datum | undefined)?.key;
          if (figure && key) onOpen({ figure, month: key, previous: previous === 'previous' });
        })
      }
    />
  );
}

/** The industries with the most contracted investment signed in the period (top 10), as bars. */
export function IndustryChart({ breakdown, onOpen, dark, height = 300 }: ChartProps & { breakdown: StatsBreakdown | undefined; onOpen?: (row: Row) => void }) {
  const { t } = useTranslation();
  const { label, lang } = useFigureText();
  const rows = useMemo(
    () =>
      [...(breakdown?.rows ?? [])]
        .filter((r) => toChartNumber(r.figures.signed_amount?.value) > 0)
        .sort((a, b) => compareDecimal(b.figures.signed_amount?.value, a.figures.signed_amount?.value))
        .slice(0, 10)
        .reverse(),
    [breakdown],
  );
  const option = useMemo<ChartOption>(() => {
    const scale = moneyScale(rows.map((r) => toChartNumber(r.figures.signed_amount?.value)));
    return {
      color: [dark ? '#4fa3e0' : PALETTE[0]!],
      backgroundColor: 'transparent',
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const { data, name } = p as { data: Datum & { count: string }; name: string };
          return `${name}<br/>${label('signed_amount')}：${formatFigure('signed_amount', data.exact, lang)}<br/>${label('signed_count')}：${data.count}`;
        },
      },
      // The bars carry their own value labels: a few axis ticks are enough, and must never overlap.
      xAxis: { type: 'value', name: unitName(scale.unit, lang), splitNumber: 3, axisLabel: { fontSize: dark ? 14 : 12, hideOverlap: true } },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLabel: { width: dark ? 200 : 150, overflow: 'truncate', fontSize: dark ? 14 : 12 },
      },
      series: [
        {
          id: 'signed_amount',
          type: 'bar',
          barMaxWidth: 18,
          label: { show: true, position: 'right', formatter: (p: unknown) => formatFigure('signed_amount', (p as { data: Datum }).data.exact, lang), fontSize: dark ? 13 : 11 },
          data: rows.map((r) => ({
            value: toChartNumber(r.figures.signed_amount?.value) / scale.divisor,
            exact: r.figures.signed_amount?.value ?? '0',
            count: r.figures.signed_count?.value ?? '0',
            key: r.key,
          })),
        },
      ],
    };
  }, [rows, label, lang, dark]);
  if (!breakdown) return <ChartLoading height={height} />;
  if (rows.length === 0) return <Empty description={t('dashboard.noData')} />;
  return (
    <EChart
      option={option}
      height={height}
      theme={dark ? 'dark' : undefined}
      ariaLabel={t('dashboard.sections.byIndustry')}
      testId="industry-chart"
      onClick={onOpen && ((e) => rows[e.dataIndex] && onOpen(rows[e.dataIndex]!))}
    />
  );
}

/** 转化率 funnel: leads introduced in the period and how many reached each stage by its end. */
export function FunnelChart({ summary, dark, height = 300 }: ChartProps & { summary: StatsSummary | undefined }) {
  const { t } = useTranslation();
  const { lang } = useFigureText();
  const steps = summary?.funnel ?? [];
  const option = useMemo<ChartOption>(
    () => ({
      color: PALETTE,
      backgroundColor: 'transparent',
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const { name, data } = p as { name: string; data: { count: number; share: string | null } };
          return `${name}<br/>${t('dashboard.funnelStep', { count: data.count, share: formatPercent(data.share) })}`;
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '4%',
          width: '52%',
          top: 8,
          bottom: 8,
          minSize: '10%',
          gap: 2,
          // Beside the funnel, not inside: the narrow last steps cannot hold their own label.
          labelLine: { show: true, length: 8 },
          label: {
            show: true,
            position: 'right',
            color: dark ? '#e6f0ff' : 'rgba(0,0,0,0.75)',
            fontSize: dark ? 16 : 12,
            formatter: (p: unknown) => {
              const { name, data } = p as { name: string; data: { count: number; share: string | null } };
              return `${name} ${data.count}（${formatPercent(data.share)}）`;
            },
          },
          data: steps.map((s) => ({ name: STAGE_LABELS[s.stage][lang], value: Math.max(s.count, 0.0001), count: s.count, share: s.share })),
        },
      ],
    }),
    [steps, lang, dark, t],
  );
  if (!summary) return <ChartLoading height={height} />;
  if ((steps[0]?.count ?? 0) === 0) return <Empty description={t('dashboard.noData')} />;
  return <EChart option={option} height={height} theme={dark ? 'dark' : undefined} ariaLabel={t('dashboard.sections.funnel')} testId="funnel-chart" />;
}

/** Funds in place by source (省外境内 / 省内市外 / 境外 / 本地), from the summary's per-source figures. */
export function SourceChart({ summary, onOpen, dark, height = 300 }: ChartProps & { summary: StatsSummary | undefined; onOpen?: (figure: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useFigureText();
  const slices = useMemo(
    () =>
      FUND_SOURCES.map((source) => ({ source, figure: `funds_${source}`, exact: summary?.figures[`funds_${source}`]?.value ?? '0' })).filter(
        (s) => toChartNumber(s.exact) > 0,
      ),
    [summary],
  );
  const option = useMemo<ChartOption>(
    () => ({
      color: PALETTE,
      backgroundColor: 'transparent',
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const { name, data, percent } = p as { name: string; data: Datum; percent: number };
          return `${name}<br/>${formatFigure('funds_total', data.exact, lang)}（${percent.toFixed(1)}%）`;
        },
      },
      // On the wall screen the panel is wide and short: legend beside the ring, not under it.
      legend: {
        ...(dark ? { right: 0, top: 'middle' } : { bottom: 0 }),
        orient: 'vertical',
        textStyle: { fontSize: dark ? 15 : 12 },
        // The legend carries the amounts: outside labels do not fit a narrow card.
        formatter: (name: string) => {
          const slice = slices.find((x) => FUND_SOURCE_LABELS[x.source][lang] === name);
          return slice ? `${name}  ${formatFigure('funds_total', slice.exact, lang)}` : name;
        },
      },
      series: [
        {
          type: 'pie',
          radius: dark ? ['40%', '68%'] : ['38%', '62%'],
          center: dark ? ['24%', '50%'] : ['50%', '36%'],
          label: { show: false },
          data: slices.map((s) => ({ name: FUND_SOURCE_LABELS[s.source][lang], value: toChartNumber(s.exact), exact: s.exact, key: s.figure })),
        },
      ],
    }),
    [slices, lang, dark],
  );
  if (!summary) return <ChartLoading height={height} />;
  if (slices.length === 0) return <Empty description={t('dashboard.noData')} />;
  return (
    <EChart
      option={option}
      height={height}
      theme={dark ? 'dark' : undefined}
      ariaLabel={t('dashboard.sections.bySource')}
      testId="source-chart"
      onClick={onOpen && ((e) => onOpen((e.data as Datum).key))}
    />
  );
}
