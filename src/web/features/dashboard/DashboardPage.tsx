import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Row, Segmented, Space, Spin, Tooltip, Typography } from 'antd';
import { DesktopOutlined, FileExcelOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BreakdownBy, FigureValue } from '../../../shared/api/stats';
import { IndustrySelect } from '../../components/IndustrySelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { formatDateTime } from '../../format';
import { downloadFile } from '../projects/download';
import { IndustryChart, FunnelChart, SourceChart, TrendChart } from './charts';
import { headlineTier, KpiCards, SectionTitle } from './KpiCards';
import { monthWithin, PERIOD_PRESETS, type PeriodPreset } from './period';
import type { Drill } from './RecordsDrawer';
import { breakdownXlsxPath, useStatsBreakdown, useStatsSummary, type StatsFilters } from './stats.queries';
import { UnitTable } from './UnitTable';
import { useDashboardFilters } from './use-dashboard-filters';
import { WatchLists } from './WatchLists';
import './dashboard.css';

// Shown only after a choice (自定义, or a click on a figure): kept out of the dashboard's first download.
const PeriodRangePicker = lazy(() => import('./PeriodRangePicker').then((m) => ({ default: m.PeriodRangePicker })));
const RecordsDrawer = lazy(() => import('./RecordsDrawer').then((m) => ({ default: m.RecordsDrawer })));

const INDUSTRY_CODE = /^([A-T]|\d{2,4})$/;

/**
 * Prints on A4 landscape while the dashboard is open. An @page rule cannot be scoped to one page
 * by a selector (Chromium ignores named pages inside flex layouts), so it lives only while mounted.
 */
function usePrintPage() {
  useEffect(() => {
    const style = document.createElement('style');
    style.textContent = '@page { size: A4 landscape; margin: 10mm; }';
    document.head.appendChild(style);
    return () => style.remove();
  }, []);
}

/**
 * 驾驶舱: the figures of issue 4 for a period, a unit subtree and an industry, each opening to the
 * records behind it. Filters live in the address bar, so a link or a refresh shows the same view.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { filters, preset, setPreset, setRange, setUnit, setIndustry, ready } = useDashboardFilters();
  const summary = useStatsSummary(filters, { enabled: ready });
  const byMonth = useStatsBreakdown('month', filters, { enabled: ready });
  const byUnit = useStatsBreakdown('unit', filters, { enabled: ready });
  const byIndustry = useStatsBreakdown('industry', filters, { enabled: ready });
  const [drill, setDrill] = useState<Drill | null>(null);
  const [exporting, setExporting] = useState<BreakdownBy | null>(null);
  usePrintPage();

  const s = summary.data;
  const scopeName = s ? t('dashboard.scope', { unit: s.unit.name }) : '';

  const open = useCallback(
    (figure: string, expected: FigureValue | undefined, narrow: Partial<StatsFilters> = {}, slice?: string, period: Drill['period'] = 'current') =>
      setDrill({ figure, expected, filters: { ...filters, ...narrow }, slice: slice ?? scopeName, period }),
    [filters, scopeName],
  );

  const exportXlsx = async (by: BreakdownBy, name: string) => {
    setExporting(by);
    try {
      await downloadFile(breakdownXlsxPath(by, filters), `${name}.xlsx`);
      message.success(t('dashboard.exported'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(null);
    }
  };
  const exportButton = (by: BreakdownBy, name: string) => (
    <Button size="small" className="zs-no-print" icon={<FileExcelOutlined />} loading={exporting === by} onClick={() => void exportXlsx(by, name)}>
      {t('dashboard.exportExcel')}
    </Button>
  );

  const tier = headlineTier(s);
  const unitFigures = useMemo(
    () => ['signed_count', 'signed_amount', 'funds_total', 'funds_out_of_city', 'started_count', 'producing_count', ...(tier ? [tier.figure] : []), 'start_rate', 'stalled_count'],
    [tier],
  );
  const error = summary.error ?? byUnit.error ?? byMonth.error ?? byIndustry.error;

  return (
    <div className="zs-dash">
      <PageHeader
        title={t('dashboard.title')}
        description={
          s && (
            <span data-testid="dashboard-period">
              {scopeName} · {t('dashboard.periodLine', { from: s.from, to: s.to, previousFrom: s.previousFrom, previousTo: s.previousTo })}
              {filters.industry ? ` · ${t('dashboard.industry')} ${filters.industry}` : ''}
              <span className="zs-dash-computed"> · {t('dashboard.computedAt', { time: formatDateTime(s.computedAt) })}</span>
            </span>
          )
        }
        extra={
          <Space wrap className="zs-no-print">
            <Tooltip title={t('dashboard.refreshHint')}>
              <Button icon={<ReloadOutlined />} aria-label={t('dashboard.refresh')} loading={summary.isFetching} onClick={() => void Promise.all([summary.refetch(), byMonth.refetch(), byUnit.refetch(), byIndustry.refetch()])} />
            </Tooltip>
            <Tooltip title={t('dashboard.printHint')}>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('dashboard.print')}
              </Button>
            </Tooltip>
            <Link to={`/dashboard/screen${window.location.search}`}>
              <Button type="primary" icon={<DesktopOutlined />}>
                {t('dashboard.screen')}
              </Button>
            </Link>
          </Space>
        }
      />

      <Card size="small" className="zs-dash-filters zs-no-print">
        <Space wrap size={[16, 8]}>
          <Space size={8}>
            <Typography.Text type="secondary">{t('dashboard.period')}</Typography.Text>
            <Segmented<PeriodPreset>
              value={preset}
              onChange={setPreset}
              options={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`dashboard.presets.${p}`) }))}
            />
            {preset === 'custom' && (
              <Suspense fallback={<Spin size="small" />}>
                <PeriodRangePicker from={filters.from} to={filters.to} onChange={setRange} ariaLabel={t('dashboard.period')} />
              </Suspense>
            )}
          </Space>
          <Space size={8}>
            <Typography.Text type="secondary">{t('dashboard.unit')}</Typography.Text>
            <UnitTreeSelect value={filters.unit ?? s?.unit.id} onChange={setUnit} includeDisabled style={{ width: 220 }} aria-label={t('dashboard.unit')} />
          </Space>
          <Space size={8}>
            <Typography.Text type="secondary">{t('dashboard.industry')}</Typography.Text>
            <IndustrySelect value={filters.industry} onChange={setIndustry} allowClear placeholder={t('dashboard.allIndustries')} style={{ width: 240 }} aria-label={t('dashboard.industry')} />
          </Space>
        </Space>
      </Card>

      {error && <QueryError error={error} onRetry={() => void summary.refetch()} />}

      <Typography.Paragraph type="secondary" className="zs-dash-note">
        {t('dashboard.verifiedOnly')}
      </Typography.Paragraph>

      <KpiCards summary={s} loading={summary.isPending} onOpen={(figure, value) => open(figure, value)} />

      <Row gutter={[12, 12]} className="zs-dash-row">
        <Col xs={24} xl={12}>
          <Card size="small" title={<SectionTitle title={t('dashboard.sections.trend')} hint={t('dashboard.sections.trendHint')} />} extra={exportButton('month', t('dashboard.sections.trend'))}>
            <TrendChart
              breakdown={byMonth.data}
              onOpen={({ figure, month, previous }) => {
                const row = byMonth.data?.rows.find((r) => r.key === month);
                const range = monthWithin(month, { from: filters.from, to: filters.to });
                // A dashed point (last year) opens the same month's records on the drawer's 去年同期 side.
                open(figure, row?.figures[figure], range, `${scopeName} · ${month}`, previous ? 'previous' : 'current');
              }}
            />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={t('dashboard.sections.bySource')}>
            <SourceChart summary={s} onOpen={(figure) => open(figure, s?.figures[figure])} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={<SectionTitle title={t('dashboard.sections.funnel')} />} extra={<Tooltip title={t('dashboard.sections.funnelHint')}>ⓘ</Tooltip>}>
            <FunnelChart summary={s} />
          </Card>
        </Col>
      </Row>

      <Card
        size="small"
        className="zs-dash-row zs-dash-units"
        title={<SectionTitle title={t('dashboard.sections.byUnit')} hint={t('dashboard.sections.byUnitHint')} />}
        extra={exportButton('unit', t('dashboard.sections.byUnit'))}
      >
        <UnitTable
          breakdown={byUnit.data}
          loading={byUnit.isFetching}
          figures={unitFigures}
          onOpen={(figure, row, value) => (row?.unitId != null ? open(figure, value, { unit: row.unitId }, t('dashboard.scope', { unit: row.label })) : open(figure, value))}
        />
      </Card>

      <Row gutter={[12, 12]} className="zs-dash-row">
        <Col xs={24} xl={12}>
          <Card size="small" title={t('dashboard.sections.byIndustry')} extra={exportButton('industry', t('dashboard.sections.byIndustry'))}>
            <IndustryChart
              breakdown={byIndustry.data}
              height={340}
              onOpen={(row) => INDUSTRY_CODE.test(row.key) && open('signed_amount', row.figures.signed_amount, { industry: row.key }, `${scopeName} · ${row.label}`)}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('dashboard.sections.watch')} className="zs-dash-watch">
            <WatchLists summary={s} filters={filters} onOpen={(figure, value) => open(figure, value)} />
          </Card>
        </Col>
      </Row>

      {drill && (
        <Suspense fallback={null}>
          <RecordsDrawer key={`${drill.figure}-${JSON.stringify(drill.filters)}`} drill={drill} onClose={() => setDrill(null)} />
        </Suspense>
      )}
    </div>
  );
}
