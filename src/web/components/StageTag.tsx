import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { STAGE_LABELS, type SideState, type Stage } from '../../shared/project';
import { labelLang } from '../i18n';

// Colours run from cool (early) to green (landed and producing); side states are warm or grey.
export const STAGE_COLORS: Record<Stage, string> = {
  lead: 'default',
  negotiating: 'blue',
  signed: 'geekblue',
  registered: 'cyan',
  started: 'purple',
  producing: 'green',
  at_capacity: 'success',
};

export const SIDE_STATE_COLORS: Record<SideState, string> = {
  stalled: 'orange',
  lost: 'red',
  withdrawn: 'default',
};

export function stageLabel(stage: Stage | SideState | 'resumed', language: string): string {
  return STAGE_LABELS[stage][labelLang(language)];
}

export interface StageTagProps {
  stage: Stage;
  sideState?: SideState | null;
  /** Date of the current stage (the event date, YYYY-MM-DD), shown after the label. */
  date?: string | null;
  isStalled?: boolean;
  isSignedNotStarted?: boolean;
  /** Pending stage changes awaiting review (待审核). */
  pending?: number;
  small?: boolean;
}

/**
 * 阶段 tag with its date, the side state (停滞/流失/终止退库) beside it, and the warnings the ledger
 * raises: 停滞预警 (no follow-up for N days) and 签约未开工超期 (signed, not started after M months).
 */
export function StageTag({ stage, sideState, date, isStalled, isSignedNotStarted, pending, small }: StageTagProps) {
  const { i18n } = useTranslation();
  const className = small ? 'zs-tag-small' : undefined;
  const closed = sideState === 'lost' || sideState === 'withdrawn';
  return (
    <Space size={4} wrap>
      <Tag color={closed ? 'default' : STAGE_COLORS[stage]} className={className} style={closed ? { opacity: 0.6 } : undefined}>
        {stageLabel(stage, i18n.language)}
        {date ? <span style={{ marginLeft: 4, opacity: 0.75 }}>{date}</span> : null}
      </Tag>
      {sideState && (
        <Tag color={SIDE_STATE_COLORS[sideState]} variant="filled" className={className}>
          {stageLabel(sideState, i18n.language)}
        </Tag>
      )}
      <WarningTags isStalled={isStalled} isSignedNotStarted={isSignedNotStarted} pending={pending} small={small} />
    </Space>
  );
}

/** Only the warning badges (停滞预警, 签约未开工超期, 待审核), for places that show the stage elsewhere. */
export function WarningTags({ isStalled, isSignedNotStarted, pending, small }: Pick<StageTagProps, 'isStalled' | 'isSignedNotStarted' | 'pending' | 'small'>) {
  const { t } = useTranslation();
  const className = small ? 'zs-tag-small' : undefined;
  return (
    <>
      {isStalled && (
        <Tooltip title={t('ledgerUi.stalledHint')}>
          <Tag color="volcano" className={className}>
            {t('ledgerUi.stalled')}
          </Tag>
        </Tooltip>
      )}
      {isSignedNotStarted && (
        <Tooltip title={t('ledgerUi.signedNotStartedHint')}>
          <Tag color="magenta" className={className}>
            {t('ledgerUi.signedNotStarted')}
          </Tag>
        </Tooltip>
      )}
      {pending ? (
        <Tooltip title={t('ledgerUi.pendingHint')}>
          <Tag color="gold" variant="outlined" className={className}>
            {t('ledgerUi.pending')}
          </Tag>
        </Tooltip>
      ) : null}
    </>
  );
}
