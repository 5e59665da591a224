import type { TFunction } from 'i18next';
import { ROLES, type Role } from '../../../shared/roles';
import { UNIT_TYPES, type UnitType } from '../../../shared/org';
import { roleLabel } from '../../components/RoleLabel';
import { unitTypeLabel } from '../../components/UnitTypeTag';
import { formatDateTime } from '../../format';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

// Known audit vocabularies get words; anything newer than this list is shown as the raw value.
export const AUDIT_ENTITIES = ['org_unit', 'user', 'session', 'project', 'transition', 'investor', 'follow_up', 'project_nodes', 'issue', 'file', 'referral', 'referral_conflict', 'fund_tranche', 'import_job', 'import_column_mapping', 'target', 'assessment_scheme', 'assessment_run', 'reward_rule_set', 'reward_run', 'settings', 'geo_maps'] as const;
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'move',
  'disable',
  'enable',
  'reset_password',
  'change_password',
  'login',
  'logout',
  'lockout',
  'delete',
  'upload',
  'replace',
  'create_default',
  'request_transition',
  'verify_transition',
  'verify_backward_transition',
  'reject_transition',
  'withdraw',
  'link_referral',
  'link_project',
  'void',
  'note',
  'resolve',
  'status',
  'answer',
  'close',
  'reopen',
  'escalate',
  'report_funds',
  'report_funds_correction',
  'verify_funds',
  'reject_funds',
  'import_commit',
  'import_commit_partial',
  'create_target',
  'update_target',
  'approve_target',
  'unlock_target',
  'update_assessment_scheme',
  'activate_assessment_scheme',
  'archive_assessment_scheme',
  'compute_assessment_run',
  'update_assessment_run',
  'publish_assessment_run',
  'update_reward_rules',
  'activate_reward_rules',
  'compute_reward_run',
  'publish_reward_run',
  'seed_demo_history',
  'seed_demo_target',
  'create_assessment_scheme',
  'new_assessment_scheme_version',
  'create_reward_rules',
  'new_reward_rules_version',
] as const;
const AUDIT_FIELDS = [
  'id',
  'name',
  'shortName',
  'type',
  'parentId',
  'divisionCode',
  'path',
  'depth',
  'sortOrder',
  'isDisabled',
  'isDemo',
  'username',
  'displayName',
  'unitId',
  'role',
  'phone',
  'email',
  'mustChangePassword',
  'lastLoginAt',
  'createdAt',
  'updatedAt',
  'userAgent',
  'reason',
  'failures',
  'lockedUntil',
  'passwordChangedAt',
  'stage',
  'stageDate',
  'sideState',
  'investorId',
  'industryCode',
  'plannedInvestment',
  'contractedInvestment',
  'fixedAssetInvestment',
  'foreignInvestment',
  'signedDate',
  'startedDate',
  'producingDate',
  'projectId',
  'status',
  'title',
  'description',
  'deadline',
  'answer',
  'departmentUnitId',
  'date',
  'amount',
  'amountCny',
  'source',
  'currency',
  'filename',
  'mimeType',
  'size',
  'sha256',
  'storageKey',
  'uscc',
  'tags',
  'contacts',
  'winnerId',
  'creditSplit',
  'plannedDate',
  'actualDate',
  'responsible',
  'note',
  'content',
  'kind',
  'metric',
  'value',
  'year',
  'version',
  'nextStep',
  'nextStepDue',
  'contentHash',
  'total',
  'period',
  'lineCount',
  'ruleSetId',
  'rules',
  'scheme',
  'previousId',
  'manual',
  'schemeId',
  'publishedAt',
  'approvedAt',
  'approvedBy',
] as const;

type AuditEntity = (typeof AUDIT_ENTITIES)[number];
type AuditAction = (typeof AUDIT_ACTIONS)[number];
type AuditField = (typeof AUDIT_FIELDS)[number];

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

export function entityLabel(t: TFunction, entity: string): string {
  return isOneOf<AuditEntity>(AUDIT_ENTITIES, entity) ? t(`audit.entities.${entity}`) : entity;
}

export function actionLabel(t: TFunction, action: string): string {
  return isOneOf<AuditAction>(AUDIT_ACTIONS, action) ? t(`audit.actions.${action}`) : action;
}

export function fieldLabel(t: TFunction, field: string): string | null {
  return isOneOf<AuditField>(AUDIT_FIELDS, field) ? t(`audit.fields.${field}`) : null;
}

export const ACTION_COLORS: Partial<Record<AuditAction, string>> = {
  create: 'green',
  update: 'blue',
  move: 'purple',
  disable: 'red',
  enable: 'cyan',
  reset_password: 'orange',
  change_password: 'orange',
  login: 'default',
  logout: 'default',
  lockout: 'volcano',
  delete: 'red',
  void: 'red',
  reject_transition: 'red',
  reject_funds: 'red',
  verify_transition: 'green',
  verify_backward_transition: 'gold',
  verify_funds: 'green',
  approve_target: 'green',
  publish_assessment_run: 'geekblue',
  publish_reward_run: 'geekblue',
  escalate: 'orange',
  resolve: 'purple',
};

export function actionColor(action: string): string {
  return isOneOf<AuditAction>(AUDIT_ACTIONS, action) ? (ACTION_COLORS[action] ?? 'default') : 'default';
}

/** A snapshot value in words where we know the vocabulary (roles, unit types, yes/no). */
export function describeValue(t: TFunction, language: string, field: string, value: unknown): string | null {
  if (value === undefined) return null;
  if (value === null || value === '') return t('audit.empty');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string') {
    if (ISO_DATE_TIME.test(value)) return `${formatDateTime(value, true)}`;
    if (field === 'role' && isOneOf<Role>(ROLES, value)) return `${roleLabel(value, language)} (${value})`;
    if (field === 'type' && isOneOf<UnitType>(UNIT_TYPES, value)) return `${unitTypeLabel(value, language)} (${value})`;
    return value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value, null, 2);
}

// Actors the server writes without a user (first-run setup, seeding); shown in words when known.
const SYSTEM_ACTORS = ['setup', 'seed', 'system'] as const;

/** Who did it: the user's name, or 系统 / the system step's name in words. */
export function actorLabel(t: TFunction, actorId: number | null, actorName: string | null): string {
  if (actorName && isOneOf<(typeof SYSTEM_ACTORS)[number]>(SYSTEM_ACTORS, actorName)) return t(`audit.systemActors.${actorName}`);
  return actorName ?? (actorId === null ? t('audit.system') : `#${actorId}`);
}

function snapshotOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The record's own name from its snapshot (units: name; users: displayName), to read "用户 #12 · 张三". */
export function recordName(before: unknown, after: unknown): string | null {
  const snapshot = snapshotOf(after) ?? snapshotOf(before);
  if (!snapshot) return null;
  for (const key of ['name', 'displayName', 'username']) {
    const value = snapshot[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}
