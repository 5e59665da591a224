import { Button, Descriptions, Progress, Result, Space, Spin } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/api/import';
import { ERROR_MESSAGES, type ErrorCode } from '../../../shared/errors';
import { labelLang } from '../../i18n';
import { hasPermission, useCurrentUser } from '../auth/session';

/** A large file being read and planned in the background: rows read so far (the total is not known yet). */
export function AnalyseProgress({ job, onRestart }: { job: ImportJob; onRestart: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      icon={<Spin size="large" />}
      title={t('importer.analysing')}
      subTitle={t('importer.analysingHint', { done: job.progress.toLocaleString() })}
      extra={<Button onClick={onRestart}>{t('importer.another')}</Button>}
    />
  );
}

/** A background commit under way: how many rows have been written. */
export function CommitProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const percent = job.total > 0 ? Math.floor((job.progress / job.total) * 100) : 0;
  return (
    <Result
      icon={<Progress type="circle" percent={percent} />}
      title={t('importer.committing')}
      subTitle={t('importer.committingHint', { done: job.progress.toLocaleString(), total: job.total.toLocaleString() })}
    />
  );
}

/** 导入完成 / 导入失败, with what landed and where to go next. */
export function ImportResult({ job, onRestart }: { job: ImportJob; onRestart: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const canReview = hasPermission(me, 'transitions.review');
  const c = job.commit;
  const known = job.error ? (ERROR_MESSAGES[job.error as ErrorCode] as { zh: string; en: string } | undefined) : undefined;
  const errorText = known ? known[labelLang(i18n.language)] : job.error;
  const facts = c && (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} style={{ maxWidth: 640, margin: '0 auto', textAlign: 'left' }}>
      <Descriptions.Item label={t('importer.created')}>{c.created}</Descriptions.Item>
      <Descriptions.Item label={t('importer.updated')}>{c.updated}</Descriptions.Item>
      <Descriptions.Item label={t('importer.investorsCreated')}>{c.investorsCreated}</Descriptions.Item>
      <Descriptions.Item label={t('importer.transitions')}>{c.transitions}</Descriptions.Item>
      <Descriptions.Item label={t('importer.mode')}>{t(`importer.modes.${c.mode}`)}</Descriptions.Item>
      {c.failedAtRow !== null && <Descriptions.Item label={t('importer.failedAtRow')}>{c.failedAtRow}</Descriptions.Item>}
      {job.status === 'failed' && c.landedRows > 0 && (
        <Descriptions.Item label={t('importer.landed')} span="filled">
          {t('importer.landedRows', { count: c.landedRows, row: c.landedThroughRow ?? '—' })}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
  const actions = (
    <Space wrap style={{ justifyContent: 'center' }}>
      <Link to="/projects">
        <Button type="primary">{t('importer.toLedger')}</Button>
      </Link>
      {c && c.transitions > 0 && canReview && (
        <Link to="/review">
          <Button>{t('importer.toReview')}</Button>
        </Link>
      )}
      <Button onClick={onRestart}>{t('importer.another')}</Button>
    </Space>
  );
  if (job.status === 'failed') {
    // A job that failed before its preview (a background read) has nothing committed: say so.
    return <Result status="error" title={t(c ? 'importer.failed' : 'importer.failedAnalysing')} subTitle={errorText ?? undefined} extra={[<div key="f">{facts}</div>, <div key="a" style={{ marginTop: 16 }}>{actions}</div>]} />;
  }
  return (
    <Result
      status="success"
      title={t('importer.done')}
      subTitle={c && c.transitions > 0 ? t('importer.doneReviewHint', { count: c.transitions }) : undefined}
      extra={[<div key="f">{facts}</div>, <div key="a" style={{ marginTop: 16 }}>{actions}</div>]}
    />
  );
}
