import { useEffect, useRef, useState } from 'react';
import { Button, Card, Col, Result, Row, Spin, Tabs } from 'antd';
import { CompassOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FollowUp } from '../../../shared/api/followups';
import type { Project } from '../../../shared/api/projects';
import { ApiError } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { useCurrentUser } from '../auth/session';
import { ProjectFormDrawer } from '../projects/ProjectFormDrawer';
import { AuditTab } from './AuditTab';
import { FilesTab } from './FilesTab';
import { FollowUpFormModal } from './FollowUpFormModal';
import { FollowUpsTab } from './FollowUpsTab';
import { FundsTab } from './FundsTab';
import { IssuesTab } from './IssuesTab';
import { NodesTab } from './NodesTab';
import { ProjectFacts } from './ProjectFacts';
import { ProjectHeader } from './ProjectHeader';
import { ProjectStatusPanel, type DetailTab } from './ProjectStatusPanel';
import { useProject } from './project-detail.queries';
import { TransitionRequestModal } from './TransitionRequestModal';
import { TransitionsTab } from './TransitionsTab';

type Dialog = { kind: 'transition' } | { kind: 'edit' } | { kind: 'followUp'; followUp?: FollowUp } | null;

const TABS: DetailTab[] = ['followups', 'history', 'funds', 'nodes', 'issues', 'files', 'audit'];

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      icon={<CompassOutlined style={{ color: '#9aa7b8' }} />}
      title={t('projectDetail.notFound')}
      subTitle={t('projectDetail.notFoundHint')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.backHome')}</Button>
        </Link>
      }
    />
  );
}

function Detail({ project }: { project: Project }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const tabsRef = useRef<HTMLDivElement>(null);
  // Arriving with ?tab= (from the review queue, the to-do list, a shared link): show that tab.
  useEffect(() => {
    if (!params.get('tab')) return;
    // After the cards above have drawn their first data, so the tabs stay where we scrolled to.
    const timer = setTimeout(() => tabsRef.current?.scrollIntoView({ block: 'start' }), 400);
    return () => clearTimeout(timer);
    // Only on arrival, not on every tab change.
  }, []);
  // Department users see the basic facts of projects with an issue assigned to them, and their issues.
  const canSeeDetails = me.role !== 'department' && me.role !== 'referrer';
  const available = TABS.filter((tab) => {
    if (tab === 'issues') return true;
    return canSeeDetails;
  });
  const requested = params.get('tab') as DetailTab | null;
  const tab: DetailTab = requested && available.includes(requested) ? requested : available[0]!;
  const followUpPage = Math.max(1, Number(params.get('fpage')) || 1);
  const goTab = (next: DetailTab, scroll = false) => {
    setParams(
      (p) => {
        p.set('tab', next);
        p.delete('fpage');
        return p;
      },
      { replace: true },
    );
    if (scroll) tabsRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  const tabContent = (key: DetailTab) => {
    switch (key) {
      case 'followups':
        return (
          <FollowUpsTab
            projectId={project.id}
            page={followUpPage}
            onPage={(page) =>
              setParams((p) => {
                if (page > 1) p.set('fpage', String(page));
                else p.delete('fpage');
                return p;
              })
            }
            onAdd={() => setDialog({ kind: 'followUp' })}
            onEdit={(followUp) => setDialog({ kind: 'followUp', followUp })}
            onFiles={() => goTab('files', true)}
          />
        );
      case 'history':
        return <TransitionsTab projectId={project.id} />;
      case 'funds':
        return <FundsTab projectId={project.id} />;
      case 'nodes':
        return <NodesTab project={project} />;
      case 'issues':
        return <IssuesTab projectId={project.id} canSeeDetails={canSeeDetails} />;
      case 'files':
        return <FilesTab projectId={project.id} />;
      case 'audit':
        return <AuditTab projectId={project.id} />;
    }
  };

  return (
    <>
      <ProjectHeader
        project={project}
        canSeeDetails={canSeeDetails}
        actions={{
          onRequestTransition: () => setDialog({ kind: 'transition' }),
          onAddFollowUp: () => setDialog({ kind: 'followUp' }),
          onEdit: () => setDialog({ kind: 'edit' }),
        }}
      />
      <Row gutter={[16, 16]}>
        {/* On a phone, what needs attention comes before the facts. */}
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <ProjectFacts project={project} canSeeDetails={canSeeDetails} />
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <ProjectStatusPanel project={project} canSeeDetails={canSeeDetails} onGoTab={(tab) => goTab(tab, true)} />
        </Col>
        <Col span={24} order={3}>
          {/* Clear of the sticky header when scrolled to. */}
          <Card size="small" ref={tabsRef} style={{ scrollMarginTop: 72 }}>
            <Tabs
              activeKey={tab}
              onChange={(key) => goTab(key as DetailTab)}
              items={available.map((key) => ({ key, label: t(`projectDetail.tabs.${key}`), children: tab === key ? tabContent(key) : null }))}
            />
          </Card>
        </Col>
      </Row>
      {dialog?.kind === 'edit' && <ProjectFormDrawer projectId={project.id} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'transition' && <TransitionRequestModal project={project} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'followUp' && <FollowUpFormModal projectId={project.id} followUp={dialog.followUp} onClose={() => setDialog(null)} />}
    </>
  );
}

/** 项目详情 /projects/:id — stage and history, money, people, next step, issues, nodes, files, audit. */
export function ProjectDetailPage() {
  const { id: rawId } = useParams();
  const id = Number(rawId);
  const isValidId = Number.isInteger(id) && id > 0 && id <= 2147483647;
  const project = useProject(isValidId ? id : 0);
  if (!isValidId) return <NotFound />;
  if (project.isError) {
    if (project.error instanceof ApiError && project.error.status === 404) return <NotFound />;
    return <QueryError error={project.error} onRetry={() => void project.refetch()} />;
  }
  if (!project.data) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }
  return <Detail project={project.data} />;
}
