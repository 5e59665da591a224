import { useState } from 'react';
import { Button, Grid, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../shared/api/issues';
import { QueryError } from '../../components/QueryError';
import { hasPermission, useCurrentUser } from '../auth/session';
import { IssueActions, IssueDetails, IssueStatusTag } from '../todo/IssueParts';
import { useProjectIssues } from '../todo/todo.queries';
import { IssueFormModal } from './IssueFormModal';
import { useLedgerLabels } from './labels';

const PAGE_SIZE = 10;

/** 问题协调: the project's issues (a department sees only its own), and handing a new one over. */
export function IssuesTab({ projectId, canSeeDetails }: { projectId: number; canSeeDetails: boolean }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const labels = useLedgerLabels();
  const isPhone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const [isCreating, setCreating] = useState(false);
  const issues = useProjectIssues(projectId, page, PAGE_SIZE);
  const canCreate = canSeeDetails && hasPermission(me, 'issues.write');
  const reload = () => void issues.refetch();

  const columns: TableColumnsType<Issue> = isPhone
    ? [
        {
          key: 'all',
          render: (_, i) => (
            <Space orientation="vertical" size={2}>
              <Typography.Text strong>
                [{labels.issueType(i.type)}] {i.title}
              </Typography.Text>
              <Typography.Text type="secondary">
                {i.departmentName} · {t('todo.deadlineOn', { date: i.deadline ?? '—' })}
              </Typography.Text>
              <IssueStatusTag issue={i} small />
              <IssueActions issue={i} onReload={reload} />
            </Space>
          ),
        },
      ]
    : [
        { title: t('projectDetail.issueType'), key: 'type', width: 100, render: (_, i) => labels.issueType(i.type) },
        { title: t('projectDetail.issueTitle'), dataIndex: 'title' },
        { title: t('projectDetail.department'), dataIndex: 'departmentName', width: 180 },
        {
          title: t('projectDetail.deadline'),
          dataIndex: 'deadline',
          width: 110,
          render: (v: string | null, i) => <Typography.Text type={i.isOverdue ? 'danger' : undefined}>{v ?? '—'}</Typography.Text>,
        },
        { title: t('common.status'), key: 'status', width: 150, render: (_, i) => <IssueStatusTag issue={i} small /> },
        { title: t('common.actions'), key: 'actions', width: 200, render: (_, i) => <IssueActions issue={i} onReload={reload} /> },
      ];

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">{canSeeDetails ? t('projectDetail.issuesHint') : t('projectDetail.issuesDeptHint')}</Typography.Text>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('projectDetail.createIssue')}
          </Button>
        )}
      </div>
      {issues.isError ? (
        <QueryError error={issues.error} onRetry={reload} />
      ) : (
        <Table<Issue>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={issues.data?.items ?? []}
          loading={issues.isFetching}
          showHeader={!isPhone}
          locale={{ emptyText: t('projectDetail.noIssues') }}
          expandable={{ expandedRowRender: (i) => <IssueDetails issue={i} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: issues.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, size: 'small' }}
        />
      )}
      {isCreating && <IssueFormModal projectId={projectId} onClose={() => setCreating(false)} />}
    </>
  );
}
