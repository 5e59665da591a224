import { useState } from 'react';
import { DiffOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Empty, Grid, Space, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { DemoTag } from '../../components/DemoTag';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { labelLang } from '../../i18n';
import { colon } from '../../i18n/punctuation';
import { useCurrentUser } from '../auth/session';
import { DiffModal } from './DiffModal';
import { tieBreakText } from './leaderboard-format';
import { useRun, useRuns, type Run } from './leaderboard.queries';
import { OwnRankCard } from './OwnRankCard';
import { RankingTable } from './RankingTable';
import { RunPicker, RunStatusTag } from './RunPicker';
import { UnitBreakdown } from './UnitBreakdown';
import './leaderboard.css';

/** Roles whose readers sit below a city-wide scheme and are sent only their own unit's line. */
const OWN_LINE_ROLES = new Set(['unit_staff', 'department']);

/** Who computed or published the run, and when. */
function RunLine({ run }: { run: Run }) {
  const { t } = useTranslation();
  const isPublished = run.status === 'published';
  const who = (isPublished ? run.publishedBy : run.computedBy)?.displayName ?? '—';
  const at = formatDateTime(isPublished ? run.publishedAt : run.computedAt);
  return (
    <Space size={6} wrap>
      <RunStatusTag status={run.status} />
      {run.isDemo && <DemoTag />}
      <Typography.Text type="secondary">{t(isPublished ? 'leaderboard.publishedLine' : 'leaderboard.computedLine', { name: who, at })}</Typography.Text>
    </Space>
  );
}

/** A loaded run: the reader's own rank, the ranking table (or only their line), and a unit's breakdown. */
function RunView({ run, unitId, onOpenUnit }: { run: Run; unitId: number | undefined; onOpenUnit: (id: number | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const isPhone = Grid.useBreakpoint().md === false;
  const units = run.result.units;
  const own = units.find((u) => u.unitId === user.unit.id);
  const isOwnView = own !== undefined && (units.length === 1 || OWN_LINE_ROLES.has(user.role));
  const tieBreak = tieBreakText(run.result.tieBreak, labelLang(i18n.language));
  const opened = units.find((u) => u.unitId === unitId);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <RunLine run={run} />
      {own !== undefined && <OwnRankCard unit={own} unitCount={run.unitCount} isOwnView={isOwnView} />}
      {isOwnView ? (
        <Card size="small" title={t('leaderboard.breakdownTitle', { unit: own.name })}>
          <UnitBreakdown run={run} unit={own} />
        </Card>
      ) : (
        <Card size="small" title={t('leaderboard.unitCount', { count: units.length })} extra={<Typography.Text type="secondary">{t('leaderboard.expandHint')}</Typography.Text>}>
          <RankingTable run={run} tieBreak={tieBreak} ownUnitId={user.unit.id} onOpen={onOpenUnit} />
        </Card>
      )}
      <Typography.Paragraph type="secondary" className="zs-lb-footnote">
        {t('leaderboard.rankRule')}
        {colon()}
        {tieBreak} {t('leaderboard.totalNote')}
      </Typography.Paragraph>
      <Drawer
        open={!isOwnView && opened !== undefined}
        title={opened && t('leaderboard.breakdownTitle', { unit: opened.name })}
        size={isPhone ? '100%' : 880}
        onClose={() => onOpenUnit(undefined)}
        destroyOnHidden
      >
        {opened && <UnitBreakdown run={run} unit={opened} />}
      </Drawer>
    </Space>
  );
}

/**
 * 考核排名: units ranked by an assessment run (the latest published one unless the address bar names
 * another), each unit's breakdown in a drawer; a county's staff see their own line, rank and breakdown.
 */
export function LeaderboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [isDiffOpen, setDiffOpen] = useState(false);
  const runs = useRuns();
  const items = runs.data?.items ?? [];
  const chosen = Number(params.get('run')) || undefined;
  const runId = chosen ?? (items.find((r) => r.status === 'published') ?? items[0])?.id;
  const run = useRun(runId);
  const unitId = Number(params.get('unit')) || undefined;

  const patch = (changes: Record<string, string | undefined>) =>
    setParams((p) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) p.delete(key);
        else p.set(key, value);
      }
      return p;
    });

  const diffButton = run.data?.status === 'published' && (
    <Button icon={<DiffOutlined />} onClick={() => setDiffOpen(true)}>
      {t('leaderboard.diff')}
    </Button>
  );

  const body = () => {
    if (runs.isPending) return <Spin />;
    if (runs.isError) return <QueryError error={runs.error} onRetry={() => void runs.refetch()} />;
    if (items.length === 0) return <Empty description={t('leaderboard.empty')} />;
    if (run.isPending) return <Spin />;
    if (run.isError) {
      if (run.error instanceof ApiError && run.error.status === 404) return <Alert type="info" showIcon title={t('leaderboard.notInRun')} />;
      return <QueryError error={run.error} onRetry={() => void run.refetch()} />;
    }
    return <RunView run={run.data} unitId={unitId} onOpenUnit={(id) => patch({ unit: id === undefined ? undefined : String(id) })} />;
  };

  return (
    <>
      <PageHeader title={t('nav.leaderboard')} description={t('leaderboard.description')} extra={diffButton} />
      {items.length > 0 && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <RunPicker runs={items} value={runId} onChange={(id) => patch({ run: String(id), unit: undefined })} />
        </Card>
      )}
      {body()}
      {run.data && <DiffModal run={run.data} open={isDiffOpen} onClose={() => setDiffOpen(false)} />}
    </>
  );
}
