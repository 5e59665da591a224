import { Button, Typography, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FileMeta } from '../../../shared/api/files';
import { UPLOAD_ACCEPT } from '../../../shared/api/files';
import { useCurrentUser } from '../auth/session';
import { uploadFile, useUploadLimit } from './upload';

/** What a form holds while files go up: antd's list, each done item carrying the server's FileMeta. */
export type UploadList = UploadFile<FileMeta>[];

/** The ids of the files that finished uploading (send these as evidenceFileIds / fileIds). */
export function uploadedIds(list: UploadList | undefined): number[] {
  return (list ?? []).flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
}

export function isUploading(list: UploadList | undefined): boolean {
  return (list ?? []).some((f) => f.status === 'uploading');
}

/** Allowed types and the size limit, in words, for under an upload button. */
export function UploadRules() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const limit = useUploadLimit(user.permissions.includes('settings.read'));
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('attachments.allowed')}
      {limit.data ? ` ${t('attachments.maxSize', { mib: limit.data })}` : ''}
    </Typography.Text>
  );
}

/**
 * Evidence files for a form (Form.Item valuePropName="fileList"): each file uploads at once,
 * unattached; the form sends the ids and the server attaches them to the new record.
 */
export function FileUploadField({
  id,
  fileList,
  onChange,
  max = 20,
}: {
  id?: string;
  fileList?: UploadList;
  onChange?: (list: UploadList) => void;
  max?: number;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Upload<FileMeta>
        id={id}
        multiple
        accept={UPLOAD_ACCEPT}
        maxCount={max}
        fileList={fileList ?? []}
        onChange={({ fileList: next }) => onChange?.(next)}
        customRequest={({ file, onSuccess, onError, onProgress }) => {
          onProgress?.({ percent: 30 });
          uploadFile(file as File)
            .then((meta) => onSuccess?.(meta))
            .catch((error: Error) => onError?.(error));
        }}
        showUploadList={{ showRemoveIcon: true, showDownloadIcon: false }}
        itemRender={(node, file) => (
          <div title={file.status === 'error' ? (file.error as Error | undefined)?.message : undefined}>
            {node}
            {file.status === 'error' && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {(file.error as Error | undefined)?.message ?? t('attachments.failed')}
              </Typography.Text>
            )}
          </div>
        )}
      >
        <Button icon={<PaperClipOutlined />}>{t('attachments.choose')}</Button>
      </Upload>
      <UploadRules />
    </div>
  );
}
