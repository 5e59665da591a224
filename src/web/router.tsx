import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setUnauthenticatedHandler } from './api/client';
import { FEATURES, SUB_PAGES } from './features';
import { isSessionExpired, markSessionExpired, PASSWORD_PATH, SESSION_KEY, SessionContext, useSession } from './features/auth/session';

const LoginPage = lazy(() => import('./features/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const AppLayout = lazy(() => import('./layout/AppLayout').then((m) => ({ default: m.AppLayout })));
const NotFoundPage = lazy(() => import('./layout/StatusPages').then((m) => ({ default: m.NotFoundPage })));
// 大屏: the dashboard for a meeting-room screen, signed in but without the app's menus and header.
const DashboardScreen = lazy(() => import('./features/dashboard/ScreenPage').then((m) => ({ default: m.ScreenPage })));

/** Plain markup: shown before antd has loaded. */
function BootScreen({ text, onRetry }: { text: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="zs-boot" role="status">
      <span>{text}</span>
      {onRetry && (
        <button type="button" className="zs-boot-retry" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

function Loading() {
  const { t } = useTranslation();
  return <BootScreen text={t('common.loading')} />;
}

/**
 * Signed-in routes: sends visitors to /login?next=…, and a user with a one-time password to the
 * password form. `bare` pages (the 大屏) get the session without the app layout around them.
 */
function RequireAuth({ bare }: { bare?: boolean }) {
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.isError) return <BootScreen text={session.error.message} onRetry={() => void session.refetch()} />;
  const user = session.data;
  if (!user) {
    const next = location.pathname + location.search;
    const params = new URLSearchParams();
    if (isSessionExpired()) params.set('expired', '1');
    if (next !== '/') params.set('next', next);
    const query = params.toString();
    return <Navigate to={query ? `/login?${query}` : '/login'} replace />;
  }
  if (user.mustChangePassword && location.pathname !== '/profile') return <Navigate to={PASSWORD_PATH} replace />;
  return (
    <SessionContext.Provider value={user}>
      {bare ? (
        <Outlet />
      ) : (
        <AppLayout>
          <Outlet />
        </AppLayout>
      )}
    </SessionContext.Provider>
  );
}

/**
 * A 401 from any signed-in call: the session ended (expired, revoked, signed out in another tab).
 * Forgetting the user makes RequireAuth send them to /login?expired=1&next=<where they were>.
 */
function SessionExpiryWatcher() {
  const queryClient = useQueryClient();
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (queryClient.getQueryData(SESSION_KEY) == null) return;
      markSessionExpired();
      queryClient.setQueryData(SESSION_KEY, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);
  return null;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <SessionExpiryWatcher />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireAuth bare />}>
          <Route path="/dashboard/screen" element={<DashboardScreen />} />
        </Route>
        <Route element={<RequireAuth />}>
          {FEATURES.map((feature) => (
            <Route key={feature.key} path={feature.path} element={<feature.page />} />
          ))}
          {SUB_PAGES.map((sub) => (
            <Route key={sub.path} path={sub.path} element={<sub.page />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
