import { useEffect, useState } from 'react';
import { Badge, DatePicker, Grid, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { REFERRAL_STATUSES, type Referral, type ReferralStatus } from '../../../shared/api/referrals';
import { DemoTag } from '../../components/DemoTag';
import { Money } from '../../components/Money';
import { QueryError } from '../../components/QueryError';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { formatDateTime } from '../../format';
import { hasPermission, useCurrentUser } from '../auth/session';
import { paren, useLedgerLabels } from '../project-detail/labels';
import { ReferralStatusTag } from './ReferralStatusTag';
import { useReferrals, type ReferralFilters } from './referrals.queries';

export const PAGE_SIZES = [10, 20, 50, 100];

/** ?mine=&status=&q=&unitId=&from=&to=&page=&pageSize= (referrers always see only their own). */
export function readReferralFilters(params: URLSearchParams, isReferrer: boolean): ReferralFilters {
  const status = params.get('status') as ReferralStatus | null;
  const unitId = Number(params.get('unitId'));
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const date = (key: string) => (/^\d{4}-\d{2}-\d{2}$/.test(params.get(key) ?? '') ? params.get(key)! : undefined);
  return {
    mine: isReferrer || params.get('mine') === 'true' ? true : undefined,
    status: status && REFERRAL_STATUSES.includes(status) ? [status] : undefined,
    q: params.get('q')?.trim() || undefined,
    unitId: Number.isInteger(unitId) && unitId > 0 ? unitId : undefined,
    from: date('from'),
    to: date('to'),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

export function ReferralList({
  params,
  patch,
  onOpen,
}: {
  params: URLSearchParams;
  patch: (changes: Record<string, string | undefined>) => void;
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const labels = useLedgerLabels();
  const isPhone = Grid.useBreakpoint().md === false;
  const isReferrer = me.role === 'referrer';
  const canSeeProjects = hasPermission(me, 'projects.read');
  const filters = readReferralFilters(params, isReferrer);
  const referrals = useReferrals(filters);
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);

  const investor = (r: Referral) => (
    <Space orientation="vertical" size={0}>
      <Space size={4} wrap>
        <Typography.Link onClick={() => onOpen(r.id)} strong>
          {r.investorName}
        </Typography.Link>
        {r.isDemo && <DemoTag small />}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.projectIntent}
      </Typography.Text>
    </Space>
  );
  const status = (r: Referral) => (
    <Space size={4} wrap>
      <ReferralStatusTag status={r.status} small />
      {r.openConflicts > 0 && <Badge count={r.openConflicts} title={t('referrals.openConflicts', { count: r.openConflicts })} />}
      {r.isProtected && r.status !== 'conflict' && (
        <Tag color="blue" className="zs-tag-small">
          {t('referrals.protected')}
        </Tag>
      )}
    </Space>
  );

  const columns: TableColumnsType<Referral> = isPhone
    ? [
        {
          key: 'all',
          render: (_, r) => (
            <Space orientation="vertical" size={2}>
              {investor(r)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.referrerName}
                {paren(labels.referrerKind(r.referrerKind))} · {r.unitName} · {formatDateTime(r.registeredAt)}
              </Typography.Text>
              {status(r)}
            </Space>
          ),
        },
      ]
    : [
        { title: t('referrals.investorAndIntent'), key: 'investor', render: (_, r) => investor(r) },
        { title: t('referrals.intendedAmount'), dataIndex: 'intendedAmount', width: 120, render: (v: string | null) => <Money value={v} /> },
        {
          title: t('referrals.referrer'),
          key: 'referrer',
          width: 150,
          render: (_, r) => (
            <Space orientation="vertical" size={0}>
              <span>{r.referrerName}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {labels.referrerKind(r.referrerKind)}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('referrals.unit'), dataIndex: 'unitName', width: 140, responsive: ['lg'] },
        { title: t('referrals.registeredAt'), dataIndex: 'registeredAt', width: 140, render: (v: string) => formatDateTime(v) },
        { title: t('referrals.protectedUntil'), dataIndex: 'protectedUntil', width: 110, render: (v: string) => formatDateTime(v).slice(0, 10), responsive: ['xl'] },
        { title: t('common.status'), key: 'status', width: 160, render: (_, r) => status(r) },
        {
          title: t('referrals.project'),
          dataIndex: 'projectId',
          width: 90,
          render: (v: number | null) =>
            v && canSeeProjects ? <Link to={`/projects/${v}`}>{t('referrals.viewProject')}</Link> : <Typography.Text type="secondary">{v ? t('referrals.linkedShort') : '—'}</Typography.Text>,
        },
      ];

  return (
    <>
      <div className="zs-filter-bar" role="search">
        {!isReferrer && (
          <Segmented
            value={filters.mine ? 'mine' : 'all'}
            options={[
              { value: 'all', label: t('referrals.all') },
              { value: 'mine', label: t('referrals.mine') },
            ]}
            onChange={(v) => patch({ mine: v === 'mine' ? 'true' : undefined })}
          />
        )}
        <Select<ReferralStatus>
          aria-label={t('common.status')}
          placeholder={t('referrals.allStatuses')}
          value={filters.status?.[0]}
          onChange={(v) => patch({ status: v })}
          options={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referrals.status.${s}`) }))}
          allowClear
          style={{ width: 130 }}
        />
        {!isReferrer && (
          <UnitTreeSelect
            aria-label={t('referrals.unit')}
            placeholder={t('referrals.allUnits')}
            value={filters.unitId}
            onChange={(v) => patch({ unitId: v === undefined ? undefined : String(v) })}
            allowClear
            includeDisabled
            style={{ width: 200 }}
          />
        )}
        <DatePicker.RangePicker
          aria-label={t('referrals.dateRange')}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range) => patch({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          allowEmpty={[true, true]}
          style={{ width: 240 }}
        />
        <Input.Search
          aria-label={t('referrals.searchPlaceholder')}
          placeholder={t('referrals.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => patch({ q: v.trim() || undefined })}
          allowClear
          style={{ width: 240 }}
        />
      </div>
      {referrals.isError ? (
        <QueryError error={referrals.error} onRetry={() => void referrals.refetch()} />
      ) : (
        <Table<Referral>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={referrals.data?.items ?? []}
          loading={referrals.isFetching}
          showHeader={!isPhone}
          onRow={(r) => ({ onDoubleClick: () => onOpen(r.id) })}
          locale={{ emptyText: isReferrer ? t('referrals.emptyMine') : t('referrals.empty') }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: referrals.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => patch({ page: page > 1 ? String(page) : undefined, pageSize: pageSize === 20 ? undefined : String(pageSize) }),
          }}
        />
      )}
    </>
  );
}
