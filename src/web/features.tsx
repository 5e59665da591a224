import { lazy, type ComponentType, type ReactNode } from 'react';
import { Navigate } from 'react-router';
import { AimOutlined, ApartmentOutlined, AuditOutlined, BankOutlined, CheckSquareOutlined, DashboardOutlined, EnvironmentOutlined, FileTextOutlined, FlagOutlined, GiftOutlined, HomeOutlined, ImportOutlined, ProjectOutlined, ScheduleOutlined, SolutionOutlined, TeamOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import type { Permission, Role } from '../shared/roles';
import type { zh } from './i18n/zh';
import { useCurrentUser } from './features/auth/session';

/**
 * Every page behind the sign-in, in menu order. Adding a feature is one entry here (plus its
 * `nav.<key>` and `home.featureHints.<key>` strings in both dictionaries): the router, the menu, the
 * permission check and the home page all read this list.
 */
/** A key with both a menu label (`nav.<key>`) and a home-page hint (`home.featureHints.<key>`). */
export type FeatureKey = keyof typeof zh.nav & keyof typeof zh.home.featureHints;

export interface Feature {
  key: FeatureKey;
  path: string;
  icon: ReactNode;
  /** Hidden from the menu and refused (403 page) without it; the server enforces it anyway. */
  permission?: Permission;
  /**
   * Roles that have the permission but are not sent here from the menu or the home page (职能部门
   * users read projects only through their coordination items). The page itself stays reachable.
   */
  hiddenForRoles?: readonly Role[];
  /** Menu section; `system` items sit under 系统管理. */
  section: 'main' | 'system' | 'personal';
  /** Listed on the home page as a place to go. */
  onHome: boolean;
  page: ComponentType;
}

/** Roles whose home is the dashboard (驾驶舱) rather than the welcome page. */
export const DASHBOARD_HOME_ROLES: readonly Role[] = ['leader', 'bureau', 'viewer'];

/** Whether `/` sends this user to the dashboard (a dashboard role that may read the figures). */
export function startsOnDashboard(user: { role: Role; permissions: readonly string[] }): boolean {
  return DASHBOARD_HOME_ROLES.includes(user.role) && user.permissions.includes('stats.read');
}

const loadHomePage = () => import('./features/home/HomePage');
const loadDashboardPage = () => import('./features/dashboard/DashboardPage');
const HomePage = lazy(() => loadHomePage().then((m) => ({ default: m.HomePage })));

/** `/`: the welcome page, or straight to the dashboard for those who start there (without downloading the welcome page first). */
function Home() {
  const user = useCurrentUser();
  return startsOnDashboard(user) ? <Navigate to="/dashboard" replace /> : <HomePage />;
}

export const FEATURES: Feature[] = [
  {
    key: 'home',
    path: '/',
    icon: <HomeOutlined />,
    // Leaders, the bureau and read-only users start on the dashboard (Home sends them there).
    hiddenForRoles: DASHBOARD_HOME_ROLES,
    section: 'main',
    onHome: false,
    page: Home,
  },
  {
    key: 'dashboard',
    path: '/dashboard',
    icon: <DashboardOutlined />,
    permission: 'stats.read',
    section: 'main',
    onHome: true,
    page: lazy(() => loadDashboardPage().then((m) => ({ default: m.DashboardPage }))),
  },
  {
    key: 'map',
    path: '/map',
    icon: <EnvironmentOutlined />,
    permission: 'maps.read',
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/map/MapPage').then((m) => ({ default: m.MapPage }))),
  },
  {
    key: 'targets',
    path: '/targets',
    icon: <AimOutlined />,
    permission: 'targets.read',
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/targets/TargetsPage').then((m) => ({ default: m.TargetsPage }))),
  },
  {
    key: 'leaderboard',
    path: '/leaderboard',
    icon: <TrophyOutlined />,
    permission: 'assessment.runs.read',
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/leaderboard/LeaderboardPage').then((m) => ({ default: m.LeaderboardPage }))),
  },
  {
    key: 'rewards',
    path: '/rewards',
    icon: <GiftOutlined />,
    permission: 'rewards.read',
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/rewards/RewardsPage').then((m) => ({ default: m.RewardsPage }))),
  },
  {
    key: 'bulletins',
    path: '/bulletins',
    icon: <FileTextOutlined />,
    permission: 'stats.read',
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/bulletins/BulletinsPage').then((m) => ({ default: m.BulletinsPage }))),
  },
  {
    key: 'schemes',
    path: '/schemes',
    icon: <SolutionOutlined />,
    permission: 'assessment.read',
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/schemes/SchemesPage').then((m) => ({ default: m.SchemesPage }))),
  },
  {
    key: 'projects',
    path: '/projects',
    icon: <ProjectOutlined />,
    permission: 'projects.read',
    hiddenForRoles: ['department'],
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/projects/ProjectsPage').then((m) => ({ default: m.ProjectsPage }))),
  },
  {
    key: 'investors',
    path: '/investors',
    icon: <BankOutlined />,
    permission: 'investors.read',
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/investors/InvestorsPage').then((m) => ({ default: m.InvestorsPage }))),
  },
  {
    key: 'referrals',
    path: '/referrals',
    icon: <FlagOutlined />,
    permission: 'referrals.read',
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/referrals/ReferralsPage').then((m) => ({ default: m.ReferralsPage }))),
  },
  {
    key: 'review',
    path: '/review',
    icon: <CheckSquareOutlined />,
    permission: 'transitions.review',
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/review/ReviewPage').then((m) => ({ default: m.ReviewPage }))),
  },
  {
    key: 'todo',
    path: '/todo',
    icon: <ScheduleOutlined />,
    permission: 'issues.answer',
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/todo/TodoPage').then((m) => ({ default: m.TodoPage }))),
  },
  {
    key: 'import',
    path: '/import',
    icon: <ImportOutlined />,
    permission: 'import.write',
    section: 'main',
    onHome: true,
    page: lazy(() => import('./features/import/ImportPage').then((m) => ({ default: m.ImportPage }))),
  },
  {
    key: 'org',
    path: '/org',
    icon: <ApartmentOutlined />,
    permission: 'org.read',
    section: 'system',
    onHome: true,
    page: lazy(() => import('./features/org/OrgPage').then((m) => ({ default: m.OrgPage }))),
  },
  {
    key: 'users',
    path: '/users',
    icon: <TeamOutlined />,
    permission: 'users.read',
    section: 'system',
    onHome: true,
    page: lazy(() => import('./features/users/UsersPage').then((m) => ({ default: m.UsersPage }))),
  },
  {
    key: 'audit',
    path: '/audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    section: 'system',
    onHome: true,
    page: lazy(() => import('./features/audit/AuditPage').then((m) => ({ default: m.AuditPage }))),
  },
  {
    key: 'profile',
    path: '/profile',
    icon: <UserOutlined />,
    section: 'personal',
    onHome: true,
    page: lazy(() => import('./features/profile/ProfilePage').then((m) => ({ default: m.ProfilePage }))),
  },
];

/**
 * Detail pages under a feature's path: routed, never in the menu. The feature whose path they extend
 * (featureOfPath: `/projects/12` belongs to `/projects`) decides the permission and the menu highlight.
 */
export const SUB_PAGES: { path: string; page: ComponentType }[] = [
  {
    path: '/projects/:id',
    page: lazy(() => import('./features/project-detail/ProjectDetailPage').then((m) => ({ default: m.ProjectDetailPage }))),
  },
];

/** Starts downloading the signed-in shell while the sign-in request is under way. */
export function prefetchShell(): void {
  void import('./layout/AppLayout');
}

/** Once signed in and bound for `/`: the start page, alongside the shell rather than after it. */
export function prefetchStartPage(user: { role: Role; permissions: readonly string[] }): void {
  void (startsOnDashboard(user) ? loadDashboardPage() : loadHomePage());
}

export function isFeatureAllowed(feature: Feature, permissions: readonly string[]): boolean {
  return !feature.permission || permissions.includes(feature.permission);
}

/** Whether the menu and the home page list the feature for this user (permission, and not hidden for the role). */
export function isFeatureListed(feature: Feature, user: { permissions: readonly string[]; role: Role }): boolean {
  return isFeatureAllowed(feature, user.permissions) && !feature.hiddenForRoles?.includes(user.role);
}

/** The feature a pathname belongs to (`/org` also owns `/org/...`). */
export function featureOfPath(pathname: string): Feature | undefined {
  return FEATURES.find((f) => (f.path === '/' ? pathname === '/' : pathname === f.path || pathname.startsWith(`${f.path}/`)));
}
