import { Card, Grid, Spin, Steps } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import type { ImportJob } from '../../../shared/api/import';
import { AnalyseProgress, CommitProgress, ImportResult } from './ImportResult';
import { JobPreview } from './JobPreview';
import { useImportJob } from './import.queries';
import { UploadStep } from './UploadStep';

function stepOf(job: ImportJob): number {
  switch (job.status) {
    case 'analysing':
    case 'preview':
      return 1;
    case 'committing':
      return 2;
    case 'failed':
      return job.commit ? 3 : 1;
    case 'done':
      return 3;
  }
}

/** What the job's status shows; the switch is exhaustive, so a new status fails the type check here. */
function JobBody({ job, onRestart }: { job: ImportJob; onRestart: () => void }) {
  switch (job.status) {
    case 'analysing':
      return <AnalyseProgress job={job} onRestart={onRestart} />;
    case 'preview':
      return <JobPreview job={job} onRestart={onRestart} />;
    case 'committing':
      return <CommitProgress job={job} />;
    case 'done':
    case 'failed':
      return <ImportResult job={job} onRestart={onRestart} />;
  }
}

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
  // Every job status has its step: analysing and preview are the preview step, a failure before any
  // commit (a background read that failed) stays on it too.
  const current = !hasJob || !job.data ? (hasJob ? 1 : 0) : stepOf(job.data);

  let body;
  if (!hasJob) body = <UploadStep onJob={(j) => setParams({ job: String(j.id) })} />;
  else if (job.isError) body = <QueryError error={job.error} onRetry={() => void job.refetch()} />;
  else if (!job.data) body = <Spin />;
  else body = <JobBody job={job.data} onRestart={restart} />;

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
