import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/api/users';
import { DemoTag } from '../../components/DemoTag';
import { roleLabel } from '../../components/RoleLabel';
import { StatusTag } from '../../components/StatusTag';
import { useUsers } from '../users/users.queries';

/** The first users of one unit (not its sub-units), with a link to the full list in 用户管理. */
export function UnitUsers({ unitId }: { unitId: number }) {
  const { t, i18n } = useTranslation();
  const users = useUsers({ unitId, subtree: false, includeDisabled: true, page: 1, pageSize: 10 });
  const total = users.data?.total ?? 0;

  return (
    <Card size="small" title={t('org.unitUsers')}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', marginBottom: 8 }}>
        <Link to={`/users?unitId=${unitId}&subtree=false`}>{t('org.viewUsers', { count: total })}</Link>
        <Link to={`/users?unitId=${unitId}`}>{t('org.viewSubtreeUsers')}</Link>
      </div>
      <Table<User>
        size="small"
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        pagination={false}
        scroll={{ x: 480 }}
        locale={{ emptyText: users.isError ? users.error.message : t('org.noUsers') }}
        columns={[
          {
            title: t('users.displayName'),
            dataIndex: 'displayName',
            render: (_, u) => (
              <span>
                {u.displayName} {u.isDemo && <DemoTag small />}
              </span>
            ),
          },
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.role'), dataIndex: 'role', render: (_, u) => roleLabel(u.role, i18n.language) },
          { title: t('common.status'), dataIndex: 'isDisabled', render: (_, u) => <StatusTag isDisabled={u.isDisabled} small /> },
        ]}
      />
      {total > 10 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('org.moreUsers', { count: total - 10 })}
        </Typography.Text>
      )}
    </Card>
  );
}
