import { Alert, Button, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/api/import';
import { MAX_IMPORT_ROWS } from '../../../shared/api/import';
import { useCurrentUser } from '../auth/session';
import { useUploadLimit } from '../project-detail/upload';
import { useUploadWorkbook } from './import.queries';

/** Step 1: the blank template, and dropping a filled-in .xlsx ledger. */
export function UploadStep({ onJob }: { onJob: (job: ImportJob) => void }) {
  const { t } = useTranslation();
  const upload = useUploadWorkbook();
  const me = useCurrentUser();
  const limit = useUploadLimit(me.permissions.includes('settings.read'));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('importer.intro')}</Typography.Paragraph>
      <Space wrap>
        <a href="/api/import/template.xlsx" download>
          <Button icon={<DownloadOutlined />}>{t('importer.template')}</Button>
        </a>
        <Typography.Text type="secondary">{t('importer.templateHint')}</Typography.Text>
      </Space>
      <Upload.Dragger
        accept=".xlsx"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        customRequest={({ file }) => {
          upload.mutate(file as File, { onSuccess: onJob });
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{upload.isPending ? t('importer.parsing') : t('importer.drop')}</p>
        <p className="ant-upload-hint">{t('importer.dropHint', { max: MAX_IMPORT_ROWS.toLocaleString() })}</p>
      </Upload.Dragger>
      {limit.data && <Typography.Text type="secondary">{t('importer.sizeLimit', { mib: limit.data })}</Typography.Text>}
      {upload.isError && <Alert type="error" showIcon title={t('importer.uploadFailed')} description={upload.error.message} />}
      <Alert type="info" showIcon title={t('importer.safeTitle')} description={t('importer.safeHint')} />
    </Space>
  );
}
