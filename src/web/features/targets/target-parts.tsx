import Decimal from 'decimal.js';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TargetStatus } from '../../../shared/api/targets';
import { formatPercent, kindOf } from '../dashboard/figures';

/** The unit a target of this metric is written in: 个, 万元 or 万美元. */
export function useValueUnit() {
  const { t } = useTranslation();
  return (metric: string): string => {
    const kind = kindOf(metric);
    return kind === 'money' ? t('targets.unitWan') : kind === 'usd' ? t('targets.unitUsdWan') : t('targets.unitCount');
  };
}

/** What is wrong with a typed target, or null: not a number ≥ 0 with ≤ 4 decimals, or a fraction of a count. */
export function targetInputError(value: string, isCount: boolean): 'targets.invalidValue' | 'targets.countWhole' | null {
  const v = value.trim().replace(/,/g, '');
  if (!/^\d{1,12}(\.\d{1,4})?$/.test(v)) return 'targets.invalidValue';
  if (isCount && !new Decimal(v).isInteger()) return 'targets.countWhole';
  return null;
}

export function TargetStatusTag({ status }: { status: TargetStatus | null }) {
  const { t } = useTranslation();
  if (status === null) return <Tag>{t('targets.statusNone')}</Tag>;
  return status === 'approved' ? (
    <Tooltip title={t('targets.lockedHint')}>
      <Tag color="success">{t('targets.statusApproved')}</Tag>
    </Tooltip>
  ) : (
    <Tag color="processing">{t('targets.statusDraft')}</Tag>
  );
}

/** 超/欠时序进度 in words and colour: green ahead, red behind ("欠 19.6%"). */
export function ScheduleGapTag({ gap }: { gap: string | null }) {
  const { t } = useTranslation();
  if (gap === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const d = new Decimal(gap).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  if (d.isZero()) return <Tag>{t('targets.onSchedule')}</Tag>;
  const value = formatPercent(new Decimal(gap).abs().toString());
  return d.isPositive() ? <Tag color="success">{t('targets.ahead', { value })}</Tag> : <Tag color="error">{t('targets.behind', { value })}</Tag>;
}
