import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, InputNumber, Select, Skeleton, Space, Typography } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { localToday } from '../dashboard/period';
import { usePeriodText } from '../leaderboard/RunPicker';
import { downloadFile } from '../projects/download';
import { useSettings } from '../projects/projects.queries';
import { BulletinDocument } from './BulletinDocument';
import { bulletinFilePath, useBulletinPreview, usePublishedRuns, type BulletinRequest } from './bulletins.queries';
import { defaultBulletinPeriod } from './period';
import './bulletins.css';

/**
 * 工作通报: choose the period, the unit and the published assessment run, read the bulletin as it
 * will print, then download it as Word (to sign and send) or Excel (its tables). The numbers come
 * from the same engines as the dashboard, the targets page and the leaderboard.
 */
export function BulletinsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useSettings();
  const runs = usePublishedRuns();
  const periodText = usePeriodText();
  const fallback = useMemo(() => defaultBulletinPeriod(localToday(), settings.data?.fiscalYearStartMonth ?? 1), [settings.data?.fiscalYearStartMonth]);
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const [unit, setUnit] = useState<number | undefined>();
  const [run, setRun] = useState<number | undefined>();
  const [issueNo, setIssueNo] = useState<number | undefined>();
  const [commend, setCommend] = useState(3);
  const [downloading, setDownloading] = useState<'docx' | 'xlsx' | null>(null);

  const range = period ?? fallback;
  const request: BulletinRequest = { ...range, unit, run, issueNo, commend };
  const preview = useBulletinPreview(request, settings.isSuccess);

  const download = async (kind: 'docx' | 'xlsx') => {
    setDownloading(kind);
    try {
      await downloadFile(bulletinFilePath(kind, request), `招商引资工作通报.${kind}`);
      message.success(t('bulletins.downloaded'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setDownloading(null);
    }
  };

  const b = preview.data;
  return (
    <div className="zs-page">
      <PageHeader
        title={t('nav.bulletins')}
        description={t('bulletins.description')}
        extra={
          <Space wrap>
            <Button type="primary" icon={<FileWordOutlined />} loading={downloading === 'docx'} disabled={!b} onClick={() => void download('docx')}>
              {t('bulletins.downloadWord')}
            </Button>
            <Button icon={<FileExcelOutlined />} loading={downloading === 'xlsx'} disabled={!b} onClick={() => void download('xlsx')}>
              {t('bulletins.downloadExcel')}
            </Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('bulletins.period')}>
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(range.from), dayjs(range.to)]}
              onChange={(v) => v?.[0] && v[1] && setPeriod({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
              aria-label={t('bulletins.period')}
            />
          </Form.Item>
          <Form.Item label={t('bulletins.unit')}>
            <UnitTreeSelect value={unit} onChange={setUnit} allowClear placeholder={t('bulletins.unitPlaceholder')} style={{ width: 220 }} aria-label={t('bulletins.unit')} />
          </Form.Item>
          <Form.Item label={t('bulletins.run')}>
            <Select
              style={{ width: 320, maxWidth: 'calc(100vw - 140px)' }}
              allowClear
              placeholder={t('bulletins.runLatest')}
              loading={runs.isLoading}
              value={run}
              onChange={setRun}
              aria-label={t('bulletins.run')}
              options={(runs.data?.items ?? []).map((r) => ({
                value: r.id,
                label: t('leaderboard.runOption', { scheme: r.schemeName, version: r.schemeVersion, period: periodText(r.periodFrom, r.periodTo) }),
              }))}
              notFoundContent={t('bulletins.noRuns')}
            />
          </Form.Item>
          <Form.Item label={t('bulletins.issueNo')}>
            <InputNumber min={1} max={999} value={issueNo} onChange={(v) => setIssueNo(v ?? undefined)} placeholder={t('bulletins.issueNoPlaceholder')} aria-label={t('bulletins.issueNo')} />
          </Form.Item>
          <Form.Item label={t('bulletins.commend')} tooltip={t('bulletins.commendHint')}>
            <InputNumber min={0} max={20} value={commend} onChange={(v) => setCommend(v ?? 0)} aria-label={t('bulletins.commend')} />
          </Form.Item>
        </Form>
      </Card>
      {preview.isError ? (
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : !b ? (
        <Card>
          <Skeleton active paragraph={{ rows: 12 }} />
        </Card>
      ) : (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('bulletins.previewHint')} />
          <div style={{ opacity: preview.isFetching ? 0.6 : 1, transition: 'opacity .2s' }}>
            <BulletinDocument bulletin={b} />
          </div>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 12 }}>
            {t('bulletins.generatedAt', { at: dayjs(b.generatedAt).format('YYYY-MM-DD HH:mm') })}
          </Typography.Paragraph>
        </>
      )}
    </div>
  );
}
