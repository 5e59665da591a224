import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { newPassword } from '../../../shared/api/auth';
import { username as usernameSchema, type User } from '../../../shared/api/users';
import type { Role } from '../../../shared/roles';
import { changedValues } from '../../api/changes';
import { useShowError } from '../../api/errors';
import { maxCharsRule, zodRule } from '../../api/zod-rule';
import { useRoleOptions } from '../../components/RoleLabel';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { useCreateUser, useUpdateUser } from './users.queries';

interface UserFormValues {
  username: string;
  displayName: string;
  unitId: number;
  role: Role;
  phone?: string;
  email?: string;
  password?: string;
}

const CODE_FIELDS = { USERNAME_TAKEN: 'username', WEAK_PASSWORD: 'password', UNIT_DISABLED: 'unitId', SELF_LOCKOUT: 'role' };
const PHONE = /^[0-9+\-() ]{5,20}$/;

const blankToNull = (v?: string) => (v?.trim() ? v.trim() : null);

/** 新增用户 (user = undefined) or 编辑用户. */
export function UserFormModal({
  user,
  defaultUnitId,
  onClose,
  onCreated,
}: {
  user?: User;
  defaultUnitId?: number;
  onClose: () => void;
  onCreated?: (user: User, temporaryPassword: string | null) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const showError = useShowError();
  const roleOptions = useRoleOptions();
  const create = useCreateUser();
  const update = useUpdateUser();
  const isCreate = !user;

  const onFinish = (values: UserFormValues) => {
    const onError = (error: Error) => showError(error, form, CODE_FIELDS);
    const fields = {
      displayName: values.displayName.trim(),
      unitId: values.unitId,
      role: values.role,
      phone: blankToNull(values.phone),
      email: blankToNull(values.email),
    };
    if (isCreate) {
      create.mutate(
        { ...fields, username: values.username.trim().toLowerCase(), ...(values.password ? { password: values.password } : {}) },
        { onSuccess: (res) => onCreated?.(res.user, res.temporaryPassword), onError },
      );
    } else {
      const body = changedValues(
        { displayName: user.displayName, unitId: user.unitId, role: user.role, phone: user.phone, email: user.email },
        fields,
      );
      if (Object.keys(body).length === 0) {
        void message.info(t('common.unchanged'));
        onClose();
        return;
      }
      update.mutate(
        { id: user.id, body },
        {
          onSuccess: () => {
            void message.success(t('common.saved'));
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open
      title={isCreate ? t('users.createTitle') : t('users.editTitle', { name: user.displayName })}
      okText={isCreate ? t('common.create') : t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      mask={{ closable: false }}
      width={600}
    >
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={onFinish}
        initialValues={
          user
            ? { username: user.username, displayName: user.displayName, unitId: user.unitId, role: user.role, phone: user.phone ?? '', email: user.email ?? '' }
            : { unitId: defaultUnitId }
        }
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={isCreate ? t('users.usernameRule') : t('users.usernameFixed')}
          rules={isCreate ? [{ required: true, message: t('users.usernameRequired') }, zodRule(usernameSchema, t('users.usernameRule'))] : []}
        >
          <Input disabled={!isCreate} autoComplete="off" spellCheck={false} autoCapitalize="none" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }, maxCharsRule(40, t('common.maxChars', { max: 40 }))]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true, message: t('users.unitRequired') }]}>
          <UnitTreeSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]} extra={t('users.roleHint')}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} rules={[{ pattern: PHONE, message: t('users.phoneRule') }]}>
          <Input inputMode="tel" autoComplete="off" maxLength={20} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailRule') }, { max: 120 }]}>
          <Input inputMode="email" autoComplete="off" />
        </Form.Item>
        {isCreate && (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('users.initialPasswordHint')}
            rules={[zodRule(newPassword, t('profile.passwordRules'))]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
