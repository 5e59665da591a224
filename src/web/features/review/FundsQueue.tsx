import { Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Tranche } from '../../../shared/api/funds';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { FileLinks } from '../project-detail/FileLink';
import { SourceTag, TrancheAmount, TrancheFlags } from '../project-detail/FundsParts';
import { useFundsQueue, type FundsFilters } from '../project-detail/funds.queries';
import { colon } from '../project-detail/labels';
import { FundsReviewActions } from './FundsReviewActions';
import { TransitionStatusTag } from './TransitionChange';

function ProjectCell({ f }: { f: Tranche }) {
  return (
    <Space orientation="vertical" size={0}>
      <Link to={`/projects/${f.projectId}?tab=funds`}>{f.projectName}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {f.unitName}
      </Typography.Text>
    </Space>
  );
}

function Explanation({ f }: { f: Tranche }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
      {f.preSigningReason && (
        <Typography.Text>
          <Typography.Text type="secondary">{t('funds.preSigningReason')}{colon()}</Typography.Text>
          {f.preSigningReason}
        </Typography.Text>
      )}
      {f.note && <Typography.Text>{f.note}</Typography.Text>}
      {!f.note && !f.preSigningReason && <Typography.Text type="secondary">—</Typography.Text>}
    </Space>
  );
}

function Outcome({ f }: { f: Tranche }) {
  return (
    <Space orientation="vertical" size={0}>
      <TransitionStatusTag status={f.status} small />
      {f.reviewedBy && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {f.reviewedBy.displayName} · {formatDateTime(f.reviewedAt)}
        </Typography.Text>
      )}
      {f.reviewNote && <Typography.Text style={{ fontSize: 12 }}>{f.reviewNote}</Typography.Text>}
    </Space>
  );
}

function useColumns(filters: FundsFilters, isPhone: boolean): TableColumnsType<Tranche> {
  const { t } = useTranslation();
  // Demo tranches carry no files; a real one without evidence is flagged for the reviewer.
  const evidence = (f: Tranche) =>
    f.evidenceFileIds.length ? (
      <FileLinks ids={f.evidenceFileIds} />
    ) : f.isDemo ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Typography.Text type="warning">{t('review.noEvidence')}</Typography.Text>
    );
  const decision = (f: Tranche) => (filters.status === 'pending' ? <FundsReviewActions f={f} /> : <Outcome f={f} />);
  if (isPhone) {
    return [
      {
        key: 'all',
        render: (_, f) => (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <ProjectCell f={f} />
            <Space size={8} wrap>
              <TrancheAmount f={f} />
              <SourceTag source={f.source} />
              <TrancheFlags f={f} />
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('funds.date')} {f.date} · {f.reportedBy.displayName}
            </Typography.Text>
            <Explanation f={f} />
            {evidence(f)}
            {decision(f)}
          </Space>
        ),
      },
    ];
  }
  return [
    { key: 'project', title: t('review.project'), width: 200, render: (_, f) => <ProjectCell f={f} /> },
    {
      key: 'amount',
      title: t('funds.amount'),
      width: 160,
      render: (_, f) => (
        <Space orientation="vertical" size={2}>
          <TrancheAmount f={f} />
          <TrancheFlags f={f} />
        </Space>
      ),
    },
    { key: 'source', title: t('funds.source'), width: 140, render: (_, f) => <SourceTag source={f.source} /> },
    { key: 'date', title: t('funds.date'), dataIndex: 'date', width: 100 },
    {
      key: 'reported',
      title: t('funds.reportedBy'),
      width: 140,
      render: (_, f) => (
        <Space orientation="vertical" size={0}>
          <span>{f.reportedBy.displayName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(f.reportedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'why', title: t('review.explanation'), render: (_, f) => <Explanation f={f} /> },
    { key: 'evidence', title: t('review.evidence'), width: 130, render: (_, f) => evidence(f) },
    { key: 'decision', title: filters.status === 'pending' ? t('common.actions') : t('review.outcome'), width: 190, render: (_, f) => decision(f), fixed: 'right' },
  ];
}

/** 到位资金审核: tranches reported by the units, beside the stage changes in the review page. */
export function FundsQueue({
  filters,
  isPhone,
  onPage,
}: {
  filters: FundsFilters;
  isPhone: boolean;
  onPage: (page: number, pageSize: number) => void;
}) {
  const { t } = useTranslation();
  const queue = useFundsQueue(filters);
  const columns = useColumns(filters, isPhone);
  if (queue.isError) return <QueryError error={queue.error} onRetry={() => void queue.refetch()} />;
  return (
    <Table<Tranche>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={queue.data?.items ?? []}
      loading={queue.isFetching}
      showHeader={!isPhone}
      scroll={isPhone ? undefined : { x: 1150 }}
      locale={{ emptyText: filters.status === 'pending' ? t('funds.emptyPending') : t('review.empty') }}
      pagination={{
        current: filters.page,
        pageSize: filters.pageSize,
        total: queue.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => t('common.total', { total }),
        onChange: onPage,
      }}
    />
  );
}
