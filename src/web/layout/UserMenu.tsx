import { Avatar, Dropdown, type MenuProps } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { roleLabel } from '../components/RoleLabel';
import { PASSWORD_PATH, useCurrentUser, useLogout } from '../features/auth/session';

/** Avatar, name and role; the dropdown holds 个人资料 / 修改密码 / 退出登录. */
export function UserMenu({ compact }: { compact: boolean }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();

  const items: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined />, label: t('header.profile') },
    { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') navigate('/profile');
    if (key === 'password') navigate(PASSWORD_PATH);
    if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };
  const role = roleLabel(user.role, i18n.language);

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <button type="button" className="zs-user-button" aria-label={t('header.userMenu')}>
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1f5fa8', flex: 'none' }} />
        {!compact && (
          <span className="zs-user-name">
            <span>{user.displayName}</span>
            <span className="zs-user-role">{role}</span>
          </span>
        )}
      </button>
    </Dropdown>
  );
}
