import { lazy, Suspense, useState, type ReactNode } from 'react';
import { App as AntdApp, Button, Drawer, Grid, Layout, Spin, Tooltip, Typography } from 'antd';
import { BankOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { APP_VERSION } from '../../shared/version';
import { BrandMark } from '../components/BrandMark';
import { DemoTag } from '../components/DemoTag';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { featureOfPath, isFeatureAllowed } from '../features';
import { useCurrentUser } from '../features/auth/session';
import { NavMenu } from './NavMenu';
import { UserMenu } from './UserMenu';

// Rarely shown: kept out of the first screen's download.
const ForbiddenPage = lazy(() => import('./StatusPages').then((m) => ({ default: m.ForbiddenPage })));
// Loads after the shell has drawn, so the first screen does not wait for the search box.
const GlobalSearch = lazy(() => import('./GlobalSearch').then((m) => ({ default: m.GlobalSearch })));

function Brand({ collapsed }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={collapsed ? 'zs-brand zs-brand-collapsed' : 'zs-brand'}>
      <BrandMark className="zs-brand-mark" />
      {!collapsed && <span>{t('common.appName')}</span>}
    </div>
  );
}

function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

/** The signed-in shell: side menu (a drawer on phones), header, and the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Before the first measurement `screens` is empty: assume a desktop rather than flash a drawer.
  const isPhone = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const feature = featureOfPath(location.pathname);
  const isAllowed = !feature || isFeatureAllowed(feature, user.permissions);

  // AntdApp gives pages `App.useApp()` (message, modal) in this theme and language; it lives here,
  // not at the root, so the sign-in page does not download it.
  return (
    <AntdApp component={false}>
      <Layout style={{ minHeight: '100vh' }}>
        {!isPhone && (
          <Layout.Sider className="zs-sider" width={216} collapsedWidth={64} collapsed={collapsed} trigger={null}>
            <Brand collapsed={collapsed} />
            <NavMenu />
          </Layout.Sider>
        )}
        {isPhone && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={240}
            closable={false}
            styles={{ body: { padding: 0, background: '#0f2747' } }}
            title={null}
          >
            <Brand />
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <Layout>
          <Layout.Header className="zs-header">
            {isPhone ? (
              <Button type="text" icon={<MenuOutlined />} aria-label={t('header.openMenu')} onClick={() => setDrawerOpen(true)} />
            ) : (
              <Tooltip title={collapsed ? t('header.expandMenu') : t('header.collapseMenu')}>
                <Button
                  type="text"
                  icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                  aria-label={collapsed ? t('header.expandMenu') : t('header.collapseMenu')}
                  onClick={() => setCollapsed((c) => !c)}
                />
              </Tooltip>
            )}
            <div className="zs-header-unit" title={t('header.currentUnit')}>
              <BankOutlined aria-hidden />
              <Typography.Text ellipsis style={{ minWidth: 0 }}>
                {user.unit.name}
              </Typography.Text>
              {user.isDemo && <DemoTag />}
            </div>
            <div className="zs-header-right">
              {user.permissions.includes('search.read') && (
                <Suspense fallback={null}>
                  <GlobalSearch compact={isPhone} />
                </Suspense>
              )}
              <LanguageSwitch compact={isPhone} />
              <UserMenu compact={isPhone} />
            </div>
          </Layout.Header>
          <Layout.Content className="zs-content">
            <ErrorBoundary key={location.pathname}>
              <Suspense fallback={<PageLoading />}>{isAllowed ? children : <ForbiddenPage />}</Suspense>
            </ErrorBoundary>
          </Layout.Content>
          <Layout.Footer className="zs-footer">
            {t('common.appName')} · {t('common.subtitle')} · v{APP_VERSION}
          </Layout.Footer>
        </Layout>
      </Layout>
    </AntdApp>
  );
}
