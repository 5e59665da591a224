import { useEffect, useRef, useState, type ReactNode } from 'react';
import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Investor } from '../../../shared/api/investors';
import { INVESTOR_TAGS, OWNERSHIP_LABELS, OWNERSHIP_TYPES, type OwnershipType } from '../../../shared/project';
import { normaliseUscc, usccProblem } from '../../../shared/uscc';
import { ApiError } from '../../api/client';
import { changedValues } from '../../api/changes';
import { useShowError } from '../../api/errors';
import { maxCharsRule } from '../../api/zod-rule';
import { IndustrySelect } from '../../components/IndustrySelect';
import { labelLang } from '../../i18n';
import { ContactsEditor } from './ContactsEditor';
import { DuplicateInvestorAlert } from './DuplicateInvestorAlert';
import { checkDuplicate, duplicateOf, useCreateInvestor, useUpdateInvestor, type DuplicateInvestor } from './investors.queries';
import { localiseBilingualDetails } from './server-errors';
import './investors.css';

interface ContactValues {
  name?: string;
  title?: string;
  phone?: string;
  wechat?: string;
  email?: string;
  note?: string;
}

interface InvestorFormValues {
  name: string;
  uscc?: string;
  country?: string;
  province?: string;
  city?: string;
  ownershipType?: OwnershipType;
  industryCode?: string;
  scale?: string;
  tags?: string[];
  description?: string;
  contacts?: ContactValues[];
}

const text = (v?: string | null) => (v?.trim() ? v.trim() : null);

function toBody(v: InvestorFormValues) {
  return {
    name: v.name.trim(),
    uscc: v.uscc ? normaliseUscc(v.uscc) || null : null,
    country: text(v.country) ?? '中国',
    province: text(v.province),
    city: text(v.city),
    ownershipType: v.ownershipType ?? null,
    industryCode: v.industryCode ?? null,
    scale: text(v.scale),
    tags: (v.tags ?? []) as (typeof INVESTOR_TAGS)[number][],
    description: text(v.description),
    contacts: (v.contacts ?? []).map((c) => ({ name: c.name?.trim() ?? '', title: text(c.title), phone: text(c.phone), wechat: text(c.wechat), email: text(c.email), note: text(c.note) })),
  };
}

function valuesOf(i: Investor): InvestorFormValues {
  return {
    name: i.name,
    uscc: i.uscc ?? '',
    country: i.country,
    province: i.province ?? '',
    city: i.city ?? '',
    ownershipType: i.ownershipType ?? undefined,
    industryCode: i.industryCode ?? undefined,
    scale: i.scale ?? '',
    tags: i.tags,
    description: i.description ?? '',
    contacts: i.contacts.map((c) => ({ name: c.name, title: c.title ?? '', phone: c.phone ?? '', wechat: c.wechat ?? '', email: c.email ?? '', note: c.note ?? '' })),
  };
}

export interface InvestorFormModalProps {
  /** Edit this investor; without it, a new one. */
  investor?: Investor;
  initialName?: string;
  onClose: () => void;
  onSaved: (investor: Investor) => void;
  /** What to offer when the enterprise already exists (使用已有客商 / 查看已有客商). */
  duplicateActions: (duplicate: DuplicateInvestor) => ReactNode;
  /** The record changed under us (409 VERSION_CONFLICT): the caller reloads it. */
  onReload?: () => void;
}

/** 新增/编辑客商: USCC checked as you leave the field, duplicates named before and after saving. */
export function InvestorFormModal({ investor, initialName, onClose, onSaved, duplicateActions, onReload }: InvestorFormModalProps) {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<InvestorFormValues>();
  const showError = useShowError();
  const create = useCreateInvestor();
  const update = useUpdateInvestor();
  const [duplicate, setDuplicate] = useState<DuplicateInvestor | null>(null);
  const duplicateRef = useRef<HTMLDivElement>(null);
  // The warning sits above the form: bring it into view when it appears (phones scroll the form).
  useEffect(() => {
    if (duplicate) duplicateRef.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [duplicate]);
  const isCreate = !investor;
  const lang = labelLang(i18n.language);

  const usccMessage = (code: string) => {
    const problem = usccProblem(normaliseUscc(code));
    return problem ? t(`investors.usccProblem.${problem}`) : null;
  };

  /** Before saving a new one: is it already there? (Same USCC, or a name that normalises the same.) */
  const precheck = async () => {
    if (!isCreate) return;
    const { name, uscc } = form.getFieldsValue(['name', 'uscc']) as InvestorFormValues;
    if (!name?.trim()) return setDuplicate(null);
    const code = uscc ? normaliseUscc(uscc) : '';
    try {
      setDuplicate(await checkDuplicate(name.trim(), code && !usccMessage(code) ? code : undefined));
    } catch {
      // The check is a courtesy; saving checks again and answers 409.
    }
  };

  const onError = (error: unknown) => {
    const dup = duplicateOf(error);
    if (dup) return setDuplicate(dup);
    if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
      modal.confirm({
        title: t('investors.conflictTitle'),
        content: t('investors.conflictHint'),
        okText: t('ledgerUi.reloadRecord'),
        onOk: () => {
          onReload?.();
          onClose();
        },
      });
      return;
    }
    showError(localiseBilingualDetails(error), form, { INDUSTRY_UNKNOWN: 'industryCode' });
  };

  const onFinish = (values: InvestorFormValues) => {
    const body = toBody(values);
    if (isCreate) return create.mutate(body, { onSuccess: onSaved, onError });
    const changes = changedValues(toBody(valuesOf(investor)), body);
    if (Object.keys(changes).length === 0) return onClose();
    update.mutate({ id: investor.id, body: { ...changes, version: investor.version } }, { onSuccess: onSaved, onError });
  };

  return (
    <Modal
      open
      title={isCreate ? t('investors.createTitle') : t('investors.editTitle', { name: investor.name })}
      okText={isCreate ? t('common.create') : t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      mask={{ closable: false }}
      width={880}
      styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto', overflowX: 'hidden' } }}
    >
      <div ref={duplicateRef}>{duplicate && <DuplicateInvestorAlert duplicate={duplicate} actions={duplicateActions(duplicate)} />}</div>
      {/* name: prefixes the field ids (investor_name…), so opened over the project form, whose fields
          share names (name, industryCode, description), each label still points at its own input. */}
      <Form<InvestorFormValues>
        form={form}
        name="investor"
        layout="vertical"
        requiredMark="optional"
        onFinish={onFinish}
        initialValues={investor ? valuesOf(investor) : { name: initialName ?? '', country: '中国', tags: [], contacts: [] }}
      >
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="name"
              label={t('investors.name')}
              extra={t('investors.nameHint')}
              rules={[{ required: true, whitespace: true, message: t('investors.nameRequired') }, maxCharsRule(100, t('common.maxChars', { max: 100 }))]}
            >
              <Input autoComplete="off" onBlur={() => void precheck()} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="uscc"
              label={t('investors.uscc')}
              extra={t('investors.usccHint')}
              normalize={(v: string) => v.toUpperCase()}
              rules={[{ validator: (_, v?: string) => (v && usccMessage(v) ? Promise.reject(new Error(usccMessage(v)!)) : Promise.resolve()) }]}
              validateTrigger="onBlur"
            >
              <Input autoComplete="off" spellCheck={false} maxLength={24} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} onBlur={() => void precheck()} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="ownershipType" label={t('investors.ownershipType')}>
              <Select allowClear options={OWNERSHIP_TYPES.map((o) => ({ value: o, label: OWNERSHIP_LABELS[o][lang] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="industryCode" label={t('investors.industry')}>
              <IndustrySelect allowClear digitsOnly style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="country" label={t('investors.country')} rules={[maxCharsRule(40, t('common.maxChars', { max: 40 }))]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="province" label={t('investors.province')} rules={[maxCharsRule(40, t('common.maxChars', { max: 40 }))]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="city" label={t('investors.city')} rules={[maxCharsRule(40, t('common.maxChars', { max: 40 }))]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="scale" label={t('investors.scale')} rules={[maxCharsRule(40, t('common.maxChars', { max: 40 }))]}>
              <Input autoComplete="off" placeholder={t('investors.scalePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="tags" label={t('investors.tags')}>
              <Select mode="multiple" allowClear options={INVESTOR_TAGS.map((tag) => ({ value: tag, label: tag }))} maxCount={10} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('investors.description')} rules={[maxCharsRule(2000, t('common.maxChars', { max: 2000 }))]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>
        <div className="zs-form-section">{t('investors.contacts')}</div>
        <ContactsEditor />
      </Form>
    </Modal>
  );
}
