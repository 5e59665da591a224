import { Card, Grid, Spin, Steps } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { CommitProgress, ImportResult } from './ImportResult';
import { JobPreview } from './JobPreview';
import { useImportJob } from './import.queries';
import { UploadStep } from './UploadStep';

/** 导入台账: upload → dry-run preview and column mapping → commit (with progress) → result. ?job= keeps the place. */
export function ImportPage() {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const jobId = Number(params.get('job'));
  const hasJob = Number.isInteger(jobId) && jobId > 0;
  const job = useImportJob(hasJob ? jobId : 0);
  const restart = () => setParams({});

  const status = hasJob ? job.data?.status : undefined;
  const current = !hasJob ? 0 : status === 'preview' ? 1 : status === 'committing' ? 2 : status ? 3 : 1;

  let body;
  if (!hasJob) body = <UploadStep onJob={(j) => setParams({ job: String(j.id) })} />;
  else if (job.isError) body = <QueryError error={job.error} onRetry={() => void job.refetch()} />;
  else if (!job.data) body = <Spin />;
  else if (job.data.status === 'preview') body = <JobPreview job={job.data} onRestart={restart} />;
  else if (job.data.status === 'committing') body = <CommitProgress job={job.data} />;
  else body = <ImportResult job={job.data} onRestart={restart} />;

  return (
    <>
      <PageHeader title={t('nav.import')} description={t('importer.description')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          responsive={false}
          titlePlacement={isPhone ? 'vertical' : 'horizontal'}
          size="small"
          current={current}
          status={status === 'failed' ? 'error' : status === 'done' ? 'finish' : undefined}
          items={[{ title: t('importer.stepUpload') }, { title: t('importer.stepPreview') }, { title: t('importer.stepCommit') }, { title: t('importer.stepDone') }]}
        />
      </Card>
      <Card size="small">{body}</Card>
    </>
  );
}
