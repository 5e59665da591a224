import { Space, Typography } from 'antd';
import { EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FileMeta } from '../../../shared/api/files';
import { api, pathOf } from '../../api/client';
import { downloadUrl, isPreviewable } from './upload';

export function useFileMeta(id: number) {
  return useQuery({
    queryKey: ['files', id],
    queryFn: ({ signal }) => api.get<FileMeta>(pathOf('/api/files', id), undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** A download link for a file known by id (evidence lists carry ids only); its name once loaded. */
export function FileLink({ id }: { id: number }) {
  const { t } = useTranslation();
  const meta = useFileMeta(id);
  if (meta.isError) {
    return (
      <Typography.Text type="secondary">
        <PaperClipOutlined /> {t('attachments.unavailable', { id })}
      </Typography.Text>
    );
  }
  const name = meta.data?.filename ?? t('attachments.fileNo', { id });
  return (
    <Space size={6}>
      <a href={downloadUrl(id)} download={meta.data?.filename}>
        <PaperClipOutlined /> {name}
      </a>
      {meta.data && isPreviewable(meta.data.mimeType) && (
        <a href={downloadUrl(id, true)} target="_blank" rel="noopener noreferrer" aria-label={t('attachments.preview')}>
          <EyeOutlined />
        </a>
      )}
    </Space>
  );
}

/** Evidence file links, one per line; nothing when there are none. */
export function FileLinks({ ids }: { ids: readonly number[] }) {
  if (ids.length === 0) return null;
  return (
    <Space orientation="vertical" size={0}>
      {ids.map((id) => (
        <FileLink key={id} id={id} />
      ))}
    </Space>
  );
}
