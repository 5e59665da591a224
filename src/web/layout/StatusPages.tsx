import { Button, Result } from 'antd';
import { CompassOutlined, LockOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

// Plain icons rather than antd's illustrations: calmer, and what a government console looks like.
const iconStyle = { color: '#9aa7b8' };

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      icon={<CompassOutlined style={iconStyle} />}
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundHint')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Result
      icon={<LockOutlined style={iconStyle} />}
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbiddenHint')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.backHome')}</Button>
        </Link>
      }
    />
  );
}
