import { DEFAULT_NODES, type FollowUpKind, type IssueStatus, type IssueType, type Stage } from '../../../shared/project.js';
import { addDays, at, daysBetween, minDate, type Random } from './ledger.random.js';

/*
 * The work around each demo project (示例): follow-ups (跟踪记录), node plans (节点计划) and
 * coordination issues (问题协调), dated along the project's own timeline. Pure: plans, no database.
 */

export interface StageDates {
  lead: string;
  negotiating?: string;
  signed?: string;
  registered?: string;
  started?: string;
  producing?: string;
  at_capacity?: string;
}

export interface PlannedFollowUp {
  date: string;
  kind: FollowUpKind;
  participants: string;
  content: string;
  nextStep: string | null;
  nextStepDue: string | null;
  createdAt: string;
}

export interface PlannedNode {
  name: string;
  plannedDate: string;
  actualDate: string | null;
  responsible: string;
  sortOrder: number;
}

/** Department keys match the demo organisation (demo.seed.ts). */
export type DepartmentKey = '信阳市自然资源和规划局' | '信阳市生态环境局' | '信阳市发展和改革委员会' | '信阳市住房和城乡建设局' | '信阳市商务局' | '国网信阳供电公司';
/** Departments with a demo account (demo.ziran, demo.huanjing) answer their issues in the demo. */
export const ANSWERING_DEPARTMENTS: Partial<Record<DepartmentKey, string>> = {
  信阳市自然资源和规划局: 'demo.ziran',
  信阳市生态环境局: 'demo.huanjing',
};

export interface PlannedIssue {
  type: IssueType;
  title: string;
  description: string;
  department: DepartmentKey;
  deadline: string;
  status: IssueStatus;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

interface Context {
  investor: string;
  unitShort: string;
  carrier: string;
  theme: string;
}

const STAGE_ORDER: Stage[] = ['lead', 'negotiating', 'signed', 'registered', 'started', 'producing', 'at_capacity'];

function phaseAt(dates: StageDates, date: string): Stage {
  let phase: Stage = 'lead';
  for (const s of STAGE_ORDER) {
    const d = dates[s];
    if (d && d <= date) phase = s;
  }
  return phase;
}

const TOPICS: Record<'early' | 'talks' | 'landing' | 'service', string[]> = {
  early: ['产业基础和招商政策', '项目投资意向和选址需求', '企业扩产计划', '产业链配套情况'],
  talks: ['投资协议条款', '土地价格和供地方式', '税收和设备补贴政策', '标准化厂房租金减免', '用工招聘保障'],
  landing: ['工商注册和银行开户', '供地摘牌时间', '规划设计方案', '施工许可办理', '水电气接入', '设备进场安排'],
  service: ['达产进度和产值', '用工招聘', '产品市场开拓', '企业融资需求', '二期扩产意向'],
};

const NEXT_STEPS: Record<'early' | 'talks' | 'landing' | 'service', string[]> = {
  early: ['邀请企业来信阳实地考察', '报送项目信息给县领导', '整理企业需求清单'],
  talks: ['起草投资协议初稿', '安排县领导带队回访', '提交县招商引资项目联审会研究', '测算政策兑现额度'],
  landing: ['报送项目用地预审材料', '协调自然资源部门确定摘牌时间', '督促设计单位提交规划方案', '协调供电公司接入方案'],
  service: ['协调人社部门组织专场招聘会', '走访企业了解生产情况', '推荐企业申报专精特新'],
};

function phaseGroup(stage: Stage): 'early' | 'talks' | 'landing' | 'service' {
  if (stage === 'lead') return 'early';
  if (stage === 'negotiating') return 'talks';
  if (stage === 'producing' || stage === 'at_capacity') return 'service';
  return 'landing';
}

function followUpText(r: Random, kind: FollowUpKind, group: ReturnType<typeof phaseGroup>, c: Context): string {
  const topic = r.pick(TOPICS[group]);
  switch (kind) {
    case 'visit':
      return `赴企业总部拜访${c.investor}负责人，介绍${c.unitShort}${c.theme}产业基础，就${topic}进行交流。`;
    case 'call':
      return `电话对接${c.investor}项目负责人，沟通${topic}，企业反馈积极。`;
    case 'reception':
      return `接待${c.investor}考察团一行${r.int(2, 8)}人，座谈${topic}。`;
    case 'negotiation':
      return `与${c.investor}就${topic}进行洽谈，双方就主要条款达成一致，细节待进一步协商。`;
    case 'site_inspection':
      return `陪同企业实地查看${c.carrier}，了解用地红线、厂房及水电气配套，沟通${topic}。`;
    case 'online':
      return `与${c.investor}线上会谈，确认${topic}相关材料的修改意见。`;
  }
}

const KINDS: Record<ReturnType<typeof phaseGroup>, readonly (readonly [FollowUpKind, number])[]> = {
  early: [['visit', 3], ['call', 4], ['reception', 2], ['online', 1]],
  talks: [['negotiation', 4], ['site_inspection', 2], ['online', 2], ['call', 2], ['reception', 1]],
  landing: [['site_inspection', 3], ['call', 3], ['visit', 2], ['online', 1]],
  service: [['visit', 3], ['call', 3], ['site_inspection', 1]],
};

/** `count` follow-ups between `from` and `to` (inclusive), the first on `from`, the last on `to`. */
export function planFollowUps(r: Random, dates: StageDates, from: string, to: string, count: number, c: Context, today: string): PlannedFollowUp[] {
  const span = Math.max(0, daysBetween(from, to));
  const days = [0, span];
  for (let i = 2; i < count; i++) days.push(r.int(0, span));
  days.sort((a, b) => a - b);
  const out: PlannedFollowUp[] = [];
  for (const [i, d] of days.slice(0, count).entries()) {
    const date = addDays(from, d);
    const group = phaseGroup(phaseAt(dates, date));
    const kind = r.weighted(KINDS[group]);
    const isLast = i === count - 1;
    const hasNext = isLast || r.chance(0.4);
    out.push({
      date,
      kind,
      participants: `${c.unitShort}招商专班、${c.investor}项目负责人`,
      content: followUpText(r, kind, group, c),
      nextStep: hasNext ? r.pick(NEXT_STEPS[group]) : null,
      nextStepDue: hasNext ? addDays(date, r.int(7, 30)) : null,
      createdAt: at(minDate(addDays(date, r.chance(0.8) ? 0 : 1), addDays(today, -1)), r.int(16 * 60, 20 * 60)),
    });
  }
  return out;
}

const NODE_OFFSETS = [20, 60, 90, 120, 150, 330, 390, 450];
const NODE_RESPONSIBLE = ['市场监管部门', '自然资源部门', '自然资源部门', '住建部门', '企业', '企业', '企业', '企业'];

/** 节点计划 for a signed project: planned from the signing date, done as far as its verified stage. */
export function planNodes(r: Random, dates: StageDates, today: string): PlannedNode[] {
  const signed = dates.signed!;
  const factor = 0.8 + r.next() * 0.5;
  const yesterday = addDays(today, -1);
  const between = (a: string, b: string, k: number, n: number) => addDays(a, Math.round((daysBetween(a, b) * k) / n));
  const nodes = DEFAULT_NODES.map((name, i): PlannedNode => {
    const plannedDate = addDays(signed, Math.round(NODE_OFFSETS[i]! * factor));
    let actualDate: string | null = null;
    if (i === 0 && dates.registered) actualDate = dates.registered;
    else if (i >= 1 && i <= 3 && dates.started) actualDate = between(signed, dates.started, i, 4);
    else if (i === 4 && dates.started) actualDate = dates.started;
    else if ((i === 5 || i === 6) && dates.producing) actualDate = between(dates.started!, dates.producing, i - 4, 3);
    else if (i === 5 && dates.started && !dates.producing && plannedDate < addDays(today, -30) && r.chance(0.5)) actualDate = minDate(plannedDate, yesterday);
    else if (i === 7 && dates.producing) actualDate = dates.producing;
    return { name, plannedDate, actualDate, responsible: NODE_RESPONSIBLE[i]!, sortOrder: i };
  });
  // Most units re-plan the remaining nodes when they slip (倒排工期); the rest show as overdue.
  const pending = nodes.filter((n) => !n.actualDate);
  const first = pending[0];
  if (first && first.plannedDate < today && r.chance(0.75)) {
    const shift = daysBetween(first.plannedDate, addDays(today, r.int(5, 60)));
    for (const n of pending) n.plannedDate = addDays(n.plannedDate, shift);
  }
  return nodes;
}

const ISSUE_CATALOGUE: Record<IssueType, { department: DepartmentKey[]; titles: string[]; answer: string }> = {
  land: {
    department: ['信阳市自然资源和规划局'],
    titles: ['项目用地指标未落实', '土地摘牌时间需提前', '用地红线与规划不一致'],
    answer: '已纳入本年度用地计划，预计下月完成挂牌出让，请项目单位提前准备竞买材料。',
  },
  environment: {
    department: ['信阳市生态环境局'],
    titles: ['环评批复办理进度慢', '排污许可证办理', '环评类别认定'],
    answer: '已组织专家技术评审，请企业按评审意见补充材料后即可批复。',
  },
  approval: {
    department: ['信阳市住房和城乡建设局', '信阳市发展和改革委员会'],
    titles: ['施工许可证办理', '项目备案手续', '消防设计审查'],
    answer: '已开通绿色通道，材料齐全后3个工作日内办结。',
  },
  utilities: {
    department: ['国网信阳供电公司'],
    titles: ['10kV专线接入', '临时用电报装', '天然气管网接入'],
    answer: '已完成现场勘查，接入方案已答复企业。',
  },
  policy: {
    department: ['信阳市商务局', '信阳市发展和改革委员会'],
    titles: ['设备补贴政策兑现', '外贸企业出口退税', '招商引资奖励兑现'],
    answer: '按市招商引资优惠政策，已列入本季度兑现计划。',
  },
  funding: {
    department: ['信阳市发展和改革委员会'],
    titles: ['申请专项债支持配套设施', '协调银行流动资金贷款'],
    answer: '已推荐至合作银行，银行正在开展尽职调查。',
  },
  other: { department: ['信阳市商务局'], titles: ['企业子女入学协调'], answer: '已协调教育部门解决。' },
};

const ISSUE_TYPES_BY_STAGE: Record<Stage, IssueType[]> = {
  lead: ['policy'],
  negotiating: ['land', 'policy'],
  signed: ['land', 'approval', 'environment'],
  registered: ['land', 'approval', 'environment'],
  started: ['utilities', 'approval', 'funding'],
  producing: ['utilities', 'policy', 'funding'],
  at_capacity: ['policy', 'funding'],
};

/** A coordination issue raised on `from`..yesterday, handed to a department with a deadline. */
export function planIssue(r: Random, stage: Stage, from: string, today: string, c: Context): PlannedIssue {
  const type = r.pick(ISSUE_TYPES_BY_STAGE[stage]);
  const entry = ISSUE_CATALOGUE[type];
  const department = r.pick(entry.department);
  const yesterday = addDays(today, -1);
  const answerer = ANSWERING_DEPARTMENTS[department];
  const outcome = answerer ? r.weighted([['open', 3], ['answered', 4], ['closed', 2]] as const) : 'open';
  // Open issues were raised lately (some now past their deadline); settled ones any time since `from`.
  const earliest = outcome === 'open' && from < addDays(yesterday, -45) ? addDays(yesterday, -45) : from;
  const raised = addDays(earliest, r.int(0, Math.max(0, daysBetween(earliest, yesterday))));
  const deadline = addDays(raised, r.int(10, 30));
  const answeredDate = minDate(addDays(raised, r.int(2, 20)), yesterday);
  const closedDate = minDate(addDays(answeredDate, r.int(1, 10)), yesterday);
  return {
    type,
    title: r.pick(entry.titles),
    description: `${c.investor}在${c.carrier}的项目：${r.pick(entry.titles)}，影响项目推进，请协调解决。`,
    department,
    deadline,
    status: outcome,
    answer: outcome === 'open' ? null : entry.answer,
    answeredBy: outcome === 'open' ? null : answerer!,
    answeredAt: outcome === 'open' ? null : at(answeredDate, r.int(12 * 60, 17 * 60)),
    closedAt: outcome === 'closed' ? at(closedDate, 17 * 60 + r.int(30, 59)) : null,
    createdAt: at(raised, r.int(9 * 60, 11 * 60)),
  };
}
