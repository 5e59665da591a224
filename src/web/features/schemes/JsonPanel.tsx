import { useState } from 'react';
import { CopyOutlined, ImportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formToScheme, schemeIssues, schemeToForm, type FormValues, type SchemeIssue } from './scheme-form';
import { useIssueText, usePathText } from './scheme-ui';

/** The text the JSON view starts from: the form's scheme, pretty-printed. */
export function schemeJson(values: FormValues): string {
  return JSON.stringify(formToScheme(values), null, 2);
}

interface Props {
  /** The form's scheme when the tab was opened. */
  initialText: string;
  readOnly: boolean;
  /** Take a valid scheme into the form. */
  onApply: (values: FormValues) => void;
}

/**
 * JSON 视图 for power users: the same scheme as text. 应用到表单 checks it with the shared zod schema
 * first and lists each problem with where it is; only a valid scheme replaces the form's content.
 */
export function JsonPanel({ initialText, readOnly, onApply }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const issueText = useIssueText();
  const pathText = usePathText();
  const [text, setText] = useState(initialText);
  const [parseError, setParseError] = useState<string | null>(null);
  const [issues, setIssues] = useState<{ issues: SchemeIssue[]; values: FormValues } | null>(null);

  const apply = () => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      setParseError(e instanceof Error ? e.message : String(e));
      setIssues(null);
      return;
    }
    setParseError(null);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      setParseError(t('schemes.json.notObject'));
      return;
    }
    const values = schemeToForm(data as Record<string, unknown>);
    const found = schemeIssues(values);
    if (found.length) {
      setIssues({ issues: found, values });
      return;
    }
    setIssues(null);
    onApply(values);
    void message.success(t('schemes.json.applied'));
  };

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t(readOnly ? 'schemes.json.readOnlyHint' : 'schemes.json.hint')}</Typography.Text>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        readOnly={readOnly}
        autoSize={{ minRows: 16, maxRows: 40 }}
        spellCheck={false}
        className="zs-sc-json"
        aria-label={t('schemes.tabs.json')}
      />
      {parseError && <Alert type="error" showIcon title={t('schemes.json.parseError')} description={parseError} />}
      {issues && (
        <Alert
          type="error"
          showIcon
          title={t('schemes.json.invalid', { count: issues.issues.length })}
          description={
            <ul className="zs-sc-issues">
              {issues.issues.map((i, k) => (
                <li key={k}>
                  <Typography.Text code>{i.path.join('.') || '—'}</Typography.Text> {pathText(i.path, issues.values)}：{issueText(i)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Space wrap>
        {!readOnly && (
          <Button type="primary" icon={<ImportOutlined />} onClick={apply}>
            {t('schemes.json.apply')}
          </Button>
        )}
        <Button
          icon={<CopyOutlined />}
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => message.success(t('common.copied')));
          }}
        >
          {t('common.copy')}
        </Button>
      </Space>
    </Space>
  );
}
