import { useState } from 'react';
import { App, Button, Empty, Grid, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ProjectNode } from '../../../shared/api/nodes';
import type { Project } from '../../../shared/api/projects';
import { DEFAULT_NODES, stageIndex } from '../../../shared/project';
import { QueryError } from '../../components/QueryError';
import { hasPermission, useCurrentUser } from '../auth/session';
import { chinaToday } from './labels';
import { NodesEditor } from './NodesEditor';
import { NodesGantt } from './NodesGantt';
import { useCreateDefaultNodes, useNodes } from './project-detail.queries';

function NodeTable({ nodes }: { nodes: ProjectNode[] }) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const status = (n: ProjectNode) =>
    n.actualDate ? (
      <Tag color={n.plannedDate && n.actualDate > n.plannedDate ? 'orange' : 'success'} className="zs-tag-small">
        {n.plannedDate && n.actualDate > n.plannedDate ? t('projectDetail.doneLate') : t('projectDetail.done')}
      </Tag>
    ) : n.isOverdue ? (
      <Tag color="red" className="zs-tag-small">
        {t('projectDetail.overdueDays', { count: n.daysOverdue ?? 0 })}
      </Tag>
    ) : (
      <Tag className="zs-tag-small">{t('projectDetail.notDone')}</Tag>
    );
  const columns: TableColumnsType<ProjectNode> = [
    { title: t('projectDetail.nodeName'), dataIndex: 'name', width: 160 },
    { title: t('projectDetail.plannedDate'), dataIndex: 'plannedDate', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('projectDetail.actualDate'), dataIndex: 'actualDate', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), key: 'status', width: 120, render: (_, n) => status(n) },
    { title: t('projectDetail.responsible'), dataIndex: 'responsible', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('projectDetail.nodeNote'), dataIndex: 'note', responsive: ['lg'], render: (v: string | null) => v ?? '' },
  ];
  return (
    <Table<ProjectNode>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={nodes}
      pagination={false}
      scroll={isPhone ? { x: 640 } : undefined}
    />
  );
}

/** 节点计划 / 倒排工期: the plan of a signed project, a Gantt-like chart and the editable table. */
export function NodesTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useCurrentUser();
  const nodes = useNodes(project.id, true);
  const createDefaults = useCreateDefaultNodes(project.id);
  const [isEditing, setEditing] = useState(false);
  const isSigned = stageIndex(project.stage) >= stageIndex('signed');
  const canWrite = hasPermission(me, 'nodes.write') && isSigned;
  const today = chinaToday();

  if (nodes.isError) return <QueryError error={nodes.error} onRetry={() => void nodes.refetch()} />;
  if (!nodes.data) return <Spin />;
  const items = nodes.data.items;
  const overdue = items.filter((n) => n.isOverdue).length;

  if (isEditing) {
    // A save refused because someone else saved the plan meanwhile: show theirs, edit again from it.
    const reload = () => {
      setEditing(false);
      void nodes.refetch();
    };
    return <NodesEditor key={nodes.data.revision} projectId={project.id} nodes={items} revision={nodes.data.revision} onDone={() => setEditing(false)} onReload={reload} />;
  }

  if (items.length === 0) {
    return (
      <Empty description={isSigned ? t('projectDetail.noNodes') : t('projectDetail.nodesNeedSigned')}>
        {canWrite && (
          <Space wrap>
            <Button
              type="primary"
              icon={<ThunderboltOutlined />}
              loading={createDefaults.isPending}
              onClick={() =>
                createDefaults.mutate(undefined, { onError: (error) => void modal.error({ title: t('common.failed'), content: error.message }) })
              }
            >
              {t('projectDetail.defaultNodes', { count: DEFAULT_NODES.length })}
            </Button>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('projectDetail.manualNodes')}
            </Button>
          </Space>
        )}
        {canWrite && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('projectDetail.defaultNodesList', { names: DEFAULT_NODES.join('、') })}
          </Typography.Paragraph>
        )}
      </Empty>
    );
  }

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
        <Space size={8} wrap>
          <Typography.Text type="secondary">{t('projectDetail.nodesSummary', { total: items.length, done: items.filter((n) => n.actualDate).length })}</Typography.Text>
          {overdue > 0 && <Tag color="red">{t('projectDetail.overdueNodesCount', { count: overdue })}</Tag>}
        </Space>
        {canWrite && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('projectDetail.editNodes')}
          </Button>
        )}
      </div>
      <NodesGantt nodes={items} startDate={project.signedDate} today={today} />
      <NodeTable nodes={items} />
    </>
  );
}
