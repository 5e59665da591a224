import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Input, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RewardLineRecord, RewardRun } from '../../../shared/api/rewards';
import type { RewardLine } from '../../../shared/rewards/compute';
import { describeRewardLine, formatRewardWan } from '../../../shared/rewards/describe';
import { ApiError } from '../../api/client';
import { DemoTag } from '../../components/DemoTag';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { formatDateTime } from '../../format';
import { labelLang } from '../../i18n';
import { colon } from '../../i18n/punctuation';
import { hasPermission, useCurrentUser } from '../auth/session';
import { downloadFile } from '../projects/download';
import { linesExportPath, useRewardLines, useRewardRun, useRewardRuns, type LineFilters } from './rewards.queries';
import { RuleSetPanel } from './RuleSetPanel';
import { ComputeRunButton, PublishRunButton, RunStatusTag } from './RunActions';

function thisYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}

const PAGE_SIZE = 20;

/** A run's name in the picker: rules, version, period and status. */
function useRunLabel() {
  const { t } = useTranslation();
  return (run: RewardRun) =>
    `${t('rewards.runOption', { rules: run.ruleSetName, version: run.ruleSetVersion, period: t('rewards.periodRange', { from: run.periodFrom, to: run.periodTo }) })} · ${t(run.status === 'published' ? 'rewards.statusPublished' : 'rewards.statusComputed')} · ${t('rewards.runAt', { at: formatDateTime(run.computedAt).slice(5) })}`;
}

/** Totals over the lines the reader may see, who computed or published the run, and the per-unit sums. */
function RunSummary({ run, canWrite }: { run: RewardRun; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const isPublished = run.status === 'published';
  const who = (isPublished ? run.publishedBy : run.computedBy)?.displayName ?? '—';
  const at = formatDateTime(isPublished ? run.publishedAt : run.computedAt);
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space size={[24, 8]} wrap align="baseline" style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space size={[24, 8]} wrap align="baseline">
            <Space size={8} align="baseline">
              <Typography.Text type="secondary">{t('rewards.total')}</Typography.Text>
              <Typography.Text strong style={{ fontSize: 22, color: '#1f4e8c' }} data-testid="rewards-total">
                {formatRewardWan(run.totals.amount, lang)}
              </Typography.Text>
            </Space>
            <Typography.Text type="secondary">{t('rewards.totalRaw', { amount: formatRewardWan(run.totals.raw, lang) })}</Typography.Text>
            <Typography.Text type="secondary">{t('rewards.lineCount', { count: run.totals.lineCount })}</Typography.Text>
            <RunStatusTag run={run} />
            {run.isDemo && <DemoTag />}
          </Space>
          {canWrite && !isPublished && <PublishRunButton run={run} />}
        </Space>
        <Typography.Text type="secondary" data-testid="rewards-run-who">
          {t(isPublished ? 'rewards.publishedBy' : 'rewards.computedBy', { name: who, at })}
          {isPublished && run.computedBy && ` · ${t('rewards.computedBy', { name: run.computedBy.displayName, at: formatDateTime(run.computedAt) })}`}
        </Typography.Text>
        {isPublished ? (
          <Alert type="success" showIcon title={t(canWrite ? 'rewards.frozen' : 'rewards.frozenReader')} />
        ) : (
          <Alert type="warning" showIcon title={t(canWrite ? 'rewards.notPublishedWriter' : 'rewards.notPublished')} />
        )}
        {run.byUnit.length > 0 && (
          <Space size={[6, 6]} wrap>
            <Typography.Text type="secondary">{t('rewards.byUnit')}</Typography.Text>
            {run.byUnit.map((u) => (
              <Tag key={u.unitId}>
                {u.unitName} {formatRewardWan(u.amount, lang)}
              </Tag>
            ))}
          </Space>
        )}
      </Space>
    </Card>
  );
}

function LinesTable({ run, filters }: { run: RewardRun; filters: LineFilters }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const lines = useRewardLines(run.id, filters, page, pageSize);
  if (lines.isError) return <QueryError error={lines.error} onRetry={() => void lines.refetch()} />;
  const columns: ColumnsType<RewardLineRecord> = [
    { title: '#', dataIndex: 'lineNo', width: 56 },
    { title: t('rewards.columns.project'), dataIndex: 'projectName' },
    { title: t('rewards.columns.item'), dataIndex: 'itemLabel', width: 150 },
    { title: t('rewards.columns.unit'), dataIndex: 'unitName', width: 110 },
    {
      title: t('rewards.columns.referrer'),
      dataIndex: 'referrerName',
      width: 120,
      render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('rewards.noReferrer')}</Typography.Text>,
    },
    { title: t('rewards.columns.share'), dataIndex: 'sharePercent', width: 70, align: 'right', render: (p: number) => `${p}%` },
    { title: t('rewards.columns.raw'), dataIndex: 'rawAmount', width: 110, align: 'right', render: (v: string) => <Money value={v} secondary /> },
    {
      title: t('rewards.columns.amount'),
      dataIndex: 'amount',
      width: 130,
      align: 'right',
      render: (v: string, l) => (
        <Space size={4}>
          {l.isCapped && <Tag color="orange">{t('rewards.capped')}</Tag>}
          <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
            {formatRewardWan(v, lang)}
          </Typography.Text>
        </Space>
      ),
    },
  ];
  return (
    <Table<RewardLineRecord>
      size="small"
      rowKey="id"
      loading={lines.isFetching}
      columns={columns}
      dataSource={lines.data?.items ?? []}
      scroll={{ x: 960 }}
      // The calculation in words under every line, full width: the reason the page exists.
      expandable={{
        expandedRowKeys: (lines.data?.items ?? []).map((l) => l.id),
        showExpandColumn: false,
        expandedRowRender: (l) => (
          <Typography.Text style={{ fontSize: 13 }}>
            <Typography.Text type="secondary">{t('rewards.columns.calculation')}
              {colon()}
            </Typography.Text>
            {describeRewardLine(l.detail as unknown as RewardLine, lang)}
          </Typography.Text>
        ),
      }}
      pagination={{
        current: page,
        pageSize,
        total: lines.data?.total ?? 0,
        showSizeChanger: true,
        onChange: (p, s) => {
          setPage(s === pageSize ? p : 1);
          setPageSize(s);
        },
      }}
    />
  );
}

/**
 * 奖励兑现: for a year, a run's lines (project × reward item × credited unit) with each calculation in
 * words, the total and per-unit sums over what the reader may see, and the export. Year, run and
 * filters live in the address bar.
 */
export function RewardsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canWrite = hasPermission(me, 'rewards.write');
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYear();
  const runs = useRewardRuns(year);
  const runId = Number(params.get('run')) || runs.data?.items[0]?.id;
  const run = useRewardRun(runId);
  const runLabel = useRunLabel();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const filters: LineFilters = { unit: Number(params.get('unit')) || undefined, q: params.get('q') ?? undefined, capped: params.get('capped') === 'true' || undefined };
  const [isExporting, setExporting] = useState(false);

  const patch = (changes: Record<string, string | undefined>) =>
    setParams((p) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) p.delete(key);
        else p.set(key, value);
      }
      return p;
    });

  const years = [thisYear() - 1, thisYear(), thisYear() + 1];
  if (!years.includes(year)) years.push(year);

  const exportLines = async () => {
    if (runId === undefined) return;
    setExporting(true);
    try {
      await downloadFile(linesExportPath(runId, filters), 'rewards.xlsx');
      void message.success(t('rewards.exported'));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.rewards')}
        description={t('rewards.description')}
        extra={
          <Space wrap>
            {canWrite && <ComputeRunButton year={year} onComputed={(r) => patch({ year: r.periodFrom.slice(0, 4), run: String(r.id) })} />}
            <Button icon={<DownloadOutlined />} onClick={() => void exportLines()} loading={isExporting} disabled={!run.data}>
              {t('rewards.export')}
            </Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={[16, 8]}>
          <Space size={8}>
            <Typography.Text type="secondary">{t('rewards.year')}</Typography.Text>
            <Select
              value={year}
              style={{ width: 110 }}
              aria-label={t('rewards.year')}
              options={years.sort().map((y) => ({ value: y, label: t('rewards.yearOption', { year: y }) }))}
              onChange={(y) => patch({ year: String(y), run: undefined })}
            />
          </Space>
          <Space size={8}>
            <Typography.Text type="secondary">{t('rewards.run')}</Typography.Text>
            <Select
              value={runId}
              style={{ width: 760, maxWidth: '80vw' }}
              aria-label={t('rewards.run')}
              loading={runs.isPending}
              options={(runs.data?.items ?? []).map((r) => ({ value: r.id, label: runLabel(r) }))}
              onChange={(id) => patch({ run: String(id) })}
            />
          </Space>
          <Space size={8}>
            <Typography.Text type="secondary">{t('rewards.unit')}</Typography.Text>
            <UnitTreeSelect value={filters.unit} onChange={(u) => patch({ unit: u === undefined ? undefined : String(u) })} style={{ width: 200 }} aria-label={t('rewards.unit')} allowClear />
          </Space>
          <Input.Search
            value={search}
            allowClear
            style={{ width: 200 }}
            placeholder={t('rewards.search')}
            aria-label={t('rewards.search')}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => patch({ q: v.trim() || undefined })}
          />
          <Space size={8}>
            <Switch size="small" checked={filters.capped ?? false} onChange={(c) => patch({ capped: c ? 'true' : undefined })} aria-label={t('rewards.onlyCapped')} />
            <Typography.Text type="secondary">{t('rewards.onlyCapped')}</Typography.Text>
          </Space>
        </Space>
      </Card>
      {runs.isError ? (
        <QueryError error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.isPending || (runId !== undefined && run.isPending) ? (
        <Spin />
      ) : runId === undefined ? (
        <Card size="small">
          <Empty description={t('rewards.empty')} />
        </Card>
      ) : run.isError ? (
        <QueryError error={run.error} onRetry={() => void run.refetch()} />
      ) : run.data ? (
        <>
          <RunSummary run={run.data} canWrite={canWrite} />
          <RuleSetPanel run={run.data} canWrite={canWrite} />
          <Card size="small">
            <LinesTable key={`${run.data.id}:${JSON.stringify(filters)}`} run={run.data} filters={filters} />
          </Card>
        </>
      ) : null}
    </>
  );
}
