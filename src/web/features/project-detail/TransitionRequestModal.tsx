import { Alert, App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../shared/api/projects';
import { checkTransition, SIDE_STATES, STAGES, type TransitionTarget } from '../../../shared/project';
import { useShowError } from '../../api/errors';
import { FileUploadField, isUploading, uploadedIds, type UploadList } from './FileUploadField';
import { chinaToday, paren, useLedgerLabels } from './labels';
import { useRequestTransition } from './project-detail.queries';

interface Values {
  to: TransitionTarget;
  date: Dayjs;
  reason?: string;
  lostDestination?: string;
  note?: string;
  evidence?: UploadList;
}

const CODE_FIELDS = {
  NEEDS_REASON: 'reason',
  SAME_STAGE: 'to',
  PROJECT_CLOSED: 'to',
  NOT_IN_SIDE_STATE: 'to',
  ALREADY_IN_SIDE_STATE: 'to',
  FUTURE_DATE: 'date',
  EVIDENCE_UNKNOWN: 'evidence',
};

/**
 * 申请阶段变更: a dated event with evidence. It counts only once a bureau reviewer verifies it;
 * going back is a correction (reason, flagged), side states need a reason too.
 */
export function TransitionRequestModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLedgerLabels();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const request = useRequestTransition(project.id);
  const to = Form.useWatch('to', form);
  const evidence = Form.useWatch('evidence', form);
  const current = { stage: project.stage, sideState: project.sideState };
  const today = chinaToday();

  // What each target would need, from the same rule the server applies.
  const check = (target: TransitionTarget) => checkTransition(current, target, 'x');
  const needsReason = (target: TransitionTarget | undefined) => {
    if (!target) return false;
    const bare = checkTransition(current, target, null);
    return !bare.ok && bare.reason === 'NEEDS_REASON';
  };
  const toCheck = to ? check(to) : null;
  const isBackward = toCheck?.ok === true && toCheck.isBackward;

  const option = (target: TransitionTarget) => {
    const result = check(target);
    const backward = result.ok && result.isBackward;
    return {
      value: target,
      disabled: !result.ok,
      label: backward ? `${labels.stage(target)}${paren(t('projectDetail.backwardOption'))}` : labels.stage(target),
    };
  };
  const options = [
    { label: t('projectDetail.groupStages'), options: STAGES.map(option) },
    { label: t('projectDetail.groupSide'), options: [...SIDE_STATES, 'resumed' as const].map(option) },
  ];

  const onFinish = (values: Values) => {
    request.mutate(
      {
        to: values.to,
        date: values.date.format('YYYY-MM-DD'),
        reason: values.reason?.trim() || null,
        lostDestination: values.to === 'lost' ? values.lostDestination?.trim() || null : null,
        note: values.note?.trim() || null,
        evidenceFileIds: uploadedIds(values.evidence),
      },
      {
        onSuccess: () => {
          void message.success(t('projectDetail.transitionRequested'));
          onClose();
        },
        onError: (error) => showError(error, form, CODE_FIELDS),
      },
    );
  };

  return (
    <Modal
      open
      title={t('projectDetail.requestTransition')}
      okText={t('projectDetail.submitForReview')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={request.isPending}
      okButtonProps={{ disabled: isUploading(evidence) }}
      mask={{ closable: false }}
      width={640}
    >
      <Typography.Paragraph type="secondary">
        {t('projectDetail.transitionHint', { stage: labels.stage(project.stage) })}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" requiredMark="optional" onFinish={onFinish} initialValues={{ date: dayjs(today) }}>
        <Form.Item name="to" label={t('projectDetail.target')} rules={[{ required: true, message: t('projectDetail.targetRequired') }]}>
          <Select options={options} placeholder={t('projectDetail.targetPlaceholder')} />
        </Form.Item>
        {isBackward && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('projectDetail.backwardWarning')} />}
        <Form.Item
          name="date"
          label={t('projectDetail.eventDate')}
          extra={t('projectDetail.eventDateHint')}
          rules={[{ required: true, message: t('projectDetail.eventDateRequired') }]}
        >
          <DatePicker style={{ width: 200 }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} allowClear={false} />
        </Form.Item>
        {needsReason(to) && (
          <Form.Item
            name="reason"
            label={t('projectDetail.reason')}
            rules={[{ required: true, whitespace: true, message: t('projectDetail.reasonRequired') }, { max: 1000 }]}
          >
            <Input.TextArea rows={2} maxLength={1000} showCount />
          </Form.Item>
        )}
        {to === 'lost' && (
          <Form.Item name="lostDestination" label={t('projectDetail.lostDestination')} extra={t('projectDetail.lostDestinationHint')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="evidence" label={t('projectDetail.evidence')} valuePropName="fileList" extra={t('projectDetail.evidenceHint')}>
          <FileUploadField />
        </Form.Item>
        <Form.Item name="note" label={t('projectDetail.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
