import { Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Transition } from '../../../shared/api/projects';
import { SIDE_STATES, type SideState } from '../../../shared/project';
import { SIDE_STATE_COLORS, STAGE_COLORS } from '../../components/StageTag';
import { paren, useLedgerLabels } from '../project-detail/labels';

const isSide = (to: Transition['to']): to is SideState => (SIDE_STATES as readonly string[]).includes(to);

/** 洽谈 → 签约, with the 回退 flag on corrections; the target in its stage colour. */
export function TransitionChange({ t: tr, small }: { t: Transition; small?: boolean }) {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  const className = small ? 'zs-tag-small' : undefined;
  const from = tr.fromSideState ? `${labels.stage(tr.fromStage)}${paren(labels.stage(tr.fromSideState))}` : labels.stage(tr.fromStage);
  const toColor = tr.to === 'resumed' ? 'cyan' : isSide(tr.to) ? SIDE_STATE_COLORS[tr.to] : STAGE_COLORS[tr.to];
  return (
    <Space size={4} wrap>
      <Typography.Text type="secondary">{from}</Typography.Text>
      <ArrowRightOutlined style={{ color: '#8c8c8c', fontSize: 11 }} aria-label={t('review.to')} />
      <Tag color={toColor} className={className} style={{ marginInlineEnd: 0 }}>
        {labels.stage(tr.to)}
      </Tag>
      {tr.isBackward && (
        <Tooltip title={t('review.backwardHint')}>
          <Tag color="red" variant="outlined" className={className}>
            {t('review.backward')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** 待审核 · 已审核 · 已驳回 */
export function TransitionStatusTag({ status, small }: { status: Transition['status']; small?: boolean }) {
  const { t } = useTranslation();
  const color = status === 'pending' ? 'gold' : status === 'verified' ? 'success' : 'error';
  return (
    <Tag color={color} variant="filled" className={small ? 'zs-tag-small' : undefined}>
      {t(`review.status.${status}`)}
    </Tag>
  );
}
