import { Alert, Card, Descriptions, Space, Tabs, Tag } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DemoTag } from '../../components/DemoTag';
import { PageHeader } from '../../components/PageHeader';
import { permissionName } from '../../components/permissions';
import { roleLabel } from '../../components/RoleLabel';
import { UnitTypeTag } from '../../components/UnitTypeTag';
import { useCurrentUser } from '../auth/session';
import { ChangePasswordForm } from './ChangePasswordForm';

/** 个人资料: who I am in the system, and my password (forced here while it is a one-time password). */
export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const isForced = user.mustChangePassword;
  const tab = isForced || params.get('tab') === 'password' ? 'password' : 'info';

  const info = (
    <Descriptions bordered size="small" column={1} styles={{ label: { width: 140 } }}>
      <Descriptions.Item label={t('profile.username')}>{user.username}</Descriptions.Item>
      <Descriptions.Item label={t('profile.displayName')}>
        <Space size={6}>
          {user.displayName}
          {user.isDemo && <DemoTag />}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('profile.unit')}>
        <Space size={6} wrap>
          {user.unit.name}
          <UnitTypeTag type={user.unit.type} small />
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('profile.role')}>{roleLabel(user.role, i18n.language)}</Descriptions.Item>
      <Descriptions.Item label={t('profile.permissions')}>
        <Space size={[4, 4]} wrap>
          {user.permissions.map((p) => (
            <Tag key={p} title={p}>
              {permissionName(t, p)}
            </Tag>
          ))}
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );

  return (
    <>
      <PageHeader title={t('nav.profile')} />
      {isForced && <Alert type="warning" showIcon title={t('profile.mustChangeTitle')} description={t('profile.mustChangeNotice')} style={{ marginBottom: 16 }} />}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'password' ? { tab: 'password' } : {})}
          items={[
            { key: 'info', label: t('profile.info'), children: info, disabled: isForced },
            {
              key: 'password',
              label: t('profile.changePassword'),
              children: <ChangePasswordForm username={user.username} onChanged={() => isForced && navigate('/', { replace: true })} />,
            },
          ]}
        />
        {!isForced && tab === 'info' && (
          <p style={{ color: 'rgba(0,0,0,0.45)', margin: '12px 0 0' }}>{t('profile.contactAdmin')}</p>
        )}
      </Card>
    </>
  );
}
