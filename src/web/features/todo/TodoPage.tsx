import { Card, Checkbox, Grid, Segmented, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../shared/api/issues';
import { ISSUE_TYPES, type IssueStatus, type IssueType } from '../../../shared/project';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { useCurrentUser } from '../auth/session';
import { useLedgerLabels } from '../project-detail/labels';
import { useDepartments } from '../project-detail/project-detail.queries';
import { IssueActions, IssueDetails, IssueStatusTag } from './IssueParts';
import { useIssues, type IssueFilters } from './todo.queries';

const VIEWS = ['todo', 'answered', 'closed', 'all'] as const;
type View = (typeof VIEWS)[number];
const VIEW_STATUSES: Record<View, IssueStatus[] | undefined> = {
  todo: ['open', 'escalated'],
  answered: ['answered'],
  closed: ['closed'],
  all: undefined,
};
const PAGE_SIZES = [10, 20, 50, 100];

/** ?view=&type=&dept=&overdue=&page=&pageSize= */
function readFilters(params: URLSearchParams): { view: View; filters: IssueFilters } {
  const view = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'todo';
  const type = params.get('type') as IssueType | null;
  const dept = Number(params.get('dept'));
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    view,
    filters: {
      status: VIEW_STATUSES[view],
      type: type && ISSUE_TYPES.includes(type) ? type : undefined,
      departmentUnitId: Number.isInteger(dept) && dept > 0 ? dept : undefined,
      overdue: params.get('overdue') === 'true' ? true : undefined,
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
    },
  };
}

/**
 * 部门待办: for a department, the coordination issues assigned to it across all projects, with the
 * answer form and a link to each project's basic facts. Bureau staff see every issue in scope.
 */
export function TodoPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const labels = useLedgerLabels();
  const isPhone = Grid.useBreakpoint().md === false;
  const isDepartment = me.role === 'department';
  const [params, setParams] = useSearchParams();
  const { view, filters } = readFilters(params);
  const issues = useIssues(filters);
  const departments = useDepartments(!isDepartment);
  const reload = () => void issues.refetch();

  const patch = (changes: Record<string, string | undefined>) =>
    setParams((p) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '') p.delete(key);
        else p.set(key, value);
      }
      if (!('page' in changes)) p.delete('page');
      return p;
    });

  const projectLink = (i: Issue) => (
    <Space orientation="vertical" size={0}>
      <Link to={`/projects/${i.projectId}?tab=issues`}>{i.projectName}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {i.projectUnitName}
      </Typography.Text>
    </Space>
  );
  const title = (i: Issue) => (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{i.title}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {labels.issueType(i.type)} · {t('todo.createdOn', { time: formatDateTime(i.createdAt) })}
      </Typography.Text>
    </Space>
  );

  const columns: TableColumnsType<Issue> = isPhone
    ? [
        {
          key: 'all',
          render: (_, i) => (
            <Space orientation="vertical" size={4}>
              {title(i)}
              {projectLink(i)}
              <Typography.Text type={i.isOverdue ? 'danger' : 'secondary'}>
                {i.departmentName} · {t('todo.deadlineOn', { date: i.deadline ?? '—' })}
              </Typography.Text>
              <IssueStatusTag issue={i} small />
              <IssueActions issue={i} onReload={reload} />
            </Space>
          ),
        },
      ]
    : [
        { title: t('todo.issue'), key: 'title', render: (_, i) => title(i) },
        { title: t('todo.project'), key: 'project', width: 260, render: (_, i) => projectLink(i) },
        ...(isDepartment ? [] : [{ title: t('todo.department'), dataIndex: 'departmentName', width: 180 }]),
        {
          title: t('todo.deadline'),
          dataIndex: 'deadline',
          width: 110,
          render: (v: string | null, i: Issue) => <Typography.Text type={i.isOverdue ? 'danger' : undefined}>{v ?? '—'}</Typography.Text>,
        },
        { title: t('common.status'), key: 'status', width: 140, render: (_, i) => <IssueStatusTag issue={i} small /> },
        { title: t('common.actions'), key: 'actions', width: 190, render: (_, i) => <IssueActions issue={i} onReload={reload} /> },
      ];

  return (
    <>
      <PageHeader title={t('nav.todo')} description={isDepartment ? t('todo.descriptionDept', { unit: me.unit.name }) : t('todo.descriptionBureau')} />
      <Card size="small">
        <div className="zs-filter-bar" role="search">
          <Segmented<View> value={view} options={VIEWS.map((v) => ({ value: v, label: t(`todo.views.${v}`) }))} onChange={(v) => patch({ view: v === 'todo' ? undefined : v })} />
          <Select<IssueType>
            aria-label={t('todo.type')}
            placeholder={t('todo.allTypes')}
            value={filters.type}
            onChange={(v) => patch({ type: v })}
            options={ISSUE_TYPES.map((k) => ({ value: k, label: labels.issueType(k) }))}
            allowClear
            style={{ width: 140 }}
          />
          {!isDepartment && (
            <Select<number>
              aria-label={t('todo.department')}
              placeholder={t('todo.allDepartments')}
              value={filters.departmentUnitId}
              onChange={(v) => patch({ dept: v === undefined ? undefined : String(v) })}
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              showSearch={{ optionFilterProp: 'label' }}
              allowClear
              style={{ width: 220 }}
            />
          )}
          <Checkbox checked={filters.overdue === true} onChange={(e) => patch({ overdue: e.target.checked ? 'true' : undefined })}>
            {t('todo.onlyOverdue')}
          </Checkbox>
        </div>
        {issues.isError ? (
          <QueryError error={issues.error} onRetry={reload} />
        ) : (
          <Table<Issue>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={issues.data?.items ?? []}
            loading={issues.isFetching}
            showHeader={!isPhone}
            expandable={{ expandedRowRender: (i) => <IssueDetails issue={i} /> }}
            locale={{ emptyText: view === 'todo' ? t('todo.emptyTodo') : t('todo.empty') }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: issues.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) =>
                patch({ page: page > 1 ? String(page) : undefined, pageSize: pageSize === 20 ? undefined : String(pageSize) }),
            }}
          />
        )}
      </Card>
    </>
  );
}
