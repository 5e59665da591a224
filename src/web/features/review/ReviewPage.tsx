import { Badge, Card, Grid, Segmented, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Transition } from '../../../shared/api/projects';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { formatDateTime } from '../../format';
import { FileLinks } from '../project-detail/FileLink';
import { useFundsQueue } from '../project-detail/funds.queries';
import { FundsQueue } from './FundsQueue';
import { ReviewActions } from './ReviewActions';
import { TransitionChange, TransitionStatusTag } from './TransitionChange';
import { useTransitionQueue, type ReviewStatus, type TransitionFilters } from './review.queries';
import { colon } from '../project-detail/labels';

const STATUSES: ReviewStatus[] = ['pending', 'verified', 'rejected'];
const PAGE_SIZES = [10, 20, 50, 100];

/** ?status=&unitId=&page=&pageSize= */
function readFilters(params: URLSearchParams): TransitionFilters {
  const status = params.get('status') as ReviewStatus | null;
  const unitId = Number(params.get('unitId'));
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    status: status && STATUSES.includes(status) ? status : 'pending',
    unitId: Number.isInteger(unitId) && unitId > 0 ? unitId : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

function Explanation({ tr }: { tr: Transition }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
      {tr.reason && (
        <Typography.Text>
          <Typography.Text type="secondary">{t('review.reason')}{colon()}</Typography.Text>
          {tr.reason}
        </Typography.Text>
      )}
      {tr.lostDestination && (
        <Typography.Text>
          <Typography.Text type="secondary">{t('review.lostDestination')}{colon()}</Typography.Text>
          {tr.lostDestination}
        </Typography.Text>
      )}
      {tr.note && (
        <Typography.Text>
          <Typography.Text type="secondary">{t('review.note')}{colon()}</Typography.Text>
          {tr.note}
        </Typography.Text>
      )}
      {!tr.reason && !tr.note && !tr.lostDestination && <Typography.Text type="secondary">—</Typography.Text>}
    </Space>
  );
}

function Outcome({ tr }: { tr: Transition }) {
  return (
    <Space orientation="vertical" size={0}>
      <TransitionStatusTag status={tr.status} small />
      {tr.reviewedBy && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tr.reviewedBy.displayName} · {formatDateTime(tr.reviewedAt)}
        </Typography.Text>
      )}
      {tr.reviewNote && <Typography.Text style={{ fontSize: 12 }}>{tr.reviewNote}</Typography.Text>}
    </Space>
  );
}

function ProjectCell({ tr }: { tr: Transition }) {
  return (
    <Space orientation="vertical" size={0}>
      <Link to={`/projects/${tr.projectId}?tab=history`}>{tr.projectName}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {tr.unitName}
      </Typography.Text>
    </Space>
  );
}

function useColumns(status: ReviewStatus, isPhone: boolean): TableColumnsType<Transition> {
  const { t } = useTranslation();
  if (isPhone) {
    return [
      {
        key: 'all',
        title: t('nav.review'),
        render: (_, tr) => (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <ProjectCell tr={tr} />
            <TransitionChange t={tr} small />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('review.eventDate')} {tr.eventDate} · {tr.requestedBy.displayName}
            </Typography.Text>
            <Explanation tr={tr} />
            <FileLinks ids={tr.evidenceFileIds} />
            {status === 'pending' ? <ReviewActions tr={tr} /> : <Outcome tr={tr} />}
          </Space>
        ),
      },
    ];
  }
  const columns: TableColumnsType<Transition> = [
    { key: 'project', title: t('review.project'), width: 220, render: (_, tr) => <ProjectCell tr={tr} /> },
    { key: 'change', title: t('review.change'), width: 170, render: (_, tr) => <TransitionChange t={tr} small /> },
    { key: 'date', title: t('review.eventDate'), dataIndex: 'eventDate', width: 100 },
    {
      key: 'requested',
      title: t('review.requestedBy'),
      width: 150,
      render: (_, tr) => (
        <Space orientation="vertical" size={0}>
          <span>{tr.requestedBy.displayName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(tr.requestedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'why', title: t('review.explanation'), width: 240, render: (_, tr) => <Explanation tr={tr} /> },
    {
      key: 'evidence',
      title: t('review.evidence'),
      width: 170,
      render: (_, tr) =>
        tr.evidenceFileIds.length ? <FileLinks ids={tr.evidenceFileIds} /> : <Typography.Text type="warning">{t('review.noEvidence')}</Typography.Text>,
    },
  ];
  columns.push(
    status === 'pending'
      ? // Fixed, so 通过/驳回 stay in view on a 1366px screen while the wide table scrolls.
        { key: 'actions', title: t('common.actions'), width: 190, fixed: 'right' as const, render: (_, tr) => <ReviewActions tr={tr} /> }
      : { key: 'outcome', title: t('review.outcome'), width: 200, render: (_, tr) => <Outcome tr={tr} /> },
  );
  return columns;
}

type ReviewKind = 'transitions' | 'funds';

/** A tab label with the number waiting in it. */
function KindLabel({ text, count }: { text: string; count: number | undefined }) {
  return (
    <Space size={6}>
      {text}
      <Badge count={count ?? 0} size="small" overflowCount={999} color="#d48806" />
    </Space>
  );
}

/**
 * 审核队列: stage changes and funds tranches (?kind=funds) awaiting a bureau reviewer; verified and
 * rejected ones for reference.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const kind: ReviewKind = params.get('kind') === 'funds' ? 'funds' : 'transitions';
  const filters = readFilters(params);
  const queue = useTransitionQueue(filters, kind === 'transitions');
  const columns = useColumns(filters.status, isPhone);
  const pendingTransitions = useTransitionQueue({ status: 'pending', page: 1, pageSize: 1 });
  const pendingFunds = useFundsQueue({ status: 'pending', page: 1, pageSize: 1 });
  const fundsFilters = { status: filters.status, unit: filters.unitId, page: filters.page, pageSize: filters.pageSize };

  const patch = (changes: Record<string, string | undefined>) =>
    setParams((p) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '') p.delete(key);
        else p.set(key, value);
      }
      if (!('page' in changes)) p.delete('page');
      return p;
    });

  return (
    <>
      <PageHeader title={t('nav.review')} description={t('review.description')} />
      <Tabs
        activeKey={kind}
        onChange={(key) =>
          setParams((p) => {
            if (key === 'funds') p.set('kind', 'funds');
            else p.delete('kind');
            p.delete('page');
            return p;
          })
        }
        items={[
          { key: 'transitions', label: <KindLabel text={t('review.kinds.transitions')} count={pendingTransitions.data?.total} /> },
          { key: 'funds', label: <KindLabel text={t('review.kinds.funds')} count={pendingFunds.data?.total} /> },
        ]}
        style={{ marginBottom: 0 }}
      />
      <Card size="small">
        <div className="zs-filter-bar" role="search">
          <Segmented<ReviewStatus>
            value={filters.status}
            options={STATUSES.map((s) => ({ value: s, label: t(`review.status.${s}`) }))}
            onChange={(v) => patch({ status: v === 'pending' ? undefined : v })}
          />
          <UnitTreeSelect
            aria-label={t('review.unit')}
            placeholder={t('review.allUnits')}
            value={filters.unitId}
            onChange={(v) => patch({ unitId: v === undefined ? undefined : String(v) })}
            allowClear
            includeDisabled
            style={{ width: 240 }}
          />
          {kind === 'transitions' && filters.status === 'pending' && queue.data && (
            <Typography.Text type="secondary">{t('review.pendingCount', { count: queue.data.total })}</Typography.Text>
          )}
        </div>
        {kind === 'funds' ? (
          <FundsQueue
            filters={fundsFilters}
            isPhone={isPhone}
            onPage={(page, pageSize) => patch({ page: page > 1 ? String(page) : undefined, pageSize: pageSize === 20 ? undefined : String(pageSize) })}
          />
        ) : queue.isError ? (
          <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
        ) : (
          <Table<Transition>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={queue.data?.items ?? []}
            loading={queue.isFetching}
            showHeader={!isPhone}
            scroll={isPhone ? undefined : { x: 1220 }}
            locale={{ emptyText: filters.status === 'pending' ? t('review.emptyPending') : t('review.empty') }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: queue.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) =>
                patch({ page: page > 1 ? String(page) : undefined, pageSize: pageSize === 20 ? undefined : String(pageSize) }),
            }}
          />
        )}
      </Card>
    </>
  );
}
