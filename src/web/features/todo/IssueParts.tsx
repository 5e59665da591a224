import { useState } from 'react';
import { App, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ISSUE_ACTIONS, type Issue, type IssueAction } from '../../../shared/api/issues';
import type { IssueStatus } from '../../../shared/project';
import { useShowError } from '../../api/errors';
import { formatDateTime } from '../../format';
import { hasPermission, useCurrentUser } from '../auth/session';
import { AnswerIssueModal } from './AnswerIssueModal';
import { useIssueAction } from './todo.queries';
import { colon } from '../project-detail/labels';

const STATUS_COLORS: Record<IssueStatus, string> = { open: 'processing', answered: 'success', closed: 'default', escalated: 'volcano' };

/** 待答复 · 已答复 · 已办结 · 已提级 */
export function IssueStatusTag({ issue, small }: { issue: Pick<Issue, 'status' | 'isOverdue'>; small?: boolean }) {
  const { t } = useTranslation();
  const className = small ? 'zs-tag-small' : undefined;
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[issue.status]} className={className}>
        {t(`todo.status.${issue.status}`)}
      </Tag>
      {issue.isOverdue && (
        <Tag color="red" variant="filled" className={className}>
          {t('todo.overdue')}
        </Tag>
      )}
    </Space>
  );
}

/** The issue's text and its history in words: description, answer, escalation. */
export function IssueDetails({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
      <div>
        <Typography.Text type="secondary">{t('todo.description')}{colon()}</Typography.Text>
        <span style={{ whiteSpace: 'pre-wrap' }}>{issue.description || '—'}</span>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('todo.createdBy', { name: issue.createdBy.displayName, time: formatDateTime(issue.createdAt) })}
      </Typography.Text>
      {issue.answer && (
        <div style={{ background: '#f6ffed', padding: '6px 10px', borderRadius: 4 }}>
          <Typography.Text type="secondary">
            {t('todo.answerBy', { name: issue.answeredBy?.displayName ?? '—', time: formatDateTime(issue.answeredAt) })}
          </Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>{issue.answer}</div>
        </div>
      )}
      {issue.escalationReason && (
        <div style={{ background: '#fff7e6', padding: '6px 10px', borderRadius: 4 }}>
          <Typography.Text type="secondary">{t('todo.escalatedAt', { time: formatDateTime(issue.escalatedAt) })}</Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>{issue.escalationReason}</div>
        </div>
      )}
      {issue.closedAt && <Typography.Text type="secondary">{t('todo.closedAt', { time: formatDateTime(issue.closedAt) })}</Typography.Text>}
    </Space>
  );
}

type SideAction = Exclude<IssueAction, 'answer'>;

function ActionModal({ issue, action, onClose }: { issue: Issue; action: SideAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const showError = useShowError();
  const mutation = useIssueAction();
  const isRequired = action !== 'close';
  return (
    <Modal
      open
      title={t(`todo.actionTitle.${action}`, { title: issue.title })}
      okText={t(`todo.action.${action}`)}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ text }: { text?: string }) =>
          mutation.mutate(
            { id: issue.id, action, text: text?.trim() || null },
            {
              onSuccess: () => {
                void message.success(t('common.saved'));
                onClose();
              },
              onError: (error) => showError(error, form, { ISSUE_STATUS: 'text' }),
            },
          )
        }
      >
        <Form.Item
          name="text"
          label={isRequired ? t('todo.reason') : t('todo.closeNote')}
          rules={isRequired ? [{ required: true, whitespace: true, message: t('todo.reasonRequired') }, { max: 1000 }] : [{ max: 1000 }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const can = (action: IssueAction, status: IssueStatus) => (ISSUE_ACTIONS[action] as readonly IssueStatus[]).includes(status);

/**
 * What the user may do with an issue now: 答复 (the department or bureau), 办结 / 提级协调 /
 * 重新打开 (the project's side). Only the transitions the workflow allows from this status.
 */
export function IssueActions({ issue, onReload }: { issue: Issue; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [open, setOpen] = useState<IssueAction | null>(null);
  const canAnswer = hasPermission(me, 'issues.answer') && can('answer', issue.status);
  const sideActions = hasPermission(me, 'issues.write') ? (['close', 'escalate', 'reopen'] as const).filter((a) => can(a, issue.status)) : [];
  if (!canAnswer && sideActions.length === 0) return null;
  return (
    <>
      <Space size={12} wrap>
        {canAnswer && <Typography.Link onClick={() => setOpen('answer')}>{t('todo.action.answer')}</Typography.Link>}
        {sideActions.map((a) => (
          <Typography.Link key={a} type={a === 'escalate' ? 'warning' : undefined} onClick={() => setOpen(a)}>
            {t(`todo.action.${a}`)}
          </Typography.Link>
        ))}
      </Space>
      {open === 'answer' && <AnswerIssueModal issue={issue} onClose={() => setOpen(null)} onReload={onReload} />}
      {open && open !== 'answer' && <ActionModal issue={issue} action={open} onClose={() => setOpen(null)} />}
    </>
  );
}
