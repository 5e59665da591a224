// Roles and permissions (domain.md §1). Shared so the web hides what the server would refuse;
// the server is the only place they are enforced.

export const ROLES = ['admin', 'leader', 'bureau', 'unit_staff', 'department', 'referrer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  leader: { zh: '领导', en: 'Leader' },
  bureau: { zh: '招商局专员', en: 'Bureau staff' },
  unit_staff: { zh: '单位招商员', en: 'Unit staff' },
  department: { zh: '职能部门', en: 'Department' },
  referrer: { zh: '引荐人', en: 'Referrer' },
  viewer: { zh: '只读用户', en: 'Viewer' },
};

const ALL: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ['admin', 'leader', 'bureau', 'unit_staff', 'department', 'viewer'];

/**
 * Every protected route names one of these. A role not listed is refused with 403 before the
 * request body is even validated. Data scope (which records) is a separate, later check.
 */
export const PERMISSIONS = {
  'session.self': ALL, // me, logout, change own password
  'divisions.read': ALL,
  'org.read': STAFF,
  'org.write': ['admin'],
  'users.read': ['admin', 'leader', 'bureau', 'unit_staff'],
  'users.write': ['admin'],
  'audit.read': ['admin', 'leader', 'bureau'],
  // The project ledger (issue 3).
  'settings.read': STAFF,
  'settings.write': ['admin'],
  'industries.read': ALL,
  'investors.read': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'investors.write': ['admin', 'bureau', 'unit_staff'],
  // Department users read only the projects with a coordination issue assigned to them.
  'projects.read': STAFF,
  'projects.write': ['admin', 'bureau', 'unit_staff'],
  'projects.export': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'transitions.request': ['admin', 'bureau', 'unit_staff'],
  'transitions.review': ['bureau'], // 审核: bureau staff, never the requester
  // Referrers see and file only their own registrations.
  'referrals.read': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer', 'referrer'],
  'referrals.write': ['admin', 'bureau', 'unit_staff', 'referrer'],
  'referrals.arbitrate': ['bureau'],
  'followups.write': ['admin', 'bureau', 'unit_staff'],
  'nodes.write': ['admin', 'bureau', 'unit_staff'],
  'issues.write': ['admin', 'bureau', 'unit_staff'],
  'issues.answer': ['bureau', 'department'],
  'files.read': ALL,
  'files.write': ['admin', 'bureau', 'unit_staff', 'department', 'referrer'],
  'import.write': ['admin', 'bureau', 'unit_staff'],
  'search.read': STAFF,
  // The map (issue 4): who reads figures reads the map; only an admin uploads boundaries.
  'maps.read': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'maps.manage': ['admin'],
  // 实际到位资金 (issue 4): departments read no money (a scope rule, 404); only the bureau verifies.
  'funds.read': STAFF,
  'funds.report': ['admin', 'bureau', 'unit_staff'],
  'funds.review': ['bureau'], // 审核: bureau staff, never the reporter
  // Figures (issue 4): every role that reads the whole ledger of its scope. Departments see only the
  // projects of their assigned issues and referrers only their registrations, so neither reads figures.
  'stats.read': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  // Targets (issue 5): read by whoever reads figures; the bureau sets and approves (locks) them; unit
  // staff draft the decomposition below their own unit (a service rule), never their unit's own target.
  'targets.read': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'targets.write': ['bureau', 'unit_staff'],
  'targets.approve': ['bureau'],
  // Assessment (issue 5): the bureau writes schemes and runs and publishes results. Schemes are read
  // by those who read the whole scope; a run is read by every staff role, but unit staff and
  // departments see only the lines of units in their scope (a service rule), with their rank.
  'assessment.read': ['admin', 'leader', 'bureau', 'viewer'],
  'assessment.write': ['bureau'],
  'assessment.runs.read': ['admin', 'leader', 'bureau', 'unit_staff', 'department', 'viewer'],
  'assessment.runs.write': ['bureau'],
  // Rewards (issue 5): read by whoever reads figures, plus referrers (their own lines only, a scope
  // rule); unit staff see only the lines credited to units in their scope. Only the bureau writes.
  'rewards.read': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer', 'referrer'],
  'rewards.write': ['bureau'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}
