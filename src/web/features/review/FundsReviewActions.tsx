import { useState } from 'react';
import { App, Button, Descriptions, Form, Input, Modal, Space, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Tranche } from '../../../shared/api/funds';
import { useShowError } from '../../api/errors';
import { formatDateTime } from '../../format';
import { hasPermission, useCurrentUser } from '../auth/session';
import { FileLinks } from '../project-detail/FileLink';
import { SourceTag, TrancheAmount, TrancheFlags } from '../project-detail/FundsParts';
import { useRejectTranche, useVerifyTranche } from '../project-detail/funds.queries';

/** What the reviewer checks against the evidence: amount, rate, date, source, who reported it. */
function TrancheFacts({ f }: { f: Tranche }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
      <Descriptions.Item label={t('review.project')}>{f.projectName}</Descriptions.Item>
      <Descriptions.Item label={t('funds.amount')}>
        <Space size={8} wrap>
          <TrancheAmount f={f} />
          <TrancheFlags f={f} />
        </Space>
      </Descriptions.Item>
      {f.currency === 'USD' && <Descriptions.Item label={t('funds.rateDate')}>{f.rateDate}</Descriptions.Item>}
      <Descriptions.Item label={t('funds.date')}>{f.date}</Descriptions.Item>
      <Descriptions.Item label={t('funds.source')}>
        <SourceTag source={f.source} />
      </Descriptions.Item>
      <Descriptions.Item label={t('funds.reportedBy')}>
        {f.reportedBy.displayName} · {formatDateTime(f.reportedAt)}
      </Descriptions.Item>
      {f.preSigningReason && <Descriptions.Item label={t('funds.preSigningReason')}>{f.preSigningReason}</Descriptions.Item>}
      {f.note && <Descriptions.Item label={t('review.note')}>{f.note}</Descriptions.Item>}
      <Descriptions.Item label={t('review.evidence')}>
        {f.evidenceFileIds.length ? <FileLinks ids={f.evidenceFileIds} /> : <Typography.Text type="warning">{t('review.noEvidence')}</Typography.Text>}
      </Descriptions.Item>
    </Descriptions>
  );
}

function DecisionModal({ f, verdict, onClose }: { f: Tranche; verdict: 'verify' | 'reject'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const showError = useShowError();
  const verify = useVerifyTranche();
  const reject = useRejectTranche();
  const isVerify = verdict === 'verify';

  const onFinish = ({ text }: { text?: string }) => {
    const done = () => {
      void message.success(isVerify ? t('review.verified') : t('review.rejected'));
      onClose();
    };
    const onError = (error: Error) => showError(error, form, { SELF_REVIEW: 'text' });
    const trimmed = text?.trim() || null;
    if (isVerify) verify.mutate({ f, note: trimmed }, { onSuccess: done, onError });
    else reject.mutate({ f, reason: trimmed ?? '' }, { onSuccess: done, onError });
  };

  return (
    <Modal
      open
      title={isVerify ? t('funds.verifyTitle') : t('funds.rejectTitle')}
      okText={isVerify ? t('review.verify') : t('review.reject')}
      okButtonProps={{ danger: !isVerify }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={verify.isPending || reject.isPending}
      mask={{ closable: false }}
      width={600}
    >
      <TrancheFacts f={f} />
      {isVerify && <Typography.Paragraph type="secondary">{t('funds.verifyHint')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={isVerify ? 'optional' : true}>
        <Form.Item
          name="text"
          label={isVerify ? t('review.reviewNote') : t('review.rejectReason')}
          rules={isVerify ? [{ max: 1000 }] : [{ required: true, whitespace: true, message: t('review.rejectReasonRequired') }, { max: 1000 }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={isVerify ? undefined : t('funds.rejectPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 通过 / 驳回 for a pending tranche, for bureau reviewers other than the reporter. */
export function FundsReviewActions({ f, size = 'small' }: { f: Tranche; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [verdict, setVerdict] = useState<'verify' | 'reject' | null>(null);
  if (f.status !== 'pending' || !hasPermission(me, 'funds.review')) return null;
  if (f.reportedBy.id === me.id) {
    return (
      <Tooltip title={t('funds.ownReportHint')}>
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
      {verdict && <DecisionModal f={f} verdict={verdict} onClose={() => setVerdict(null)} />}
    </>
  );
}
