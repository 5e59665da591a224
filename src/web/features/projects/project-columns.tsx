import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '../../../shared/api/projects';
import { DemoTag } from '../../components/DemoTag';
import { Money } from '../../components/Money';
import { StageTag, WarningTags } from '../../components/StageTag';
import { hasPermission, useCurrentUser } from '../auth/session';
import type { ProjectListState, ProjectSort } from './project-filters';

type SortOrder = 'descend' | 'ascend' | null;

export const projectPath = (id: number) => `/projects/${id}`;

function KeyTags({ p }: { p: ProjectSummary }) {
  const { t } = useTranslation();
  return (
    <>
      {p.isProvinceKey && (
        <Tag color="red" variant="outlined" className="zs-tag-small">
          {t('projects.provinceKey')}
        </Tag>
      )}
      {p.isCityKey && (
        <Tag color="orange" variant="outlined" className="zs-tag-small">
          {t('projects.cityKey')}
        </Tag>
      )}
    </>
  );
}

function ProjectName({ p }: { p: ProjectSummary }) {
  return (
    <Space size={4} wrap>
      <Link to={projectPath(p.id)} style={{ fontWeight: 500 }}>
        {p.name}
      </Link>
      {p.isDemo && <DemoTag small />}
      <KeyTags p={p} />
    </Space>
  );
}

function FollowUp({ p }: { p: ProjectSummary }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {p.lastFollowUpDate ? <span>{p.lastFollowUpDate}</span> : <Typography.Text type="secondary">{t('projects.noFollowUp')}</Typography.Text>}
      <WarningTags isStalled={p.isStalled} small />
    </Space>
  );
}

function EditLink({ p, onEdit }: { p: ProjectSummary; onEdit: (p: ProjectSummary) => void }) {
  const { t } = useTranslation();
  return <Typography.Link onClick={() => onEdit(p)}>{t('common.edit')}</Typography.Link>;
}

/** Columns of the 项目台账 table (sorting happens on the server); on a phone one stacked column per project. */
export function useProjectColumns(state: ProjectListState, onEdit: (p: ProjectSummary) => void, isPhone: boolean): TableColumnsType<ProjectSummary> {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canWrite = hasPermission(me, 'projects.write');
  const sortOrder = (key: ProjectSort): SortOrder => (state.sort === key ? (state.order === 'asc' ? 'ascend' : 'descend') : null);
  const sortable = (key: ProjectSort) => ({ key, sorter: true, sortOrder: sortOrder(key), sortDirections: ['descend', 'ascend', 'descend'] as SortOrder[] });

  if (isPhone) {
    return [
      {
        title: t('nav.projects'),
        key: 'project',
        render: (_, p) => (
          <div className="zs-ledger-stack">
            <ProjectName p={p} />
            <Typography.Text type="secondary">
              {p.unitName}
              {p.investorName ? ` · ${p.investorName}` : ''}
            </Typography.Text>
            <StageTag stage={p.stage} sideState={p.sideState} date={p.stageDate} isSignedNotStarted={p.isSignedNotStarted} pending={p.pendingTransitions} small />
            <Space size={12} wrap>
              <span>
                {t('projects.contractedShort')} <Money value={p.contractedInvestment} />
              </span>
              <span>
                {t('projects.plannedShort')} <Money value={p.plannedInvestment} secondary />
              </span>
            </Space>
            <Space size={8} wrap>
              <Typography.Text type="secondary">{t('projects.lastFollowUp')}</Typography.Text>
              <FollowUp p={p} />
            </Space>
            <Space size={12}>
              {p.owner && <Typography.Text type="secondary">{t('projects.owner')}：{p.owner.displayName}</Typography.Text>}
              {canWrite && <EditLink p={p} onEdit={onEdit} />}
            </Space>
          </div>
        ),
      },
    ];
  }

  const columns: TableColumnsType<ProjectSummary> = [
    { title: t('projects.name'), dataIndex: 'name', width: 220, fixed: 'left', ...sortable('name'), render: (_, p) => <ProjectName p={p} /> },
    { title: t('projects.unit'), dataIndex: 'unitName', width: 100, ellipsis: { showTitle: true } },
    {
      title: t('projects.investorIndustry'),
      dataIndex: 'investorName',
      width: 180,
      render: (_, p) => (
        <div className="zs-ledger-two-lines">
          <Typography.Text ellipsis={{ tooltip: p.investorName }}>{p.investorName ?? '—'}</Typography.Text>
          {p.industryName && (
            <Tooltip title={`${p.industryCode} ${p.industryName}`}>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                {p.industryName}
              </Typography.Text>
            </Tooltip>
          )}
        </div>
      ),
    },
    {
      title: t('projects.stage'),
      dataIndex: 'stage',
      width: 160,
      ...sortable('stageDate'),
      render: (_, p) => (
        <StageTag stage={p.stage} sideState={p.sideState} date={p.stageDate} isSignedNotStarted={p.isSignedNotStarted} pending={p.pendingTransitions} small />
      ),
    },
    {
      title: t('projects.colContracted'),
      dataIndex: 'contractedInvestment',
      width: 110,
      align: 'right',
      ...sortable('contractedInvestment'),
      render: (v: string | null) => <Money value={v} />,
    },
    {
      title: t('projects.colPlanned'),
      dataIndex: 'plannedInvestment',
      width: 110,
      align: 'right',
      responsive: ['lg'],
      ...sortable('plannedInvestment'),
      render: (v: string | null) => <Money value={v} secondary />,
    },
    {
      title: t('projects.owner'),
      dataIndex: 'owner',
      width: 110,
      ellipsis: { showTitle: true },
      responsive: ['lg'],
      render: (_, p) => p.owner?.displayName ?? <Typography.Text type="secondary">{t('projects.noOwner')}</Typography.Text>,
    },
    { title: t('projects.lastFollowUp'), dataIndex: 'lastFollowUpDate', width: 140, ...sortable('lastFollowUpDate'), render: (_, p) => <FollowUp p={p} /> },
  ];
  if (canWrite) {
    columns.push({ title: t('common.actions'), key: 'actions', width: 72, fixed: 'right', render: (_, p) => <EditLink p={p} onEdit={onEdit} /> });
  }
  return columns;
}
