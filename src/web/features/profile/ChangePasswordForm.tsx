import { App, Button, Form, Input } from 'antd';
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { newPassword } from '../../../shared/api/auth';
import { useShowError } from '../../api/errors';
import { zodRule } from '../../api/zod-rule';
import { useChangePassword } from '../auth/session';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The rules of shared/api/auth.ts `newPassword`, plus the server's "not the username". */
export function passwordChecks(value: string, username: string) {
  return {
    length: value.length >= 8,
    lettersAndDigits: /[A-Za-z]/.test(value) && /[0-9]/.test(value),
    notUsername: value.length > 0 && value.toLowerCase() !== username.toLowerCase(),
  };
}

function PasswordRules({ value, username }: { value: string; username: string }) {
  const { t } = useTranslation();
  const checks = passwordChecks(value, username);
  const item = (isMet: boolean, text: string) => (
    <li style={{ color: isMet ? '#389e0d' : 'rgba(0,0,0,0.55)', listStyle: 'none' }}>
      {isMet ? <CheckCircleFilled /> : <MinusCircleOutlined />} {text}
    </li>
  );
  return (
    <ul style={{ margin: '0 0 16px', padding: 0, lineHeight: 1.9 }} aria-live="polite">
      {item(checks.length, t('profile.ruleLength'))}
      {item(checks.lettersAndDigits, t('profile.ruleLettersDigits'))}
      {item(checks.notUsername, t('profile.ruleNotUsername'))}
    </ul>
  );
}

export function ChangePasswordForm({ username, onChanged }: { username: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangePassword();
  const showError = useShowError();
  const typed = Form.useWatch('newPassword', form) ?? '';

  const onFinish = (values: PasswordValues) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          void message.success(t('profile.changed'));
          form.resetFields();
          onChanged();
        },
        onError: (error) => showError(error, form, { WRONG_PASSWORD: 'currentPassword', WEAK_PASSWORD: 'newPassword' }),
      },
    );
  };

  return (
    <Form<PasswordValues> form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }} requiredMark={false}>
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Form.Item name="currentPassword" label={t('profile.currentPassword')} rules={[{ required: true, message: t('profile.currentRequired') }]}>
        <Input.Password id="currentPassword" autoComplete="current-password" maxLength={256} />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('profile.newPassword')}
        rules={[
          { required: true, message: t('profile.newPasswordRequired') },
          zodRule(newPassword, t('profile.passwordRules')),
          {
            validator: (_, value?: string) =>
              value && value.toLowerCase() === username.toLowerCase() ? Promise.reject(new Error(t('profile.ruleNotUsername'))) : Promise.resolve(),
          },
        ]}
      >
        <Input.Password id="newPassword" autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <PasswordRules value={typed} username={username} />
      <Form.Item
        name="confirm"
        label={t('profile.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('profile.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('profile.mismatch'))),
          }),
        ]}
      >
        <Input.Password id="confirmPassword" autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('profile.submit')}
      </Button>
    </Form>
  );
}
