import { useState } from 'react';
import { Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { newPassword } from '../../../shared/api/auth';
import type { User } from '../../../shared/api/users';
import { useShowError } from '../../api/errors';
import { zodRule } from '../../api/zod-rule';
import { useResetPassword } from './users.queries';

interface ResetValues {
  password?: string;
  confirm?: string;
}

/** 重置密码: a server-generated one-time password (default) or one the administrator types. */
export function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: User;
  onClose: () => void;
  onDone: (temporaryPassword: string | null) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ResetValues>();
  const [mode, setMode] = useState<'generate' | 'manual'>('generate');
  const reset = useResetPassword();
  const showError = useShowError();

  const onFinish = (values: ResetValues) => {
    reset.mutate(
      { id: user.id, password: mode === 'manual' ? values.password : undefined },
      { onSuccess: (res) => onDone(res.temporaryPassword), onError: (error) => showError(error, form, { WEAK_PASSWORD: 'password' }) },
    );
  };

  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.displayName })}
      okText={t('users.resetPassword')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('users.resetHint', { username: user.username })}</Typography.Paragraph>
      <Form<ResetValues> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item label={t('users.resetMode')}>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'generate' | 'manual')}>
            <Space orientation="vertical">
              <Radio value="generate">{t('users.resetGenerate')}</Radio>
              <Radio value="manual">{t('users.resetManual')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {mode === 'manual' && (
          <>
            <Form.Item
              name="password"
              label={t('profile.newPassword')}
              extra={t('profile.passwordRules')}
              rules={[{ required: true, message: t('profile.newPasswordRequired') }, zodRule(newPassword, t('profile.passwordInvalid'))]}
            >
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('profile.confirmPassword')}
              dependencies={['password']}
              rules={[
                { required: true, message: t('profile.confirmRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('profile.mismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
