import { App, Checkbox, Form, Input, InputNumber, Modal, Radio, Slider, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReferralConflict } from '../../../shared/api/referrals';
import { useShowError } from '../../api/errors';
import { formatDateTime } from '../../format';
import { paren, useLedgerLabels } from '../project-detail/labels';
import { useResolveConflict } from './referrals.queries';

interface Values {
  winnerId: number;
  reason: string;
  isSplit: boolean;
  /** Percent to the winner's unit; the other unit gets the rest. */
  winnerPercent: number;
}

const CODE_FIELDS = {
  CONFLICT_SELF: 'reason',
  CONFLICT_WINNER: 'winnerId',
  CREDIT_SPLIT_UNIT: 'winnerPercent',
  CREDIT_SPLIT_WINNER: 'winnerPercent',
  // The split's field errors (creditSplit, creditSplit.0.percent) belong to the one percentage box.
  creditSplit: 'winnerPercent',
};

/**
 * 裁定: pick the registration that wins, say why, and optionally split the credit between the two
 * registering units (whole percents summing to 100; the winner's unit never gets 0).
 */
export function ResolveConflictModal({ conflict, onClose }: { conflict: ReferralConflict; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLedgerLabels();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const resolve = useResolveConflict();
  const winnerId = Form.useWatch('winnerId', form) ?? conflict.earlier.id;
  const isSplit = Form.useWatch('isSplit', form) ?? false;
  const winnerPercent = Form.useWatch('winnerPercent', form) ?? 70;
  const sides = [conflict.earlier, conflict.later];
  const winner = sides.find((s) => s.id === winnerId) ?? conflict.earlier;
  const loser = sides.find((s) => s.id !== winner.id) ?? conflict.later;
  const canSplit = conflict.earlier.unitId !== conflict.later.unitId;

  const onFinish = (v: Values) =>
    resolve.mutate(
      {
        id: conflict.id,
        body: {
          winnerId: v.winnerId,
          reason: v.reason.trim(),
          creditSplit:
            canSplit && v.isSplit
              ? [
                  { unitId: winner.unitId, percent: v.winnerPercent },
                  { unitId: loser.unitId, percent: 100 - v.winnerPercent },
                ]
              : undefined,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('referrals.resolved'));
          onClose();
        },
        onError: (error) => showError(error, form, CODE_FIELDS),
      },
    );

  return (
    <Modal
      open
      title={t('referrals.resolveTitle')}
      okText={t('referrals.resolve')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={resolve.isPending}
      mask={{ closable: false }}
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('referrals.resolveHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ winnerId: conflict.earlier.id, isSplit: false, winnerPercent: 70 }}>
        <Form.Item name="winnerId" label={t('referrals.winner')} rules={[{ required: true }]}>
          <Radio.Group style={{ width: '100%' }}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {sides.map((s, i) => (
                <Radio key={s.id} value={s.id}>
                  <Typography.Text strong>{i === 0 ? t('referrals.earlier') : t('referrals.later')}</Typography.Text> · {s.unitName} ·{' '}
                  {labels.referrerKind(s.referrerKind)} · {formatDateTime(s.registeredAt, true)}
                  {s.detail && <Typography.Text type="secondary">{paren(s.detail.referrerName)}</Typography.Text>}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t('referrals.resolution')} rules={[{ required: true, whitespace: true, message: t('referrals.resolutionRequired') }, { max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('referrals.resolutionPlaceholder')} />
        </Form.Item>
        {canSplit ? (
          <>
            <Form.Item name="isSplit" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox>{t('referrals.splitCredit')}</Checkbox>
            </Form.Item>
            {isSplit ? (
              <div style={{ background: '#f5f7fa', padding: '12px 16px', borderRadius: 4 }}>
                <Form.Item name="winnerPercent" label={t('referrals.splitLabel')} style={{ marginBottom: 4 }} rules={[{ required: true }]}>
                  <Slider min={1} max={100} marks={{ 50: '50', 70: '70', 100: '100' }} />
                </Form.Item>
                <Space size={24} wrap>
                  <Space>
                    <span>{winner.unitName}</span>
                    <InputNumber
                      aria-label={winner.unitName}
                      min={1}
                      max={100}
                      precision={0}
                      value={winnerPercent}
                      onChange={(v) => form.setFieldValue('winnerPercent', Math.min(100, Math.max(1, Math.round(Number(v) || 1))))}
                      suffix="%"
                      style={{ width: 90 }}
                    />
                  </Space>
                  <Space>
                    <span>{loser.unitName}</span>
                    <InputNumber
                      aria-label={loser.unitName}
                      min={0}
                      max={99}
                      precision={0}
                      value={100 - winnerPercent}
                      onChange={(v) => form.setFieldValue('winnerPercent', 100 - Math.min(99, Math.max(0, Math.round(Number(v) || 0))))}
                      suffix="%"
                      style={{ width: 90 }}
                    />
                  </Space>
                </Space>
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                  {t('referrals.splitSum', { a: winnerPercent, b: 100 - winnerPercent })}
                </Typography.Paragraph>
              </div>
            ) : (
              <Typography.Text type="secondary">{t('referrals.allToWinner', { unit: winner.unitName })}</Typography.Text>
            )}
          </>
        ) : (
          <Typography.Text type="secondary">{t('referrals.sameUnit')}</Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
