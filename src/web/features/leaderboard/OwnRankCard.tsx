import { TrophyOutlined } from '@ant-design/icons';
import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitScore } from '../../../shared/assessment/score';
import { formatScore } from './leaderboard-format';

/**
 * 本单位排名 for a unit's own staff: "固始县在 13 个单位中排名第 1 名" (the run says how many units it
 * ranks even when the reader receives only their own line).
 */
export function OwnRankCard({ unit, unitCount, isOwnView }: { unit: UnitScore; unitCount: number | null; isOwnView: boolean }) {
  const { t } = useTranslation();
  const values = { unit: unit.name, rank: unit.rank, total: formatScore(unit.total), count: unitCount ?? 0 };
  return (
    <Card size="small" className="zs-lb-own-card">
      <Space align="start" size={12}>
        <TrophyOutlined className="zs-lb-own-icon" />
        <Space orientation="vertical" size={2}>
          <Typography.Text strong className="zs-lb-own-text">
            {unitCount === null ? t('leaderboard.ownRank', values) : t('leaderboard.ownRankOf', values)}
            {unit.isTied && t('leaderboard.ownTied')}
          </Typography.Text>
          {isOwnView && <Typography.Text type="secondary">{t('leaderboard.ownOnlyHint')}</Typography.Text>}
        </Space>
      </Space>
    </Card>
  );
}
