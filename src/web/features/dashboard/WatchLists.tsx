import { useState } from 'react';
import { Badge, Button, Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FigureValue, StatsRecords, StatsSummary } from '../../../shared/api/stats';
import { QueryError } from '../../components/QueryError';
import { useFigureText } from './figure-text';
import { figureOf } from './KpiCards';
import { useStatsRecords, type StatsFilters } from './stats.queries';

const WATCHED = ['stalled_count', 'signed_not_started_count', 'overdue_nodes_count'] as const;
type Watched = (typeof WATCHED)[number];
const SHOWN = 8;

function WatchTable({ figure, filters }: { figure: Watched; filters: StatsFilters }) {
  const { t } = useTranslation();
  const records = useStatsRecords({ ...filters, figure, page: 1, pageSize: SHOWN });
  if (records.isError) return <QueryError error={records.error} onRetry={() => void records.refetch()} />;
  return (
    <Table<StatsRecords['items'][number]>
      size="small"
      rowKey={(r) => `${r.kind}-${r.id}`}
      loading={records.isFetching}
      dataSource={records.data?.items ?? []}
      pagination={false}
      locale={{ emptyText: t('dashboard.watchEmpty') }}
      columns={[
        { title: t('dashboard.columns.project'), dataIndex: 'projectName', ellipsis: true, render: (name: string, r) => <Link to={`/projects/${r.projectId}`}>{name}</Link> },
        { title: t('dashboard.columns.unit'), dataIndex: 'unitName', width: 140, ellipsis: true },
        { title: t(`dashboard.watchDate.${figure}`), dataIndex: 'date', width: 110, render: (d: string | null) => d ?? '—' },
      ]}
    />
  );
}

/** 预警清单: stalled projects, signed-not-started projects and overdue milestones, as of the period's end. */
export function WatchLists({ summary, filters, onOpen }: { summary: StatsSummary | undefined; filters: StatsFilters; onOpen: (figure: string, value: FigureValue | undefined) => void }) {
  const { t } = useTranslation();
  const { label, definition } = useFigureText();
  const [active, setActive] = useState<Watched>('stalled_count');
  const value = figureOf(summary, active);
  return (
    <Tabs
      size="small"
      activeKey={active}
      onChange={(k) => setActive(k as Watched)}
      tabBarExtraContent={
        value && Number(value.value) > SHOWN ? (
          <Button size="small" type="link" className="zs-no-print" onClick={() => onOpen(active, value)}>
            {t('dashboard.watchMore', { count: value.value })}
          </Button>
        ) : null
      }
      items={WATCHED.map((figure) => ({
        key: figure,
        label: (
          <span title={definition(figure, summary?.definitions)}>
            {label(figure)} <Badge count={figureOf(summary, figure)?.value ?? 0} showZero overflowCount={999} color={figure === 'overdue_nodes_count' ? '#faad14' : '#cf1322'} />
          </span>
        ),
        children: (
          <>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {definition(figure, summary?.definitions)}
            </Typography.Paragraph>
            <WatchTable figure={figure} filters={filters} />
          </>
        ),
      }))}
    />
  );
}
