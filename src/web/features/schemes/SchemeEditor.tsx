import { PlusOutlined } from '@ant-design/icons';
import { Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemType } from '../../../shared/assessment/scheme';
import { UNIT_TYPE_LABELS, UNIT_TYPES } from '../../../shared/org';
import { labelLang } from '../../i18n';
import { useOrgTree } from '../org/org.queries';
import { ITEM_TYPES, itemIdsOf, newItem, nextItemId, pointsSummary, yearOfPeriod, type FormValues } from './scheme-form';
import { ExclusionsEditor } from './SchemeFields';
import { ItemEditorCard } from './ItemEditor';
import { ListIssues, SField } from './scheme-ui';

// The scheme form: what is assessed (name, period, units), what does not count (exclusions), and
// the numbered items with the running total of their points. Field names are the scheme's paths.

const dateProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

function PeriodFields({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const period = (Form.useWatch('period', { form, preserve: true }) ?? {}) as Record<string, unknown>;
  const kind = period.kind as string | undefined;
  const year = yearOfPeriod(period) ?? dayjs().year();
  const setKind = (k: string) => {
    if (k === 'year') form.setFieldValue('period', { kind: 'year', year });
    if (k === 'quarter') form.setFieldValue('period', { kind: 'quarter', year, quarter: 1 });
    if (k === 'range') form.setFieldValue('period', { kind: 'range', from: `${year}-01-01`, to: `${year}-06-30` });
  };
  return (
    <Row gutter={12}>
      <Col xs={24} md={10}>
        <Form.Item label={t('schemes.fields.period')} required>
          <Radio.Group
            value={kind}
            optionType="button"
            onChange={(e) => setKind(String(e.target.value))}
            options={[
              { value: 'year', label: t('schemes.periodKinds.year') },
              { value: 'quarter', label: t('schemes.periodKinds.quarter') },
              { value: 'range', label: t('schemes.periodKinds.range') },
            ]}
          />
        </Form.Item>
      </Col>
      {(kind === 'year' || kind === 'quarter') && (
        <Col xs={12} md={4}>
          <SField path={['period', 'year']} label={t('schemes.fields.year')} required>
            <InputNumber aria-label={t('schemes.fields.year')} suffix={t('schemes.yearSuffix')} style={{ width: '100%' }} precision={0} />
          </SField>
        </Col>
      )}
      {kind === 'quarter' && (
        <Col xs={12} md={4}>
          <SField path={['period', 'quarter']} label={t('schemes.fields.quarter')} required>
            <Select aria-label={t('schemes.fields.quarter')} options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('schemes.quarterOption', { quarter: q }) }))} />
          </SField>
        </Col>
      )}
      {kind === 'range' && (
        <>
          <Col xs={12} md={5}>
            <SField path={['period', 'from']} label={t('schemes.fields.from')} required {...dateProps}>
              <DatePicker style={{ width: '100%' }} aria-label={t('schemes.fields.periodFrom')} />
            </SField>
          </Col>
          <Col xs={12} md={5}>
            <SField path={['period', 'to']} label={t('schemes.fields.to')} required {...dateProps}>
              <DatePicker style={{ width: '100%' }} aria-label={t('schemes.fields.periodTo')} />
            </SField>
          </Col>
        </>
      )}
    </Row>
  );
}

function UnitsFields({ form }: { form: FormInstance }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const kind = Form.useWatch(['units', 'kind'], { form, preserve: true }) as string | undefined;
  const tree = useOrgTree();
  const unitOptions = useMemo(
    () => (tree.data ?? []).filter((u) => !u.isDisabled).map((u) => ({ value: u.id, label: `${'　'.repeat(Math.max(0, u.depth))}${u.name}`, name: u.name })),
    [tree.data],
  );
  return (
    <Row gutter={12}>
      <Col xs={24} md={10}>
        <Form.Item label={t('schemes.fields.units')} required>
          <Radio.Group
            value={kind}
            optionType="button"
            onChange={(e) => form.setFieldValue('units', e.target.value === 'unit_ids' ? { kind: 'unit_ids', ids: [] } : { kind: 'unit_types', types: ['county', 'zone'] })}
            options={[
              { value: 'unit_types', label: t('schemes.unitKinds.unit_types') },
              { value: 'unit_ids', label: t('schemes.unitKinds.unit_ids') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={14}>
        {kind === 'unit_types' && (
          <SField path={['units', 'types']} label={t('schemes.fields.unitTypes')} help={t('schemes.help.unitTypes')}>
            <Checkbox.Group options={UNIT_TYPES.filter((u) => u !== 'city').map((u) => ({ value: u, label: UNIT_TYPE_LABELS[u][lang] }))} />
          </SField>
        )}
        {kind === 'unit_ids' && (
          <SField path={['units', 'ids']} label={t('schemes.fields.unitIds')}>
            <Select mode="multiple" loading={tree.isPending} aria-label={t('schemes.fields.unitIds')} options={unitOptions} showSearch={{ optionFilterProp: 'name' }} optionLabelProp="name" />
          </SField>
        )}
      </Col>
    </Row>
  );
}

/** 分值合计: base items against the usual 100, bonuses and deductions on their own. */
function PointsLine({ values }: { values: FormValues }) {
  const { t } = useTranslation();
  const s = pointsSummary(values);
  return (
    <div className="zs-sc-summary" data-testid="schemes-points-total" aria-live="polite">
      <span>
        {t('schemes.summary.base')} <Typography.Text strong>{t('schemes.summary.points', { points: s.base })}</Typography.Text>
      </span>
      <span>
        {t('schemes.summary.bonus')} <Typography.Text strong>{t('schemes.summary.points', { points: s.bonus })}</Typography.Text>
        {s.uncappedBonus > 0 && <Typography.Text type="warning">{t('schemes.summary.uncapped', { count: s.uncappedBonus })}</Typography.Text>}
      </span>
      <span>
        {t('schemes.summary.deduction')} <Typography.Text strong>{t('schemes.summary.points', { points: s.deduction })}</Typography.Text>
        {s.uncappedDeduction > 0 && <Typography.Text type="secondary">{t('schemes.summary.unlimited', { count: s.uncappedDeduction })}</Typography.Text>}
      </span>
    </div>
  );
}

interface Props {
  form: FormInstance;
  initial: FormValues;
  readOnly: boolean;
  /** The whole store after every change (for the totals and live validation). */
  values: FormValues;
  onChange: () => void;
}

export function SchemeEditor({ form, initial, readOnly, values, onChange }: Props) {
  const { t } = useTranslation();
  const items = (values.items ?? []) as unknown[];
  const setItems = (next: unknown[]) => {
    form.setFieldValue('items', next);
    onChange();
  };
  const move = (from: number, to: number) => {
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    setItems(next);
  };
  const add = (type: ItemType) => setItems([...items, newItem(type, nextItemId(itemIdsOf(form.getFieldsValue(true) as FormValues)))]);

  return (
    <Form form={form} layout="vertical" initialValues={initial} disabled={readOnly} onValuesChange={onChange} className="zs-sc-form" requiredMark={!readOnly}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title={t('schemes.sections.basic')}>
          <Row gutter={12}>
            <Col xs={24} md={14}>
              <SField path={['name']} label={t('schemes.fields.name')} required>
                <Input placeholder={t('schemes.namePlaceholder')} maxLength={100} />
              </SField>
            </Col>
            <Col xs={12} md={4}>
              <SField path={['scorePlaces']} label={t('schemes.fields.scorePlaces')}>
                <InputNumber aria-label={t('schemes.fields.scorePlaces')} style={{ width: '100%' }} precision={0} suffix={t('schemes.placesSuffix')} />
              </SField>
            </Col>
          </Row>
          <PeriodFields form={form} />
          <UnitsFields form={form} />
          <SField path={['description']} label={t('schemes.fields.description')} help={t('schemes.help.description')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
          </SField>
        </Card>
        <Card size="small" title={t('schemes.sections.exclusions')} extra={<Typography.Text type="secondary">{t('schemes.help.exclusions')}</Typography.Text>}>
          <ExclusionsEditor form={form} path={['exclusions']} readOnly={readOnly} />
        </Card>
        <Card size="small" title={t('schemes.sections.items', { count: items.length })} extra={<PointsLine values={values} />}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <ListIssues path={['items']} />
            {items.map((_, i) => (
              <ItemEditorCard key={i} form={form} index={i} count={items.length} readOnly={readOnly} onMove={move} onRemove={(k) => setItems(items.filter((__, j) => j !== k))} />
            ))}
            {!readOnly && items.length < 50 && (
              <Select<ItemType>
                value={null}
                aria-label={t('schemes.addItem')}
                placeholder={
                  <span>
                    <PlusOutlined /> {t('schemes.addItem')}
                  </span>
                }
                style={{ width: 260 }}
                options={ITEM_TYPES.map((x) => ({ value: x, label: `${t(`leaderboard.itemTypes.${x}`)} — ${t(`schemes.typeShort.${x}`)}` }))}
                popupMatchSelectWidth={false}
                onChange={add}
              />
            )}
          </Space>
        </Card>
      </Space>
    </Form>
  );
}
