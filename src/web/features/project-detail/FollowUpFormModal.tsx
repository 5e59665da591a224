import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FollowUp } from '../../../shared/api/followups';
import { FOLLOW_UP_KINDS, type FollowUpKind } from '../../../shared/project';
import { changedValues } from '../../api/changes';
import { useShowError } from '../../api/errors';
import { FileUploadField, isUploading, uploadedIds, type UploadList } from './FileUploadField';
import { chinaToday, useLedgerLabels } from './labels';
import { useCreateFollowUp, useUpdateFollowUp } from './project-detail.queries';

interface Values {
  date: Dayjs;
  kind: FollowUpKind;
  participants?: string;
  content: string;
  nextStep?: string;
  nextStepDue?: Dayjs | null;
  files?: UploadList;
}

const CODE_FIELDS = { FUTURE_DATE: 'date', NEXT_STEP_DUE_BEFORE_DATE: 'nextStepDue', EVIDENCE_UNKNOWN: 'files' };
const text = (v?: string) => (v?.trim() ? v.trim() : null);

/** 添加跟踪记录 (followUp undefined) or edit one of mine within the edit window. */
export function FollowUpFormModal({ projectId, followUp, onClose }: { projectId: number; followUp?: FollowUp; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLedgerLabels();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const create = useCreateFollowUp(projectId);
  const update = useUpdateFollowUp(projectId);
  const files = Form.useWatch('files', form);
  const date = Form.useWatch('date', form);
  const today = chinaToday();

  const onFinish = (values: Values) => {
    const fields = {
      date: values.date.format('YYYY-MM-DD'),
      kind: values.kind,
      participants: text(values.participants),
      content: values.content.trim(),
      nextStep: text(values.nextStep),
      nextStepDue: values.nextStepDue ? values.nextStepDue.format('YYYY-MM-DD') : null,
    };
    const onError = (error: Error) => showError(error, form, CODE_FIELDS);
    const done = () => {
      void message.success(followUp ? t('common.saved') : t('projectDetail.followUpAdded'));
      onClose();
    };
    if (!followUp) {
      create.mutate({ ...fields, fileIds: uploadedIds(values.files) }, { onSuccess: done, onError });
      return;
    }
    const body = changedValues(followUp, fields);
    if (Object.keys(body).length === 0) {
      void message.info(t('common.unchanged'));
      onClose();
      return;
    }
    update.mutate({ id: followUp.id, body }, { onSuccess: done, onError });
  };

  return (
    <Modal
      open
      title={followUp ? t('projectDetail.editFollowUp') : t('projectDetail.addFollowUp')}
      okText={followUp ? t('common.save') : t('common.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ disabled: isUploading(files) }}
      mask={{ closable: false }}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={onFinish}
        initialValues={
          followUp
            ? {
                date: dayjs(followUp.date),
                kind: followUp.kind,
                participants: followUp.participants ?? '',
                content: followUp.content,
                nextStep: followUp.nextStep ?? '',
                nextStepDue: followUp.nextStepDue ? dayjs(followUp.nextStepDue) : null,
              }
            : { date: dayjs(today), kind: 'visit' }
        }
      >
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="date" label={t('projectDetail.followUpDate')} rules={[{ required: true, message: t('projectDetail.eventDateRequired') }]}>
            <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > today} allowClear={false} />
          </Form.Item>
          <Form.Item name="kind" label={t('projectDetail.followUpKind')} rules={[{ required: true }]} style={{ minWidth: 180 }}>
            <Select options={FOLLOW_UP_KINDS.map((k) => ({ value: k, label: labels.followUpKind(k) }))} />
          </Form.Item>
        </div>
        <Form.Item name="participants" label={t('projectDetail.participants')} extra={t('projectDetail.participantsHint')} rules={[{ max: 500 }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('projectDetail.content')}
          rules={[{ required: true, whitespace: true, message: t('projectDetail.contentRequired') }, { max: 4000 }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="nextStep" label={t('projectDetail.nextStep')} rules={[{ max: 500 }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="nextStepDue" label={t('projectDetail.nextStepDue')} dependencies={['date']}>
          <DatePicker disabledDate={(d) => Boolean(date) && d.isBefore(date, 'day')} />
        </Form.Item>
        {!followUp && (
          <Form.Item name="files" label={t('projectDetail.attachments')} valuePropName="fileList">
            <FileUploadField />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
