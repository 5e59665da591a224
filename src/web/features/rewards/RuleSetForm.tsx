import { createContext, useContext, type ReactNode } from 'react';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FUND_SOURCE_LABELS, FUND_SOURCES } from '../../../shared/funds';
import { PROJECT_FIGURE_LABELS, PROJECT_FIGURES, REWARD_EVENT_LABELS, REWARD_EVENTS, REWARD_ITEM_TYPE_LABELS, REWARD_ITEM_TYPES, type RewardItemType } from '../../../shared/rewards/rules';
import { cleanMoneyText, MoneyInput } from '../../components/Money';
import { labelLang } from '../../i18n';
import { CAP_KEYS, changeRuleItemType, moveIn, newRuleItem, nextRuleItemId, pathKey, type FieldPath, type RuleItemForm, type RulesForm } from './rule-form';

// The rule set as a form: name and description, each reward item with the fields of its kind and its
// tiers table, the caps. Controlled: the drawer owns the values and the issues (from the shared zod
// schema or the server), keyed by the rule set's field path, so an error shows next to its input.

/** Field key (`items.0.tiers.1.atLeast`) → the messages to show there. */
export const RuleIssuesContext = createContext<ReadonlyMap<string, string[]>>(new Map());

function RField({ path, label, help, required, children }: { path: FieldPath; label?: ReactNode; help?: ReactNode; required?: boolean; children: ReactNode }) {
  const messages = useContext(RuleIssuesContext).get(pathKey(path)) ?? [];
  return (
    <Form.Item label={label} required={required} validateStatus={messages.length ? 'error' : undefined} help={messages.length ? messages.join('；') : help} style={{ marginBottom: 8 }}>
      {children}
    </Form.Item>
  );
}

/** A list's own error (no tier, no source), where no single input is to blame. */
function ListIssues({ path }: { path: FieldPath }) {
  const messages = useContext(RuleIssuesContext).get(pathKey(path)) ?? [];
  if (!messages.length) return null;
  return (
    <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
      {messages.join('；')}
    </Typography.Text>
  );
}

/** A ‰ rate as the exact string typed (digits and one point), never a float. */
function RateInput({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  return <Input value={value} inputMode="decimal" autoComplete="off" aria-label={label} suffix="‰" onChange={(e) => onChange(cleanMoneyText(e.target.value))} />;
}

function TiersTable({ item, path, onChange, readOnly }: { item: RuleItemForm; path: FieldPath; onChange: (tiers: RuleItemForm['tiers']) => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const isAmount = item.type === 'fixed_per_project';
  const tiers = item.tiers as { atLeast: string; perMille?: string; amount?: string }[];
  const setTier = (k: number, key: 'atLeast' | 'perMille' | 'amount', v: string) => onChange(tiers.map((row, j) => (j === k ? { ...row, [key]: v } : row)) as RuleItemForm['tiers']);
  const blank = isAmount ? { atLeast: '', amount: '' } : { atLeast: '', perMille: '' };
  return (
    <div data-testid="rule-tiers">
      <Row gutter={8}>
        <Col flex="48px" />
        <Col flex="1 1 0">
          <Typography.Text type="secondary">{t('rewards.form.atLeast')}</Typography.Text>
        </Col>
        <Col flex="1 1 0">
          <Typography.Text type="secondary">{isAmount ? t('rewards.form.amount') : t('rewards.form.perMille')}</Typography.Text>
        </Col>
        <Col flex="32px" />
      </Row>
      {tiers.map((tier, k) => (
        <Row key={k} gutter={8} align="top">
          <Col flex="48px" style={{ paddingTop: 5 }}>
            <Typography.Text type="secondary">{t('rewards.form.tierN', { n: k + 1 })}</Typography.Text>
          </Col>
          <Col flex="1 1 0">
            <RField path={[...path, k, 'atLeast']}>
              <MoneyInput value={tier.atLeast} onChange={(v) => setTier(k, 'atLeast', v ?? '')} aria-label={t('rewards.form.tierAtLeast', { n: k + 1 })} />
            </RField>
          </Col>
          <Col flex="1 1 0">
            {isAmount ? (
              <RField path={[...path, k, 'amount']}>
                <MoneyInput value={tier.amount ?? ''} onChange={(v) => setTier(k, 'amount', v ?? '')} aria-label={t('rewards.form.tierAmount', { n: k + 1 })} />
              </RField>
            ) : (
              <RField path={[...path, k, 'perMille']}>
                <RateInput value={tier.perMille ?? ''} onChange={(v) => setTier(k, 'perMille', v)} label={t('rewards.form.tierPerMille', { n: k + 1 })} />
              </RField>
            )}
          </Col>
          <Col flex="32px">
            {!readOnly && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('rewards.form.removeTier', { n: k + 1 })} onClick={() => onChange(tiers.filter((_, j) => j !== k) as RuleItemForm['tiers'])} />}
          </Col>
        </Row>
      ))}
      <ListIssues path={path} />
      {!readOnly && tiers.length < 10 && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...tiers, blank] as RuleItemForm['tiers'])}>
          {t('rewards.form.addTier')}
        </Button>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
        {t('rewards.form.tiersHint')}
      </Typography.Text>
    </div>
  );
}

function ItemCard({ item, index, count, onChange, onMove, onRemove }: { item: RuleItemForm; index: number; count: number; onChange: (item: RuleItemForm) => void; onMove: (to: number) => void; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const p = (...rest: (string | number)[]): FieldPath => ['items', index, ...rest];
  return (
    <Card
      size="small"
      data-testid={`rule-item-${index}`}
      title={t('rewards.form.itemN', { n: index + 1, label: item.label })}
      extra={
        <Space size={0}>
          <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} aria-label={t('rewards.form.moveUp')} onClick={() => onMove(index - 1)} />
          <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} aria-label={t('rewards.form.moveDown')} onClick={() => onMove(index + 1)} />
          <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={count <= 1} aria-label={t('rewards.form.removeItem')} onClick={onRemove} />
        </Space>
      }
    >
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <RField path={p('label')} label={t('rewards.form.label')} required>
            <Input value={item.label} maxLength={100} aria-label={t('rewards.form.label')} onChange={(e) => onChange({ ...item, label: e.target.value })} />
          </RField>
        </Col>
        <Col xs={24} md={8}>
          <RField path={p('type')} label={t('rewards.form.type')} required>
            <Select<RewardItemType> value={item.type} aria-label={t('rewards.form.type')} options={REWARD_ITEM_TYPES.map((x) => ({ value: x, label: REWARD_ITEM_TYPE_LABELS[x][lang] }))} onChange={(type) => onChange(changeRuleItemType(item, type))} />
          </RField>
        </Col>
        <Col xs={24} md={6}>
          <RField path={p('id')} label={t('rewards.form.id')} help={t('rewards.form.idHelp')} required>
            <Input value={item.id} maxLength={40} aria-label={t('rewards.form.id')} onChange={(e) => onChange({ ...item, id: e.target.value })} />
          </RField>
        </Col>
      </Row>
      <Row gutter={12}>
        {item.type === 'funds_per_mille' ? (
          <Col xs={24}>
            <RField path={p('sources')} label={t('rewards.form.sources')} required>
              <Select mode="multiple" value={item.sources} aria-label={t('rewards.form.sources')} options={FUND_SOURCES.map((s) => ({ value: s, label: FUND_SOURCE_LABELS[s][lang] }))} onChange={(sources) => onChange({ ...item, sources })} />
            </RField>
          </Col>
        ) : (
          <>
            <Col xs={24} md={12}>
              <RField path={p('figure')} label={t('rewards.form.figure')} required>
                <Select value={item.figure} aria-label={t('rewards.form.figure')} options={PROJECT_FIGURES.map((f) => ({ value: f, label: PROJECT_FIGURE_LABELS[f][lang] }))} onChange={(figure) => onChange({ ...item, figure })} />
              </RField>
            </Col>
            <Col xs={24} md={12}>
              <RField path={p('event')} label={t('rewards.form.event')} help={t('rewards.form.eventHelp')} required>
                <Select value={item.event} aria-label={t('rewards.form.event')} options={REWARD_EVENTS.map((e) => ({ value: e, label: REWARD_EVENT_LABELS[e][lang] }))} onChange={(event) => onChange({ ...item, event })} />
              </RField>
            </Col>
          </>
        )}
      </Row>
      <TiersTable item={item} path={p('tiers')} onChange={(tiers) => onChange({ ...item, tiers } as RuleItemForm)} />
    </Card>
  );
}

export function RuleSetForm({ value, onChange }: { value: RulesForm; onChange: (next: RulesForm) => void }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const setItems = (items: RuleItemForm[]) => onChange({ ...value, items });
  return (
    <Form layout="vertical" component="div">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title={t('rewards.form.basic')}>
          <RField path={['name']} label={t('rewards.form.name')} required>
            <Input value={value.name} maxLength={100} aria-label={t('rewards.form.name')} onChange={(e) => onChange({ ...value, name: e.target.value })} />
          </RField>
          <RField path={['description']} label={t('rewards.form.description')}>
            <Input.TextArea value={value.description} maxLength={4000} autoSize={{ minRows: 2, maxRows: 6 }} aria-label={t('rewards.form.description')} onChange={(e) => onChange({ ...value, description: e.target.value })} />
          </RField>
        </Card>
        <ListIssues path={['items']} />
        {value.items.map((item, i) => (
          <ItemCard
            key={i}
            item={item}
            index={i}
            count={value.items.length}
            onChange={(next) => setItems(value.items.map((x, j) => (j === i ? next : x)))}
            onMove={(to) => setItems(moveIn(value.items, i, to))}
            onRemove={() => setItems(value.items.filter((_, j) => j !== i))}
          />
        ))}
        {value.items.length < 20 && (
          <Select<RewardItemType>
            value={null}
            aria-label={t('rewards.form.addItem')}
            placeholder={
              <span>
                <PlusOutlined /> {t('rewards.form.addItem')}
              </span>
            }
            style={{ width: 280 }}
            popupMatchSelectWidth={false}
            options={REWARD_ITEM_TYPES.map((x) => ({ value: x, label: REWARD_ITEM_TYPE_LABELS[x][lang] }))}
            onChange={(type) => setItems([...value.items, newRuleItem(type, nextRuleItemId(value.items))])}
          />
        )}
        <Card size="small" title={t('rewards.form.caps')} extra={<Typography.Text type="secondary">{t('rewards.form.capsHint')}</Typography.Text>}>
          <Row gutter={12}>
            {CAP_KEYS.map((key) => (
              <Col key={key} xs={24} md={8}>
                <RField path={['caps', key]} label={t(`rewards.form.${key}`)}>
                  <MoneyInput value={value.caps[key]} placeholder={t('rewards.form.noCap')} aria-label={t(`rewards.form.${key}`)} onChange={(v) => onChange({ ...value, caps: { ...value.caps, [key]: v ?? '' } })} />
                </RField>
              </Col>
            ))}
          </Row>
        </Card>
      </Space>
    </Form>
  );
}
