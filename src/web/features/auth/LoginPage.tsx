import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { APP_VERSION } from '../../../shared/version';
import { ApiError } from '../../api/client';
import { BrandMark } from '../../components/BrandMark';
import { prefetchShell, prefetchStartPage } from '../../features';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PASSWORD_PATH, safeNextPath, useLogin, useSession } from './session';

/** Minutes until a locked-out username may try again (429 carries `details.retryAfterSeconds`). */
function lockoutMinutes(error: Error): number | null {
  if (!(error instanceof ApiError) || error.code !== 'TOO_MANY_ATTEMPTS') return null;
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : null;
}

interface LoginValues {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const isExpired = params.get('expired') === '1';
  const session = useSession();
  const login = useLogin();

  // Signed in (already, or just now): go where the user was heading.
  if (session.data) return <Navigate to={session.data.mustChangePassword ? PASSWORD_PATH : next} replace />;

  const onFinish = (values: LoginValues) => {
    prefetchShell();
    login.mutate({ username: values.username.trim(), password: values.password }, { onSuccess: ({ user }) => next === '/' && !user.mustChangePassword && prefetchStartPage(user) });
  };

  return (
    <div className="zs-login">
      <div className="zs-login-top">
        <LanguageSwitch />
      </div>
      <main className="zs-login-main">
        <div className="zs-login-card">
          <div className="zs-login-brand">
            <BrandMark size={36} />
            <h1>{t('common.appName')}</h1>
          </div>
          <p className="zs-login-subtitle">{t('common.subtitle')}</p>

          {login.error ? (
            <Alert
              type="error"
              showIcon
              title={login.error.message}
              description={lockoutMinutes(login.error) ? t('login.retryAfter', { minutes: lockoutMinutes(login.error) }) : undefined}
              style={{ marginBottom: 16 }}
              role="alert"
            />
          ) : (
            isExpired && <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />
          )}

          <Form<LoginValues> layout="vertical" requiredMark={false} onFinish={onFinish} onValuesChange={() => login.error && login.reset()} size="large">
            <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input id="username" name="username" prefix={<UserOutlined />} autoComplete="username" autoFocus spellCheck={false} autoCapitalize="none" maxLength={64} />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password id="password" name="password" prefix={<LockOutlined />} autoComplete="current-password" maxLength={256} />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
          <p className="zs-login-foot" style={{ padding: '8px 0 0', margin: 0 }}>
            {t('login.authorizedOnly')}
          </p>
        </div>
      </main>
      <footer className="zs-login-foot">
        {t('common.appName')} v{APP_VERSION}
      </footer>
    </div>
  );
}
