import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/api/users';
import { DemoTag } from '../../components/DemoTag';
import { roleLabel } from '../../components/RoleLabel';
import { StatusTag } from '../../components/StatusTag';
import { formatDateTime } from '../../format';
import { hasPermission, useCurrentUser } from '../auth/session';

export interface UserActionHandlers {
  onEdit: (user: User) => void;
  onReset: (user: User) => void;
  onToggle: (user: User) => void;
}

function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <StatusTag isDisabled={user.isDisabled} small />
      {user.mustChangePassword && !user.isDisabled && (
        <Tooltip title={t('users.mustChangeHint')}>
          <Tag color="orange" className="zs-tag-small">
            {t('users.mustChange')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** 编辑 · 重置密码 · 停用/启用 · 操作记录, as far as the signed-in user may. */
function UserActions({ user, handlers }: { user: User; handlers: UserActionHandlers }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canWrite = hasPermission(me, 'users.write');
  const canAudit = hasPermission(me, 'audit.read');
  const isSelf = user.id === me.id;
  return (
    <Space size={12} wrap>
      {canWrite && (
        <>
          <Typography.Link onClick={() => handlers.onEdit(user)}>{t('common.edit')}</Typography.Link>
          <Typography.Link onClick={() => handlers.onReset(user)}>{t('users.resetPassword')}</Typography.Link>
          <Tooltip title={isSelf ? t('users.cannotDisableSelf') : undefined}>
            <Typography.Link
              type={user.isDisabled ? undefined : 'danger'}
              disabled={isSelf}
              onClick={() => !isSelf && handlers.onToggle(user)}
            >
              {user.isDisabled ? t('users.enable') : t('users.disable')}
            </Typography.Link>
          </Tooltip>
        </>
      )}
      {canAudit && <Link to={`/audit?entity=user&entityId=${user.id}`}>{t('users.history')}</Link>}
    </Space>
  );
}

/** Columns of the user table; on a phone one stacked column per user instead of a wide table. */
export function useUserColumns(handlers: UserActionHandlers, isPhone: boolean): TableColumnsType<User> {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const hasActions = hasPermission(me, 'users.write') || hasPermission(me, 'audit.read');

  if (isPhone) {
    return [
      {
        title: t('nav.users'),
        key: 'user',
        render: (_, u) => (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            <Space size={6} wrap>
              <Typography.Text strong>{u.displayName}</Typography.Text>
              {u.isDemo && <DemoTag small />}
              <UserStatus user={u} />
            </Space>
            <Typography.Text type="secondary">
              {u.username} · {roleLabel(u.role, i18n.language)}
            </Typography.Text>
            <Link to={`/org?unit=${u.unitId}`}>{u.unitName}</Link>
            {hasActions && (
              <div style={{ marginTop: 4 }}>
                <UserActions user={u} handlers={handlers} />
              </div>
            )}
          </div>
        ),
      },
    ];
  }

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', width: 130 },
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      width: 220,
      render: (_, u) => (
        <Space size={4}>
          <span>{u.displayName}</span>
          {u.isDemo && <DemoTag small />}
        </Space>
      ),
    },
    {
      title: t('users.unit'),
      dataIndex: 'unitName',
      ellipsis: { showTitle: true },
      render: (_, u) => <Link to={`/org?unit=${u.unitId}`}>{u.unitName}</Link>,
    },
    { title: t('users.role'), dataIndex: 'role', width: 110, render: (_, u) => roleLabel(u.role, i18n.language) },
    { title: t('users.phone'), dataIndex: 'phone', width: 120, responsive: ['xl'], render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'isDisabled', width: 100, render: (_, u) => <UserStatus user={u} /> },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 140,
      responsive: ['lg'],
      render: (v: string | null) => (v ? formatDateTime(v) : <Typography.Text type="secondary">{t('users.neverLoggedIn')}</Typography.Text>),
    },
  ];
  if (hasActions) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: hasPermission(me, 'users.write') ? 230 : 90,
      render: (_, u) => <UserActions user={u} handlers={handlers} />,
    });
  }
  return columns;
}
