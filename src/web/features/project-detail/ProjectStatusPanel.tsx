import type { ReactNode } from 'react';
import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../shared/api/projects';
import { useIssues } from '../todo/todo.queries';
import { chinaToday, colon, daysBetween, paren, useLedgerLabels } from './labels';
import { useFollowUps, useNodes } from './project-detail.queries';
import { useProjectFunds } from './funds.queries';
import { Money } from '../../components/Money';

export type DetailTab = 'followups' | 'history' | 'funds' | 'nodes' | 'issues' | 'files' | 'audit';

function Row({ label, children, onMore, moreText }: { label: string; children: ReactNode; onMore?: () => void; moreText?: string }) {
  return (
    <div style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Text type="secondary">{label}</Typography.Text>
        {onMore && <Typography.Link onClick={onMore}>{moreText}</Typography.Link>}
      </div>
      <div style={{ marginTop: 2 }}>{children}</div>
    </div>
  );
}

/** A count that is red when there is something to do and grey when there is not. */
function Count({ n, danger }: { n: number | undefined; danger?: boolean }) {
  const { t } = useTranslation();
  if (n === undefined) return <Typography.Text type="secondary">…</Typography.Text>;
  return (
    <Typography.Text strong type={n > 0 && danger ? 'danger' : n > 0 ? 'warning' : 'secondary'} style={{ fontSize: 16 }}>
      {t('projectDetail.countItems', { count: n })}
    </Typography.Text>
  );
}

/** The right column: what comes next and what needs attention, each a door to its tab. */
export function ProjectStatusPanel({ project, canSeeDetails, onGoTab }: { project: Project; canSeeDetails: boolean; onGoTab: (tab: DetailTab) => void }) {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  const today = chinaToday();
  const followUps = useFollowUps(project.id, 1, canSeeDetails);
  const nodes = useNodes(project.id, canSeeDetails);
  const funds = useProjectFunds(project.id, canSeeDetails);
  const openIssues = useIssues({ projectId: project.id, status: ['open', 'escalated'], page: 1, pageSize: 1 });
  const overdueIssues = useIssues({ projectId: project.id, status: ['open', 'escalated'], overdue: true, page: 1, pageSize: 1 });
  const latest = followUps.data?.items[0];
  const isNextOverdue = Boolean(project.nextStepDue && project.nextStepDue < today);
  const sinceFollowUp = project.lastFollowUpDate ? daysBetween(project.lastFollowUpDate, today) : null;
  const more = t('projectDetail.view');

  return (
    <Card size="small" title={t('projectDetail.statusTitle')}>
      {canSeeDetails && (
        <Row label={t('projectDetail.nextStep')}>
          {project.nextStep ? (
            <Space orientation="vertical" size={0}>
              <Typography.Text>{project.nextStep}</Typography.Text>
              {project.nextStepDue && (
                <Space size={4}>
                  <Typography.Text type={isNextOverdue ? 'danger' : 'secondary'}>{t('projectDetail.dueOn', { date: project.nextStepDue })}</Typography.Text>
                  {isNextOverdue && (
                    <Tag color="red" className="zs-tag-small">
                      {t('projectDetail.overdue')}
                    </Tag>
                  )}
                </Space>
              )}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('projectDetail.noNextStep')}</Typography.Text>
          )}
        </Row>
      )}
      {canSeeDetails && (
        <Row label={t('projectDetail.lastFollowUp')} onMore={() => onGoTab('followups')} moreText={more}>
          {project.lastFollowUpDate ? (
            <Space orientation="vertical" size={0} style={{ width: '100%' }}>
              <Typography.Text type={project.isStalled ? 'danger' : undefined}>
                {project.lastFollowUpDate}
                {paren(sinceFollowUp === 1 ? t('projectDetail.yesterday') : sinceFollowUp ? t('projectDetail.daysAgo', { count: sinceFollowUp }) : t('projectDetail.today'))}
              </Typography.Text>
              {latest && (
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                  {labels.followUpKind(latest.kind)} · {latest.createdBy.displayName}{colon()}{latest.content}
                </Typography.Paragraph>
              )}
            </Space>
          ) : (
            <Typography.Text type="warning">{t('projectDetail.noFollowUp')}</Typography.Text>
          )}
        </Row>
      )}
      <Row label={t('projectDetail.openIssues')} onMore={() => onGoTab('issues')} moreText={more}>
        <Space size={8} wrap>
          <Count n={openIssues.data?.total} />
          {Boolean(overdueIssues.data?.total) && (
            <Tag color="red" className="zs-tag-small">
              {t('projectDetail.overdueCount', { count: overdueIssues.data?.total ?? 0 })}
            </Tag>
          )}
        </Space>
      </Row>
      {canSeeDetails && (
        <>
          <Row label={t('projectDetail.overdueNodes')} onMore={() => onGoTab('nodes')} moreText={more}>
            <Count n={nodes.data ? nodes.data.items.filter((n) => n.isOverdue).length : nodes.isError ? 0 : undefined} danger />
          </Row>
          <Row label={t('projectDetail.pendingReview')} onMore={() => onGoTab('history')} moreText={more}>
            <Count n={project.pendingTransitions} />
          </Row>
          <Row label={t('funds.inPlace')} onMore={() => onGoTab('funds')} moreText={more}>
            {funds.data ? (
              <Space size={8} wrap>
                <Money value={funds.data.totals.verified} strong />
                {funds.data.totals.rate !== null && (
                  <Typography.Text type="secondary">{t('funds.rateShort', { pct: (Number(funds.data.totals.rate) * 100).toFixed(1) })}</Typography.Text>
                )}
                {funds.data.totals.pendingCount > 0 && (
                  <Tag color="gold" className="zs-tag-small">
                    {t('funds.pendingTag', { count: funds.data.totals.pendingCount })}
                  </Tag>
                )}
              </Space>
            ) : (
              <Typography.Text type="secondary">…</Typography.Text>
            )}
          </Row>
        </>
      )}
    </Card>
  );
}
