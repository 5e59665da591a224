import { Empty, Space, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Transition } from '../../../shared/api/projects';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { ReviewActions } from '../review/ReviewActions';
import { TransitionChange, TransitionStatusTag } from '../review/TransitionChange';
import { FileLinks } from './FileLink';
import { useProjectTransitions } from './project-detail.queries';
import { colon } from './labels';

function Line({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <div>
      <Typography.Text type="secondary">{label}{colon()}</Typography.Text>
      <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{text}</Typography.Text>
    </div>
  );
}

function TransitionItem({ tr }: { tr: Transition }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space size={8} wrap>
        <Typography.Text strong>{tr.eventDate}</Typography.Text>
        <TransitionChange t={tr} small />
        <TransitionStatusTag status={tr.status} small />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('projectDetail.requestedBy', { name: tr.requestedBy.displayName, time: formatDateTime(tr.requestedAt) })}
      </Typography.Text>
      <Line label={t('review.reason')} text={tr.reason} />
      <Line label={t('review.lostDestination')} text={tr.lostDestination} />
      <Line label={t('review.note')} text={tr.note} />
      {tr.evidenceFileIds.length > 0 ? (
        <FileLinks ids={tr.evidenceFileIds} />
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('review.noEvidence')}
        </Typography.Text>
      )}
      {tr.reviewedBy && (
        <div style={{ background: tr.status === 'rejected' ? '#fff2f0' : '#f6ffed', padding: '4px 8px', borderRadius: 4 }}>
          <Typography.Text>
            {t(tr.status === 'rejected' ? 'projectDetail.rejectedBy' : 'projectDetail.verifiedBy', {
              name: tr.reviewedBy.displayName,
              time: formatDateTime(tr.reviewedAt),
            })}
          </Typography.Text>
          {tr.reviewNote && <div style={{ whiteSpace: 'pre-wrap' }}>{tr.reviewNote}</div>}
        </div>
      )}
      <ReviewActions tr={tr} />
    </Space>
  );
}

/** 阶段历史: every requested change, newest first, with its review. */
export function TransitionsTab({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const transitions = useProjectTransitions(projectId, true);
  if (transitions.isError) return <QueryError error={transitions.error} onRetry={() => void transitions.refetch()} />;
  if (!transitions.data) return <Spin />;
  if (transitions.data.length === 0) return <Empty description={t('projectDetail.noTransitions')} />;
  const items = [...transitions.data].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('projectDetail.historyHint')}</Typography.Paragraph>
      <Timeline
        items={items.map((tr) => ({
          key: tr.id,
          color: tr.status === 'pending' ? 'orange' : tr.status === 'rejected' ? 'red' : tr.isBackward ? 'red' : 'green',
          content: <TransitionItem tr={tr} />,
        }))}
      />
    </>
  );
}
