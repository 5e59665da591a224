import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FEATURES, featureOfPath, isFeatureListed, type Feature } from '../features';
import { useCurrentUser } from '../features/auth/session';

type MenuItem = Required<MenuProps>['items'][number];

/** The side menu, built from FEATURES and the user's permissions. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  // Until the one-time password is replaced, only the profile page is reachable.
  const visible = FEATURES.filter(
    (f) => isFeatureListed(f, user) && (!user.mustChangePassword || f.key === 'profile'),
  );

  const toItem = (f: Feature): MenuItem => ({ key: f.path, icon: f.icon, label: t(`nav.${f.key}`) });
  const main = visible.filter((f) => f.section === 'main').map(toItem);
  const system = visible.filter((f) => f.section === 'system').map(toItem);
  const personal = visible.filter((f) => f.section === 'personal').map(toItem);
  const items: MenuItem[] = [
    ...main,
    ...(system.length ? [{ type: 'group' as const, key: 'g-system', label: t('nav.systemGroup'), children: system }] : []),
    ...(personal.length ? [{ type: 'group' as const, key: 'g-personal', label: t('nav.personalGroup'), children: personal }] : []),
  ];
  const selected = featureOfPath(location.pathname)?.path;

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
