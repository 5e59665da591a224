import { useState } from 'react';
import { App, Button, Descriptions, Form, Input, Modal, Space, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Transition } from '../../../shared/api/projects';
import { useShowError } from '../../api/errors';
import { formatDateTime } from '../../format';
import { hasPermission, useCurrentUser } from '../auth/session';
import { FileLinks } from '../project-detail/FileLink';
import { TransitionChange } from './TransitionChange';
import { useRejectTransition, useVerifyTransition } from './review.queries';

/** What the reviewer decides on: the change, its date, who asked, why, and the evidence. */
function TransitionFacts({ tr }: { tr: Transition }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
      <Descriptions.Item label={t('review.project')}>{tr.projectName}</Descriptions.Item>
      <Descriptions.Item label={t('review.change')}>
        <TransitionChange t={tr} />
      </Descriptions.Item>
      <Descriptions.Item label={t('review.eventDate')}>{tr.eventDate}</Descriptions.Item>
      <Descriptions.Item label={t('review.requestedBy')}>
        {tr.requestedBy.displayName} · {formatDateTime(tr.requestedAt)}
      </Descriptions.Item>
      {tr.reason && <Descriptions.Item label={t('review.reason')}>{tr.reason}</Descriptions.Item>}
      {tr.lostDestination && <Descriptions.Item label={t('review.lostDestination')}>{tr.lostDestination}</Descriptions.Item>}
      {tr.note && <Descriptions.Item label={t('review.note')}>{tr.note}</Descriptions.Item>}
      <Descriptions.Item label={t('review.evidence')}>
        {tr.evidenceFileIds.length ? <FileLinks ids={tr.evidenceFileIds} /> : <Typography.Text type="warning">{t('review.noEvidence')}</Typography.Text>}
      </Descriptions.Item>
    </Descriptions>
  );
}

function DecisionModal({ tr, verdict, onClose }: { tr: Transition; verdict: 'verify' | 'reject'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const showError = useShowError();
  const verify = useVerifyTransition();
  const reject = useRejectTransition();
  const isVerify = verdict === 'verify';

  const onFinish = ({ text }: { text?: string }) => {
    const done = () => {
      void message.success(isVerify ? t('review.verified') : t('review.rejected'));
      onClose();
    };
    const onError = (error: Error) => showError(error, form, { SELF_REVIEW: 'text' });
    const trimmed = text?.trim() || null;
    if (isVerify) verify.mutate({ t: tr, note: trimmed }, { onSuccess: done, onError });
    else reject.mutate({ t: tr, reason: trimmed ?? '' }, { onSuccess: done, onError });
  };

  return (
    <Modal
      open
      title={isVerify ? t('review.verifyTitle') : t('review.rejectTitle')}
      okText={isVerify ? t('review.verify') : t('review.reject')}
      okButtonProps={{ danger: !isVerify }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={verify.isPending || reject.isPending}
      mask={{ closable: false }}
      width={600}
    >
      <TransitionFacts tr={tr} />
      {isVerify && <Typography.Paragraph type="secondary">{t('review.verifyHint')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={isVerify ? 'optional' : true}>
        <Form.Item
          name="text"
          label={isVerify ? t('review.reviewNote') : t('review.rejectReason')}
          rules={isVerify ? [{ max: 1000 }] : [{ required: true, whitespace: true, message: t('review.rejectReasonRequired') }, { max: 1000 }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={isVerify ? undefined : t('review.rejectPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 通过 / 驳回 for a pending change, for bureau reviewers. The requester never reviews their own
 * request (the server refuses it too): they see why the buttons are missing.
 */
export function ReviewActions({ tr, size = 'small' }: { tr: Transition; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [verdict, setVerdict] = useState<'verify' | 'reject' | null>(null);
  if (tr.status !== 'pending' || !hasPermission(me, 'transitions.review')) return null;
  if (tr.requestedBy.id === me.id) {
    return (
      <Tooltip title={t('review.ownRequestHint')}>
        <Typography.Text type="secondary">{t('review.ownRequest')}</Typography.Text>
      </Tooltip>
    );
  }
  return (
    <>
      <Space size={8} wrap>
        <Button size={size} type="primary" icon={<CheckOutlined />} onClick={() => setVerdict('verify')}>
          {t('review.verify')}
        </Button>
        <Button size={size} danger icon={<CloseOutlined />} onClick={() => setVerdict('reject')}>
          {t('review.reject')}
        </Button>
      </Space>
      {verdict && <DecisionModal tr={tr} verdict={verdict} onClose={() => setVerdict(null)} />}
    </>
  );
}
