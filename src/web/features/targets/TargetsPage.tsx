import { Card, Select, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { useFigureText } from '../dashboard/figure-text';
import { useSettings } from '../projects/projects.queries';
import { DecompositionPanel } from './DecompositionPanel';
import { ProgressPanel } from './ProgressPanel';
import { useDecomposition, useTargetMetrics } from './targets.queries';

const DEFAULT_METRIC = 'signed_count';

/** The statistical year today falls in (it is named by the calendar year it starts in: with April, Feb 2027 is in 2026). */
function thisYear(fiscalYearStartMonth: number): number {
  const [y = 0, m = 1] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-').map(Number);
  return m >= fiscalYearStartMonth ? y : y - 1;
}

/**
 * 目标管理: for a year and a figure, the unit's target decomposed to its direct sub-units, and the
 * progress of each against the statistics. Year, unit, figure and tab live in the address bar.
 */
export function TargetsPage() {
  const { t } = useTranslation();
  const { label } = useFigureText();
  const [params, setParams] = useSearchParams();
  const settings = useSettings();
  const year = Number(params.get('year')) || thisYear(settings.data?.fiscalYearStartMonth ?? 1);
  const chosenUnit = Number(params.get('unit')) || undefined;
  const metric = params.get('metric') ?? DEFAULT_METRIC;
  const tab = params.get('tab') === 'progress' ? 'progress' : 'decomposition';
  const metrics = useTargetMetrics();
  // Without a chosen unit the server answers for the caller's scope root (the same query the panel shows).
  const root = useDecomposition({ year, unit: chosenUnit, metric });
  const unitId = chosenUnit ?? root.data?.unit.id;
  const isCount = metrics.data?.metrics.find((m) => m.name === metric)?.isCount ?? true;

  const patch = (changes: Record<string, string | undefined>) =>
    setParams((p) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) p.delete(key);
        else p.set(key, value);
      }
      return p;
    });

  const current = thisYear(settings.data?.fiscalYearStartMonth ?? 1);
  const years = [current - 1, current, current + 1];
  if (!years.includes(year)) years.push(year);

  return (
    <>
      <PageHeader title={t('nav.targets')} description={t('targets.description')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={[16, 8]}>
          <Space size={8}>
            <Typography.Text type="secondary">{t('targets.year')}</Typography.Text>
            <Select
              value={year}
              style={{ width: 110 }}
              aria-label={t('targets.year')}
              options={years.sort().map((y) => ({ value: y, label: t('targets.yearOption', { year: y }) }))}
              onChange={(y) => patch({ year: String(y) })}
            />
          </Space>
          <Space size={8}>
            <Typography.Text type="secondary">{t('targets.unit')}</Typography.Text>
            <UnitTreeSelect value={unitId} onChange={(u) => patch({ unit: u === undefined ? undefined : String(u) })} style={{ width: 240 }} aria-label={t('targets.unit')} />
          </Space>
          <Space size={8}>
            <Typography.Text type="secondary">{t('targets.metric')}</Typography.Text>
            <Select
              value={metric}
              style={{ width: 220 }}
              aria-label={t('targets.metric')}
              loading={metrics.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={(metrics.data?.metrics ?? [{ name: metric, isCount: true }]).map((m) => ({ value: m.name, label: label(m.name) }))}
              onChange={(m) => patch({ metric: m })}
            />
          </Space>
        </Space>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => patch({ tab: key === 'progress' ? 'progress' : undefined })}
          items={[
            { key: 'decomposition', label: t('targets.tabDecomposition'), children: tab === 'decomposition' && <DecompositionPanel year={year} unitId={chosenUnit} metric={metric} isCount={isCount} /> },
            { key: 'progress', label: t('targets.tabProgress'), children: tab === 'progress' && <ProgressPanel year={year} unitId={chosenUnit} metric={metric} /> },
          ]}
        />
      </Card>
    </>
  );
}
