import { useState } from 'react';
import { CalculatorOutlined, SendOutlined, TrophyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Drawer, Empty, Grid, Select, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SchemeRecord } from '../../../shared/api/assessment';
import type { AssessmentScheme } from '../../../shared/assessment/scheme';
import { ApiError } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { labelLang } from '../../i18n';
import { tieBreakText } from '../leaderboard/leaderboard-format';
import { useRun, type Run } from '../leaderboard/leaderboard.queries';
import { RankingTable } from '../leaderboard/RankingTable';
import { RunPicker, RunStatusTag, usePeriodText } from '../leaderboard/RunPicker';
import { UnitBreakdown } from '../leaderboard/UnitBreakdown';
import { ManualScores, manualItemsOf } from './ManualScores';
import { runPeriodChoices, schemeToForm, serverFieldPaths } from './scheme-form';
import { useCreateRun, usePublishRun, useSchemeRuns } from './schemes.queries';
import { usePathText, useServerIssueText } from './scheme-ui';
import '../leaderboard/leaderboard.css';

/** How many units carry each warning, for the line above the table (zeros that are data gaps). */
function warningCounts(run: Run): { noTarget: number; manualMissing: number } {
  const has = (note: string) => run.result.units.filter((u) => u.items.some((i) => i.notes.includes(note as never) || i.parts?.some((p) => p.notes.includes(note as never)))).length;
  return { noTarget: has('no_target'), manualMissing: has('manual_missing') };
}

/** One run of this scheme: who computed or published it, publish, manual scores, ranking and breakdown. */
function RunResult({ run, canWrite }: { run: Run; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const serverText = useServerIssueText();
  const isPhone = Grid.useBreakpoint().md === false;
  const [openUnit, setOpenUnit] = useState<number | undefined>();
  const publish = usePublishRun();
  const isPublished = run.status === 'published';
  const tieBreak = tieBreakText(run.result.tieBreak, labelLang(i18n.language));
  const warnings = warningCounts(run);
  const opened = run.result.units.find((u) => u.unitId === openUnit);
  const hasManual = manualItemsOf(run).length > 0;

  const onPublish = () => {
    modal.confirm({
      title: t('schemes.publish.title'),
      width: 520,
      content: (
        <Space orientation="vertical" size={6}>
          <Typography.Text>{t('schemes.publish.freezes', { version: run.schemeVersion })}</Typography.Text>
          {warnings.manualMissing > 0 && <Typography.Text type="warning">{t('schemes.publish.manualMissing', { count: warnings.manualMissing })}</Typography.Text>}
          {warnings.noTarget > 0 && <Typography.Text type="warning">{t('schemes.publish.noTarget', { count: warnings.noTarget })}</Typography.Text>}
        </Space>
      ),
      okText: t('schemes.publish.ok'),
      cancelText: t('schemes.cancel'),
      onOk: async () => {
        try {
          await publish.mutateAsync(run.id);
          void message.success(t('schemes.publish.done'));
        } catch (e) {
          void message.error(e instanceof Error ? serverText(e.message, t('common.failed')) : String(e));
        }
      },
    });
  };

  const who = (isPublished ? run.publishedBy : run.computedBy)?.displayName ?? '—';
  const at = formatDateTime(isPublished ? run.publishedAt : run.computedAt);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap size={[12, 8]} style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap size={6}>
            <RunStatusTag status={run.status} />
            <Typography.Text type="secondary">{t(isPublished ? 'leaderboard.publishedLine' : 'leaderboard.computedLine', { name: who, at })}</Typography.Text>
          </Space>
          <Space wrap>
            <Link to={`/leaderboard?run=${run.id}`}>
              <Button icon={<TrophyOutlined />}>{t('schemes.openInLeaderboard')}</Button>
            </Link>
            {canWrite && !isPublished && (
              <Button type="primary" icon={<SendOutlined />} onClick={onPublish} loading={publish.isPending}>
                {t('schemes.publish.button')}
              </Button>
            )}
          </Space>
        </Space>
        {isPublished ? (
          <Alert style={{ marginTop: 8 }} type="success" showIcon title={t('schemes.publish.frozen')} />
        ) : (
          (warnings.noTarget > 0 || warnings.manualMissing > 0) && (
            <Alert
              style={{ marginTop: 8 }}
              type="warning"
              showIcon
              title={[warnings.noTarget > 0 && t('schemes.warnNoTarget', { count: warnings.noTarget }), warnings.manualMissing > 0 && t('schemes.warnManualMissing', { count: warnings.manualMissing })].filter(Boolean).join(' ')}
            />
          )
        )}
      </Card>
      <Card size="small" title={t('leaderboard.unitCount', { count: run.result.units.length })} extra={<Typography.Text type="secondary">{t('leaderboard.expandHint')}</Typography.Text>}>
        <RankingTable run={run} tieBreak={tieBreak} ownUnitId={-1} onOpen={setOpenUnit} />
        <Typography.Paragraph type="secondary" className="zs-lb-footnote" style={{ marginTop: 8 }}>
          {t('leaderboard.rankRule')}：{tieBreak} {t('leaderboard.totalNote')}
        </Typography.Paragraph>
      </Card>
      {/* After the ranking: the result first, then what the assessors still have to score. */}
      {hasManual && <ManualScores run={run} canEdit={canWrite} />}
      <Drawer open={opened !== undefined} title={opened && t('leaderboard.breakdownTitle', { unit: opened.name })} size={isPhone ? '100%' : 880} onClose={() => setOpenUnit(undefined)} destroyOnHidden>
        {opened && <UnitBreakdown run={run} unit={opened} />}
      </Drawer>
    </Space>
  );
}

interface Props {
  scheme: SchemeRecord;
  canWrite: boolean;
  runId: number | undefined;
  onRunChange: (id: number) => void;
}

/** 运行考核: choose the period, score it, then look at the result, enter manual scores and publish. */
export function RunPanel({ scheme, canWrite, runId, onRunChange }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const periodText = usePeriodText();
  const pathText = usePathText();
  const serverText = useServerIssueText();
  const runs = useSchemeRuns(scheme.id);
  const create = useCreateRun();
  const [periodKey, setPeriodKey] = useState('scheme');
  const [runError, setRunError] = useState<string | null>(null);
  const items = runs.data?.items ?? [];
  const chosen = runId !== undefined && items.some((r) => r.id === runId) ? runId : items[0]?.id;
  const run = useRun(chosen);
  const choices = runPeriodChoices((scheme.scheme as unknown as AssessmentScheme).period);
  const isArchived = scheme.status === 'archived';
  const hasPublished = items.some((r) => r.status === 'published');

  const onRun = async () => {
    setRunError(null);
    try {
      const choice = choices.find((c) => c.key === periodKey);
      const created = await create.mutateAsync({ schemeId: scheme.id, ...(choice?.period ? { period: choice.period } : {}) });
      onRunChange(created.id);
      void message.success(t('schemes.runDone'));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const where = serverFieldPaths(e.details)
        .map((f) => `${pathText(f.path, schemeToForm(scheme.scheme))}：${serverText(f.message, e.message)}`)
        .join('；');
      setRunError(where ? `${e.message}（${where}）` : e.message);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {canWrite && (
        <Card size="small" title={t('schemes.runTitle')}>
          {isArchived ? (
            <Alert type="info" showIcon title={t('schemes.archivedNoRun')} />
          ) : (
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              <Space wrap size={[12, 8]}>
                <Typography.Text>{t('schemes.runPeriod')}</Typography.Text>
                <Select
                  value={periodKey}
                  onChange={setPeriodKey}
                  aria-label={t('schemes.runPeriod')}
                  style={{ minWidth: 260 }}
                  options={choices.map((c) => ({ value: c.key, label: c.key === 'scheme' ? t('schemes.runPeriodScheme', { period: periodText(c.from, c.to) }) : periodText(c.from, c.to) }))}
                />
                <Button type="primary" icon={<CalculatorOutlined />} loading={create.isPending} onClick={() => void onRun()}>
                  {t('schemes.runButton')}
                </Button>
              </Space>
              <Typography.Text type="secondary">{t(hasPublished ? 'schemes.runHintPublished' : 'schemes.runHint')}</Typography.Text>
              {runError && <Alert type="error" showIcon title={t('schemes.runFailed')} description={runError} closable onClose={() => setRunError(null)} />}
            </Space>
          )}
        </Card>
      )}
      {runs.isPending ? (
        <Spin />
      ) : runs.isError ? (
        <QueryError error={runs.error} onRetry={() => void runs.refetch()} />
      ) : items.length === 0 ? (
        <Empty description={t('schemes.noRuns')} />
      ) : (
        <>
          <Card size="small">
            <RunPicker runs={items} value={chosen} onChange={onRunChange} />
          </Card>
          {run.isPending ? <Spin /> : run.isError ? <QueryError error={run.error} onRetry={() => void run.refetch()} /> : <RunResult key={run.data.id} run={run.data} canWrite={canWrite} />}
        </>
      )}
    </Space>
  );
}
