import { createContext, useContext, type ReactNode } from 'react';
import { Form, Tag, Typography } from 'antd';
import type { FormItemProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SchemeStatus } from '../../../shared/api/assessment';
import { EXTRA_METRICS, isCollectedMetric, metricLabel } from '../../../shared/assessment/metrics';
import { ERROR_MESSAGES, type ErrorCode } from '../../../shared/errors';
import { labelLang } from '../../i18n';
import { useFigureText } from '../dashboard/figure-text';
import { chinesePart, describePath, type FieldPath, type FormValues, type SchemeIssue } from './scheme-form';

// The scheme editor's shared pieces: where a field's error comes from (the shared zod schema or the
// server, by field path), a Form.Item that shows it, and the words for statuses, issues and paths.

/** Field path (`items.0.cap`) → the messages to show next to it. */
export type IssueMap = ReadonlyMap<string, string[]>;

export const IssuesContext = createContext<IssueMap>(new Map());

export const pathKey = (path: FieldPath) => path.join('.');

/** The messages for a path and for nothing else. */
export function useIssuesAt(path: FieldPath): string[] {
  return useContext(IssuesContext).get(pathKey(path)) ?? [];
}

/** A form field named by its scheme path, with the scheme's error for that path under it. */
export function SField({ path, children, help, ...rest }: Omit<FormItemProps, 'name' | 'validateStatus'> & { path: FieldPath; children: ReactNode }) {
  const messages = useIssuesAt(path);
  return (
    <Form.Item name={path} validateStatus={messages.length ? 'error' : undefined} help={messages.length ? messages.join('；') : help} {...rest}>
      {children}
    </Form.Item>
  );
}

/** Errors of a list as a whole (weights of a composite, at least one tier), where no single field is to blame. */
export function ListIssues({ path }: { path: FieldPath }) {
  const messages = useIssuesAt(path);
  if (!messages.length) return null;
  return (
    <div role="alert">
      {messages.map((m) => (
        <Typography.Text key={m} type="danger" style={{ display: 'block' }}>
          {m}
        </Typography.Text>
      ))}
    </div>
  );
}

export function SchemeStatusTag({ status }: { status: SchemeStatus }) {
  const { t } = useTranslation();
  const color = status === 'draft' ? 'processing' : status === 'active' ? 'success' : 'default';
  return <Tag color={color}>{t(`schemes.status.${status}`)}</Tag>;
}

/** A zod issue in the official's words: 请填写 / 不能小于 0 / the engine's own Chinese sentence. */
export function useIssueText() {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  return (issue: SchemeIssue): string => {
    const last = issue.path[issue.path.length - 1];
    if (issue.isMissing) return t('schemes.issues.required');
    if (issue.code === 'too_small') {
      if (issue.minimum !== undefined && typeof last === 'string' && ['items', 'parts', 'bands', 'prefixes', 'sources', 'types', 'ids'].includes(last)) return t('schemes.issues.atLeastRows', { min: issue.minimum });
      if (issue.minimum === 1 && last === 'label') return t('schemes.issues.required');
      if (issue.minimum === 1 && last === 'name') return t('schemes.issues.required');
      if (issue.minimum !== undefined) return issue.inclusive === false ? t('schemes.issues.above', { min: issue.minimum }) : t('schemes.issues.min', { min: issue.minimum });
    }
    if (issue.code === 'too_big' && issue.maximum !== undefined) return t('schemes.issues.max', { max: issue.maximum });
    if (last === 'id') return t('schemes.issues.itemId');
    if (last === 'metric' && issue.code === 'custom' && /unknown metric/.test(issue.message)) return t('schemes.issues.unknownMetric');
    if (issue.code === 'invalid_union' || issue.code === 'invalid_value') return t('schemes.issues.choose');
    if (issue.code === 'unrecognized_keys') return t('schemes.issues.unknownKeys', { keys: issue.message });
    if (lang === 'zh') return chinesePart(issue.message) ?? t('schemes.issues.invalid');
    return issue.message;
  };
}

/** A server detail message: an error code (ASSESSMENT_UNIT_OUT_OF_SCOPE) in the user's language, or the engine's text. */
export function useServerIssueText() {
  const { i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  return (message: string, fallback: string): string => {
    const known = ERROR_MESSAGES[message as ErrorCode] as { zh: string; en: string } | undefined;
    if (known) return known[lang];
    if (lang === 'zh') return chinesePart(message) ?? (message ? `${fallback}（${message}）` : fallback);
    return message || fallback;
  };
}

/** "第 2 项「签约项目」· 组成部分 1「个数」· 封顶分值": where in the scheme a problem is. */
export function usePathText() {
  const { t } = useTranslation();
  return (path: FieldPath, values: FormValues): string =>
    describePath(path, values)
      .map((step) => {
        switch (step.kind) {
          case 'item':
            return t('schemes.path.item', { n: step.index + 1, label: step.label || t('schemes.unnamed') });
          case 'part':
            return t('schemes.path.part', { n: step.index + 1, label: step.label || t('schemes.unnamed') });
          case 'row':
            return t('schemes.path.row', { list: t(`schemes.lists.${step.list}` as 'schemes.lists.amountTiers', { defaultValue: step.list }), n: step.index + 1 });
          case 'field':
            return t(`schemes.fields.${step.name}` as 'schemes.fields.name', { defaultValue: step.name });
        }
      })
      .join(' · ');
}

/** A metric's name for officials: the engine's Chinese label, or the dashboard's English one. */
export function useMetricName() {
  const { t, i18n } = useTranslation();
  const { label } = useFigureText();
  const lang = labelLang(i18n.language);
  return (metric: string): string => {
    if (lang === 'zh') return metricLabel(metric);
    if ((EXTRA_METRICS as readonly string[]).includes(metric)) return t(`schemes.extraMetrics.${metric}` as 'schemes.extraMetrics.followup_count');
    return label(metric);
  };
}

/** Whether a run can read the metric today; the editor warns next to ones it cannot. */
export const isMetricCollected = isCollectedMetric;
