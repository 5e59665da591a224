import { App, Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../../shared/api/org';
import { canHangUnder, UNIT_TYPES, type UnitType } from '../../../shared/org';
import { changedValues } from '../../api/changes';
import { useShowError } from '../../api/errors';
import { maxCharsRule } from '../../api/zod-rule';
import { unitTypeLabel } from '../../components/UnitTypeTag';
import { DivisionSelect } from './DivisionSelect';
import { useCreateUnit, useUpdateUnit } from './org.queries';

export type UnitFormMode =
  | { kind: 'create'; parent: OrgUnit }
  | { kind: 'edit'; unit: OrgUnit; parentType: UnitType | null | undefined; parentDivisionCode: string | null | undefined };

interface UnitFormValues {
  name: string;
  shortName?: string;
  type: UnitType;
  divisionCode?: string | null;
  sortOrder?: number | null;
}

/** Types a unit may have under a parent of `parentType`; `undefined` = parent not visible, keep the current type. */
export function allowedTypes(parentType: UnitType | null | undefined, current?: UnitType): UnitType[] {
  if (parentType === undefined) return current ? [current] : [];
  return UNIT_TYPES.filter((type) => canHangUnder(type, parentType));
}

const CODE_FIELDS = { UNIT_NAME_TAKEN: 'name', UNIT_PARENT_TYPE: 'type', DIVISION_UNKNOWN: 'divisionCode' };

/** 新增下级单位 / 编辑单位. */
export function UnitFormModal({ mode, onClose, onSaved }: { mode: UnitFormMode; onClose: () => void; onSaved: (unit: OrgUnit) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitFormValues>();
  const showError = useShowError();
  const create = useCreateUnit();
  const update = useUpdateUnit();

  const isCreate = mode.kind === 'create';
  const types = isCreate ? allowedTypes(mode.parent.type) : allowedTypes(mode.parentType, mode.unit.type);
  const parentDivision = isCreate ? mode.parent.divisionCode : mode.parentDivisionCode;
  const initialValues: Partial<UnitFormValues> = isCreate
    ? { type: types.length === 1 ? types[0] : undefined, sortOrder: 0, divisionCode: null }
    : {
        name: mode.unit.name,
        shortName: mode.unit.shortName ?? '',
        type: mode.unit.type,
        divisionCode: mode.unit.divisionCode,
        sortOrder: mode.unit.sortOrder,
      };

  const onFinish = (values: UnitFormValues) => {
    const common = {
      name: values.name.trim(),
      shortName: values.shortName?.trim() ? values.shortName.trim() : null,
      type: values.type,
      divisionCode: values.divisionCode ?? null,
      sortOrder: values.sortOrder ?? 0,
    };
    const onError = (error: unknown) => showError(error, form, CODE_FIELDS);
    if (isCreate) {
      create.mutate(
        { ...common, parentId: mode.parent.id },
        {
          onSuccess: (unit) => {
            void message.success(t('org.created', { name: unit.name }));
            onSaved(unit);
          },
          onError,
        },
      );
    } else {
      const body = changedValues(
        { name: mode.unit.name, shortName: mode.unit.shortName, type: mode.unit.type, divisionCode: mode.unit.divisionCode, sortOrder: mode.unit.sortOrder },
        common,
      );
      if (Object.keys(body).length === 0) {
        void message.info(t('common.unchanged'));
        onClose();
        return;
      }
      update.mutate(
        { id: mode.unit.id, body },
        {
          onSuccess: (unit) => {
            void message.success(t('common.saved'));
            onSaved(unit);
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open
      title={isCreate ? t('org.addChildTitle', { parent: mode.parent.name }) : t('org.editTitle', { name: mode.unit.name })}
      okText={isCreate ? t('common.create') : t('common.save')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
      width={560}
    >
      {isCreate && types.length === 0 ? (
        <Alert type="info" showIcon title={t('org.noChildTypes', { type: unitTypeLabel(mode.parent.type, i18n.language) })} />
      ) : (
        <Form<UnitFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} requiredMark="optional">
          <Form.Item
            name="name"
            label={t('org.name')}
            rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }, maxCharsRule(60, t('common.maxChars', { max: 60 }))]}
          >
            <Input autoFocus placeholder={t('org.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="shortName" label={t('org.shortName')} rules={[maxCharsRule(30, t('common.maxChars', { max: 30 }))]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="type"
            label={t('org.type')}
            rules={[{ required: true, message: t('org.typeRequired') }]}
            extra={isCreate ? t('org.typeHint', { type: unitTypeLabel(mode.parent.type, i18n.language) }) : undefined}
          >
            <Select options={types.map((type) => ({ value: type, label: unitTypeLabel(type, i18n.language) }))} />
          </Form.Item>
          <Form.Item name="divisionCode" label={t('org.division')} extra={t('org.divisionHint')}>
            <DivisionSelect parentDivisionCode={parentDivision} />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('org.sortOrder')} extra={t('org.sortOrderHint')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
