import { App, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../shared/api/issues';
import { ApiError } from '../../api/client';
import { useShowError } from '../../api/errors';
import { FileUploadField, isUploading, uploadedIds, type UploadList } from '../project-detail/FileUploadField';
import { useLedgerLabels } from '../project-detail/labels';
import { useAnswerIssue } from './todo.queries';

interface Values {
  answer: string;
  files?: UploadList;
}

/**
 * 答复: the department's answer, checked against the version it read. If someone else answered or
 * changed the issue meanwhile (409), say so and offer to reload rather than overwrite.
 */
export function AnswerIssueModal({ issue, onClose, onReload }: { issue: Issue; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const labels = useLedgerLabels();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const answer = useAnswerIssue();
  const files = Form.useWatch('files', form);

  const onFinish = (values: Values) => {
    answer.mutate(
      { id: issue.id, answer: values.answer.trim(), version: issue.version, fileIds: uploadedIds(values.files) },
      {
        onSuccess: () => {
          void message.success(t('todo.answered'));
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
            modal.confirm({
              title: t('todo.conflictTitle'),
              content: t('todo.conflictHint'),
              okText: t('todo.reload'),
              onOk: () => {
                onReload();
                onClose();
              },
            });
            return;
          }
          showError(error, form, { ISSUE_STATUS: 'answer' });
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('todo.answerTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      width={640}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('projectDetail.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={answer.isPending} disabled={isUploading(files)} onClick={() => form.submit()}>
          {t('todo.submitAnswer')}
        </Button>,
      ]}
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('todo.project')}>{issue.projectName}</Descriptions.Item>
        <Descriptions.Item label={t('todo.issue')}>
          [{labels.issueType(issue.type)}] {issue.title}
        </Descriptions.Item>
        {issue.description && (
          <Descriptions.Item label={t('todo.description')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{issue.description}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('todo.deadline')}>
          <Typography.Text type={issue.isOverdue ? 'danger' : undefined}>{issue.deadline ?? '—'}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="answer" label={t('todo.answer')} rules={[{ required: true, whitespace: true, message: t('todo.answerRequired') }, { max: 4000 }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('todo.answerPlaceholder')} />
        </Form.Item>
        <Form.Item name="files" label={t('projectDetail.attachments')} valuePropName="fileList">
          <FileUploadField />
        </Form.Item>
      </Form>
    </Modal>
  );
}
