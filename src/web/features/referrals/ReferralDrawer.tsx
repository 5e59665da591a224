import { Alert, Descriptions, Drawer, Grid, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DemoTag } from '../../components/DemoTag';
import { Money } from '../../components/Money';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { hasPermission, useCurrentUser } from '../auth/session';
import { FileLinks } from '../project-detail/FileLink';
import { useLedgerLabels } from '../project-detail/labels';
import { ConflictCard } from './ConflictCard';
import { ReferralActions } from './ReferralActions';
import { ReferralStatusTag } from './ReferralStatusTag';
import { useReferral } from './referrals.queries';

const EVENT_KEYS = { create: 1, note: 1, withdraw: 1, link_project: 1, status: 1 } as const;
type EventKey = keyof typeof EVENT_KEYS;

/** 报备详情: the registration as filed (never edited), its protection, conflicts and audited events. */
export function ReferralDrawer({ id, onClose, onOpen }: { id: number; onClose: () => void; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  const me = useCurrentUser();
  const isPhone = Grid.useBreakpoint().md === false;
  const referral = useReferral(id);
  const r = referral.data;

  return (
    <Drawer open onClose={onClose} size={isPhone ? '100%' : 760} title={r ? r.investorName : t('referrals.detail')} extra={r && <ReferralActions referral={r} />}>
      {referral.isError ? (
        <QueryError error={referral.error} onRetry={() => void referral.refetch()} />
      ) : !r ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {r.status === 'conflict' && <Alert type="error" showIcon title={t('referrals.conflictAlert')} description={t('referrals.conflictAlertHint')} />}
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('common.status')}>
              <Space size={4} wrap>
                <ReferralStatusTag status={r.status} />
                {r.isDemo && <DemoTag small />}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.protectedUntil')}>
              <Space size={4}>
                <span>{formatDateTime(r.protectedUntil).slice(0, 10)}</span>
                {r.isProtected ? <Tag color="blue">{t('referrals.protected')}</Tag> : <Tag>{t('referrals.notProtected')}</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.investorName')}>{r.investorName}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.uscc')}>{r.uscc ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.projectIntent')} span="filled">
              {r.projectIntent}
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.intendedAmount')}>
              <Money value={r.intendedAmount} />
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.industry')}>{r.industryCode ? `${r.industryCode} ${r.industryName ?? ''}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.referrerName')}>{r.referrerName}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.referrerKind')}>{labels.referrerKind(r.referrerKind)}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.referrerPhone')}>{r.referrerPhone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.unit')}>{r.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.registeredBy')}>{r.registeredBy.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.registeredAt')}>{formatDateTime(r.registeredAt, true)}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.project')}>
              {r.projectId === null ? (
                <Typography.Text type="secondary">{t('referrals.noProject')}</Typography.Text>
              ) : hasPermission(me, 'projects.read') ? (
                <Link to={`/projects/${r.projectId}`}>{t('referrals.viewProject')}</Link>
              ) : (
                t('referrals.linkedShort')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.evidence')} span="filled">
              {r.evidenceFileIds.length ? <FileLinks ids={r.evidenceFileIds} /> : <Typography.Text type="secondary">{t('referrals.noEvidence')}</Typography.Text>}
            </Descriptions.Item>
            {r.note && (
              <Descriptions.Item label={t('referrals.note')} span="filled">
                <span style={{ whiteSpace: 'pre-wrap' }}>{r.note}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('referrals.immutableHint')}
          </Typography.Text>

          {r.conflicts.length > 0 && (
            <div>
              <Typography.Title level={5}>{t('referrals.conflicts', { count: r.conflicts.length })}</Typography.Title>
              {r.conflicts.map((c) => (
                <ConflictCard key={c.id} conflict={c} currentId={r.id} onOpen={onOpen} />
              ))}
            </div>
          )}

          <div>
            <Typography.Title level={5}>{t('referrals.events')}</Typography.Title>
            {r.events.length === 0 ? (
              <Typography.Text type="secondary">{t('referrals.noEvents')}</Typography.Text>
            ) : (
              <Timeline
                items={r.events.map((e, i) => ({
                  key: i,
                  content: (
                    <Space orientation="vertical" size={0}>
                      <Space size={6} wrap>
                        <Typography.Text strong>{formatDateTime(e.at)}</Typography.Text>
                        <Tag className="zs-tag-small">{e.action in EVENT_KEYS ? t(`referrals.eventActions.${e.action as EventKey}`) : e.action}</Tag>
                        {e.status && <ReferralStatusTag status={e.status} small />}
                        <Typography.Text type="secondary">{e.actorName ?? t('audit.system')}</Typography.Text>
                      </Space>
                      {e.text && <span style={{ whiteSpace: 'pre-wrap' }}>{e.text}</span>}
                    </Space>
                  ),
                }))}
              />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
