import { App, Alert, Button, Checkbox, Col, DatePicker, Drawer, Form, Grid, Input, InputNumber, Row, Select, Space, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../shared/api/projects';
import { CHANNEL_LABELS, CHANNELS, type Channel } from '../../../shared/project';
import { ApiError } from '../../api/client';
import { changedValues } from '../../api/changes';
import { useShowError } from '../../api/errors';
import { maxCharsRule } from '../../api/zod-rule';
import { IndustrySelect } from '../../components/IndustrySelect';
import { isValidWan, MoneyInput } from '../../components/Money';
import { QueryError } from '../../components/QueryError';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { labelLang } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { projectPath } from './project-columns';
import { InvestorPicker, LeaderSelect, OwnerSelect } from './project-pickers';
import { useCreateProject, useProject, useUpdateProject } from './projects.queries';
import './projects.css';

interface ProjectFormValues {
  name: string;
  unitId?: number;
  investorId?: number | null;
  industryCode?: string;
  carrier?: string;
  channel?: Channel;
  description?: string;
  plannedInvestment?: string;
  contractedInvestment?: string;
  fixedAssetInvestment?: string;
  foreignInvestment?: string;
  expectedOutput?: string;
  expectedTax?: string;
  expectedJobs?: number | null;
  landMu?: string;
  floorAreaM2?: string;
  ownerUserId?: number | null;
  liaisonLeaderId?: number | null;
  isCityKey?: boolean;
  isProvinceKey?: boolean;
  tags?: string[];
  nextStep?: string;
  nextStepDue?: string | null;
}

const AREA = /^\d{1,10}(\.\d{1,2})?$/;
const CHAIN_TAGS = ['补链', '强链', '延链'];
const CODE_FIELDS = { INDUSTRY_UNKNOWN: 'industryCode', UNIT_DISABLED: 'unitId' };
const text = (v?: string | null) => (v?.trim() ? v.trim() : null);
const money = (v?: string | null) => (v ? v.replace(/\.$/, '') : null);

/** Stored amounts come back as "12.5000": show them as typed ("12.5"). */
const trimMoney = (v: string | null) => (v === null ? undefined : v.includes('.') ? v.replace(/\.?0+$/, '') : v);

function valuesOf(p: Project): ProjectFormValues {
  return {
    name: p.name,
    unitId: p.unitId,
    investorId: p.investorId,
    industryCode: p.industryCode ?? undefined,
    carrier: p.carrier ?? '',
    channel: p.channel ?? undefined,
    description: p.description ?? '',
    plannedInvestment: trimMoney(p.plannedInvestment),
    contractedInvestment: trimMoney(p.contractedInvestment),
    fixedAssetInvestment: trimMoney(p.fixedAssetInvestment),
    foreignInvestment: trimMoney(p.foreignInvestment),
    expectedOutput: trimMoney(p.expectedOutput),
    expectedTax: trimMoney(p.expectedTax),
    expectedJobs: p.expectedJobs,
    landMu: trimMoney(p.landMu) ?? '',
    floorAreaM2: trimMoney(p.floorAreaM2) ?? '',
    ownerUserId: p.owner?.id ?? null,
    liaisonLeaderId: p.liaisonLeader?.id ?? null,
    isCityKey: p.isCityKey,
    isProvinceKey: p.isProvinceKey,
    tags: p.tags,
    nextStep: p.nextStep ?? '',
    nextStepDue: p.nextStepDue,
  };
}

function toBody(v: ProjectFormValues) {
  return {
    name: v.name.trim(),
    unitId: v.unitId!,
    investorId: v.investorId ?? null,
    industryCode: v.industryCode ?? null,
    carrier: text(v.carrier),
    channel: v.channel ?? null,
    description: text(v.description),
    plannedInvestment: money(v.plannedInvestment),
    contractedInvestment: money(v.contractedInvestment),
    fixedAssetInvestment: money(v.fixedAssetInvestment),
    foreignInvestment: money(v.foreignInvestment),
    expectedOutput: money(v.expectedOutput),
    expectedTax: money(v.expectedTax),
    expectedJobs: v.expectedJobs ?? null,
    landMu: text(v.landMu),
    floorAreaM2: text(v.floorAreaM2),
    ownerUserId: v.ownerUserId ?? null,
    liaisonLeaderId: v.liaisonLeaderId ?? null,
    isCityKey: v.isCityKey ?? false,
    isProvinceKey: v.isProvinceKey ?? false,
    tags: v.tags ?? [],
    nextStep: text(v.nextStep),
    nextStepDue: v.nextStepDue ?? null,
  };
}

/**
 * 新增项目 / 编辑项目. A new project starts as a 线索; stages change on the detail page (evidence and
 * review). Edits send `version`, and a 409 VERSION_CONFLICT offers to reload what the other person saved.
 */
export function ProjectFormDrawer({ projectId, defaultUnitId, onClose }: { projectId?: number; defaultUnitId?: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const isPhone = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<ProjectFormValues>();
  const showError = useShowError();
  const isCreate = projectId === undefined;
  const project = useProject(projectId);
  const create = useCreateProject();
  const update = useUpdateProject();
  const lang = labelLang(i18n.language);
  const p = project.data;

  const moneyRule = { validator: (_: unknown, v?: string) => (!v || isValidWan(v.replace(/\.$/, '')) ? Promise.resolve() : Promise.reject(new Error(t('projects.form.moneyRule')))) };
  const areaRule = { pattern: AREA, message: t('projects.form.areaRule') };
  const max = (n: number) => maxCharsRule(n, t('common.maxChars', { max: n }));

  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
      modal.confirm({
        title: t('projects.form.conflictTitle'),
        content: t('projects.form.conflictHint'),
        okText: t('ledgerUi.reloadRecord'),
        cancelText: t('projects.form.keepEditing'),
        onOk: async () => {
          const fresh = await project.refetch();
          if (fresh.data) form.setFieldsValue(valuesOf(fresh.data));
        },
      });
      return;
    }
    showError(error, form, CODE_FIELDS);
  };

  const onFinish = (values: ProjectFormValues) => {
    const body = toBody(values);
    if (isCreate) {
      create.mutate(body, {
        onSuccess: (created) => {
          void message.success(t('projects.form.created', { name: created.name }));
          navigate(projectPath(created.id));
        },
        onError,
      });
      return;
    }
    if (!p) return;
    const changes = changedValues(toBody(valuesOf(p)), body);
    if (Object.keys(changes).length === 0) {
      void message.info(t('common.unchanged'));
      onClose();
      return;
    }
    update.mutate(
      { id: p.id, body: { ...changes, version: p.version } },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError,
      },
    );
  };

  const section = (title: string) => (
    <Col span={24}>
      <div className="zs-form-section">{title}</div>
    </Col>
  );
  const half = { xs: 24, md: 12 };
  const third = { xs: 24, md: 8 };
  const isLoading = !isCreate && project.isPending;

  return (
    <Drawer
      open
      title={isCreate ? t('projects.form.createTitle') : t('projects.form.editTitle', { name: p?.name ?? '' })}
      size={isPhone ? '100%' : 760}
      onClose={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('projects.form.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} disabled={isLoading || project.isError} onClick={() => form.submit()}>
            {isCreate ? t('projects.form.submitCreate') : t('common.save')}
          </Button>
        </Space>
      }
    >
      {project.isError ? (
        <QueryError error={project.error} onRetry={() => void project.refetch()} />
      ) : isLoading ? (
        <Spin style={{ display: 'block', padding: 48 }} />
      ) : (
        <>
          {isCreate && <Alert type="info" showIcon title={t('projects.form.createNotice')} style={{ marginBottom: 16 }} />}
          <Form<ProjectFormValues>
            form={form}
            layout="vertical"
            requiredMark="optional"
            onFinish={onFinish}
            scrollToFirstError={{ block: 'center' }}
            initialValues={p ? valuesOf(p) : { unitId: defaultUnitId ?? me.unit.id, isCityKey: false, isProvinceKey: false, tags: [] }}
          >
            <Row gutter={16}>
              {section(t('projects.form.basic'))}
              <Col span={24}>
                <Form.Item name="name" label={t('projects.name')} rules={[{ required: true, whitespace: true, message: t('projects.form.nameRequired') }, max(120)]}>
                  <Input autoComplete="off" placeholder={t('projects.form.namePlaceholder')} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="unitId" label={t('projects.form.unit')} rules={[{ required: true, message: t('projects.form.unitRequired') }]} extra={t('projects.form.unitHint')}>
                  <UnitTreeSelect style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="channel" label={t('projects.form.channel')}>
                  <Select allowClear options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c][lang] }))} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="investorId" label={t('projects.investor')} extra={t('projects.form.investorHint')}>
                  <InvestorPicker current={p?.investorId ? { id: p.investorId, name: p.investorName ?? `#${p.investorId}` } : null} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="industryCode" label={t('projects.industry')} extra={t('projects.form.industryHint')}>
                  <IndustrySelect allowClear digitsOnly style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="carrier" label={t('projects.form.carrier')} rules={[max(200)]}>
                  <Input autoComplete="off" placeholder={t('projects.form.carrierPlaceholder')} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="description" label={t('projects.form.descriptionLabel')} rules={[max(4000)]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
                </Form.Item>
              </Col>

              {section(t('projects.form.money'))}
              <Col {...half}>
                <Form.Item name="plannedInvestment" label={t('projects.planned')} rules={[moneyRule]}>
                  <MoneyInput />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="contractedInvestment" label={t('projects.contracted')} rules={[moneyRule]} extra={t('projects.form.contractedHint')}>
                  <MoneyInput />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="fixedAssetInvestment" label={t('projects.form.fixedAsset')} rules={[moneyRule]}>
                  <MoneyInput />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="foreignInvestment" label={t('projects.form.foreign')} rules={[moneyRule]}>
                  <MoneyInput usd />
                </Form.Item>
              </Col>

              {section(t('projects.form.benefits'))}
              <Col {...third}>
                <Form.Item name="expectedOutput" label={t('projects.form.expectedOutput')} rules={[moneyRule]}>
                  <MoneyInput />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item name="expectedTax" label={t('projects.form.expectedTax')} rules={[moneyRule]}>
                  <MoneyInput />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item name="expectedJobs" label={t('projects.form.expectedJobs')}>
                  <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} suffix={t('projects.form.peopleUnit')} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="landMu" label={t('projects.form.landMu')} rules={[areaRule]}>
                  <Input inputMode="decimal" autoComplete="off" suffix={t('projects.form.mu')} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="floorAreaM2" label={t('projects.form.floorArea')} rules={[areaRule]}>
                  <Input inputMode="decimal" autoComplete="off" suffix="㎡" />
                </Form.Item>
              </Col>

              {section(t('projects.form.people'))}
              <Col {...half}>
                <Form.Item name="ownerUserId" label={t('projects.owner')} extra={t('projects.form.ownerHint')}>
                  <OwnerSelect current={p?.owner} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="liaisonLeaderId" label={t('projects.form.leader')} extra={t('projects.form.leaderHint')}>
                  <LeaderSelect current={p?.liaisonLeader} />
                </Form.Item>
              </Col>

              {section(t('projects.form.tagsSection'))}
              <Col span={24}>
                <Space size={24} wrap style={{ marginBottom: 12 }}>
                  <Form.Item name="isCityKey" valuePropName="checked" noStyle>
                    <Checkbox>{t('projects.form.isCityKey')}</Checkbox>
                  </Form.Item>
                  <Form.Item name="isProvinceKey" valuePropName="checked" noStyle>
                    <Checkbox>{t('projects.form.isProvinceKey')}</Checkbox>
                  </Form.Item>
                </Space>
              </Col>
              <Col span={24}>
                <Form.Item
                  name="tags"
                  label={t('projects.form.tags')}
                  extra={t('projects.form.tagsHint')}
                  rules={[{ validator: (_, v?: string[]) => ((v ?? []).every((x) => [...x.trim()].length <= 20) ? Promise.resolve() : Promise.reject(new Error(t('common.maxChars', { max: 20 })))) }]}
                >
                  <Select mode="tags" maxCount={20} options={CHAIN_TAGS.map((x) => ({ value: x, label: x }))} tokenSeparators={[',', '，', '、']} />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name="nextStep" label={t('projects.form.nextStep')} rules={[max(500)]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="nextStepDue"
                  label={t('projects.form.nextStepDue')}
                  getValueProps={(v?: string | null) => ({ value: v ? dayjs(v) : undefined })}
                  normalize={(d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </>
      )}
    </Drawer>
  );
}
