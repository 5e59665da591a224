import { useState } from 'react';
import { Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReferralConflict } from '../../../shared/api/referrals';
import { Money } from '../../components/Money';
import { formatDateTime } from '../../format';
import { hasPermission, useCurrentUser } from '../auth/session';
import { FileLinks } from '../project-detail/FileLink';
import { colon, useLedgerLabels } from '../project-detail/labels';
import { ConflictStatusTag, ReferralStatusTag } from './ReferralStatusTag';
import { ResolveConflictModal } from './ResolveConflictModal';

type Side = ReferralConflict['earlier'];

/** One party: always its unit, time and kind; the full registration only when it is in the viewer's scope. */
function SideCard({ side, title, isWinner, onOpen }: { side: Side; title: string; isWinner: boolean; onOpen?: (id: number) => void }) {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  const d = side.detail;
  return (
    <Card
      size="small"
      title={
        <Space size={6} wrap>
          <span>{title}</span>
          <ReferralStatusTag status={side.status} small />
          {isWinner && (
            <Tag color="success" className="zs-tag-small">
              {t('referrals.winnerTag')}
            </Tag>
          )}
        </Space>
      }
      extra={side.isVisible && onOpen ? <Typography.Link onClick={() => onOpen(side.id)}>{t('referrals.open')}</Typography.Link> : null}
      style={{ height: '100%' }}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('referrals.unit')}>{side.unitName}</Descriptions.Item>
        <Descriptions.Item label={t('referrals.registeredAt')}>{formatDateTime(side.registeredAt, true)}</Descriptions.Item>
        <Descriptions.Item label={t('referrals.referrerKind')}>{labels.referrerKind(side.referrerKind)}</Descriptions.Item>
        {d && (
          <>
            <Descriptions.Item label={t('referrals.referrerName')}>
              {d.referrerName}
              {d.referrerPhone ? ` · ${d.referrerPhone}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.investorName')}>{d.investorName}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.projectIntent')}>{d.projectIntent}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.intendedAmount')}>
              <Money value={d.intendedAmount} />
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.evidence')}>
              {d.evidenceFileIds.length ? <FileLinks ids={d.evidenceFileIds} /> : <Typography.Text type="secondary">{t('referrals.noEvidence')}</Typography.Text>}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      {!side.isVisible && <Typography.Text type="secondary">{t('referrals.otherScope')}</Typography.Text>}
    </Card>
  );
}

/** A conflict between two registrations of the same investor: both sides, the outcome, and 裁定 for the bureau. */
export function ConflictCard({ conflict, currentId, onOpen }: { conflict: ReferralConflict; currentId?: number; onOpen?: (id: number) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [isResolving, setResolving] = useState(false);
  const canArbitrate = hasPermission(me, 'referrals.arbitrate') && conflict.status === 'open';
  const investorName = conflict.earlier.detail?.investorName ?? conflict.later.detail?.investorName;
  return (
    <Card
      size="small"
      type="inner"
      title={
        <Space size={6} wrap>
          <ConflictStatusTag status={conflict.status} small />
          {investorName && <Typography.Text strong>{investorName}</Typography.Text>}
          <Typography.Text type="secondary">{t(conflict.matchedBy === 'uscc' ? 'referrals.matchedByUscc' : 'referrals.matchedByName')}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('referrals.detectedAt', { time: formatDateTime(conflict.detectedAt) })}
          </Typography.Text>
        </Space>
      }
      extra={
        canArbitrate && (
          <Button type="primary" size="small" onClick={() => setResolving(true)}>
            {t('referrals.resolve')}
          </Button>
        )
      }
      style={{ marginBottom: 12 }}
    >
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <SideCard side={conflict.earlier} title={t('referrals.earlier')} isWinner={conflict.winnerId === conflict.earlier.id} onOpen={conflict.earlier.id === currentId ? undefined : onOpen} />
        </Col>
        <Col xs={24} md={12}>
          <SideCard side={conflict.later} title={t('referrals.later')} isWinner={conflict.winnerId === conflict.later.id} onOpen={conflict.later.id === currentId ? undefined : onOpen} />
        </Col>
      </Row>
      {conflict.status === 'resolved' && (
        <div style={{ marginTop: 12, background: '#f6ffed', padding: '8px 12px', borderRadius: 4 }}>
          <Typography.Text strong>{t('referrals.resolution')}{colon()}</Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap' }}>{conflict.resolution}</span>
          <div>
            <Typography.Text type="secondary">
              {t('referrals.resolvedBy', { name: conflict.resolvedBy?.displayName ?? '—', time: formatDateTime(conflict.resolvedAt) })}
            </Typography.Text>
          </div>
          {conflict.creditSplit && (
            <div>
              <Typography.Text type="secondary">{t('referrals.creditSplit')}{colon()}</Typography.Text>
              {conflict.creditSplit.map((s) => `${s.unitName} ${s.percent}%`).join(' / ')}
            </div>
          )}
        </div>
      )}
      {isResolving && <ResolveConflictModal conflict={conflict} onClose={() => setResolving(false)} />}
    </Card>
  );
}
