import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Grid, Input, Select, Table } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/api/users';
import { ROLES, type Role } from '../../../shared/roles';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useRoleOptions } from '../../components/RoleLabel';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { hasPermission, useCurrentUser } from '../auth/session';
import { ResetPasswordModal } from './ResetPasswordModal';
import { TemporaryPasswordModal } from './TemporaryPasswordModal';
import { useUserColumns } from './user-columns';
import { UserFormModal } from './UserFormModal';
import { useSetUserDisabled, useUsers, type UserFilters } from './users.queries';

const PAGE_SIZES = [10, 20, 50, 100];

/** The filters live in the query string (?unitId=&subtree=&role=&q=&includeDisabled=&page=&pageSize=). */
export function readUserFilters(params: URLSearchParams): UserFilters {
  const unitId = Number(params.get('unitId'));
  const role = params.get('role');
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const hasUnit = Number.isInteger(unitId) && unitId > 0;
  return {
    unitId: hasUnit ? unitId : undefined,
    subtree: hasUnit ? params.get('subtree') !== 'false' : undefined,
    role: ROLES.includes(role as Role) ? (role as Role) : undefined,
    q: params.get('q')?.trim() || undefined,
    includeDisabled: params.get('includeDisabled') === 'true' ? true : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: User }
  | { kind: 'reset'; user: User }
  | { kind: 'password'; password: string; userLabel: string }
  | null;

/** 用户管理: server-side paged list with filters, and the admin's create/edit/reset/disable actions. */
export function UsersPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const me = useCurrentUser();
  const canWrite = hasPermission(me, 'users.write');
  const isPhone = Grid.useBreakpoint().md === false;
  const roleOptions = useRoleOptions();
  const [params, setParams] = useSearchParams();
  const filters = readUserFilters(params);
  const users = useUsers(filters);
  const setDisabled = useSetUserDisabled();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);

  /** Changes some filters; any change but paging goes back to page 1. */
  const patch = (changes: Record<string, string | undefined>) => {
    setParams((p) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '') p.delete(key);
        else p.set(key, value);
      }
      if (!('page' in changes)) p.delete('page');
      return p;
    });
  };

  const confirmToggle = (user: User) => {
    const disable = !user.isDisabled;
    modal.confirm({
      title: disable ? t('users.confirmDisable', { name: user.displayName }) : t('users.confirmEnable', { name: user.displayName }),
      content: disable ? t('users.disableHint') : undefined,
      okText: disable ? t('users.disable') : t('users.enable'),
      okButtonProps: { danger: disable },
      onOk: () =>
        setDisabled
          .mutateAsync({ id: user.id, disable })
          .then(() => void message.success(disable ? t('users.disabledOk') : t('users.enabledOk')))
          .catch((error: Error) => void modal.error({ title: t('common.failed'), content: error.message })),
    });
  };

  const columns = useUserColumns(
    {
      onEdit: (user) => setDialog({ kind: 'edit', user }),
      onReset: (user) => setDialog({ kind: 'reset', user }),
      onToggle: confirmToggle,
    },
    isPhone,
  );

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        description={t('users.description')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <Card size="small">
        <div className="zs-filter-bar" role="search">
          <UnitTreeSelect
            aria-label={t('users.unit')}
            placeholder={t('users.allUnits')}
            value={filters.unitId}
            onChange={(v) => patch({ unitId: v === undefined ? undefined : String(v), subtree: undefined })}
            allowClear
            includeDisabled
            style={{ width: 240 }}
          />
          <Checkbox
            checked={filters.subtree !== false}
            disabled={filters.unitId === undefined}
            onChange={(e) => patch({ subtree: e.target.checked ? undefined : 'false' })}
          >
            {t('users.includeSubunits')}
          </Checkbox>
          <Select<Role>
            aria-label={t('users.role')}
            placeholder={t('users.allRoles')}
            value={filters.role}
            onChange={(v) => patch({ role: v })}
            options={roleOptions}
            allowClear
            style={{ width: 150 }}
          />
          <Input.Search
            aria-label={t('users.searchPlaceholder')}
            placeholder={t('users.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => patch({ q: v.trim() || undefined })}
            allowClear
            style={{ width: 260 }}
          />
          <Checkbox checked={filters.includeDisabled === true} onChange={(e) => patch({ includeDisabled: e.target.checked ? 'true' : undefined })}>
            {t('users.includeDisabled')}
          </Checkbox>
          <Button icon={<ReloadOutlined />} onClick={() => setParams(new URLSearchParams())}>
            {t('common.reset')}
          </Button>
        </div>
        {users.isError ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={users.data?.items ?? []}
            loading={users.isFetching}
            scroll={isPhone ? undefined : { x: 1000 }}
            showHeader={!isPhone}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) =>
                patch({ page: page > 1 ? String(page) : undefined, pageSize: pageSize === 20 ? undefined : String(pageSize) }),
            }}
          />
        )}
      </Card>

      {dialog?.kind === 'create' && (
        <UserFormModal
          defaultUnitId={filters.unitId}
          onClose={() => setDialog(null)}
          onCreated={(user, password) => {
            void message.success(t('users.created', { name: user.displayName }));
            setDialog(password ? { kind: 'password', password, userLabel: `${user.displayName}（${user.username}）` } : null);
          }}
        />
      )}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reset' && (
        <ResetPasswordModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={(password) => {
            void message.success(t('users.resetDone'));
            const label = `${dialog.user.displayName}（${dialog.user.username}）`;
            setDialog(password ? { kind: 'password', password, userLabel: label } : null);
          }}
        />
      )}
      {dialog?.kind === 'password' && (
        <TemporaryPasswordModal password={dialog.password} userLabel={dialog.userLabel} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
