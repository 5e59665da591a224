// The project lifecycle (domain.md §3) and the ledger's vocabularies.

export const STAGES = ['lead', 'negotiating', 'signed', 'registered', 'started', 'producing', 'at_capacity'] as const;
export type Stage = (typeof STAGES)[number];

export const SIDE_STATES = ['stalled', 'lost', 'withdrawn'] as const;
export type SideState = (typeof SIDE_STATES)[number];

/** What a transition may move a project to: a stage, a side state, or `resumed` (leave a side state). */
export const TRANSITION_TARGETS = [...STAGES, ...SIDE_STATES, 'resumed'] as const;
export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

export const STAGE_LABELS: Record<Stage | SideState | 'resumed', { zh: string; en: string }> = {
  lead: { zh: '线索', en: 'Lead' },
  negotiating: { zh: '洽谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  registered: { zh: '注册落地', en: 'Registered' },
  started: { zh: '开工', en: 'Started' },
  producing: { zh: '投产', en: 'Producing' },
  at_capacity: { zh: '达产', en: 'At capacity' },
  stalled: { zh: '停滞', en: 'Stalled' },
  lost: { zh: '流失', en: 'Lost' },
  withdrawn: { zh: '终止退库', en: 'Withdrawn' },
  resumed: { zh: '恢复推进', en: 'Resumed' },
};

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** The verified date column each stage sets; KPIs count projects by these dates. */
export const STAGE_DATE_FIELD: Partial<Record<Stage, 'signedDate' | 'registeredDate' | 'startedDate' | 'producingDate' | 'atCapacityDate'>> = {
  signed: 'signedDate',
  registered: 'registeredDate',
  started: 'startedDate',
  producing: 'producingDate',
  at_capacity: 'atCapacityDate',
};

export type TransitionCheck =
  | { ok: true; isBackward: boolean }
  | { ok: false; reason: 'SAME_STAGE' | 'NEEDS_REASON' | 'CLOSED' | 'NOT_IN_SIDE_STATE' | 'ALREADY_IN_SIDE_STATE' | 'NEEDS_DESTINATION' };

/**
 * Whether a requested change is allowed from the project's counted state (domain.md §3):
 * skipping forward is allowed (the evidence shows it), going back is a correction that needs a
 * reason and is flagged, side states are reachable from any open stage, lost/withdrawn close it.
 */
export function checkTransition(
  current: { stage: Stage; sideState: SideState | null },
  to: TransitionTarget,
  reason: string | null | undefined,
): TransitionCheck {
  const hasReason = Boolean(reason && reason.trim());
  if (current.sideState === 'lost' || current.sideState === 'withdrawn') {
    // A closed project can only be reopened, with a reason.
    if (to !== 'resumed') return { ok: false, reason: 'CLOSED' };
    return hasReason ? { ok: true, isBackward: false } : { ok: false, reason: 'NEEDS_REASON' };
  }
  if (to === 'resumed') return current.sideState ? { ok: true, isBackward: false } : { ok: false, reason: 'NOT_IN_SIDE_STATE' };
  if (to === 'stalled' || to === 'lost' || to === 'withdrawn') {
    if (current.sideState === to) return { ok: false, reason: 'ALREADY_IN_SIDE_STATE' };
    return hasReason ? { ok: true, isBackward: false } : { ok: false, reason: 'NEEDS_REASON' };
  }
  if (to === current.stage) return { ok: false, reason: 'SAME_STAGE' };
  const isBackward = stageIndex(to) < stageIndex(current.stage);
  if (isBackward && !hasReason) return { ok: false, reason: 'NEEDS_REASON' };
  return { ok: true, isBackward };
}

export const CHANNELS = ['leader', 'business', 'agency', 'hometown', 'online', 'expo', 'team', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, { zh: string; en: string }> = {
  leader: { zh: '领导招商', en: 'Led by leaders' },
  business: { zh: '以商招商', en: 'Through businesses' },
  agency: { zh: '中介招商', en: 'Through agents' },
  hometown: { zh: '乡贤招商', en: 'Through hometown networks' },
  online: { zh: '网络招商', en: 'Online' },
  expo: { zh: '展会节会', en: 'Expos and fairs' },
  team: { zh: '小分队招商', en: 'Outbound teams' },
  other: { zh: '其他', en: 'Other' },
};

export const OWNERSHIP_TYPES = ['private', 'state', 'central_soe', 'foreign', 'hk_macao_taiwan', 'listed', 'collective', 'other'] as const;
export type OwnershipType = (typeof OWNERSHIP_TYPES)[number];
export const OWNERSHIP_LABELS: Record<OwnershipType, { zh: string; en: string }> = {
  private: { zh: '民营', en: 'Private' },
  state: { zh: '国有', en: 'State-owned' },
  central_soe: { zh: '央企', en: 'Central SOE' },
  foreign: { zh: '外资', en: 'Foreign' },
  hk_macao_taiwan: { zh: '港澳台', en: 'HK/Macao/Taiwan' },
  listed: { zh: '上市公司', en: 'Listed company' },
  collective: { zh: '集体', en: 'Collective' },
  other: { zh: '其他', en: 'Other' },
};

export const INVESTOR_TAGS = ['世界500强', '中国500强', '央企', '行业龙头', '上市公司', '专精特新'] as const;

export const FOLLOW_UP_KINDS = ['visit', 'call', 'reception', 'negotiation', 'site_inspection', 'online'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export const FOLLOW_UP_LABELS: Record<FollowUpKind, { zh: string; en: string }> = {
  visit: { zh: '外出拜访', en: 'Visit' },
  call: { zh: '电话联系', en: 'Call' },
  reception: { zh: '来访接待', en: 'Reception' },
  negotiation: { zh: '洽谈', en: 'Negotiation' },
  site_inspection: { zh: '实地考察', en: 'Site inspection' },
  online: { zh: '线上会谈', en: 'Online meeting' },
};

export const DEFAULT_NODES = ['注册', '供地/摘牌', '规划许可', '施工许可', '开工', '主体完工', '设备安装', '投产'] as const;

export const ISSUE_TYPES = ['land', 'funding', 'policy', 'approval', 'environment', 'utilities', 'other'] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];
export const ISSUE_TYPE_LABELS: Record<IssueType, { zh: string; en: string }> = {
  land: { zh: '土地', en: 'Land' },
  funding: { zh: '资金', en: 'Funding' },
  policy: { zh: '政策', en: 'Policy' },
  approval: { zh: '审批', en: 'Approval' },
  environment: { zh: '环评', en: 'Environmental review' },
  utilities: { zh: '水电气', en: 'Water, power, gas' },
  other: { zh: '其他', en: 'Other' },
};

export const ISSUE_STATUSES = ['open', 'answered', 'closed', 'escalated'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
