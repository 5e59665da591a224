import { ArrowDownOutlined, ArrowUpOutlined, CheckCircleFilled, DeleteOutlined, ExclamationCircleFilled, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Collapse, Form, Input, InputNumber, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemType } from '../../../shared/assessment/scheme';
import { INVESTOR_TAGS } from '../../../shared/project';
import { itemLimit, type SchemeItem } from '../leaderboard/leaderboard-format';
import { changeItemType, ITEM_TYPES, itemIdsOf, newItem, nextItemId, PART_TYPES, weightCheck, type FieldPath } from './scheme-form';
import { ExclusionsEditor, MetricField, PointsInput, WanInput } from './SchemeFields';
import { ListIssues, SField, useIssuesAt } from './scheme-ui';

// One scheme item in the form: name, type, metric and the fields of its type (完成率 × 分值, 每个计分,
// 分档, 结构要求, 扣分, 基础分+超额, 评议, 加权综合 with its parts), then the rarely used settings.

type Item = Record<string, unknown>;

/** A row of small fields that wraps on narrow screens. */
function Fields({ children }: { children: React.ReactNode }) {
  return (
    <Row gutter={[12, 0]} className="zs-sc-fields">
      {children}
    </Row>
  );
}

const Cell = ({ children, wide }: { children: React.ReactNode; wide?: boolean }) => (
  <Col xs={24} sm={12} md={wide ? 12 : 6}>
    {children}
  </Col>
);

function Points({ path, label, help, placeholder, required = true }: { path: FieldPath; label: string; help?: string; placeholder?: string; required?: boolean }) {
  return (
    <SField path={path} label={label} help={help} required={required}>
      <PointsInput aria-label={label} placeholder={placeholder} />
    </SField>
  );
}

/** A capped value: empty = no cap (the engine's null). */
function Cap({ path, label }: { path: FieldPath; label: string }) {
  const { t } = useTranslation();
  return <Points path={path} label={label} placeholder={t('schemes.noCap')} required={false} />;
}

/** Rows of a small table (tiers, tag bonuses, bands): the header once, then one line per row with a delete button. */
function RowsEditor({ form, path, headers, blank, readOnly, renderRow, addLabel }: { form: FormInstance; path: FieldPath; headers: { title: string; flex: string }[]; blank: Item; readOnly: boolean; renderRow: (row: FieldPath) => React.ReactNode[]; addLabel: string }) {
  const { t } = useTranslation();
  const list = (Form.useWatch(path, { form, preserve: true }) ?? []) as Item[];
  return (
    <div className="zs-sc-table">
      {list.length > 0 && (
        <Row gutter={8} className="zs-sc-table-head">
          {headers.map((h) => (
            <Col key={h.title} flex={h.flex}>
              <Typography.Text type="secondary">{h.title}</Typography.Text>
            </Col>
          ))}
          {!readOnly && <Col flex="32px" />}
        </Row>
      )}
      {list.map((_, k) => (
        <Row key={k} gutter={8} align="top">
          {renderRow([...path, k]).map((cell, c) => (
            <Col key={c} flex={headers[c]!.flex}>
              {cell}
            </Col>
          ))}
          {!readOnly && (
            <Col flex="32px">
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('schemes.removeRow')} onClick={() => form.setFieldValue(path, list.filter((__, j) => j !== k))} />
            </Col>
          )}
        </Row>
      ))}
      <ListIssues path={path} />
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => form.setFieldValue(path, [...list, structuredClone(blank)])}>
          {addLabel}
        </Button>
      )}
    </div>
  );
}

/** The fields of the item's type, at `path` (an item or a composite's part). */
function TypeFields({ form, path, type, readOnly }: { form: FormInstance; path: FieldPath; type: ItemType; readOnly: boolean }) {
  const { t } = useTranslation();
  const f = (name: string) => [...path, name];
  const lbl = (name: string) => t(`schemes.fields.${name}` as 'schemes.fields.points');
  switch (type) {
    case 'ratio':
      return (
        <Fields>
          <Cell>
            <Points path={f('points')} label={lbl('points')} help={t('schemes.help.ratioPoints')} />
          </Cell>
          <Cell>
            <Cap path={f('cap')} label={lbl('cap')} />
          </Cell>
        </Fields>
      );
    case 'count':
      return (
        <Fields>
          <Cell>
            <Points path={f('pointsPerItem')} label={lbl('pointsPerItem')} />
          </Cell>
          <Cell>
            <Cap path={f('cap')} label={lbl('cap')} />
          </Cell>
        </Fields>
      );
    case 'penalty':
      return (
        <Fields>
          <Cell>
            <Points path={f('pointsPerOccurrence')} label={lbl('pointsPerOccurrence')} />
          </Cell>
          <Cell>
            <Cap path={f('maxPenalty')} label={lbl('maxPenalty')} />
          </Cell>
        </Fields>
      );
    case 'manual':
      return (
        <Fields>
          <Cell>
            <Points path={f('maxPoints')} label={lbl('maxPoints')} />
          </Cell>
          <Cell>
            <Points path={f('minPoints')} label={lbl('minPoints')} help={t('schemes.help.minPoints')} required={false} />
          </Cell>
        </Fields>
      );
    case 'base_plus_bonus':
      return (
        <Fields>
          <Cell>
            <Points path={f('basePoints')} label={lbl('basePoints')} help={t('schemes.help.basePoints')} />
          </Cell>
          <Cell>
            <SField path={f('stepPercent')} label={lbl('stepPercent')}>
              <InputNumber suffix="%" style={{ width: '100%' }} aria-label={lbl('stepPercent')} />
            </SField>
          </Cell>
          <Cell>
            <Points path={f('bonusPerStep')} label={lbl('bonusPerStep')} />
          </Cell>
          <Cell>
            <Cap path={f('bonusCap')} label={lbl('bonusCap')} />
          </Cell>
          <Cell wide>
            <SField path={f('belowTarget')} label={lbl('belowTarget')}>
              <Radio.Group
                options={[
                  { value: 'proportional', label: t('schemes.belowTarget.proportional') },
                  { value: 'zero', label: t('schemes.belowTarget.zero') },
                ]}
              />
            </SField>
          </Cell>
        </Fields>
      );
    case 'tiers':
      return (
        <>
          <Typography.Text strong>{t('schemes.amountTiers')}</Typography.Text>
          <RowsEditor
            form={form}
            path={f('amountTiers')}
            readOnly={readOnly}
            addLabel={t('schemes.addTier')}
            blank={{ atLeast: null, points: null }}
            headers={[
              { title: t('schemes.fields.atLeast'), flex: '1 1 160px' },
              { title: t('schemes.fields.tierPoints'), flex: '1 1 120px' },
              { title: t('schemes.fields.tierLabel'), flex: '1 1 160px' },
            ]}
            renderRow={(row) => [
              <SField key="a" path={[...row, 'atLeast']}>
                <WanInput aria-label={t('schemes.fields.atLeast')} />
              </SField>,
              <SField key="p" path={[...row, 'points']}>
                <PointsInput aria-label={t('schemes.fields.tierPoints')} />
              </SField>,
              <SField key="l" path={[...row, 'label']}>
                <Input aria-label={t('schemes.fields.tierLabel')} placeholder={t('schemes.tierLabelPlaceholder')} maxLength={80} />
              </SField>,
            ]}
          />
          <Typography.Text strong>{t('schemes.tagBonuses')}</Typography.Text>
          <RowsEditor
            form={form}
            path={f('tagBonuses')}
            readOnly={readOnly}
            addLabel={t('schemes.addTagBonus')}
            blank={{ tag: '世界500强', points: null }}
            headers={[
              { title: t('schemes.fields.tag'), flex: '1 1 160px' },
              { title: t('schemes.fields.tagPoints'), flex: '1 1 120px' },
            ]}
            renderRow={(row) => [
              <SField key="t" path={[...row, 'tag']}>
                <Select aria-label={t('schemes.fields.tag')} options={INVESTOR_TAGS.map((x) => ({ value: x, label: x }))} />
              </SField>,
              <SField key="p" path={[...row, 'points']}>
                <PointsInput aria-label={t('schemes.fields.tagPoints')} />
              </SField>,
            ]}
          />
          <Fields>
            <Cell wide>
              <SField path={f('tagBonusPer')} label={lbl('tagBonusPer')}>
                <Radio.Group
                  options={[
                    { value: 'investor', label: t('schemes.tagBonusPer.investor') },
                    { value: 'project', label: t('schemes.tagBonusPer.project') },
                  ]}
                />
              </SField>
            </Cell>
            <Cell>
              <Cap path={f('cap')} label={lbl('cap')} />
            </Cell>
          </Fields>
        </>
      );
    case 'required_counts':
      return (
        <>
          <Typography.Text strong>{t('schemes.bands')}</Typography.Text>
          <RowsEditor
            form={form}
            path={f('bands')}
            readOnly={readOnly}
            addLabel={t('schemes.addBand')}
            blank={{ label: '', from: null, to: null, required: null }}
            headers={[
              { title: t('schemes.fields.bandLabel'), flex: '1 1 140px' },
              { title: t('schemes.fields.from'), flex: '1 1 130px' },
              { title: t('schemes.fields.to'), flex: '1 1 130px' },
              { title: t('schemes.fields.required'), flex: '1 1 100px' },
            ]}
            renderRow={(row) => [
              <SField key="l" path={[...row, 'label']}>
                <Input aria-label={t('schemes.fields.bandLabel')} placeholder={t('schemes.bandLabelPlaceholder')} maxLength={80} />
              </SField>,
              <SField key="f" path={[...row, 'from']}>
                <WanInput aria-label={t('schemes.fields.from')} />
              </SField>,
              <SField key="t" path={[...row, 'to']}>
                <WanInput aria-label={t('schemes.fields.to')} placeholder={t('schemes.noUpperBound')} />
              </SField>,
              <SField key="r" path={[...row, 'required']}>
                <InputNumber aria-label={t('schemes.fields.required')} suffix={t('schemes.unitCount')} style={{ width: '100%' }} precision={0} />
              </SField>,
            ]}
          />
          <Fields>
            <Cell>
              <Points path={f('penaltyPerMissing')} label={lbl('penaltyPerMissing')} />
            </Cell>
            <Cell>
              <Cap path={f('maxPenalty')} label={lbl('maxPenalty')} />
            </Cell>
          </Fields>
        </>
      );
    case 'composite':
      return <CompositeParts form={form} path={path} readOnly={readOnly} />;
  }
}

/** 加权综合: the parts with their weights and the running total of the weights (must be 1 or 100%). */
function CompositeParts({ form, path, readOnly }: { form: FormInstance; path: FieldPath; readOnly: boolean }) {
  const { t } = useTranslation();
  const partsPath = [...path, 'parts'];
  const parts = (Form.useWatch(partsPath, { form, preserve: true }) ?? []) as { weight?: unknown; item?: Item }[];
  const check = weightCheck(parts.map((p) => p?.weight));
  const addPart = () => {
    const id = nextItemId(itemIdsOf(form.getFieldsValue(true) as Record<string, unknown>));
    form.setFieldValue(partsPath, [...parts, { weight: null, item: newItem('ratio', id) }]);
  };
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {parts.map((_, j) => (
        <Card key={j} size="small" type="inner" className="zs-sc-part" title={t('schemes.partTitle', { n: j + 1 })} extra={!readOnly && parts.length > 2 && <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('schemes.removePart', { n: j + 1 })} onClick={() => form.setFieldValue(partsPath, parts.filter((__, k) => k !== j))} />}>
          <Fields>
            <Cell>
              <SField path={[...partsPath, j, 'weight']} label={t('schemes.fields.weight')} help={t('schemes.help.weight')}>
                <InputNumber aria-label={t('schemes.partWeight', { n: j + 1 })} style={{ width: '100%' }} />
              </SField>
            </Cell>
          </Fields>
          <ItemCore form={form} path={[...partsPath, j, 'item']} types={PART_TYPES} readOnly={readOnly} />
        </Card>
      ))}
      <Space wrap>
        <Typography.Text type={check.isValid ? 'success' : 'danger'} data-testid="schemes-weight-total">
          {check.isValid ? <CheckCircleFilled /> : <ExclamationCircleFilled />} {t('schemes.weightTotal', { total: check.isPercent ? `${check.total}%` : check.total })}
          {!check.isValid && ` — ${t('schemes.weightRule')}`}
        </Typography.Text>
        {!readOnly && parts.length < 10 && (
          <Button size="small" icon={<PlusOutlined />} onClick={addPart}>
            {t('schemes.addPart')}
          </Button>
        )}
      </Space>
      <ListIssues path={partsPath} />
      <Fields>
        <Cell>
          <Cap path={[...path, 'cap']} label={t('schemes.fields.cap')} />
        </Cell>
      </Fields>
    </Space>
  );
}

/** Name, type and metric, then the type's fields: shared by items and composite parts. */
function ItemCore({ form, path, types, readOnly }: { form: FormInstance; path: FieldPath; types: readonly ItemType[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const item = (Form.useWatch(path, { form, preserve: true }) ?? {}) as Item;
  const type = item.type as ItemType | undefined;
  const hasMetric = type !== undefined && type !== 'manual' && type !== 'composite';
  return (
    <>
      <Fields>
        <Col xs={24} md={10}>
          <SField path={[...path, 'label']} label={t('schemes.fields.label')} required>
            <Input placeholder={t('schemes.itemLabelPlaceholder')} maxLength={80} />
          </SField>
        </Col>
        <Col xs={24} sm={12} md={7}>
          <Form.Item label={t('schemes.fields.type')} required>
            <Select
              value={type}
              aria-label={t('schemes.fields.type')}
              options={types.map((x) => ({ value: x, label: t(`leaderboard.itemTypes.${x}`) }))}
              onChange={(v: ItemType) => form.setFieldValue(path, changeItemType(form.getFieldValue(path) as Item, v))}
            />
          </Form.Item>
        </Col>
        {hasMetric && (
          <Col xs={24} sm={12} md={7}>
            <MetricField form={form} path={[...path, 'metric']} projectsOnly={type === 'tiers' || type === 'required_counts'} />
          </Col>
        )}
      </Fields>
      {type !== undefined && (
        <Typography.Paragraph type="secondary" className="zs-sc-type-help">
          {t(`schemes.typeHelp.${type}`)}
        </Typography.Paragraph>
      )}
      {type !== undefined && <TypeFields form={form} path={path} type={type} readOnly={readOnly} />}
      <Collapse
        size="small"
        ghost
        className="zs-sc-more"
        items={[
          {
            key: 'more',
            label: t('schemes.moreSettings', { count: ((item.exclusions ?? []) as unknown[]).length }),
            forceRender: true,
            children: (
              <>
                <Fields>
                  <Col xs={24} md={16}>
                    <SField path={[...path, 'description']} label={t('schemes.fields.description')}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                    </SField>
                  </Col>
                  <Col xs={24} md={8}>
                    <SField path={[...path, 'id']} label={t('schemes.fields.id')} help={t('schemes.help.id')}>
                      <Input maxLength={40} />
                    </SField>
                  </Col>
                </Fields>
                <SField path={[...path, 'ignoreSchemeExclusions']} valuePropName="checked">
                  <Checkbox>{t('schemes.ignoreSchemeExclusions')}</Checkbox>
                </SField>
                <Typography.Text strong>{t('schemes.itemExclusions')}</Typography.Text>
                <ExclusionsEditor form={form} path={[...path, 'exclusions']} readOnly={readOnly} />
              </>
            ),
          },
        ]}
      />
    </>
  );
}

/** The item's most (or, for deductions, its deepest) points, for the card's corner. */
function useLimitText() {
  const { t } = useTranslation();
  return (item: Item): string | null => {
    // While the item is being typed its numbers may be missing: no corner text rather than a crash.
    let limit: string | null | undefined;
    try {
      limit = typeof item.type === 'string' ? itemLimit(item as unknown as SchemeItem) : null;
    } catch {
      return null;
    }
    if (typeof limit !== 'string' || !/^-?\d/.test(limit)) return null;
    const isDeduction = item.type === 'penalty' || item.type === 'required_counts';
    // A negative cap on a scoring item is an error the field shows; the corner stays quiet.
    if (limit.startsWith('-') !== isDeduction) return null;
    return isDeduction ? t('leaderboard.maxDeduction', { points: limit.slice(1) }) : t('leaderboard.full', { points: limit });
  };
}

interface ItemCardProps {
  form: FormInstance;
  index: number;
  count: number;
  readOnly: boolean;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}

/** One numbered item card: what it scores, with move and delete in the corner. */
export function ItemEditorCard({ form, index, count, readOnly, onMove, onRemove }: ItemCardProps) {
  const { t } = useTranslation();
  const path: FieldPath = ['items', index];
  const item = (Form.useWatch(path, { form, preserve: true }) ?? {}) as Item;
  const limitText = useLimitText()(item);
  const hasIssues = useIssuesAt(path).length > 0;
  const label = typeof item.label === 'string' && item.label.trim() !== '' ? item.label : t('schemes.unnamed');
  return (
    <Card
      size="small"
      className="zs-sc-item"
      data-testid={`schemes-item-${index}`}
      title={
        <Space size={6} wrap>
          <span className="zs-sc-item-no">{index + 1}.</span>
          <span>{label}</span>
          {typeof item.type === 'string' && <Tag>{t(`leaderboard.itemTypes.${item.type as ItemType}`)}</Tag>}
          {limitText && <Typography.Text type="secondary">{limitText}</Typography.Text>}
        </Space>
      }
      extra={
        !readOnly && (
          <Space size={0}>
            <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} aria-label={t('schemes.moveUp', { n: index + 1 })} onClick={() => onMove(index, index - 1)} />
            <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} aria-label={t('schemes.moveDown', { n: index + 1 })} onClick={() => onMove(index, index + 1)} />
            <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={count === 1} aria-label={t('schemes.removeItem', { n: index + 1 })} onClick={() => onRemove(index)} />
          </Space>
        )
      }
    >
      {hasIssues && <ListIssues path={path} />}
      <ItemCore form={form} path={path} types={ITEM_TYPES} readOnly={readOnly} />
    </Card>
  );
}
