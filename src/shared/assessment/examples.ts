import { assessmentScheme, type AssessmentScheme, type AssessmentSchemeInput, type Exclusion } from './scheme.js';

/*
 * Three example schemes modelled on the published ones domain.md §7 describes. They are data: the
 * bureau copies one, edits it for its own year, and saves it as a new version.
 */

const REAL_ESTATE: Exclusion = { kind: 'industry', prefixes: ['K70'], label: '房地产项目不计入' };

/** (a) 50/30/20: three ratios to target, each capped at its weight. */
export const RATIO_SCHEME_INPUT = {
  name: '县区招商引资目标考核办法（50/30/20）',
  version: 1,
  description: '省外资金到位完成率×50（封顶50）+ 新签约合同投资额完成率×30（封顶30）+ 新开工项目数完成率×20（封顶20）。房地产项目、本地资金不计入。',
  units: { kind: 'unit_types', types: ['county', 'zone'] },
  period: { kind: 'year', year: 2025 },
  exclusions: [REAL_ESTATE, { kind: 'funds_source', sources: ['local'] }],
  items: [
    { id: 'funds_out_of_province', label: '省外资金实际到位', type: 'ratio', metric: 'funds_out_of_province_total', points: 50, cap: 50 },
    { id: 'signed_amount', label: '新签约项目合同投资额', type: 'ratio', metric: 'signed_amount', points: 30, cap: 30 },
    { id: 'started_count', label: '新开工项目数', type: 'ratio', metric: 'started_count', points: 20, cap: 20 },
  ],
} satisfies AssessmentSchemeInput;

/** (b) quarterly 30/20/20/15/15 with bonuses for major projects and leader-led promotion. */
export const QUARTERLY_SCHEME_INPUT = {
  name: '招商引资季度考核办法（30/20/20/15/15）',
  version: 1,
  description:
    '签约项目30分（数量、金额完成率各占50%）；市外资金到位20分（完成目标得20分，每超10%加0.5分，最多加2分；未完成按比例计分）；' +
    '新开工20分；新投产15分；工作推进与产业契合度评议15分。加分：10亿元以上项目每个+4分、50亿元以上每个+8分，世界500强投资每家+10分（最多20分）；' +
    '安排领导外出招商每次+0.5分（最多3分）。房地产、本地资金、政府投资项目不计入。',
  units: { kind: 'unit_types', types: ['county', 'zone'] },
  period: { kind: 'quarter', year: 2025, quarter: 2 },
  exclusions: [REAL_ESTATE, { kind: 'funds_source', sources: ['local'] }, { kind: 'government_funded' }],
  items: [
    {
      id: 'signed',
      label: '签约项目',
      type: 'composite',
      cap: 30,
      parts: [
        { weight: 50, item: { id: 'signed_count', label: '签约项目个数', type: 'ratio', metric: 'signed_count', points: 30, cap: 30 } },
        { weight: 50, item: { id: 'signed_amount', label: '签约合同投资额', type: 'ratio', metric: 'signed_amount', points: 30, cap: 30 } },
      ],
    },
    {
      id: 'funds',
      label: '市外资金实际到位',
      type: 'base_plus_bonus',
      metric: 'funds_out_of_city',
      basePoints: 20,
      bonusPerStep: 0.5,
      stepPercent: 10,
      bonusCap: 2,
      belowTarget: 'proportional',
    },
    { id: 'started', label: '新开工项目', type: 'ratio', metric: 'started_count', points: 20, cap: 20 },
    { id: 'producing', label: '新投产项目', type: 'ratio', metric: 'producing_count', points: 15, cap: 15 },
    { id: 'work', label: '工作推进与产业契合度（评议）', type: 'manual', maxPoints: 15 },
    {
      id: 'major_projects',
      label: '重大项目加分',
      type: 'tiers',
      metric: 'signed_count',
      amountTiers: [
        { atLeast: '100000', points: 4, label: '10亿元以上' },
        { atLeast: '500000', points: 8, label: '50亿元以上' },
      ],
      tagBonuses: [{ tag: '世界500强', points: 10 }],
      tagBonusPer: 'investor',
      cap: 20,
    },
    { id: 'leader_visits', label: '领导招商加分', type: 'count', metric: 'leader_visit_count', pointsPerItem: 0.5, cap: 3 },
  ],
} satisfies AssessmentSchemeInput;

/** (c) 0.5-weighted: half count, half amount of 亿元以上 projects; structure requirements and deductions. */
export const WEIGHTED_SCHEME_INPUT = {
  name: '重特大产业项目招引考核办法（0.5权重）',
  version: 1,
  description:
    '得分 = 0.5 × 亿元以上新签约项目个数完成率 × 10 + 0.5 × 亿元以上新签约合同投资额完成率 × 10（各项封顶10分）。' +
    '结构要求：3–10亿元项目不少于7个、10–20亿元不少于4个、20亿元以上不少于1个，每少1个扣0.1分。' +
    '签约项目超期未开工每个扣0.1分；弄虚作假项目每个扣0.2分。房地产、政府投资项目及老项目续建、二期不计入。',
  units: { kind: 'unit_types', types: ['county'] },
  period: { kind: 'year', year: 2025 },
  exclusions: [REAL_ESTATE, { kind: 'government_funded' }, { kind: 'later_phase' }],
  items: [
    {
      id: 'major_signed',
      label: '亿元以上项目签约',
      type: 'composite',
      cap: 10,
      parts: [
        { weight: 0.5, item: { id: 'major_count', label: '亿元以上签约项目个数', type: 'ratio', metric: 'signed_tier:10000', points: 10, cap: 10 } },
        {
          weight: 0.5,
          item: {
            id: 'major_amount',
            label: '亿元以上签约合同投资额',
            type: 'ratio',
            metric: 'signed_amount',
            points: 10,
            cap: 10,
            exclusions: [{ kind: 'below_amount', minAmount: '10000' }],
          },
        },
      ],
    },
    {
      id: 'structure',
      label: '项目结构要求',
      type: 'required_counts',
      metric: 'signed_count',
      bands: [
        { label: '3–10亿元', from: '30000', to: '100000', required: 7 },
        { label: '10–20亿元', from: '100000', to: '200000', required: 4 },
        { label: '20亿元以上', from: '200000', to: null, required: 1 },
      ],
      penaltyPerMissing: 0.1,
    },
    { id: 'not_started', label: '签约项目超期未开工', type: 'penalty', metric: 'signed_not_started_count', pointsPerOccurrence: 0.1 },
    { id: 'falsified', label: '弄虚作假项目', type: 'penalty', metric: 'falsified_count', pointsPerOccurrence: 0.2 },
  ],
} satisfies AssessmentSchemeInput;

export const RATIO_SCHEME: AssessmentScheme = assessmentScheme.parse(RATIO_SCHEME_INPUT);
export const QUARTERLY_SCHEME: AssessmentScheme = assessmentScheme.parse(QUARTERLY_SCHEME_INPUT);
export const WEIGHTED_SCHEME: AssessmentScheme = assessmentScheme.parse(WEIGHTED_SCHEME_INPUT);

export const EXAMPLE_SCHEMES: readonly AssessmentScheme[] = [RATIO_SCHEME, QUARTERLY_SCHEME, WEIGHTED_SCHEME];
