import { useState } from 'react';
import { CalculatorOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { RewardRun, RuleSetRecord } from '../../../shared/api/rewards';
import type { SchemePeriod } from '../../../shared/assessment/scheme';
import { formatRewardWan } from '../../../shared/rewards/describe';
import { ApiError } from '../../api/client';
import { labelLang } from '../../i18n';
import { useSettings } from '../projects/projects.queries';
import { rewardPeriodChoices } from './reward-period';
import { useComputeRewardRun, usePublishRewardRun, useRuleSets } from './rewards.queries';

/** A rule-set version as the pickers name it: name, version and whether it is in use or a draft. */
export function useRuleSetLabel() {
  const { t } = useTranslation();
  return (r: Pick<RuleSetRecord, 'name' | 'version' | 'status'>) =>
    t('rewards.compute.ruleSetOption', { name: r.name, version: r.version, status: t(r.status === 'active' ? 'rewards.ruleActive' : 'rewards.ruleDraft') });
}

interface ComputeProps {
  /** The statistical year the page shows: the default period. */
  year: number;
  onComputed: (run: RewardRun) => void;
}

/**
 * 计算兑现 (bureau): choose a rule-set version and a period — the statistical year by default, a
 * quarter of it or any range — and compute a new run. A run is never recomputed in place: each
 * computation is a new, unpublished run the page then shows.
 */
export function ComputeRunButton({ year, onComputed }: ComputeProps) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const { message } = App.useApp();
  const [isOpen, setOpen] = useState(false);
  const ruleSets = useRuleSets(isOpen);
  const settings = useSettings();
  const compute = useComputeRewardRun();
  const ruleSetLabel = useRuleSetLabel();
  const [ruleSetId, setRuleSetId] = useState<number | undefined>();
  const [periodKey, setPeriodKey] = useState<string>('year');
  const [range, setRange] = useState<[string, string] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choices = rewardPeriodChoices(year, settings.data?.fiscalYearStartMonth ?? 1);
  const chosenRuleSet = ruleSetId ?? ruleSets.data?.items[0]?.id;
  const period: SchemePeriod | undefined =
    periodKey === 'custom' ? (range ? { kind: 'range', from: range[0], to: range[1] } : undefined) : choices.find((c) => c.key === periodKey)?.period;

  const choiceLabel = (c: (typeof choices)[number]) =>
    c.key === 'year' ? t('rewards.compute.periodYear', { from: c.from, to: c.to }) : t('rewards.compute.periodQuarter', { quarter: c.key.slice(1), from: c.from, to: c.to });

  const close = () => {
    setOpen(false);
    setError(null);
  };

  const submit = async () => {
    if (chosenRuleSet === undefined || period === undefined) return;
    setError(null);
    try {
      const run = await compute.mutateAsync({ ruleSetId: chosenRuleSet, period });
      void message.success(t('rewards.compute.done', { count: run.totals.lineCount, amount: formatRewardWan(run.totals.amount, lang) }));
      close();
      onComputed(run);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <>
      <Button type="primary" icon={<CalculatorOutlined />} onClick={() => setOpen(true)}>
        {t('rewards.compute.button')}
      </Button>
      <Modal
        open={isOpen}
        title={t('rewards.compute.title')}
        width={600}
        okText={t('rewards.compute.ok')}
        cancelText={t('rewards.cancel')}
        okButtonProps={{ disabled: chosenRuleSet === undefined || period === undefined, icon: <CalculatorOutlined /> }}
        confirmLoading={compute.isPending}
        onOk={() => void submit()}
        onCancel={close}
        destroyOnHidden
      >
        <Form layout="vertical" requiredMark={false}>
          <Form.Item label={t('rewards.compute.ruleSet')} htmlFor="reward-rule-set">
            <Select
              id="reward-rule-set"
              aria-label={t('rewards.compute.ruleSet')}
              loading={ruleSets.isPending}
              value={chosenRuleSet}
              onChange={setRuleSetId}
              notFoundContent={t('rewards.compute.noRuleSets')}
              options={(ruleSets.data?.items ?? []).map((r) => ({ value: r.id, label: ruleSetLabel(r) }))}
            />
          </Form.Item>
          <Form.Item label={t('rewards.compute.period')} htmlFor="reward-period">
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              <Select
                id="reward-period"
                aria-label={t('rewards.compute.period')}
                value={periodKey}
                onChange={setPeriodKey}
                options={[...choices.map((c) => ({ value: c.key, label: choiceLabel(c) })), { value: 'custom', label: t('rewards.compute.periodCustom') }]}
              />
              {periodKey === 'custom' && (
                <DatePicker.RangePicker
                  aria-label={t('rewards.compute.periodCustom')}
                  value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
                  onChange={(r) => setRange(r?.[0] && r[1] ? [r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')] : null)}
                  style={{ width: '100%' }}
                />
              )}
            </Space>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('rewards.compute.hint')}
        </Typography.Paragraph>
        {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={t('rewards.compute.failed')} description={error} />}
      </Modal>
    </>
  );
}

/**
 * 发布 (bureau, an unpublished run): after a confirmation that says what freezes — the run and the
 * rule-set version it was computed with — publish it for the units and referrers to see.
 */
export function PublishRunButton({ run }: { run: RewardRun }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const { modal, message } = App.useApp();
  const publish = usePublishRewardRun();

  const onPublish = () => {
    modal.confirm({
      title: t('rewards.publish.title'),
      width: 560,
      content: (
        <Space orientation="vertical" size={6}>
          <Typography.Text>
            {t('rewards.publish.freezes', {
              period: t('rewards.periodRange', { from: run.periodFrom, to: run.periodTo }),
              count: run.totals.lineCount,
              amount: formatRewardWan(run.totals.amount, lang),
            })}
          </Typography.Text>
          <Typography.Text>
            {t('rewards.publish.freezesRules', { rules: run.ruleSetName, version: run.ruleSetVersion })}
          </Typography.Text>
          <Typography.Text type="secondary">{t('rewards.publish.visible')}</Typography.Text>
          <Typography.Text type="warning">{t('rewards.publish.conflicts')}</Typography.Text>
        </Space>
      ),
      okText: t('rewards.publish.ok'),
      cancelText: t('rewards.cancel'),
      onOk: async () => {
        try {
          await publish.mutateAsync(run.id);
          void message.success(t('rewards.publish.done'));
        } catch (e) {
          void message.error(e instanceof ApiError ? e.message : String(e));
        }
      },
    });
  };

  return (
    <Button type="primary" icon={<SendOutlined />} onClick={onPublish} loading={publish.isPending}>
      {t('rewards.publish.button')}
    </Button>
  );
}

/** The run's status tag. */
export function RunStatusTag({ run }: { run: Pick<RewardRun, 'status'> }) {
  const { t } = useTranslation();
  return <Tag color={run.status === 'published' ? 'green' : 'orange'}>{t(run.status === 'published' ? 'rewards.statusPublished' : 'rewards.statusComputed')}</Tag>;
}
