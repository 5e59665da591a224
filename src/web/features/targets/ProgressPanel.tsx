import Decimal from 'decimal.js';
import { Progress, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TargetProgress } from '../../../shared/api/targets';
import { QueryError } from '../../components/QueryError';
import { formatFigure, formatPercent, kindOf } from '../dashboard/figures';
import { useFigureText } from '../dashboard/figure-text';
import { ScheduleGapTag, TargetStatusTag, useValueUnit } from './target-parts';
import { useTargetProgress } from './targets.queries';

type Row = TargetProgress['rows'][number];

/** A bar for 完成率 (capped at 100% for the bar; the text keeps the exact figure). */
function CompletionBar({ rate }: { rate: string | null }) {
  if (rate === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const percent = Decimal.min(100, new Decimal(rate).times(100)).toNumber();
  return (
    <Space size={8}>
      <Progress percent={percent} size="small" showInfo={false} style={{ width: 80, margin: 0 }} />
      <span>{formatPercent(rate)}</span>
    </Space>
  );
}

/**
 * 完成进度: each target of the unit and of its direct sub-units against the KPI engine's figure,
 * year to date: 已完成, 完成率, 时序进度 and 超/欠时序进度 (green ahead, red behind).
 */
export function ProgressPanel({ year, unitId, metric }: { year: number; unitId: number | undefined; metric: string }) {
  const { t } = useTranslation();
  const { label, lang } = useFigureText();
  const valueUnit = useValueUnit();
  const query = useTargetProgress({ year, unit: unitId, metric });
  const p = query.data;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;

  const columns: TableColumnsType<Row> = [
    {
      key: 'unit',
      title: t('targets.colUnit'),
      render: (_, r) =>
        r.target.userId === null ? (
          <Typography.Text strong={r.target.unitId === p?.unit.id}>{r.target.unitName}</Typography.Text>
        ) : (
          <Space size={4}>
            {r.target.unitName} · {r.target.userName}
            <Typography.Text type="secondary">（{t('targets.personTarget')}）</Typography.Text>
          </Space>
        ),
    },
    // Amounts carry their unit in each cell (万元 or 亿元); counts say theirs in the heading.
    { key: 'target', title: kindOf(metric) === 'count' ? t('targets.colTarget', { unit: valueUnit(metric) }) : t('targets.colTargetPlain'), align: 'right', render: (_, r) => formatFigure(metric, r.target.value, lang) },
    {
      key: 'actual',
      title: t('targets.colActual'),
      align: 'right',
      render: (_, r) =>
        r.actual === null ? (
          <Tooltip title={t('targets.personNoActual')}>
            <Typography.Text type="secondary">—</Typography.Text>
          </Tooltip>
        ) : (
          formatFigure(metric, r.actual, lang)
        ),
    },
    { key: 'rate', title: t('targets.colCompletion'), render: (_, r) => <CompletionBar rate={r.completionRate} /> },
    { key: 'time', title: t('targets.colTimeProgress'), align: 'right', render: (_, r) => formatPercent(r.timeProgress) },
    { key: 'gap', title: t('targets.colGap'), render: (_, r) => <ScheduleGapTag gap={r.scheduleGap} /> },
    { key: 'status', title: t('targets.colStatus'), render: (_, r) => <TargetStatusTag status={r.target.status} /> },
  ];

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="targets-progress">
      {p && <Typography.Text type="secondary">{label(metric)} · {t('targets.progressLine', { from: p.from, asOf: p.asOf, progress: formatPercent(p.timeProgress) })}</Typography.Text>}
      <Table<Row>
        rowKey={(r) => r.target.id}
        size="small"
        pagination={false}
        loading={query.isFetching}
        columns={columns}
        dataSource={p?.rows ?? []}
        locale={{ emptyText: t('targets.noTargets') }}
        scroll={{ x: 760 }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('targets.definition')}
      </Typography.Text>
    </Space>
  );
}
