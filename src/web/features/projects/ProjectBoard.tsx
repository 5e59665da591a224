import { Empty, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '../../../shared/api/projects';
import type { Stage } from '../../../shared/project';
import { DemoTag } from '../../components/DemoTag';
import { Money } from '../../components/Money';
import { STAGE_COLORS, stageLabel, WarningTags } from '../../components/StageTag';
import { formatWan } from '../../../shared/money';
import { labelLang } from '../../i18n';
import { projectPath } from './project-columns';
import type { Board } from './projects.queries';

function BoardCard({ p }: { p: ProjectSummary }) {
  const { t, i18n } = useTranslation();
  const amount = p.contractedInvestment ?? p.plannedInvestment;
  return (
    <div className="zs-board-card">
      <Link to={projectPath(p.id)} className="zs-board-card-name">
        {p.name}
      </Link>
      <div className="zs-board-card-meta">
        {p.isDemo && <DemoTag small />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: p.investorName ?? undefined }}>
          {p.unitName}
          {p.investorName ? ` · ${p.investorName}` : ''}
        </Typography.Text>
      </div>
      <div className="zs-board-card-foot">
        <span style={{ fontSize: 12 }}>
          {amount ? (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.contractedInvestment ? t('projects.contractedShort') : t('projects.plannedShort')}{' '}
              </Typography.Text>
              <Money value={amount} />
            </>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('projects.noAmount')}
            </Typography.Text>
          )}
        </span>
        <Space size={2} wrap>
          {p.sideState && (
            <Tag color={p.sideState === 'stalled' ? 'orange' : 'default'} className="zs-tag-small">
              {stageLabel(p.sideState, i18n.language)}
            </Tag>
          )}
          <WarningTags isStalled={p.isStalled} isSignedNotStarted={p.isSignedNotStarted} pending={p.pendingTransitions} small />
        </Space>
      </div>
    </div>
  );
}

/**
 * 看板: the seven stages side by side with each column's count and contracted total (exact, from
 * the server), the most recently updated cards, and a link to the full list of a stage.
 */
export function ProjectBoard({ board, isLoading, onShowStage }: { board: Board | undefined; isLoading: boolean; onShowStage: (stage: Stage) => void }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  if (!board) return <Spin spinning={isLoading} style={{ display: 'block', padding: 48 }} />;
  return (
    <Spin spinning={isLoading}>
      <div className="zs-board" role="list" aria-label={t('projects.view.board')}>
        {board.columns.map((c) => (
          <section key={c.stage} className="zs-board-column" role="listitem" aria-label={stageLabel(c.stage, i18n.language)}>
            <header className="zs-board-head">
              <div className="zs-board-head-title">
                <Tag color={STAGE_COLORS[c.stage]} style={{ marginInlineEnd: 0 }}>
                  {stageLabel(c.stage, i18n.language)}
                </Tag>
                <Typography.Text strong>{t('projects.board.count', { count: c.count })}</Typography.Text>
              </div>
              <div className="zs-board-head-sum">
                <span>
                  {t('projects.contractedShort')} <Typography.Text strong>{c.contractedTotal === '0' ? '—' : formatWan(c.contractedTotal, lang)}</Typography.Text>
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('projects.plannedShort')} {formatWan(c.plannedTotal, lang)}
                </Typography.Text>
              </div>
            </header>
            <div className="zs-board-cards">
              {c.items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.board.empty')} />
              ) : (
                c.items.map((p) => <BoardCard key={p.id} p={p} />)
              )}
            </div>
            {c.count > c.items.length && (
              <Typography.Link className="zs-board-more" onClick={() => onShowStage(c.stage)}>
                {t('projects.board.more', { count: c.count })}
              </Typography.Link>
            )}
          </section>
        ))}
      </div>
    </Spin>
  );
}
