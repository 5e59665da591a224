import { useMemo } from 'react';
import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitScore } from '../../../shared/assessment/score';
import { recordLookup } from './leaderboard-format';
import type { Run } from './leaderboard.queries';
import { ItemCard, ScoreText } from './ItemCard';

/** How many records a unit's snapshot holds over its figures (a group counts its records). */
function tracedOf(unit: { metrics: Record<string, { records?: { count?: number }[] }> } | undefined): string {
  const n = Object.values(unit?.metrics ?? {}).reduce((acc, m) => acc + (m.records ?? []).reduce((k, r) => k + (r.count ?? 1), 0), 0);
  return n.toLocaleString('en');
}

/** 得分明细 of one unit: rank and total, then each scheme item with its basis and records. */
export function UnitBreakdown({ run, unit }: { run: Run; unit: UnitScore }) {
  const { t } = useTranslation();
  const snapshot = run.inputs.units.find((u) => u.unitId === unit.unitId);
  const lookupFor = useMemo(() => {
    const cache = new Map<string, ReturnType<typeof recordLookup>>();
    return (metric: string | undefined) => {
      const key = metric ?? '';
      let lookup = cache.get(key);
      if (lookup === undefined) {
        lookup = recordLookup(snapshot, metric);
        cache.set(key, lookup);
      }
      return lookup;
    };
  }, [snapshot]);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space size={16} wrap align="baseline">
        <span>
          <Typography.Text type="secondary">{t('leaderboard.colRank')} </Typography.Text>
          <Typography.Text strong className="zs-lb-big">
            {unit.rank}
          </Typography.Text>
          {unit.isTied && <Tag style={{ marginInlineStart: 6 }}>{t('leaderboard.tied')}</Tag>}
        </span>
        <span>
          <Typography.Text type="secondary">{t('leaderboard.colTotal')} </Typography.Text>
          <span className="zs-lb-big">
            <ScoreText value={unit.total} strong />
          </span>
        </span>
        <Typography.Text type="secondary">{t('leaderboard.totalNote')}</Typography.Text>
      </Space>
      {run.inputs.detail === 'groups' && <Alert type="info" showIcon title={t('leaderboard.groupedNote', { count: tracedOf(snapshot), max: '20,000' })} />}
      {unit.items.map((item) => (
        <ItemCard key={item.itemId} score={item} scheme={run.inputs.scheme} lookupFor={lookupFor} />
      ))}
    </Space>
  );
}
