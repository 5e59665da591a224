import { useState } from 'react';
import { Button, Col, Empty, Grid, Row, Space, Spin, Statistic, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ProjectFunds, Tranche } from '../../../shared/api/funds';
import { FUND_SOURCES } from '../../../shared/funds';
import { formatWan } from '../../../shared/money';
import { Money } from '../../components/Money';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { labelLang } from '../../i18n';
import { hasPermission, useCurrentUser } from '../auth/session';
import { FundsReviewActions } from '../review/FundsReviewActions';
import { TransitionStatusTag } from '../review/TransitionChange';
import { FileLinks } from './FileLink';
import { FundsFormModal } from './FundsFormModal';
import { SourceTag, TrancheAmount, TrancheFlags, useSourceLabel } from './FundsParts';
import { useProjectFunds } from './funds.queries';
import { colon } from './labels';

/** Verified total, the funds rate, per source, and what awaits review. */
function Totals({ funds }: { funds: ProjectFunds }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const sourceLabel = useSourceLabel();
  const { totals } = funds;
  const ratePct = totals.rate === null ? null : (Number(totals.rate) * 100).toFixed(1);
  return (
    <Row gutter={[16, 12]} style={{ marginBottom: 16 }}>
      <Col xs={24} sm={12} md={6}>
        <Tooltip title={t('funds.verifiedHint')}>
          <Statistic title={t('funds.verifiedTotal')} value={formatWan(totals.verified, lang)} styles={{ content: { fontSize: 22, color: '#1f4e8c' } }} />
        </Tooltip>
      </Col>
      <Col xs={12} sm={6} md={4}>
        <Tooltip title={t('funds.rateHintTip')}>
          <Statistic title={t('funds.fundsRate')} value={ratePct === null ? '—' : `${ratePct}%`} styles={{ content: { fontSize: 22 } }} />
        </Tooltip>
      </Col>
      <Col xs={12} sm={6} md={4}>
        <Statistic
          title={t('funds.pendingTotal', { count: totals.pendingCount })}
          value={formatWan(totals.pending, lang)}
          styles={{ content: { fontSize: 18, color: totals.pendingCount ? '#d48806' : undefined } }}
        />
      </Col>
      <Col xs={24} md={10}>
        <Typography.Text type="secondary">{t('funds.bySource')}</Typography.Text>
        <div style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 12, rowGap: 2, marginTop: 4 }}>
          {FUND_SOURCES.map((s) => (
            <div key={s} style={{ display: 'contents' }}>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {sourceLabel(s)}
              </Typography.Text>
              <span>
                <Money value={totals.verifiedBySource[s]} />
                {s === 'foreign' && totals.verifiedUsd !== '0' && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    (<Money value={totals.verifiedUsd} usd secondary />)
                  </Typography.Text>
                )}
              </span>
            </div>
          ))}
        </div>
      </Col>
    </Row>
  );
}

function Review({ f }: { f: Tranche }) {
  return (
    <Space orientation="vertical" size={2}>
      <TransitionStatusTag status={f.status} small />
      {f.reviewedBy && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {f.reviewedBy.displayName} · {formatDateTime(f.reviewedAt)}
        </Typography.Text>
      )}
      {f.reviewNote && (
        <Typography.Text type={f.status === 'rejected' ? 'danger' : undefined} style={{ fontSize: 12 }}>
          {f.reviewNote}
        </Typography.Text>
      )}
      <FundsReviewActions f={f} />
    </Space>
  );
}

/** 到位资金: the project's tranches with their review, the totals that count, and the report form. */
export function FundsTab({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isPhone = Grid.useBreakpoint().md === false;
  const funds = useProjectFunds(projectId);
  const [dialog, setDialog] = useState<{ corrects?: Tranche } | null>(null);
  const canReport = hasPermission(me, 'funds.report');
  if (funds.isError) return <QueryError error={funds.error} onRetry={() => void funds.refetch()} />;
  if (!funds.data) return <Spin />;

  const detail = (f: Tranche) => (
    <Space orientation="vertical" size={0}>
      {f.note && <Typography.Text style={{ fontSize: 13 }}>{f.note}</Typography.Text>}
      {f.preSigningReason && (
        <Typography.Text style={{ fontSize: 12 }}>
          <Typography.Text type="secondary">{t('funds.preSigningReason')}{colon()}</Typography.Text>
          {f.preSigningReason}
        </Typography.Text>
      )}
      <FileLinks ids={f.evidenceFileIds} />
      {f.evidenceFileIds.length === 0 && !f.isDemo && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('review.noEvidence')}
        </Typography.Text>
      )}
    </Space>
  );
  const correct = (f: Tranche) =>
    canReport && f.status === 'verified' ? (
      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setDialog({ corrects: f })} style={{ paddingInline: 0 }}>
        {t('funds.correct')}
      </Button>
    ) : null;

  const columns: TableColumnsType<Tranche> = isPhone
    ? [
        {
          key: 'all',
          render: (_, f) => (
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space size={8} wrap>
                <Typography.Text strong>{f.date}</Typography.Text>
                <TrancheAmount f={f} />
                <SourceTag source={f.source} />
                <TrancheFlags f={f} />
              </Space>
              {detail(f)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.reportedBy.displayName} · {formatDateTime(f.reportedAt)}
              </Typography.Text>
              <Review f={f} />
              {correct(f)}
            </Space>
          ),
        },
      ]
    : [
        { key: 'id', title: '#', dataIndex: 'id', width: 64 },
        { key: 'date', title: t('funds.date'), dataIndex: 'date', width: 110 },
        {
          key: 'amount',
          title: t('funds.amount'),
          width: 200,
          render: (_, f) => (
            <Space orientation="vertical" size={2}>
              <TrancheAmount f={f} />
              <TrancheFlags f={f} />
            </Space>
          ),
        },
        { key: 'source', title: t('funds.source'), width: 150, render: (_, f) => <SourceTag source={f.source} /> },
        { key: 'detail', title: t('funds.evidenceAndNote'), render: (_, f) => detail(f) },
        {
          key: 'reported',
          title: t('funds.reportedBy'),
          width: 150,
          render: (_, f) => (
            <Space orientation="vertical" size={0}>
              <span>{f.reportedBy.displayName}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(f.reportedAt)}
              </Typography.Text>
            </Space>
          ),
        },
        { key: 'review', title: t('review.outcome'), width: 210, render: (_, f) => <Review f={f} /> },
        { key: 'actions', title: '', width: 80, render: (_, f) => correct(f) },
      ];

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 8 }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 720 }}>
          {t('funds.tabHint')}
        </Typography.Paragraph>
        {canReport && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
            {t('funds.report')}
          </Button>
        )}
      </div>
      <Totals funds={funds.data} />
      {funds.data.items.length === 0 ? (
        <Empty description={t('funds.empty')} />
      ) : (
        <Table<Tranche>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={funds.data.items}
          showHeader={!isPhone}
          pagination={funds.data.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={isPhone ? undefined : { x: 1100 }}
        />
      )}
      {dialog && <FundsFormModal projectId={projectId} funds={funds.data} corrects={dialog.corrects} onClose={() => setDialog(null)} />}
    </>
  );
}
