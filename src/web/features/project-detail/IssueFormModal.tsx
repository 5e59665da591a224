import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ISSUE_TYPES, type IssueType } from '../../../shared/project';
import { useShowError } from '../../api/errors';
import { useCreateIssue } from '../todo/todo.queries';
import { chinaToday, useLedgerLabels } from './labels';
import { useDepartments } from './project-detail.queries';

interface Values {
  type: IssueType;
  title: string;
  description?: string;
  departmentUnitId: number;
  deadline: Dayjs;
}

const CODE_FIELDS = { DEPARTMENT_UNKNOWN: 'departmentUnitId', DEADLINE_PAST: 'deadline' };

/** 提交协调问题: a problem handed to a department with a deadline. */
export function IssueFormModal({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLedgerLabels();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const create = useCreateIssue(projectId);
  const departments = useDepartments(true);
  const today = chinaToday();
  const hasNoDepartments = departments.isSuccess && departments.data.length === 0;

  const onFinish = (v: Values) =>
    create.mutate(
      { type: v.type, title: v.title.trim(), description: v.description?.trim() || null, departmentUnitId: v.departmentUnitId, deadline: v.deadline.format('YYYY-MM-DD') },
      {
        onSuccess: () => {
          void message.success(t('projectDetail.issueCreated'));
          onClose();
        },
        onError: (error) => showError(error, form, CODE_FIELDS),
      },
    );

  return (
    <Modal
      open
      title={t('projectDetail.createIssue')}
      okText={t('projectDetail.submitIssue')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      mask={{ closable: false }}
      width={600}
    >
      {hasNoDepartments && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('projectDetail.noDepartments')} />}
      <Form<Values> form={form} layout="vertical" requiredMark="optional" onFinish={onFinish} initialValues={{ type: 'land' }}>
        <Form.Item name="type" label={t('projectDetail.issueType')} rules={[{ required: true }]}>
          <Select options={ISSUE_TYPES.map((k) => ({ value: k, label: labels.issueType(k) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('projectDetail.issueTitle')} rules={[{ required: true, whitespace: true, message: t('projectDetail.issueTitleRequired') }, { max: 100 }]}>
          <Input maxLength={100} placeholder={t('projectDetail.issueTitlePlaceholder')} />
        </Form.Item>
        <Form.Item name="description" label={t('projectDetail.issueDescription')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item
          name="departmentUnitId"
          label={t('projectDetail.department')}
          extra={t('projectDetail.departmentHint')}
          rules={[{ required: true, message: t('projectDetail.departmentRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isPending}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            notFoundContent={departments.isError ? departments.error.message : t('projectDetail.noDepartmentsShort')}
            placeholder={t('projectDetail.departmentPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="deadline" label={t('projectDetail.deadline')} rules={[{ required: true, message: t('projectDetail.deadlineRequired') }]}>
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
