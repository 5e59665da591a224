import { useState } from 'react';
import { App, Button, Grid, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UPLOAD_ACCEPT, type FileMeta } from '../../../shared/api/files';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { hasPermission, useCurrentUser } from '../auth/session';
import { UploadRules } from './FileUploadField';
import { FILE_PAGE_SIZE, useProjectFiles } from './project-detail.queries';
import { downloadUrl, formatBytes, isPreviewable, uploadFile } from './upload';
import { colon } from './labels';

const ENTITY_KEYS = ['project', 'transition', 'follow_up', 'issue', 'referral', 'fund_tranche'] as const;
type EntityKey = (typeof ENTITY_KEYS)[number];
const isEntityKey = (v: string | null): v is EntityKey => (ENTITY_KEYS as readonly (string | null)[]).includes(v);

/** 附件: every file of the project and of its stage changes, follow-ups and issues; upload to the project. */
export function FilesTab({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const isPhone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const [uploading, setUploading] = useState(0);
  const files = useProjectFiles(projectId, page, true);
  const canUpload = hasPermission(me, 'files.write');

  const columns: TableColumnsType<FileMeta> = [
    {
      title: t('projectDetail.fileName'),
      dataIndex: 'filename',
      render: (_, f) => (
        <Space size={8} wrap>
          <a href={downloadUrl(f.id)} download={f.filename}>
            {f.filename}
          </a>
          {isPreviewable(f.mimeType) && (
            <a href={downloadUrl(f.id, true)} target="_blank" rel="noopener noreferrer">
              <EyeOutlined /> {t('attachments.preview')}
            </a>
          )}
        </Space>
      ),
    },
    {
      title: t('projectDetail.attachedTo'),
      key: 'entity',
      width: 120,
      render: (_, f) => <Tag className="zs-tag-small">{isEntityKey(f.entity) ? t(`projectDetail.entity.${f.entity}`) : (f.entity ?? '—')}</Tag>,
    },
    { title: t('projectDetail.fileSize'), dataIndex: 'size', width: 100, render: (v: number) => formatBytes(v), responsive: ['md'] },
    { title: t('projectDetail.uploadedBy'), key: 'by', width: 160, render: (_, f) => f.uploadedBy.displayName, responsive: ['md'] },
    { title: t('projectDetail.uploadedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v), responsive: ['md'] },
  ];

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">{t('projectDetail.filesHint')}</Typography.Text>
        {canUpload && (
          <Space orientation="vertical" size={0} style={{ alignItems: isPhone ? 'flex-start' : 'flex-end' }}>
            <Upload
              multiple
              accept={UPLOAD_ACCEPT}
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                setUploading((n) => n + 1);
                uploadFile(file as File, { entity: 'project', entityId: projectId })
                  .then((meta) => {
                    onSuccess?.(meta);
                    void message.success(t('projectDetail.uploaded', { name: meta.filename }));
                    void queryClient.invalidateQueries({ queryKey: ['projects', 'detail', projectId, 'files'] });
                  })
                  .catch((error: Error) => {
                    onError?.(error);
                    void message.error(`${(file as File).name}${colon()}${error.message}`);
                  })
                  .finally(() => setUploading((n) => n - 1));
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading > 0}>
                {t('projectDetail.uploadFile')}
              </Button>
            </Upload>
            <UploadRules />
          </Space>
        )}
      </div>
      {files.isError ? (
        <QueryError error={files.error} onRetry={() => void files.refetch()} />
      ) : (
        <Table<FileMeta>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={files.data?.items ?? []}
          loading={files.isFetching}
          locale={{ emptyText: t('projectDetail.noFiles') }}
          pagination={{ current: page, pageSize: FILE_PAGE_SIZE, total: files.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, size: 'small' }}
        />
      )}
    </>
  );
}

