import { useState } from 'react';
import { Alert, App, Button, Drawer, Grid, Input, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleSetRecord } from '../../../shared/api/rewards';
import { ApiError } from '../../api/client';
import { labelLang } from '../../i18n';
import { colon } from '../../i18n/punctuation';
import { formToRules, issuesByField, ruleFormIssues, rulesToForm, unplacedIssues, type FormIssue, type RulesForm } from './rule-form';
import { rulePlace, ruleIssuesOf, type RuleIssueText } from './rule-issues';
import { RuleIssuesContext, RuleSetForm } from './RuleSetForm';
import { useNewRuleSetVersion } from './rewards.queries';

type Tab = 'form' | 'json';

/** The refused fields as a list: the field's path, where it is in words, and why. */
function IssueList({ issues, rules }: { issues: RuleIssueText[]; rules: unknown }) {
  const { t } = useTranslation();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="rule-issues">
      {issues.map((i, k) => (
        <li key={k}>
          <Typography.Text code>{i.field}</Typography.Text> {rulePlace(t, i.path, rules)}
          {colon()}
          {i.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * 另存新版本: the latest version's rules in a form (or, for power users, as JSON). The form is checked
 * with the shared zod schema before it is sent; the server checks again and names each refused field,
 * which lands on the same input (both use the rule set's paths).
 */
export function NewVersionDrawer({ ruleSet, onClose }: { ruleSet: RuleSetRecord; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const { message } = App.useApp();
  const isPhone = Grid.useBreakpoint().md === false;
  const save = useNewRuleSetVersion();
  const [tab, setTab] = useState<Tab>('form');
  const [form, setForm] = useState<RulesForm>(() => rulesToForm(ruleSet.rules));
  const [text, setText] = useState(() => JSON.stringify(ruleSet.rules, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  // Client errors show once a save was tried, then follow every change.
  const [isChecked, setChecked] = useState(false);
  const [failure, setFailure] = useState<{ message: string; issues: RuleIssueText[] } | null>(null);
  const [sent, setSent] = useState<unknown>(null);

  const issueText = (i: FormIssue): string => {
    if (i.kind === 'required') return t('rewards.form.issues.required');
    if (i.kind === 'too_few') return t('rewards.form.issues.tooFew');
    if (i.kind === 'money') return t('rewards.form.issues.money');
    if (i.kind === 'rate') return t('rewards.form.issues.rate');
    if (i.kind === 'id') return t('rewards.form.issues.id');
    return /[\u4e00-\u9fff]/.test(i.message) || lang === 'en' ? i.message : t('rewards.form.issues.invalid');
  };
  // A small document: checked on every render once a save was tried.
  const clientIssues = isChecked ? ruleFormIssues(form, lang) : [];
  const fieldIssues = issuesByField([...clientIssues.map((i) => ({ field: i.field, message: issueText(i) })), ...(failure?.issues ?? [])]);

  const changeForm = (next: RulesForm) => {
    setForm(next);
    setFailure(null);
  };

  const switchTab = (next: Tab) => {
    if (next === tab) return;
    if (next === 'json') {
      setText(JSON.stringify(formToRules(form), null, 2));
    } else {
      try {
        changeForm(rulesToForm(JSON.parse(text)));
      } catch (e) {
        setParseError(e instanceof Error ? e.message : String(e));
        return;
      }
    }
    setParseError(null);
    setFailure(null);
    setTab(next);
  };

  const submit = async () => {
    let rules: unknown;
    if (tab === 'form') {
      setChecked(true);
      if (ruleFormIssues(form, lang).length > 0) return;
      rules = formToRules(form);
    } else {
      try {
        rules = JSON.parse(text);
      } catch (e) {
        setParseError(e instanceof Error ? e.message : String(e));
        return;
      }
    }
    setParseError(null);
    setFailure(null);
    setSent(rules);
    try {
      const created = await save.mutateAsync({ id: ruleSet.id, rules });
      void message.success(t('rewards.newVersion.saved', { version: created.version }));
      onClose();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setFailure({ message: e.message, issues: ruleIssuesOf(e.details, lang) });
    }
  };

  // In the form, the server's issues sit on their fields; only those with no field of their own are listed.
  const listed = failure ? (tab === 'form' ? unplacedIssues(failure.issues, form) : failure.issues) : [];

  return (
    <Drawer
      open
      title={t('rewards.newVersion.title', { name: ruleSet.name, version: ruleSet.version + 1 })}
      size={isPhone ? '100%' : 880}
      onClose={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('rewards.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
            {t('rewards.newVersion.save')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t(tab === 'form' ? 'rewards.form.hint' : 'rewards.newVersion.hint', { version: ruleSet.version + 1 })}</Typography.Text>
        {parseError && <Alert type="error" showIcon title={t('rewards.newVersion.parseError')} description={parseError} />}
        {tab === 'form' && clientIssues.length > 0 && <Alert type="error" showIcon data-testid="rule-form-issues" title={t('rewards.form.fixErrors', { count: clientIssues.length })} />}
        {failure && (
          <Alert
            type="error"
            showIcon
            title={failure.issues.length ? t('rewards.newVersion.invalid', { count: failure.issues.length }) : failure.message}
            description={listed.length > 0 && <IssueList issues={listed} rules={sent} />}
          />
        )}
        <Tabs
          activeKey={tab}
          onChange={(k) => switchTab(k as Tab)}
          items={[
            {
              key: 'form',
              label: t('rewards.form.tabForm'),
              children: (
                <RuleIssuesContext.Provider value={fieldIssues}>
                  <RuleSetForm value={form} onChange={changeForm} />
                </RuleIssuesContext.Provider>
              ),
            },
            {
              key: 'json',
              label: t('rewards.form.tabJson'),
              children: (
                <Input.TextArea
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  autoSize={{ minRows: 14, maxRows: 30 }}
                  spellCheck={false}
                  style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 }}
                  aria-label={t('rewards.rulesPanel.json')}
                />
              ),
            },
          ]}
        />
      </Space>
    </Drawer>
  );
}
