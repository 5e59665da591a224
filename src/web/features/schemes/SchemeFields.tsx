import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, InputNumber, Input, Row, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { EXTRA_METRICS, isProjectCountMetric, PROJECT_COUNT_METRICS } from '../../../shared/assessment/metrics';
import { FLOW_FIGURES, RATE_FIGURES, STOCK_FIGURES } from '../../../shared/kpi/figure-names';
import { FUND_SOURCE_LABELS, FUND_SOURCES } from '../../../shared/funds';
import { labelLang } from '../../i18n';
import type { FieldPath } from './scheme-form';
import { isMetricCollected, ListIssues, SField, useMetricName } from './scheme-ui';

// Inputs the scheme editor repeats: the metric picker, points and money boxes, and the list of
// 不计入情形 (exclusions) at the scheme's or an item's level.

const TIER_METRICS = [10000, 30000, 50000, 100000, 200000, 500000].map((w) => `signed_tier:${w}`);
const FUNDS = FLOW_FIGURES.filter((f) => f.startsWith('funds_'));
const SIGNING = [...FLOW_FIGURES.filter((f) => !f.startsWith('funds_')), ...TIER_METRICS];

interface MetricSelectProps {
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  /** Tiers and required counts read projects: only project counts. */
  projectsOnly?: boolean;
  'aria-label'?: string;
}

/** 统计指标: every figure the KPI engine computes, by its Chinese name, grouped; searchable. */
export function MetricSelect({ value, onChange, id, projectsOnly, 'aria-label': ariaLabel }: MetricSelectProps) {
  const { t } = useTranslation();
  const name = useMetricName();
  const option = (m: string) => ({
    value: m,
    label: isMetricCollected(m) ? name(m) : `${name(m)}${t('schemes.notCollectedSuffix')}`,
  });
  const keep = (list: readonly string[]) => (projectsOnly ? list.filter((m) => isProjectCountMetric(m)) : [...list]);
  const groups = [
    { label: t('schemes.metricGroups.signing'), options: keep(SIGNING).map(option) },
    { label: t('schemes.metricGroups.funds'), options: keep(FUNDS).map(option) },
    { label: t('schemes.metricGroups.stock'), options: keep(STOCK_FIGURES).map(option) },
    { label: t('schemes.metricGroups.rate'), options: keep(RATE_FIGURES).map(option) },
    { label: t('schemes.metricGroups.extra'), options: keep(EXTRA_METRICS).map(option) },
  ].filter((g) => g.options.length > 0);
  const known = new Set(groups.flatMap((g) => g.options.map((o) => o.value)));
  if (value && !known.has(value)) groups.push({ label: t('schemes.metricGroups.other'), options: [option(value)] });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      aria-label={ariaLabel}
      placeholder={t('schemes.pickMetric')}
      showSearch={{ optionFilterProp: 'label' }}
      options={groups}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}

/** The metric field with its warning when a run cannot collect it yet. */
export function MetricField({ path, form, projectsOnly, label }: { path: FieldPath; form: FormInstance; projectsOnly?: boolean; label?: string }) {
  const { t } = useTranslation();
  const metric = Form.useWatch(path, { form, preserve: true }) as string | undefined;
  const help = metric && !isMetricCollected(metric) ? <Typography.Text type="warning">{t('schemes.notCollectedHelp')}</Typography.Text> : projectsOnly ? t('schemes.projectsOnlyHelp', { metrics: PROJECT_COUNT_METRICS.length }) : undefined;
  return (
    <SField path={path} label={label ?? t('schemes.fields.metric')} help={help} required>
      <MetricSelect projectsOnly={projectsOnly} aria-label={label ?? t('schemes.fields.metric')} />
    </SField>
  );
}

/** A points box: decimals, no lower bound in the widget (a negative value is refused with a message, not swallowed). */
export function PointsInput(props: { id?: string; value?: number | null; onChange?: (v: number | null) => void; placeholder?: string; suffix?: string; 'aria-label'?: string }) {
  const { t } = useTranslation();
  return <InputNumber {...props} suffix={props.suffix ?? t('schemes.unitPoints')} style={{ width: '100%' }} keyboard />;
}

/** A 万元 amount kept as a decimal string, as the scheme stores money. */
export function WanInput(props: { id?: string; value?: string | number | null; onChange?: (v: string | null) => void; placeholder?: string; 'aria-label'?: string }) {
  const { t } = useTranslation();
  return <InputNumber<string> {...props} value={props.value == null ? null : String(props.value)} stringMode suffix={t('schemes.unitWan')} style={{ width: '100%' }} />;
}

const EXCLUSION_KINDS = ['industry', 'funds_source', 'below_amount', 'later_phase', 'government_funded'] as const;
type ExclusionKind = (typeof EXCLUSION_KINDS)[number];

function newExclusion(kind: ExclusionKind): Record<string, unknown> {
  switch (kind) {
    case 'industry':
      return { kind, prefixes: ['K70'], label: '房地产项目不计入' };
    case 'funds_source':
      return { kind, sources: ['local'] };
    case 'below_amount':
      return { kind, minAmount: '10000' };
    default:
      return { kind };
  }
}

/** 不计入情形: what no item (or this item) counts — industries, money sources, small projects, later phases, government projects. */
export function ExclusionsEditor({ form, path, readOnly }: { form: FormInstance; path: FieldPath; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const list = (Form.useWatch(path, { form, preserve: true }) ?? []) as Record<string, unknown>[];
  const set = (next: Record<string, unknown>[]) => form.setFieldValue(path, next);
  const used = new Set(list.map((e) => e?.kind));
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {list.length === 0 && <Typography.Text type="secondary">{t('schemes.noExclusions')}</Typography.Text>}
      {list.map((ex, k) => {
        const kind = ex?.kind as ExclusionKind;
        const row = [...path, k];
        return (
          <Row key={k} gutter={8} align="top" className="zs-sc-row">
            <Col flex="180px">
              <Select
                value={kind}
                aria-label={t('schemes.fields.kind')}
                style={{ width: '100%' }}
                options={EXCLUSION_KINDS.map((x) => ({ value: x, label: t(`schemes.exclusionKinds.${x}`) }))}
                onChange={(v: ExclusionKind) => set(list.map((e, j) => (j === k ? newExclusion(v) : e)))}
              />
            </Col>
            <Col flex="auto">
              {kind === 'industry' && (
                <Row gutter={8}>
                  <Col flex="1 1 220px">
                    <SField path={[...row, 'prefixes']} help={t('schemes.prefixesHelp')}>
                      <Select mode="tags" tokenSeparators={[',', '，', ' ', '、']} aria-label={t('schemes.fields.prefixes')} placeholder={t('schemes.prefixesPlaceholder')} options={[{ value: 'K70', label: 'K70 房地产业' }]} />
                    </SField>
                  </Col>
                  <Col flex="1 1 180px">
                    <SField path={[...row, 'label']}>
                      <Input aria-label={t('schemes.fields.label')} placeholder={t('schemes.exclusionLabelPlaceholder')} maxLength={80} />
                    </SField>
                  </Col>
                </Row>
              )}
              {kind === 'funds_source' && (
                <SField path={[...row, 'sources']}>
                  <Select mode="multiple" aria-label={t('schemes.fields.sources')} options={FUND_SOURCES.map((s) => ({ value: s, label: FUND_SOURCE_LABELS[s][lang] }))} />
                </SField>
              )}
              {kind === 'below_amount' && (
                <SField path={[...row, 'minAmount']} help={t('schemes.belowAmountHelp')}>
                  <WanInput aria-label={t('schemes.fields.minAmount')} />
                </SField>
              )}
              {(kind === 'later_phase' || kind === 'government_funded') && <Typography.Text type="secondary">{t(`schemes.exclusionHelp.${kind}`)}</Typography.Text>}
            </Col>
            {!readOnly && (
              <Col flex="32px">
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('schemes.removeExclusion')} onClick={() => set(list.filter((_, j) => j !== k))} />
              </Col>
            )}
          </Row>
        );
      })}
      <ListIssues path={path} />
      {!readOnly && (
        <Select<ExclusionKind>
          value={null}
          placeholder={
            <span>
              <PlusOutlined /> {t('schemes.addExclusion')}
            </span>
          }
          aria-label={t('schemes.addExclusion')}
          style={{ width: 220 }}
          options={EXCLUSION_KINDS.map((x) => ({ value: x, label: t(`schemes.exclusionKinds.${x}`), disabled: (x === 'later_phase' || x === 'government_funded') && used.has(x) }))}
          onChange={(v) => set([...list, newExclusion(v)])}
        />
      )}
    </Space>
  );
}
