import { useState } from 'react';
import { Button, ConfigProvider, theme as antdTheme } from 'antd';
import { CompressOutlined, ExpandOutlined, LogoutOutlined } from '@ant-design/icons';
import { Link, Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FigureValue, StatsBreakdown, StatsSummary } from '../../../shared/api/stats';
import { formatDateTime } from '../../format';
import { useCurrentUser } from '../auth/session';
import { FunnelChart, IndustryChart, SourceChart, TrendChart } from './charts';
import { compareDecimal, formatFigure } from './figures';
import { useFigureText } from './figure-text';
import { FigureButton, figureOf, headlineTier, YoyLine } from './KpiCards';
import { monthWithin } from './period';
import { RecordsDrawer, type Drill } from './RecordsDrawer';
import { useStatsBreakdown, useStatsSummary } from './stats.queries';
import { useDashboardFilters } from './use-dashboard-filters';
import './dashboard.css';

const REFRESH_MINUTES = 5;
const live = { refetchInterval: REFRESH_MINUTES * 60_000 };

function ScreenKpi({ figure, summary, onOpen, noYoy }: { figure: string; summary: StatsSummary | undefined; onOpen: (figure: string, value: FigureValue | undefined) => void; noYoy?: boolean }) {
  const { label } = useFigureText();
  const value = figureOf(summary, figure);
  return (
    <div className="zs-screen-kpi" data-testid={`screen-kpi-${figure}`}>
      <span className="zs-screen-kpi-label">{label(figure)}</span>
      <FigureButton figure={figure} value={value} onOpen={onOpen} dark />
      {!noYoy && <YoyLine value={value} dark />}
    </div>
  );
}

/** 单位排名: the top eight units by contracted investment signed in the period. */
function Ranking({ breakdown, onOpen }: { breakdown: StatsBreakdown | undefined; onOpen: (figure: string, row: StatsBreakdown['rows'][number]) => void }) {
  const { t } = useTranslation();
  const { label, lang } = useFigureText();
  // Three figures fit a third of a 1440-pixel screen in large type; the dashboard has the full table.
  const figures = ['signed_count', 'signed_amount', 'funds_total'];
  const rows = [...(breakdown?.rows ?? [])].sort((a, b) => compareDecimal(b.figures.signed_amount?.value, a.figures.signed_amount?.value)).slice(0, 8);
  return (
    <div className="zs-screen-rank-wrap">
      <table className="zs-screen-rank">
        <thead>
          <tr>
            <th>{t('dashboard.rank')}</th>
            <th>{t('dashboard.columns.unit')}</th>
            {figures.map((f) => (
              <th key={f}>{label(f)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.key}>
              <td>{i + 1}</td>
              <td>{row.label}</td>
              {figures.map((f) => (
                <td key={f}>
                  {row.unitId != null ? (
                    <button type="button" className="zs-figure zs-figure-dark" style={{ fontSize: 16 }} onClick={() => onOpen(f, row)}>
                      {formatFigure(f, row.figures[f]?.value, lang)}
                    </button>
                  ) : (
                    formatFigure(f, row.figures[f]?.value, lang)
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * 大屏: the dashboard for a meeting-room screen — dark, large type, no menus, refreshed every few
 * minutes. Same filters as the dashboard (from the address bar), same figures, same drill-down.
 */
export function ScreenPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  const { filters, ready } = useDashboardFilters();
  const summary = useStatsSummary(filters, { ...live, enabled: ready });
  const byMonth = useStatsBreakdown('month', filters, { ...live, enabled: ready });
  const byUnit = useStatsBreakdown('unit', filters, { ...live, enabled: ready });
  const byIndustry = useStatsBreakdown('industry', filters, { ...live, enabled: ready });
  const [drill, setDrill] = useState<Drill | null>(null);
  const [isFull, setFull] = useState(Boolean(document.fullscreenElement));

  if (!user.permissions.includes('stats.read')) return <Navigate to="/dashboard" replace />;

  const s = summary.data;
  const scope = s ? t('dashboard.scope', { unit: s.unit.name }) : '';
  const open = (figure: string, expected: FigureValue | undefined, narrow: Partial<typeof filters> = {}, slice = scope) =>
    setDrill({ figure, expected, filters: { ...filters, ...narrow }, slice });
  const tier = headlineTier(s);
  const kpis = [
    'signed_count',
    'signed_amount',
    'funds_total',
    'funds_out_of_city',
    'started_count',
    'producing_count',
    ...(tier ? [tier.figure] : []),
    'start_rate',
    'production_rate',
    'funds_rate',
    'stalled_count',
    'signed_not_started_count',
  ];

  const toggleFull = () => {
    const done = () => setFull(Boolean(document.fullscreenElement));
    if (document.fullscreenElement) void document.exitFullscreen().then(done, done);
    else void document.documentElement.requestFullscreen().then(done, done);
  };

  return (
    <ConfigProvider theme={{ algorithm: antdTheme.darkAlgorithm, token: { colorPrimary: '#4fa3e0' } }}>
      <div className="zs-screen" data-testid="dashboard-screen">
        <header className="zs-screen-head">
          <div className="zs-screen-meta">
            {s && (
              <>
                <div>{t('dashboard.screenMode.ytd', { from: s.from, to: s.to })}</div>
                <div style={{ fontSize: 13, opacity: 0.8 }}>{t('dashboard.screenMode.updated', { time: formatDateTime(s.computedAt), minutes: REFRESH_MINUTES })}</div>
              </>
            )}
          </div>
          <h1 className="zs-screen-title">{t('dashboard.screenMode.title', { unit: s?.unit.name ?? user.unit.name })}</h1>
          <div className="zs-screen-actions">
            <Button icon={isFull ? <CompressOutlined /> : <ExpandOutlined />} onClick={toggleFull}>
              {t('dashboard.screenMode.fullscreen')}
            </Button>
            <Link to={`/dashboard${location.search}`}>
              <Button icon={<LogoutOutlined />}>{t('dashboard.screenMode.exit')}</Button>
            </Link>
          </div>
        </header>

        <section className="zs-screen-kpis">
          {kpis.map((figure) => (
            <ScreenKpi key={figure} figure={figure} summary={s} onOpen={(f, v) => open(f, v)} />
          ))}
        </section>

        <section className="zs-screen-grid">
          <div className="zs-screen-panel">
            <h2>{t('dashboard.sections.trend')}</h2>
            <TrendChart
              breakdown={byMonth.data}
              dark
              height="100%"
              onOpen={({ figure, month }) => open(figure, byMonth.data?.rows.find((r) => r.key === month)?.figures[figure], monthWithin(month, filters), `${scope} · ${month}`)}
            />
          </div>
          <div className="zs-screen-panel">
            <h2>{t('dashboard.sections.byIndustry')}</h2>
            <IndustryChart breakdown={byIndustry.data} dark height="100%" />
          </div>
          <div className="zs-screen-panel">
            <h2>{t('dashboard.sections.funnel')}</h2>
            <FunnelChart summary={s} dark height="100%" />
          </div>
          <div className="zs-screen-panel">
            <h2>{t('dashboard.sections.byUnit')}</h2>
            <Ranking breakdown={byUnit.data} onOpen={(f, row) => open(f, row.figures[f], { unit: row.unitId ?? undefined }, t('dashboard.scope', { unit: row.label }))} />
          </div>
          <div className="zs-screen-panel">
            <h2>{t('dashboard.sections.bySource')}</h2>
            <SourceChart summary={s} dark height="100%" onOpen={(f) => open(f, s?.figures[f])} />
          </div>
          <div className="zs-screen-panel">
            <h2>{t('dashboard.sections.watch')}</h2>
            <div className="zs-screen-watch">
              {(['stalled_count', 'signed_not_started_count', 'overdue_nodes_count'] as const).map((f) => (
                <ScreenKpi key={f} figure={f} summary={s} onOpen={(fig, v) => open(fig, v)} noYoy />
              ))}
            </div>
          </div>
        </section>
        {drill && <RecordsDrawer key={`${drill.figure}-${JSON.stringify(drill.filters)}`} drill={drill} onClose={() => setDrill(null)} />}
      </div>
    </ConfigProvider>
  );
}
