import { App, Button, Empty, Pagination, Space, Spin, Tag, Timeline, Tooltip, Typography } from 'antd';
import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FollowUp } from '../../../shared/api/followups';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { hasPermission, useCurrentUser } from '../auth/session';
import { colon, paren, useLedgerLabels } from './labels';
import { FOLLOW_UP_PAGE_SIZE, useDeleteFollowUp, useFollowUps } from './project-detail.queries';

function FollowUpItem({ f, onEdit, onFiles }: { f: FollowUp; onEdit: (f: FollowUp) => void; onFiles: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const labels = useLedgerLabels();
  const remove = useDeleteFollowUp(f.projectId);
  const confirmDelete = () =>
    modal.confirm({
      title: t('projectDetail.deleteFollowUpTitle'),
      content: t('projectDetail.deleteFollowUpHint'),
      okText: t('projectDetail.delete'),
      okButtonProps: { danger: true },
      onOk: () =>
        remove
          .mutateAsync(f.id)
          .then(() => void message.success(t('projectDetail.deleted')))
          .catch((error: Error) => void modal.error({ title: t('common.failed'), content: error.message })),
    });
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      <Space size={8} wrap>
        <Typography.Text strong>{f.date}</Typography.Text>
        <Tag className="zs-tag-small">{labels.followUpKind(f.kind)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('projectDetail.writtenBy', { name: f.createdBy.displayName, time: formatDateTime(f.createdAt) })}
        </Typography.Text>
      </Space>
      {f.participants && (
        <Typography.Text type="secondary">
          {t('projectDetail.participants')}{colon()}{f.participants}
        </Typography.Text>
      )}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{f.content}</Typography.Paragraph>
      {f.nextStep && (
        <Typography.Text>
          <Typography.Text type="secondary">{t('projectDetail.nextStep')}{colon()}</Typography.Text>
          {f.nextStep}
          {f.nextStepDue && <Typography.Text type="secondary">{paren(t('projectDetail.dueOn', { date: f.nextStepDue }))}</Typography.Text>}
        </Typography.Text>
      )}
      <Space size={12} wrap>
        {f.fileCount > 0 && (
          <Typography.Link onClick={onFiles}>
            <PaperClipOutlined /> {t('projectDetail.fileCount', { count: f.fileCount })}
          </Typography.Link>
        )}
        {f.canEdit && (
          <Tooltip title={t('projectDetail.editableUntil', { time: formatDateTime(f.editableUntil) })}>
            <Space size={12}>
              <Typography.Link onClick={() => onEdit(f)}>{t('common.edit')}</Typography.Link>
              <Typography.Link type="danger" onClick={confirmDelete}>
                {t('projectDetail.delete')}
              </Typography.Link>
            </Space>
          </Tooltip>
        )}
      </Space>
    </Space>
  );
}

/** 跟踪记录: newest first, paged by the server; add, and edit or delete one's own for 7 days. */
export function FollowUpsTab({
  projectId,
  page,
  onPage,
  onAdd,
  onEdit,
  onFiles,
}: {
  projectId: number;
  page: number;
  onPage: (page: number) => void;
  onAdd: () => void;
  onEdit: (f: FollowUp) => void;
  onFiles: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const followUps = useFollowUps(projectId, page, true);
  const canWrite = hasPermission(me, 'followups.write');

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">{t('projectDetail.followUpsHint')}</Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onAdd}>
            {t('projectDetail.addFollowUp')}
          </Button>
        )}
      </div>
      {followUps.isError ? (
        <QueryError error={followUps.error} onRetry={() => void followUps.refetch()} />
      ) : !followUps.data ? (
        <Spin />
      ) : followUps.data.total === 0 ? (
        <Empty description={t('projectDetail.noFollowUps')} />
      ) : (
        <>
          <Timeline
            items={followUps.data.items.map((f) => ({ key: f.id, content: <FollowUpItem f={f} onEdit={onEdit} onFiles={onFiles} /> }))}
          />
          <Pagination
            size="small"
            current={page}
            pageSize={FOLLOW_UP_PAGE_SIZE}
            total={followUps.data.total}
            onChange={onPage}
            showTotal={(total) => t('common.total', { total })}
            hideOnSinglePage
          />
        </>
      )}
    </>
  );
}
