import { Alert, Button, Card, Grid, Space, Steps, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, MessageOutlined, SwapOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../shared/api/projects';
import { STAGE_DATE_FIELD, STAGES, stageIndex } from '../../../shared/project';
import { DemoTag } from '../../components/DemoTag';
import { StageTag } from '../../components/StageTag';
import { hasPermission, useCurrentUser } from '../auth/session';
import { colon, useLedgerLabels } from './labels';

/** 停滞 / 流失 / 终止退库: what happened, when and why, above everything else. */
function SideStateBanner({ project }: { project: Project }) {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  if (!project.sideState) return null;
  const type = project.sideState === 'stalled' ? 'warning' : project.sideState === 'lost' ? 'error' : 'info';
  return (
    <Alert
      type={type}
      showIcon
      style={{ marginTop: 12 }}
      title={t('projectDetail.sideStateTitle', { state: labels.stage(project.sideState), date: project.sideStateDate ?? '—' })}
      description={
        <Space orientation="vertical" size={0}>
          <span>
            {t('projectDetail.sideStateReason')}{colon()}{project.sideStateReason ?? '—'}
          </span>
          {project.sideState === 'lost' && (
            <span>
              {t('projectDetail.lostDestination')}{colon()}{project.lostDestination ?? t('projectDetail.unknown')}
            </span>
          )}
          <Typography.Text type="secondary">{t('projectDetail.sideStateHint')}</Typography.Text>
        </Space>
      }
    />
  );
}

/** The seven stages with the verified date of each one reached: the project's road at a glance. */
function LifecycleSteps({ project }: { project: Project }) {
  const labels = useLedgerLabels();
  const isPhone = Grid.useBreakpoint().md === false;
  const current = stageIndex(project.stage);
  const dateOf = (i: number): string | null => {
    const stage = STAGES[i]!;
    if (i === current) return project.stageDate;
    const field = STAGE_DATE_FIELD[stage];
    return field ? project[field] : null;
  };
  const isClosed = project.sideState === 'lost' || project.sideState === 'withdrawn';
  // Seven steps do not fit a phone; the stage tag above already says where the project is.
  if (isPhone) return null;
  return (
    <Steps
      size="small"
      current={current}
      status={isClosed ? 'error' : project.sideState === 'stalled' ? 'wait' : 'process'}
      responsive={false}
      style={{ marginTop: 16 }}
      items={STAGES.map((s, i) => ({ title: labels.stage(s), content: i <= current ? (dateOf(i) ?? undefined) : undefined }))}
    />
  );
}

export interface HeaderActions {
  onRequestTransition: () => void;
  onAddFollowUp: () => void;
  onEdit: () => void;
}

/** Name, flags, stage with its date, warnings, and what the user can do next. */
export function ProjectHeader({ project, canSeeDetails, actions }: { project: Project; canSeeDetails: boolean; actions: HeaderActions }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canRequest = canSeeDetails && hasPermission(me, 'transitions.request');
  const canEdit = canSeeDetails && hasPermission(me, 'projects.write');
  const canFollow = canSeeDetails && hasPermission(me, 'followups.write');
  const hasPending = project.pendingTransitions > 0;

  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <div className="zs-page-header" style={{ marginBottom: 0 }}>
        <div className="zs-page-header-text">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {canSeeDetails ? <Link to="/projects">{t('projectDetail.ledger')}</Link> : <Link to="/todo">{t('nav.todo')}</Link>} / {project.unitName}
          </Typography.Text>
          <Space size={8} wrap align="center">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {project.name}
            </Typography.Title>
            {project.isDemo && <DemoTag />}
            {project.isProvinceKey && <Tag color="red">{t('projectDetail.provinceKey')}</Tag>}
            {project.isCityKey && <Tag color="volcano">{t('projectDetail.cityKey')}</Tag>}
          </Space>
          <StageTag
            stage={project.stage}
            sideState={project.sideState}
            date={project.stageDate}
            isStalled={project.isStalled}
            isSignedNotStarted={project.isSignedNotStarted}
            pending={project.pendingTransitions}
          />
        </div>
        <div className="zs-page-header-extra">
          {canRequest && (
            <Tooltip title={hasPending ? t('projectDetail.pendingBlocks') : undefined}>
              <Button type="primary" icon={<SwapOutlined />} disabled={hasPending} onClick={actions.onRequestTransition}>
                {t('projectDetail.requestTransition')}
              </Button>
            </Tooltip>
          )}
          {canEdit && (
            <Button icon={<EditOutlined />} onClick={actions.onEdit}>
              {t('common.edit')}
            </Button>
          )}
          {canFollow && (
            <Button icon={<MessageOutlined />} onClick={actions.onAddFollowUp}>
              {t('projectDetail.addFollowUp')}
            </Button>
          )}
        </div>
      </div>
      <SideStateBanner project={project} />
      <LifecycleSteps project={project} />
    </Card>
  );
}
