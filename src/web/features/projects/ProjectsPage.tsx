import { useState } from 'react';
import { App, Button, Card, Grid, Segmented, Space, Table, Tooltip, Typography } from 'antd';
import { AppstoreOutlined, DownloadOutlined, PlusOutlined, TableOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '../../../shared/api/projects';
import { formatWan } from '../../../shared/money';
import { toQueryString } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { labelLang } from '../../i18n';
import { hasPermission, useCurrentUser } from '../auth/session';
import { useProjectColumns } from './project-columns';
import { filterParams, filtersOf, PAGE_SIZES, pagerTotal, readProjectState, type ProjectListState, type ProjectSort } from './project-filters';
import { downloadFile } from './download';
import { ProjectBoard } from './ProjectBoard';
import { ProjectFilterBar } from './ProjectFilterBar';
import { ProjectFormDrawer } from './ProjectFormDrawer';
import { useProjectBoard, useProjects, useSettings, type Board } from './projects.queries';
import { sumWan } from './wan';
import './projects.css';

/** Count and exact sums over the whole filter: the board's column totals added up (BigInt, no floats). */
function Totals({ board, isFetching }: { board: Board | undefined; isFetching: boolean }) {
  const { t, i18n } = useTranslation();
  const settings = useSettings();
  const lang = labelLang(i18n.language);
  if (!board) return <Typography.Text type="secondary">{isFetching ? t('common.loading') : '—'}</Typography.Text>;
  const count = board.columns.reduce((n, c) => n + c.count, 0);
  const contracted = sumWan(board.columns.map((c) => c.contractedTotal));
  const planned = sumWan(board.columns.map((c) => c.plannedTotal));
  return (
    <div className="zs-ledger-totals" aria-live="polite">
      <span>
        {t('projects.totals.count')} <Typography.Text strong>{count}</Typography.Text> {t('projects.totals.countUnit')}
      </span>
      <span>
        {t('projects.totals.contracted')} <Typography.Text strong>{formatWan(contracted, lang)}</Typography.Text>
      </span>
      <span>
        {t('projects.totals.planned')} <Typography.Text>{formatWan(planned, lang)}</Typography.Text>
      </span>
      <Tooltip
        title={t('projects.totals.definition', {
          days: settings.data?.stalledDays ?? 30,
          months: settings.data?.signedNotStartedMonths ?? 6,
        })}
      >
        <Typography.Text type="secondary" style={{ fontSize: 12, cursor: 'help', borderBottom: '1px dashed #bbb' }}>
          {t('projects.totals.definitionLink')}
        </Typography.Text>
      </Tooltip>
    </div>
  );
}

/** ?new=1 opens the create drawer; ?edit=<id> the edit drawer (so the detail page can link to it). */
function readDrawer(params: URLSearchParams): { kind: 'create' } | { kind: 'edit'; id: number } | null {
  if (params.get('new') === '1') return { kind: 'create' };
  const id = Number(params.get('edit'));
  return Number.isInteger(id) && id > 0 ? { kind: 'edit', id } : null;
}

/** 项目台账: filtered, sorted, paged on the server; a table or a kanban by stage over the same filter. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [isExporting, setExporting] = useState(false);
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const state = readProjectState(params);
  const filters = filtersOf(state);
  const isBoard = state.view === 'board';
  const list = useProjects(state, !isBoard);
  // The board (all seven columns, 20 cards each) or, under the table, just its totals.
  const board = useProjectBoard(filters, isBoard ? 20 : 1);
  const drawer = readDrawer(params);

  /** Changes some parameters; any change but paging or sorting goes back to page 1. */
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
  const reset = () => setParams((p) => new URLSearchParams(isBoard ? { view: 'board' } : p.get('pageSize') ? { pageSize: p.get('pageSize')! } : {}));
  const openEdit = (p: ProjectSummary) => patch({ edit: String(p.id), new: undefined, page: state.page > 1 ? String(state.page) : undefined });
  const closeDrawer = () => patch({ edit: undefined, new: undefined, page: state.page > 1 ? String(state.page) : undefined });
  const columns = useProjectColumns(state, openEdit, isPhone);

  const exportList = () => {
    setExporting(true);
    downloadFile(`/api/export/projects${toQueryString({ ...filterParams(filters), sort: state.sort, order: state.order })}`, 'projects.xlsx')
      .catch((error: unknown) => void message.error(`${t('projects.exportFailed')}：${error instanceof Error ? error.message : String(error)}`))
      .finally(() => setExporting(false));
  };

  return (
    <>
      <PageHeader
        title={t('nav.projects')}
        description={t('projects.description')}
        extra={
          <>
            {hasPermission(me, 'import.write') && (
              <Button icon={<UploadOutlined />} onClick={() => navigate('/import')}>
                {t('projects.import')}
              </Button>
            )}
            {hasPermission(me, 'projects.export') && (
              <Tooltip title={t('projects.exportHint')}>
                <Button icon={<DownloadOutlined />} loading={isExporting} onClick={exportList}>
                  {t('projects.export')}
                </Button>
              </Tooltip>
            )}
            {hasPermission(me, 'projects.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => patch({ new: '1', edit: undefined })}>
                {t('projects.create')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        <ProjectFilterBar state={state} patch={patch} onReset={reset} />
        <div className="zs-ledger-toolbar">
          {board.isError ? <Typography.Text type="danger">{board.error.message}</Typography.Text> : <Totals board={board.data} isFetching={board.isFetching} />}
          <Space>
            <Segmented<ProjectListState['view']>
              value={state.view}
              onChange={(v) => patch({ view: v === 'board' ? 'board' : undefined })}
              options={[
                { value: 'table', label: t('projects.view.table'), icon: <TableOutlined /> },
                { value: 'board', label: t('projects.view.board'), icon: <AppstoreOutlined /> },
              ]}
              aria-label={t('projects.view.label')}
            />
          </Space>
        </div>
        {isBoard ? (
          board.isError ? (
            <QueryError error={board.error} onRetry={() => void board.refetch()} />
          ) : (
            <ProjectBoard board={board.data} isLoading={board.isFetching} onShowStage={(stage) => patch({ view: undefined, stage, sideState: state.sideState?.join(',') })} />
          )
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ProjectSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={isPhone ? undefined : { x: 1130 }}
            showHeader={!isPhone}
            locale={{ emptyText: t('projects.empty') }}
            onChange={(_pagination, _filters, sorter, extra) => {
              if (extra.action !== 'sort') return;
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const key = s?.order ? (s.columnKey as ProjectSort) : undefined;
              patch({ sort: key && key !== 'updatedAt' ? key : undefined, order: key && s?.order === 'ascend' ? 'asc' : undefined });
            }}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total: list.data ? pagerTotal(list.data) : 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              // Past the cap the server stops counting: say "10,000+ 条", not the pager's running total.
              showTotal: (total) =>
                list.data?.totalCapped
                  ? t('common.totalCapped', { total: list.data.total.toLocaleString('en-US') })
                  : t('common.total', { total: total.toLocaleString('en-US') }),
              onChange: (page, pageSize) =>
                patch({ page: page > 1 ? String(page) : undefined, pageSize: pageSize === 20 ? undefined : String(pageSize) }),
            }}
          />
        )}
      </Card>
      {drawer && <ProjectFormDrawer key={drawer.kind === 'edit' ? drawer.id : 'new'} projectId={drawer.kind === 'edit' ? drawer.id : undefined} defaultUnitId={state.unitId} onClose={closeDrawer} />}
    </>
  );
}
