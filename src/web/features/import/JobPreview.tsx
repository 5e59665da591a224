import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/api/import';
import { FIELDS_BY_KEY } from '../../../shared/import/columns';
import { useShowError } from '../../api/errors';
import { formatDateTime } from '../../format';
import { labelLang } from '../../i18n';
import { ColumnMapping } from './ColumnMapping';
import { ImportRows } from './ImportRows';
import { useCommitImport } from './import.queries';

/** Step 2: the dry run — counts, column mapping, every row's outcome — then 提交导入. */
export function JobPreview({ job, onRestart }: { job: ImportJob; onRestart: () => void }) {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const showError = useShowError();
  const commit = useCommitImport(job.id);
  const [skipErrors, setSkipErrors] = useState(false);
  const lang = labelLang(i18n.language);
  const c = job.counts;
  const toWrite = c.create + c.update;
  const missing = job.missingRequired.map((k) => {
    const f = FIELDS_BY_KEY.get(k);
    return f ? (lang === 'zh' ? f.zh : f.en) : k;
  });
  const blocked = missing.length > 0 || toWrite === 0 || (c.error > 0 && !skipErrors);

  const confirm = () =>
    modal.confirm({
      title: t('importer.confirmTitle'),
      content: t('importer.confirmBody', { create: c.create, update: c.update, skipped: skipErrors ? c.error : 0 }),
      okText: t('importer.commit'),
      onOk: () => commit.mutateAsync(skipErrors).catch((error: unknown) => showError(error)),
    });

  const stats: { key: keyof typeof c; color?: string }[] = [
    { key: 'rows' },
    { key: 'create', color: '#389e0d' },
    { key: 'update', color: '#1f5fa8' },
    { key: 'unchanged', color: '#8c8c8c' },
    { key: 'error', color: c.error > 0 ? '#cf1322' : '#8c8c8c' },
    { key: 'skipped', color: '#8c8c8c' },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {t('importer.fileLine', { file: job.filename, sheet: job.sheet ?? '—', row: job.headerRow ?? '—', by: job.createdBy.displayName, time: formatDateTime(job.createdAt) })}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        {stats.map((s) => (
          <Col key={s.key} xs={8} md={4}>
            <Card size="small">
              <Statistic title={t(`importer.counts.${s.key}`)} value={c[s.key]} styles={{ content: { color: s.color, fontSize: 22 } }} />
            </Card>
          </Col>
        ))}
      </Row>
      {missing.length > 0 && <Alert type="error" showIcon title={t('importer.missingRequired', { fields: missing.join('、') })} description={t('importer.missingHint')} />}
      <Card size="small" title={t('importer.mappingTitle')}>
        <ColumnMapping job={job} disabled={commit.isPending} />
      </Card>
      <Card size="small" title={t('importer.rowsTitle')}>
        <ImportRows job={job} />
      </Card>
      <Card size="small">
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {c.error > 0 && (
            <Checkbox checked={skipErrors} onChange={(e) => setSkipErrors(e.target.checked)}>
              {t('importer.skipErrors', { count: c.error })}
            </Checkbox>
          )}
          <Typography.Text type="secondary">{t('importer.commitHint')}</Typography.Text>
          <Space wrap>
            <Button type="primary" disabled={blocked} loading={commit.isPending} onClick={confirm}>
              {t('importer.commitCount', { count: toWrite })}
            </Button>
            <Button onClick={onRestart}>{t('importer.restart')}</Button>
            {toWrite === 0 && c.error === 0 && <Typography.Text type="secondary">{t('importer.nothingToDo')}</Typography.Text>}
          </Space>
        </Space>
      </Card>
    </Space>
  );
}
