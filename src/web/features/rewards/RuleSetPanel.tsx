import { useState } from 'react';
import { CopyOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Collapse, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RewardRun } from '../../../shared/api/rewards';
import { describeCaps, describeRuleItem } from '../../../shared/rewards/describe';
import type { RewardItem, RewardRules } from '../../../shared/rewards/rules';
import { QueryError } from '../../components/QueryError';
import { labelLang } from '../../i18n';
import { colon } from '../../i18n/punctuation';
import { NewVersionDrawer } from './NewVersionDrawer';
import { useRuleSet, useRuleSets } from './rewards.queries';

/** The rules as run, in words: one row per item with what it is computed on and each tier. */
function RulesInWords({ rules }: { rules: RewardRules }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const rows = rules.items.map((item) => ({ item, words: describeRuleItem(item, lang) }));
  return (
    <Space orientation="vertical" size={10} style={{ width: '100%' }}>
      {rules.description && <Typography.Paragraph style={{ marginBottom: 0 }}>{rules.description}</Typography.Paragraph>}
      <Table<(typeof rows)[number]>
        size="small"
        pagination={false}
        rowKey={(r) => r.item.id}
        dataSource={rows}
        scroll={{ x: 760 }}
        columns={[
          { title: t('rewards.rulesPanel.item'), key: 'label', width: 200, render: (_, r) => <Typography.Text strong>{r.item.label}</Typography.Text> },
          { title: t('rewards.rulesPanel.kind'), key: 'kind', width: 170, render: (_, r) => <Tag>{r.words.kind}</Tag> },
          { title: t('rewards.rulesPanel.basis'), key: 'basis', render: (_, r) => r.words.basis },
          {
            title: t('rewards.rulesPanel.tiers'),
            key: 'tiers',
            width: 300,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                {r.words.tiers.map((tier, k) => (
                  <Typography.Text key={k}>
                    {tier.range}
                    {colon()}
                    <Typography.Text strong>{tier.pays}</Typography.Text>
                  </Typography.Text>
                ))}
                {r.words.below && <Typography.Text type="secondary">{r.words.below}</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />
      <Space size={[16, 6]} wrap>
        {describeCaps(rules.caps, lang).map((c) => (
          <Typography.Text key={c.label}>
            {c.label}
            {colon()}
            <Typography.Text strong>{c.value}</Typography.Text>
          </Typography.Text>
        ))}
      </Space>
      <Typography.Text type="secondary">{t('rewards.rulesPanel.wholeAmount')}</Typography.Text>
      <Typography.Text type="secondary">{t('rewards.rulesPanel.order')}</Typography.Text>
      <Typography.Text type="secondary">{t('rewards.rulesPanel.onlyVerified')}</Typography.Text>
    </Space>
  );
}

/**
 * 奖励办法 of the selected run, read-only and folded by default: each item, its tiers and rates, the
 * caps and the order of computation, so a reader sees where the amounts come from; the JSON for power
 * users; for the bureau, a new version in a form or as JSON (on the latest version only).
 */
export function RuleSetPanel({ run, canWrite }: { run: RewardRun; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ruleSet = useRuleSet(run.ruleSetId);
  const versions = useRuleSets(canWrite);
  const [isEditing, setEditing] = useState(false);
  const [isOpen, setOpen] = useState(false);
  const status = ruleSet.data ? t(ruleSet.data.status === 'active' ? 'rewards.ruleActive' : 'rewards.ruleDraft') : '';
  const isLatest = ruleSet.data !== undefined && versions.data !== undefined && !versions.data.items.some((v) => v.previousId === ruleSet.data.id);
  const json = ruleSet.data ? JSON.stringify(ruleSet.data.rules, null, 2) : '';

  const body = ruleSet.isError ? (
    <QueryError error={ruleSet.error} onRetry={() => void ruleSet.refetch()} />
  ) : !ruleSet.data ? (
    <Spin />
  ) : (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <RulesInWords rules={ruleSet.data.rules as unknown as RewardRules & { items: RewardItem[] }} />
      {canWrite && (
        <Space wrap>
          {isLatest && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('rewards.newVersion.button')}
            </Button>
          )}
          {versions.data && !isLatest && <Typography.Text type="secondary">{t('rewards.newVersion.notLatest')}</Typography.Text>}
        </Space>
      )}
      <Collapse
        size="small"
        items={[
          {
            key: 'json',
            label: t('rewards.rulesPanel.json'),
            children: (
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <pre style={{ margin: 0, maxHeight: 420, overflow: 'auto', fontSize: 12 }} data-testid="rules-json">
                  {json}
                </pre>
                <Space wrap>
                  <Button size="small" icon={<CopyOutlined />} onClick={() => void navigator.clipboard?.writeText(json).then(() => message.success(t('common.copied')))}>
                    {t('common.copy')}
                  </Button>
                </Space>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );

  return (
    <>
      <Collapse
        size="small"
        style={{ marginBottom: 12, background: '#fff' }}
        data-testid="rules-panel"
        activeKey={isOpen ? ['rules'] : []}
        onChange={(keys) => setOpen(keys.includes('rules'))}
        items={[
          {
            key: 'rules',
            label: (
              <Space size={8} wrap>
                <Typography.Text strong>
                  {t('rewards.rulesPanel.title', { name: run.ruleSetName, version: run.ruleSetVersion })}
                </Typography.Text>
                {status && <Tag color={ruleSet.data?.status === 'active' ? 'blue' : 'default'}>{status}</Tag>}
                {!isOpen && <Typography.Text type="secondary">{t('rewards.rulesPanel.expandHint')}</Typography.Text>}
              </Space>
            ),
            children: body,
          },
        ]}
      />
      {isEditing && ruleSet.data && <NewVersionDrawer ruleSet={ruleSet.data} onClose={() => setEditing(false)} />}
    </>
  );
}
