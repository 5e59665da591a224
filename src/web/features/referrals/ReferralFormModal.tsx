import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usccField } from '../../../shared/api/investors';
import { REFERRER_KINDS, type ReferralDetail, type ReferrerKind } from '../../../shared/api/referrals';
import { useShowError } from '../../api/errors';
import { zodRule } from '../../api/zod-rule';
import { IndustrySelect } from '../../components/IndustrySelect';
import { isValidWan, MoneyInput } from '../../components/Money';
import { useCurrentUser } from '../auth/session';
import { FileUploadField, isUploading, uploadedIds, type UploadList } from '../project-detail/FileUploadField';
import { useLedgerLabels } from '../project-detail/labels';
import { useCreateReferral } from './referrals.queries';

interface Values {
  investorName: string;
  uscc?: string;
  projectIntent: string;
  intendedAmount?: string;
  industryCode?: string;
  referrerName: string;
  referrerKind: ReferrerKind;
  referrerPhone?: string;
  evidence?: UploadList;
  note?: string;
}

const CODE_FIELDS = { REFERRER_KIND_INVALID: 'referrerKind', EVIDENCE_UNKNOWN: 'evidence', INDUSTRY_UNKNOWN: 'industryCode' };
const PHONE = /^[0-9+\-() ]{5,20}$/;
const text = (v?: string) => (v?.trim() ? v.trim() : null);

/**
 * 首谈报备: register a lead and its first referrer. The time, the registering unit and the
 * registrant are the server's; nothing here can set them, and nobody can change them later.
 */
export function ReferralFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (r: ReferralDetail) => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useCurrentUser();
  const labels = useLedgerLabels();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const create = useCreateReferral();
  const evidence = Form.useWatch('evidence', form);
  const isReferrer = me.role === 'referrer';
  // A referrer account registers as what they are (乡贤、中介…), never as unit staff.
  const kinds = REFERRER_KINDS.filter((k) => !(isReferrer && k === 'staff'));

  const onFinish = (v: Values) =>
    create.mutate(
      {
        investorName: v.investorName.trim(),
        uscc: text(v.uscc),
        projectIntent: v.projectIntent.trim(),
        intendedAmount: v.intendedAmount ?? null,
        industryCode: v.industryCode ?? null,
        referrerName: v.referrerName.trim(),
        referrerKind: v.referrerKind,
        referrerPhone: text(v.referrerPhone),
        evidenceFileIds: uploadedIds(v.evidence),
        note: text(v.note),
      },
      {
        onSuccess: (r) => {
          onCreated(r);
          if (r.status === 'conflict') {
            modal.warning({ title: t('referrals.createdWithConflict'), content: t('referrals.createdWithConflictHint') });
          } else {
            modal.success({ title: t('referrals.created'), content: t('referrals.createdHint', { until: r.protectedUntil.slice(0, 10) }) });
          }
        },
        onError: (error) => showError(error, form, CODE_FIELDS),
      },
    );

  return (
    <Modal
      open
      title={t('referrals.register')}
      okText={t('referrals.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: isUploading(evidence) }}
      mask={{ closable: false }}
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('referrals.registerHint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={onFinish}
        initialValues={{ referrerKind: isReferrer ? 'hometown' : 'staff', referrerName: me.displayName }}
      >
        <Form.Item name="investorName" label={t('referrals.investorName')} extra={t('referrals.investorNameHint')} rules={[{ required: true, whitespace: true, message: t('referrals.investorNameRequired') }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="uscc" label={t('referrals.uscc')} extra={t('referrals.usccHint')} rules={[zodRule(usccField, t('referrals.usccInvalid'))]}>
          <Input maxLength={18} style={{ textTransform: 'uppercase' }} spellCheck={false} autoComplete="off" />
        </Form.Item>
        <Form.Item name="projectIntent" label={t('referrals.projectIntent')} rules={[{ required: true, whitespace: true, message: t('referrals.projectIntentRequired') }, { max: 200 }]}>
          <Input maxLength={200} placeholder={t('referrals.projectIntentPlaceholder')} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item
            name="intendedAmount"
            label={t('referrals.intendedAmount')}
            style={{ flex: '1 1 200px' }}
            rules={[{ validator: (_, v?: string) => (!v || isValidWan(v) ? Promise.resolve() : Promise.reject(new Error(t('referrals.amountInvalid')))) }]}
          >
            <MoneyInput />
          </Form.Item>
          <Form.Item name="industryCode" label={t('referrals.industry')} style={{ flex: '1 1 240px' }}>
            <IndustrySelect digitsOnly allowClear style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="referrerName" label={t('referrals.referrerName')} style={{ flex: '1 1 160px' }} rules={[{ required: true, whitespace: true, message: t('referrals.referrerNameRequired') }, { max: 60 }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="referrerKind" label={t('referrals.referrerKind')} style={{ flex: '1 1 140px' }} rules={[{ required: true }]}>
            <Select options={kinds.map((k) => ({ value: k, label: labels.referrerKind(k) }))} />
          </Form.Item>
          <Form.Item name="referrerPhone" label={t('referrals.referrerPhone')} style={{ flex: '1 1 160px' }} rules={[{ pattern: PHONE, message: t('referrals.phoneInvalid') }]}>
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
        </div>
        <Form.Item name="evidence" label={t('referrals.evidence')} valuePropName="fileList" extra={t('referrals.evidenceHint')}>
          <FileUploadField />
        </Form.Item>
        <Form.Item name="note" label={t('referrals.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
