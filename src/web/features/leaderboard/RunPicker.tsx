import { Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { periodShape } from './leaderboard-format';
import type { RunSummary } from './leaderboard.queries';

/** 2026年度 / 2026年第1季度 / 2026-03-01 至 2026-05-31. */
export function usePeriodText() {
  const { t } = useTranslation();
  return (from: string, to: string): string => {
    const shape = periodShape(from, to);
    if (shape?.kind === 'year') return t('leaderboard.periodYear', { year: shape.year });
    if (shape?.kind === 'quarter') return t('leaderboard.periodQuarter', { year: shape.year, quarter: shape.quarter });
    return t('leaderboard.periodRange', { from, to });
  };
}

export function RunStatusTag({ status }: { status: RunSummary['status'] }) {
  const { t } = useTranslation();
  return status === 'published' ? <Tag color="success">{t('leaderboard.statusPublished')}</Tag> : <Tag color="processing">{t('leaderboard.statusComputed')}</Tag>;
}

/** The run select: scheme name and version, period, 已发布/未发布. */
export function RunPicker({ runs, value, onChange }: { runs: RunSummary[]; value: number | undefined; onChange: (id: number) => void }) {
  const { t } = useTranslation();
  const periodText = usePeriodText();
  return (
    <div className="zs-lb-picker">
      <Typography.Text type="secondary">{t('leaderboard.run')}</Typography.Text>
      <Select
        value={value}
        onChange={onChange}
        aria-label={t('leaderboard.run')}
        className="zs-lb-picker-select"
        popupMatchSelectWidth={false}
        options={runs.map((r) => ({
          value: r.id,
          label: (
            <Space size={6}>
              <span>{t('leaderboard.runOption', { scheme: r.schemeName, version: r.schemeVersion, period: periodText(r.periodFrom, r.periodTo) })}</span>
              <RunStatusTag status={r.status} />
            </Space>
          ),
        }))}
      />
    </div>
  );
}
