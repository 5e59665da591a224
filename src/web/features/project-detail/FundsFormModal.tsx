import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Radio, Segmented, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ProjectFunds, Tranche, TrancheInput } from '../../../shared/api/funds';
import { amountInCny, FUND_SOURCES, type FundCurrency, type FundSource } from '../../../shared/funds';
import { formatWan } from '../../../shared/money';
import { ApiError } from '../../api/client';
import { useShowError } from '../../api/errors';
import { MoneyInput } from '../../components/Money';
import { DECIMAL } from '../../components/money-text';
import { labelLang } from '../../i18n';
import { FileUploadField, isUploading, uploadedIds, type UploadList } from './FileUploadField';
import { SignedMoney, useSourceLabel } from './FundsParts';
import { useReportTranche } from './funds.queries';
import { chinaToday } from './labels';

interface Values {
  date: Dayjs;
  currency: FundCurrency;
  amount?: string;
  direction: 'reduce' | 'increase';
  exchangeRate?: string;
  rateDate?: Dayjs;
  source?: FundSource;
  isPreSigning?: boolean;
  preSigningReason?: string;
  evidence?: UploadList;
  note?: string;
}

const CODE_FIELDS = {
  FUTURE_DATE: 'date',
  FUNDS_BEFORE_SIGNING: 'date',
  FUNDS_CORRECTION_BELOW_ZERO: 'amount',
  FUNDS_CORRECTION_MISMATCH: 'amount',
  FUNDS_CORRECTION_TARGET: 'amount',
  EVIDENCE_UNKNOWN: 'evidence',
};
const RATE = /^\d{1,3}(\.\d{1,6})?$/;

/**
 * 登记到位资金: a dated, evidenced tranche, pending until a bureau reviewer verifies it. With
 * `corrects`, a correction of a verified tranche (same source, currency and rate; may reduce it).
 */
export function FundsFormModal({ projectId, funds, corrects, onClose }: { projectId: number; funds: ProjectFunds; corrects?: Tranche; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const report = useReportTranche(projectId);
  const sourceLabel = useSourceLabel();
  const today = chinaToday();
  const currency = Form.useWatch('currency', form) ?? corrects?.currency ?? 'CNY';
  const amount = Form.useWatch('amount', form);
  const rate = Form.useWatch('exchangeRate', form);
  const date = Form.useWatch('date', form) as Dayjs | undefined;
  const isPreSigning = Form.useWatch('isPreSigning', form);
  const evidence = Form.useWatch('evidence', form);
  const isUsd = currency === 'USD';
  const dateText = date?.format('YYYY-MM-DD');
  const isBeforeSigning = !corrects && Boolean(dateText) && (!funds.signedDate || dateText! < funds.signedDate);
  const cnyPreview = isUsd && amount && DECIMAL.test(amount) && rate && RATE.test(rate) ? amountInCny(amount, 'USD', rate) : null;

  const initialValues: Partial<Values> = corrects
    ? {
        date: dayjs(corrects.date),
        currency: corrects.currency,
        direction: 'reduce',
        source: corrects.source,
        exchangeRate: corrects.exchangeRate ?? undefined,
        rateDate: corrects.rateDate ? dayjs(corrects.rateDate) : undefined,
      }
    : { date: dayjs(today), currency: 'CNY', direction: 'reduce', rateDate: dayjs(today), exchangeRate: funds.usdCnyRate };

  const send = (values: Values, confirmLarge: boolean) => {
    const body: TrancheInput = {
      date: values.date.format('YYYY-MM-DD'),
      currency: values.currency,
      amount: corrects && values.direction === 'reduce' ? `-${values.amount}` : values.amount!,
      exchangeRate: values.currency === 'USD' ? values.exchangeRate?.trim() : null,
      rateDate: values.currency === 'USD' ? values.rateDate?.format('YYYY-MM-DD') : null,
      source: values.source!,
      evidenceFileIds: uploadedIds(values.evidence),
      note: values.note?.trim() || null,
      isPreSigning: isBeforeSigning && Boolean(values.isPreSigning),
      preSigningReason: isBeforeSigning && values.isPreSigning ? values.preSigningReason?.trim() || null : null,
      correctsId: corrects?.id ?? null,
      confirmLarge,
    };
    report.mutate(body, {
      onSuccess: () => {
        void message.success(t('funds.reported'));
        onClose();
      },
      onError: (error) => {
        // More than 10× the contracted amount: usually a slipped unit. Say so, then let them confirm.
        if (error instanceof ApiError && error.code === 'FUNDS_LARGE_CONFIRM') {
          const cny = values.currency === 'USD' ? amountInCny(values.amount!, 'USD', values.exchangeRate!) : values.amount!;
          modal.confirm({
            title: t('funds.largeTitle'),
            content: t('funds.largeContent', {
              amount: formatWan(cny, lang),
              contracted: funds.contractedInvestment ? formatWan(funds.contractedInvestment, lang) : '—',
            }),
            okText: t('funds.largeConfirm'),
            cancelText: t('funds.largeCheck'),
            onOk: () => send(values, true),
          });
          return;
        }
        showError(error, form, CODE_FIELDS);
      },
    });
  };

  return (
    <Modal
      open
      title={corrects ? t('funds.correctTitle') : t('funds.reportTitle')}
      okText={t('projectDetail.submitForReview')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={report.isPending}
      okButtonProps={{ disabled: isUploading(evidence) }}
      mask={{ closable: false }}
      width={640}
    >
      {corrects ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('funds.correctHint', { id: corrects.id, date: corrects.date })}
          description={
            <Space size={4}>
              {t('funds.originalAmount')}
              <SignedMoney value={corrects.amount} usd={corrects.currency === 'USD'} />
            </Space>
          }
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('funds.reportHint')}</Typography.Paragraph>
      )}
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={initialValues} onFinish={(v) => send(v, false)}>
        <Space size={16} wrap align="start">
          <Form.Item name="date" label={t('funds.date')} extra={t('funds.dateHint')} rules={[{ required: true, message: t('funds.dateRequired') }]}>
            <DatePicker style={{ width: 180 }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} allowClear={false} />
          </Form.Item>
          <Form.Item name="currency" label={t('funds.currency')} rules={[{ required: true }]}>
            <Radio.Group
              disabled={Boolean(corrects)}
              optionType="button"
              options={[
                { value: 'CNY', label: t('funds.cny') },
                { value: 'USD', label: t('funds.usd') },
              ]}
              onChange={(e) => {
                if (e.target.value === 'USD') form.setFieldsValue({ source: 'foreign' });
              }}
            />
          </Form.Item>
        </Space>
        <Space size={16} wrap align="start">
          {corrects && (
            <Form.Item name="direction" label={t('funds.direction')}>
              <Segmented
                options={[
                  { value: 'reduce', label: t('funds.reduce') },
                  { value: 'increase', label: t('funds.increase') },
                ]}
              />
            </Form.Item>
          )}
          <Form.Item
            name="amount"
            label={isUsd ? t('funds.amountUsd') : t('funds.amountCny')}
            rules={[
              { required: true, message: t('funds.amountRequired') },
              { validator: (_, v: string | undefined) => (!v || (DECIMAL.test(v) && !/^0+(\.0+)?$/.test(v)) ? Promise.resolve() : Promise.reject(new Error(t('funds.amountInvalid')))) },
            ]}
            extra={cnyPreview ? t('funds.cnyPreview', { amount: formatWan(cnyPreview, lang) }) : undefined}
          >
            <MoneyInput usd={isUsd} style={{ width: 220 }} />
          </Form.Item>
        </Space>
        {isUsd && (
          <Space size={16} wrap align="start">
            <Form.Item
              name="exchangeRate"
              label={t('funds.exchangeRate')}
              extra={corrects ? undefined : t('funds.rateHint', { rate: funds.usdCnyRate })}
              rules={[
                { required: true, message: t('funds.rateRequired') },
                { pattern: RATE, message: t('funds.rateInvalid') },
              ]}
            >
              <Input disabled={Boolean(corrects)} style={{ width: 160 }} inputMode="decimal" suffix={t('funds.rateUnit')} />
            </Form.Item>
            <Form.Item name="rateDate" label={t('funds.rateDate')} rules={[{ required: true, message: t('funds.rateDateRequired') }]}>
              <DatePicker disabled={Boolean(corrects)} style={{ width: 180 }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} allowClear={false} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="source" label={t('funds.source')} rules={[{ required: true, message: t('funds.sourceRequired') }]}>
          <Select disabled={Boolean(corrects)} style={{ maxWidth: 320 }} options={FUND_SOURCES.map((s) => ({ value: s, label: sourceLabel(s) }))} />
        </Form.Item>
        {isBeforeSigning && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={funds.signedDate ? t('funds.beforeSigning', { date: funds.signedDate }) : t('funds.notSigned')}
            />
            <Form.Item name="isPreSigning" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox>{t('funds.isPreSigning')}</Checkbox>
            </Form.Item>
            {isPreSigning && (
              <Form.Item
                name="preSigningReason"
                label={t('funds.preSigningReason')}
                rules={[{ required: true, whitespace: true, message: t('funds.preSigningReasonRequired') }, { max: 1000 }]}
              >
                <Input.TextArea rows={2} maxLength={1000} showCount placeholder={t('funds.preSigningPlaceholder')} />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="evidence" label={t('projectDetail.evidence')} valuePropName="fileList" extra={t('funds.evidenceHint')}>
          <FileUploadField />
        </Form.Item>
        <Form.Item name="note" label={t('projectDetail.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
