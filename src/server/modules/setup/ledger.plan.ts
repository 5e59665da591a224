import { normaliseCompanyName } from '../../../shared/company-name.js';
import { checkTransition, STAGE_DATE_FIELD, STAGES, stageIndex, type Channel, type SideState, type Stage, type TransitionTarget } from '../../../shared/project.js';
import { planFollowUps, planIssue, planNodes, type PlannedFollowUp, type PlannedIssue, type PlannedNode, type StageDates } from './ledger.activity.js';
import { INVENTED_FIRMS, PROJECT_TEMPLATES, REAL_FIRMS, THEME_INDUSTRIES, THEME_LABELS, UNIT_PLANS, type DemoUnitPlan, type Theme } from './ledger.data.js';
import { planFunds, type PlannedTranche } from './ledger.funds.js';
import { planInvestors, planReferrals, type PlannedInvestor, type PlannedReferral, type ReferenceFirms } from './ledger.parties.js';
import { addDays, at, daysBetween, minDate, mulberry32, type Random } from './ledger.random.js';

/*
 * The demo ledger (示例台账) as a plan: plain data, no database, the same for the same day (a seeded
 * PRNG; dates are offsets from `today`). ledger.seed.ts writes it. Every stage change is checked with
 * the lifecycle rules of shared/project.ts and applied the way a verified transition applies.
 */

export const SEED = 20260522;
export const BUREAU_REVIEWER = 'demo.bureau';
export const LEADER = 'demo.leader';
/** The investor two counties both registered (the one open credit conflict). */
export const CONFLICT_FIRM = '上海羽臻服饰有限公司';

export interface PlannedTransition {
  fromStage: Stage;
  fromSideState: SideState | null;
  to: TransitionTarget;
  eventDate: string;
  status: 'pending' | 'verified' | 'rejected';
  requestedBy: string;
  requestedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  reason: string | null;
  lostDestination: string | null;
  isBackward: boolean;
}

export interface ProjectState {
  stage: Stage;
  stageDate: string | null;
  sideState: SideState | null;
  sideStateDate: string | null;
  sideStateReason: string | null;
  lostDestination: string | null;
  signedDate: string | null;
  registeredDate: string | null;
  startedDate: string | null;
  producingDate: string | null;
  atCapacityDate: string | null;
}

export interface PlannedProject {
  unit: string;
  owner: string;
  name: string;
  theme: Theme;
  industryCode: string;
  investor: string;
  carrier: string;
  plannedInvestment: string;
  contractedInvestment: string | null;
  fixedAssetInvestment: string | null;
  foreignInvestment: string | null;
  expectedOutput: string | null;
  expectedTax: string | null;
  expectedJobs: number | null;
  landMu: string | null;
  channel: Channel;
  isCityKey: boolean;
  isProvinceKey: boolean;
  hasLiaisonLeader: boolean;
  tags: string[];
  description: string;
  transitions: PlannedTransition[];
  state: ProjectState;
  followUps: PlannedFollowUp[];
  nodes: PlannedNode[];
  issues: PlannedIssue[];
  createdAt: string;
  updatedAt: string;
}

export interface LedgerPlan {
  today: string;
  investors: PlannedInvestor[];
  projects: PlannedProject[];
  referrals: PlannedReferral[];
  /** Indexes into `referrals` of the two registrations in conflict. */
  conflict: { earlier: number; later: number };
  /** 实际到位资金 per project (same order as `projects`), planned by ledger.funds.ts. */
  funds: PlannedTranche[][];
}

type Outcome = Stage | SideState;
const OUTCOMES: [Outcome, number][] = [
  ['lead', 17], ['negotiating', 19], ['signed', 12], ['registered', 8], ['started', 15], ['producing', 12], ['at_capacity', 6],
  ['stalled', 5], ['lost', 3.5], ['withdrawn', 2.5],
];
/** Days from the previous stage to this one. */
const GAPS: Record<Stage, [number, number]> = {
  lead: [0, 0], negotiating: [10, 90], signed: [30, 200], registered: [10, 60], started: [15, 120], producing: [120, 400], at_capacity: [150, 365],
};
/** How far back a project of this outcome may have started (days); the whole ledger spans ~2.5 years. */
const MAX_AGE: Record<Outcome, number> = {
  lead: 300, negotiating: 450, signed: 700, registered: 750, started: 850, producing: 900, at_capacity: 900, stalled: 900, lost: 800, withdrawn: 700,
};
const REJECT_NOTES: Partial<Record<Stage, string>> = {
  signed: '缺少双方签字盖章的投资协议扫描件，请补充',
  registered: '营业执照主体与项目投资主体不一致，请核实',
  started: '未见施工许可证及现场开工照片，请补充',
  producing: '投产证明材料不足，请补充试生产报告及现场照片',
};
const SIDE_REASONS: Record<SideState, string[]> = {
  stalled: ['企业资金链紧张，暂缓建设', '土地指标未落实，项目暂停', '市场行情变化，企业放缓投资节奏'],
  lost: ['企业最终选址外地，对方给出更优惠的土地价格', '企业总部决策调整，项目落户其他地区'],
  withdrawn: ['企业战略调整，终止合作', '项目不符合产业准入条件，退库'],
};

function roundAmount(v: number): number {
  if (v < 10_000) return Math.max(1000, Math.round(v / 100) * 100);
  if (v < 100_000) return Math.round(v / 1000) * 1000;
  return Math.min(500_000, Math.round(v / 10_000) * 10_000);
}

/** Apply a verified transition to the counted state, exactly as transitions.service applies one. */
function apply(state: ProjectState, t: PlannedTransition): void {
  if (t.to === 'stalled' || t.to === 'lost' || t.to === 'withdrawn') {
    Object.assign(state, { sideState: t.to, sideStateDate: t.eventDate, sideStateReason: t.reason, lostDestination: t.to === 'lost' ? t.lostDestination : null });
    return;
  }
  if (t.to === 'resumed') {
    Object.assign(state, { sideState: null, sideStateDate: null, sideStateReason: null, lostDestination: null });
    return;
  }
  const to = t.to;
  state.stage = to;
  state.stageDate = t.eventDate;
  for (const s of STAGES) {
    const field = STAGE_DATE_FIELD[s];
    if (!field) continue;
    if (s === to) state[field] = t.eventDate;
    else if (stageIndex(s) < stageIndex(to) && !state[field]) state[field] = t.eventDate;
    else if (stageIndex(s) > stageIndex(to)) state[field] = null;
  }
}

/** Monotonic request/review clock for one project: nobody reviews before a request, nothing lands in the future. */
class Clock {
  private last = 0;
  constructor(private readonly latest: string) {}
  stamp(date: string, minutes: number): string {
    let ms = Date.parse(at(minDate(date, this.latest), minutes));
    if (ms <= this.last) ms = this.last + 10 * 60_000;
    this.last = ms;
    return new Date(ms).toISOString();
  }
  get date(): string {
    return new Date(this.last + 8 * 3600_000).toISOString().slice(0, 10);
  }
}

interface Timeline {
  transitions: PlannedTransition[];
  state: ProjectState;
  dates: StageDates;
  lastEvent: string;
  isPending: boolean;
}

function planTimeline(r: Random, outcome: Outcome, owner: string, today: string, maxAge: number, forcePending = false): Timeline {
  const base: Stage =
    outcome === 'stalled' ? r.pick(['signed', 'registered', 'started'] as const)
    : outcome === 'lost' ? r.pick(['lead', 'negotiating', 'negotiating', 'signed'] as const)
    : outcome === 'withdrawn' ? r.pick(['lead', 'negotiating'] as const)
    : outcome;
  const side = outcome === 'stalled' || outcome === 'lost' || outcome === 'withdrawn' ? outcome : null;
  let steps = STAGES.slice(1, stageIndex(base) + 1).filter((s) => {
    if (s === 'registered' && stageIndex(base) >= stageIndex('started')) return !r.chance(0.25);
    if (s === 'negotiating' && stageIndex(base) >= stageIndex('signed')) return !r.chance(0.1);
    return true;
  });
  if (steps.length === 0 && base !== 'lead') steps = [base];
  const isPending = forcePending || (outcome !== 'lost' && outcome !== 'withdrawn' && base !== 'at_capacity' && r.chance(0.07));
  const gaps = steps.map((s) => r.int(...GAPS[s]));
  const sideGap = side ? r.int(20, 180) : 0;
  // Verified events end at least 2 days ago (15 when a newer request is pending review).
  const margin = isPending ? 15 : 2;
  const budget = maxAge - margin;
  const total = gaps.reduce((a, b) => a + b, 0) + sideGap;
  const scale = total > budget ? budget / total : 1;
  const scaled = gaps.map((g) => Math.max(1, Math.floor(g * scale)));
  const scaledSide = side ? Math.max(1, Math.floor(sideGap * scale)) : 0;
  const used = scaled.reduce((a, b) => a + b, 0) + scaledSide;
  const lead = addDays(today, -(margin + used + r.int(0, Math.max(0, budget - used))));

  const state: ProjectState = {
    stage: 'lead', stageDate: null, sideState: null, sideStateDate: null, sideStateReason: null, lostDestination: null,
    signedDate: null, registeredDate: null, startedDate: null, producingDate: null, atCapacityDate: null,
  };
  const dates: StageDates = { lead };
  const transitions: PlannedTransition[] = [];
  const clock = new Clock(addDays(today, -1));
  let cursor = lead;
  const move = (to: TransitionTarget, eventDate: string, extra: { reason?: string; lostDestination?: string } = {}, status: PlannedTransition['status'] = 'verified') => {
    const check = checkTransition({ stage: state.stage, sideState: state.sideState }, to, extra.reason);
    if (!check.ok) throw new Error(`demo ledger plan: ${state.stage}/${state.sideState} → ${to}: ${check.reason}`);
    const requestDate = eventDate > clock.date ? eventDate : addDays(clock.date, r.int(0, 2));
    const requestedAt = clock.stamp(addDays(requestDate, r.int(0, 3)), r.int(9 * 60, 12 * 60));
    const reviewed = status === 'pending' ? null : clock.stamp(addDays(clock.date, r.int(1, 5)), r.int(14 * 60, 18 * 60));
    const t: PlannedTransition = {
      fromStage: state.stage, fromSideState: state.sideState, to, eventDate, status, requestedBy: owner, requestedAt,
      reviewedBy: reviewed ? BUREAU_REVIEWER : null, reviewedAt: reviewed,
      reviewNote: status === 'rejected' ? (REJECT_NOTES[to as Stage] ?? '证明材料不足，请补充') : status === 'verified' && r.chance(0.3) ? '材料齐全，同意' : null,
      reason: extra.reason ?? null, lostDestination: extra.lostDestination ?? null, isBackward: check.isBackward,
    };
    transitions.push(t);
    if (status === 'verified') apply(state, t);
  };
  steps.forEach((s, i) => {
    cursor = addDays(cursor, scaled[i]!);
    dates[s] = cursor;
    if (REJECT_NOTES[s] && r.chance(0.06)) move(s, cursor, {}, 'rejected');
    move(s, cursor);
  });
  // Skipped stages count from the event that skipped them (apply() fills their dates).
  for (const s of STAGES) {
    const field = STAGE_DATE_FIELD[s];
    if (field && state[field]) dates[s] = state[field]!;
  }
  if (side) {
    cursor = addDays(cursor, scaledSide);
    const reason = r.pick(SIDE_REASONS[side]);
    move(side, cursor, { reason, ...(side === 'lost' ? { lostDestination: r.pick(['安徽省六安市', '湖北省孝感市', '安徽省合肥市', '河南省驻马店市']) } : {}) });
  }
  if (isPending) {
    const target: TransitionTarget = state.sideState === 'stalled' ? 'resumed' : STAGES[stageIndex(state.stage) + 1]!;
    const eventDate = addDays(today, -r.int(3, 10));
    move(target, eventDate, target === 'resumed' ? { reason: '企业资金已到位，申请恢复推进' } : {}, 'pending');
  }
  return { transitions, state, dates, lastEvent: cursor, isPending };
}

function planAmounts(r: Random, isReal: boolean, signed: boolean, theme: Theme, isForeign: boolean) {
  const skew = isReal ? r.next() ** 0.9 : r.next() ** 1.8;
  const planned = roundAmount(1000 * 500 ** skew);
  const contracted = signed ? roundAmount(planned * (0.75 + r.next() * 0.25)) : null;
  const fixed = contracted ? Math.round(contracted * (0.55 + r.next() * 0.3)) : null;
  const output = contracted ? Math.round(contracted * (0.8 + r.next() * 1.7)) : null;
  const landBased = theme !== 'logistics' && theme !== 'electronics';
  return {
    plannedInvestment: String(planned),
    contractedInvestment: contracted === null ? null : String(contracted),
    fixedAssetInvestment: fixed === null ? null : String(fixed),
    foreignInvestment: isForeign && contracted ? String(Math.round(contracted / 7.1)) : null,
    expectedOutput: output === null ? null : String(output),
    expectedTax: output === null ? null : String(Math.round(output * (0.03 + r.next() * 0.04))),
    expectedJobs: signed ? Math.min(3000, 20 + Math.round((planned / 100) * (0.3 + r.next()))) : null,
    landMu: signed && landBased ? String(Math.min(1200, Math.max(15, Math.round((planned / 100) * (0.4 + r.next()))))) : null,
    isCityKey: planned >= 50_000 || (isReal && planned >= 20_000),
    isProvinceKey: planned >= 200_000,
  };
}

const PLACE_PREFIX = /^(.{1,3}[县区]|信阳|郑州|武汉|上海|杭州|苏州|深圳|广州|东莞|合肥|无锡|北京|河南)/;

/** 固始县豫丰食品有限公司 → 豫丰: the brand in a project's name (豫丰年产3万吨速冻米面制品项目). */
function brandOf(firm: string): string {
  return firm.replace(PLACE_PREFIX, '').slice(0, 2);
}

const CHANNEL_WEIGHTS: [Channel, number][] = [['leader', 2], ['business', 3], ['agency', 2], ['hometown', 2], ['online', 1], ['expo', 2], ['team', 2]];
const CAPACITY = [1, 2, 3, 5, 10, 20, 30, 50];

function planProject(r: Random, u: DemoUnitPlan, today: string, names: Set<string>, opts: { investor?: string; outcome?: Outcome; maxAge?: number; forcePending?: boolean } = {}): PlannedProject {
  const theme = opts.investor ? INVENTED_FIRMS.find((f) => f.name === opts.investor)!.theme : r.pick(u.themes);
  const reals = REAL_FIRMS.filter((f) => f.theme === theme);
  const real = !opts.investor && reals.length && r.chance(0.25) ? r.pick(reals) : undefined;
  const invented = INVENTED_FIRMS.filter((f) => f.theme === theme && f.name !== CONFLICT_FIRM);
  const investor = opts.investor ?? real?.name ?? r.pick(invented).name;
  const outcome = opts.outcome ?? r.weighted(OUTCOMES);
  const timeline = planTimeline(r, outcome, u.owner.username, today, opts.maxAge ?? MAX_AGE[outcome], opts.forcePending);
  const { state, dates } = timeline;
  const amounts = planAmounts(r, Boolean(real), Boolean(state.signedDate), theme, real?.ownershipType === 'foreign');
  const core = r.pick(PROJECT_TEMPLATES[theme]).replace('{n}', String(r.pick(CAPACITY)));
  const prefix = real ? `${normaliseCompanyName(real.name)}${u.short}` : r.chance(0.6) ? u.short : brandOf(investor);
  let name = `${prefix}${core}`;
  for (let phase = 2; names.has(name); phase++) name = `${prefix}${core}（${['', '', '二', '三', '四', '五', '六'][phase] ?? phase}期）`;
  names.add(name);
  const carrier = r.pick(u.carriers);
  const yesterday = addDays(today, -1);

  // Follow-ups: up to recently for live projects; some go quiet for over 30 days (停滞预警).
  const closed = state.sideState === 'lost' || state.sideState === 'withdrawn';
  const canGoQuiet = !closed && !state.sideState && stageIndex(state.stage) <= stageIndex('started') && timeline.lastEvent <= addDays(today, -40) && !timeline.isPending;
  let end: string;
  if (closed) end = state.sideStateDate!;
  else if (state.sideState === 'stalled') end = minDate(addDays(state.sideStateDate!, r.int(0, 10)), yesterday);
  else if (canGoQuiet && r.chance(0.09)) end = addDays(today, -r.int(35, Math.min(150, daysBetween(timeline.lastEvent, today))));
  else end = addDays(today, -r.int(1, 20));
  if (end < timeline.lastEvent && !closed) end = minDate(timeline.lastEvent, yesterday);
  if (end < dates.lead) end = dates.lead;
  const count = closed || state.sideState ? r.int(3, 8) : state.stage === 'lead' ? r.int(2, 6) : state.stage === 'negotiating' ? r.int(5, 12) : r.int(6, 15);
  const context = { investor: investor, unitShort: u.short, carrier, theme: THEME_LABELS[theme] };
  const followUps = planFollowUps(r, dates, dates.lead, end, count, context, today);

  const nodes = state.signedDate && !closed ? planNodes(r, dates, today) : [];
  const issues: PlannedIssue[] = [];
  if (!closed && stageIndex(state.stage) >= 1) {
    const n = r.chance(0.22) ? (r.chance(0.3) ? 2 : 1) : 0;
    for (let i = 0; i < n; i++) issues.push(planIssue(r, state.stage, dates.signed ?? dates.negotiating ?? dates.lead, today, context));
  }
  const times = [...timeline.transitions.flatMap((t) => [t.requestedAt, t.reviewedAt ?? '']), ...followUps.map((f) => new Date(f.createdAt).toISOString())].filter(Boolean).sort();
  return {
    unit: u.unit,
    owner: u.owner.username,
    name,
    theme,
    industryCode: r.pick(THEME_INDUSTRIES[theme]),
    investor,
    carrier,
    ...amounts,
    channel: r.weighted(CHANNEL_WEIGHTS),
    hasLiaisonLeader: amounts.isCityKey,
    tags: [THEME_LABELS[theme]],
    description: `示例数据（虚构项目，仅供演示）：${investor}拟在${carrier}投资建设${core}。`,
    transitions: timeline.transitions,
    state,
    followUps,
    nodes,
    issues,
    createdAt: new Date(at(dates.lead, 9 * 60 + r.int(0, 120))).toISOString(),
    updatedAt: times[times.length - 1] ?? new Date(at(dates.lead, 12 * 60)).toISOString(),
  };
}

/** The whole demo ledger for `today` (YYYY-MM-DD, China time). */
export function planLedger(today: string, reference: ReferenceFirms): LedgerPlan {
  const r = mulberry32(SEED);
  const names = new Set<string>();
  const projects: PlannedProject[] = [];
  for (const u of UNIT_PLANS) {
    for (let i = 0; i < u.projects; i++) {
      // 固始县's first project is the one whose investor 潢川县 registered too (the credit conflict).
      const isConflict = u.unit === '固始县' && i === 0;
      projects.push(planProject(r, u, today, names, isConflict ? { investor: CONFLICT_FIRM, outcome: 'negotiating', maxAge: 110 } : {}));
    }
  }
  const investors = planInvestors(r, projects, reference);
  const { referrals, conflict } = planReferrals(r, projects, today);
  return { today, investors, projects, referrals, conflict, funds: planFunds(projects, investors, today) };
}
