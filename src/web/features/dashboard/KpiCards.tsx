import type { ReactNode } from 'react';
import { Card, Col, Row, Skeleton, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, InfoCircleOutlined, MinusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FigureValue, StatsSummary } from '../../../shared/api/stats';
import { formatFigure, formatYoy, trendOf } from './figures';
import { useFigureText } from './figure-text';

// The KPI cards. Colours follow the Chinese convention of government dashboards: 增长 red ↑,
// 下降 green ↓ (not the Western green-is-good), whatever the figure.
export const UP_COLOR = '#cf1322';
export const DOWN_COLOR = '#389e0d';

/** Opens the records behind a figure (the drawer). */
export type OpenFigure = (figure: string, value: FigureValue | undefined) => void;

/** "12.35亿元" → big "12.35" + small "亿元"; counts and rates keep their sign/percent. */
export function splitUnit(text: string): [string, string] {
  const m = /^(-?[\d,]+(?:\.\d+)?)(.*)$/.exec(text);
  return m ? [m[1]!, m[2]!.trim()] : [text, ''];
}

export function YoyLine({ value, dark }: { value: FigureValue | undefined; dark?: boolean }) {
  const { t } = useTranslation();
  if (!value) return null;
  const trend = trendOf(value.yoy);
  const muted = dark ? 'rgba(255,255,255,0.55)' : 'rgba(0,0,0,0.45)';
  // Stock figures (stalled, overdue…) are a state at the period's end: there is no last year to compare.
  if (value.previous === null) {
    return (
      <Tooltip title={t('dashboard.yoyStock')}>
        <span style={{ color: muted }}>{t('dashboard.yoy')} —</span>
      </Tooltip>
    );
  }
  const arrow =
    trend === 'up' ? (
      <span style={{ color: UP_COLOR }} aria-label={t('dashboard.yoyUp', { pct: formatYoy(value.yoy) })}>
        <ArrowUpOutlined /> {formatYoy(value.yoy)}
      </span>
    ) : trend === 'down' ? (
      <span style={{ color: DOWN_COLOR }} aria-label={t('dashboard.yoyDown', { pct: formatYoy(value.yoy) })}>
        <ArrowDownOutlined /> {formatYoy(value.yoy)}
      </span>
    ) : trend === 'flat' ? (
      <span style={{ color: muted }}>
        <MinusOutlined /> 0.0%
      </span>
    ) : (
      <Tooltip title={t('dashboard.yoyNone')}>
        <span style={{ color: muted }}>—</span>
      </Tooltip>
    );
  return (
    <span className="zs-yoy" data-testid="yoy">
      <span style={{ color: muted }}>{t('dashboard.yoy')}</span> {arrow}
    </span>
  );
}

/** A figure's value as a button: clicking it opens its records. */
export function FigureButton({ figure, value, onOpen, size = 'large', dark }: { figure: string; value: FigureValue | undefined; onOpen: OpenFigure; size?: 'large' | 'small'; dark?: boolean }) {
  const { t } = useTranslation();
  const { lang, label } = useFigureText();
  const text = value ? formatFigure(figure, value.value, lang) : '—';
  const [number, unit] = splitUnit(text);
  return (
    <button
      type="button"
      className={`zs-figure zs-figure-${size}${dark ? ' zs-figure-dark' : ''}`}
      data-figure={figure}
      data-value={value?.value ?? ''}
      title={t('dashboard.open')}
      aria-label={`${label(figure)} ${text}，${t('dashboard.open')}`}
      onClick={() => onOpen(figure, value)}
    >
      <span className="zs-figure-number">{number}</span>
      {unit && <span className="zs-figure-unit">{unit}</span>}
    </button>
  );
}

interface CardSpec {
  figure: string;
  /** Smaller figures under the main one (市外/省外 of the funds, the other size tiers…). */
  extra?: { figure: string; label: string }[];
}

function KpiCard({ spec, summary, onOpen }: { spec: CardSpec; summary: StatsSummary; onOpen: OpenFigure }) {
  const { t } = useTranslation();
  const { label, definition, lang } = useFigureText();
  const value = figureOf(summary, spec.figure);
  const tip = (
    <div>
      <div>
        <b>{t('dashboard.definitionTitle')}</b>：{definition(spec.figure, summary.definitions)}
      </div>
      <div style={{ marginTop: 4, opacity: 0.85 }}>{t('dashboard.yoyDefinition')}</div>
    </div>
  );
  return (
    <Card size="small" className="zs-kpi" data-testid={`kpi-${spec.figure}`}>
      <div className="zs-kpi-title">
        <span>{label(spec.figure)}</span>
        <Tooltip title={tip}>
          <InfoCircleOutlined className="zs-kpi-info" aria-label={t('dashboard.definitionTitle')} tabIndex={0} />
        </Tooltip>
      </div>
      <FigureButton figure={spec.figure} value={value} onOpen={onOpen} />
      <div className="zs-kpi-foot">
        <YoyLine value={value} />
        {value?.previous != null && (
          <Typography.Text type="secondary" className="zs-kpi-prev">
            {t('dashboard.previous', { value: formatFigure(spec.figure, value.previous, lang) })}
          </Typography.Text>
        )}
      </div>
      {spec.extra && spec.extra.length > 0 && (
        <div className="zs-kpi-extra">
          {spec.extra.map((e) => (
            <span key={e.figure}>
              <Tooltip title={definition(e.figure, summary.definitions)}>
                <span className="zs-kpi-extra-label">{e.label}</span>
              </Tooltip>
              <FigureButton figure={e.figure} value={figureOf(summary, e.figure)} onOpen={onOpen} size="small" />
            </span>
          ))}
        </div>
      )}
    </Card>
  );
}

/** A figure from the summary: the named figures, or a size tier's count. */
export function figureOf(summary: StatsSummary | undefined, figure: string): FigureValue | undefined {
  if (!summary) return undefined;
  return summary.figures[figure] ?? summary.tiers.find((tier) => tier.figure === figure)?.count;
}

/** The 亿元以上 tier (1亿 = 10000万元) if the settings have it, else the first tier. */
export function headlineTier(summary: StatsSummary | undefined): StatsSummary['tiers'][number] | undefined {
  return summary?.tiers.find((tier) => tier.threshold === 10000) ?? summary?.tiers[0];
}

export function KpiCards({ summary, loading, onOpen }: { summary: StatsSummary | undefined; loading: boolean; onOpen: OpenFigure }) {
  const { t } = useTranslation();
  const { label } = useFigureText();
  if (!summary) {
    return (
      <Row gutter={[12, 12]}>
        {Array.from({ length: 12 }, (_, i) => (
          <Col key={i} xs={12} sm={8} xl={4}>
            <Card size="small">
              <Skeleton active={loading} paragraph={{ rows: 2 }} title={false} />
            </Card>
          </Col>
        ))}
      </Row>
    );
  }
  const tier = headlineTier(summary);
  const otherTiers = summary.tiers.filter((x) => x !== tier && x.threshold > (tier?.threshold ?? 0)).slice(0, 3);
  const specs: CardSpec[] = [
    { figure: 'new_projects' },
    { figure: 'signed_count' },
    { figure: 'signed_amount' },
    {
      figure: 'funds_total',
      extra: [
        { figure: 'funds_out_of_city', label: t('dashboard.outOfCity') },
        { figure: 'funds_out_of_province_total', label: t('dashboard.outOfProvince') },
      ],
    },
    { figure: 'started_count' },
    { figure: 'producing_count' },
    ...(tier ? [{ figure: tier.figure, extra: otherTiers.map((x) => ({ figure: x.figure, label: `≥${label(x.figure).replace(/以上项目$|^Projects ≥ /, '')}` })) }] : []),
    { figure: 'start_rate' },
    { figure: 'production_rate' },
    { figure: 'funds_rate' },
    { figure: 'stalled_count' },
    { figure: 'signed_not_started_count' },
  ];
  return (
    <Row gutter={[12, 12]} className="zs-kpi-grid">
      {specs.map((spec) => (
        <Col key={spec.figure} xs={12} sm={8} xl={4}>
          <KpiCard spec={spec} summary={summary} onOpen={onOpen} />
        </Col>
      ))}
    </Row>
  );
}

export function SectionTitle({ title, hint }: { title: ReactNode; hint?: ReactNode }) {
  return (
    <span>
      {title}
      {hint && (
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginLeft: 8 }}>
          {hint}
        </Typography.Text>
      )}
    </span>
  );
}
