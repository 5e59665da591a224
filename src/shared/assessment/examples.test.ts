import { describe, expect, it } from 'vitest';
import { sum } from '../kpi/formulas.js';
import { QUARTERLY_SCHEME, RATIO_SCHEME, WEIGHTED_SCHEME } from './examples.js';
import type { ScoreRecordInput, UnitInputData } from './inputs.js';
import { scoreScheme, type AssessmentResult } from './score.js';

// The three example schemes over hand-built units. Every item score, total and rank below was
// computed by hand from the data, in the comments.

function metric(records: ScoreRecordInput[], value?: string) {
  return { value: value ?? sum(records.map((r) => r.value ?? '1')), records };
}
/** Projects as the records of an amount metric: each contributes its contracted investment. */
const amounts = (projects: ScoreRecordInput[]) => projects.map((p) => ({ ...p, value: p.contractedAmount ?? '0' }));
const p = (id: number, contractedAmount: string, extra: Partial<ScoreRecordInput> = {}): ScoreRecordInput => ({ kind: 'project', id, contractedAmount, ...extra });
const t = (id: number, value: string, extra: Partial<ScoreRecordInput> = {}): ScoreRecordInput => ({ kind: 'tranche', id, value, fundsSource: 'out_of_province', ...extra });
const events = (kind: ScoreRecordInput['kind'], n: number, from: number): ScoreRecordInput[] => Array.from({ length: n }, (_, i) => ({ kind, id: from + i }));

/** unit name → [total, rank, item scores in scheme order]. */
function summary(result: AssessmentResult): Record<string, [string, number, string[]]> {
  return Object.fromEntries(result.units.map((u) => [u.name, [u.total, u.rank, u.items.map((i) => i.score)]]));
}

describe('(a) 50/30/20 ratio scheme', () => {
  const units: UnitInputData[] = [
    {
      unitId: 11,
      name: '甲县',
      sortOrder: 1,
      metrics: {
        // 8000 reported, tranche 102 is real estate (7010): 6000 / 10000 × 50 = 30
        funds_out_of_province_total: metric([t(101, '6000', { industryCode: '3011' }), t(102, '2000', { fundsSource: 'foreign', industryCode: '7010' })]),
        // project 112 is real estate: 15000 / 20000 × 30 = 22.5
        signed_amount: metric(amounts([p(111, '15000', { industryCode: '3011' }), p(112, '5000', { industryCode: '7010' })])),
        // 3 / 4 × 20 = 15
        started_count: metric(events('project', 3, 111)),
      },
      targets: { funds_out_of_province_total: '10000', signed_amount: '20000', started_count: '4' },
    }, // total 67.50
    {
      unitId: 12,
      name: '乙县',
      sortOrder: 2,
      metrics: {
        // 12000 / 10000 × 50 = 60 → capped 50
        funds_out_of_province_total: metric([t(201, '12000')]),
        // project 212 is local money: 9000 / 15000 × 30 = 18
        signed_amount: metric(amounts([p(211, '9000', { fundsSource: 'out_of_province' }), p(212, '3000', { fundsSource: 'local' })])),
        // 1 / 5 × 20 = 4
        started_count: metric(events('project', 1, 211)),
      },
      targets: { funds_out_of_province_total: '10000', signed_amount: '15000', started_count: '5' },
    }, // total 72.00
    {
      unitId: 13,
      name: '丙开发区',
      sortOrder: 3,
      metrics: {
        funds_out_of_province_total: metric([t(301, '5000')]), // 5000 / 8000 × 50 = 31.25
        signed_amount: metric(amounts([p(311, '10000')])), // 10000 / 8000 × 30 = 37.5 → 30
        started_count: metric(events('project', 2, 311)), // no target: 0
      },
      targets: { funds_out_of_province_total: '8000', signed_amount: '8000', started_count: null },
    }, // total 61.25
    {
      unitId: 14,
      name: '丁开发区',
      sortOrder: 4,
      metrics: {
        funds_out_of_province_total: metric([]), // 0 / 5000: 0
        signed_amount: metric(amounts([p(411, '30000')])), // 3 × 30 → 30
        started_count: metric(events('project', 6, 411)), // 6 / 3 × 20 → 20
      },
      targets: { funds_out_of_province_total: '5000', signed_amount: '10000', started_count: '3' },
    }, // total 50.00
  ];

  it('scores and ranks as computed by hand', () => {
    expect(summary(scoreScheme(RATIO_SCHEME, units))).toEqual({
      乙县: ['72.00', 1, ['50.00', '18.00', '4.00']],
      甲县: ['67.50', 2, ['30.00', '22.50', '15.00']],
      丙开发区: ['61.25', 3, ['31.25', '30.00', '0.00']],
      丁开发区: ['50.00', 4, ['0.00', '30.00', '20.00']],
    });
  });
  it('traces every line to records and says what was left out', () => {
    const jia = scoreScheme(RATIO_SCHEME, units).units.find((u) => u.name === '甲县')!;
    expect(jia.items[0]).toMatchObject({ records: [{ kind: 'tranche', id: 101 }], excluded: [{ id: 102, rule: '房地产项目不计入（K70）' }] });
    expect(jia.items[1]).toMatchObject({ inputs: { actual: '15000', target: '20000', completion: '0.7500' }, records: [{ kind: 'project', id: 111 }] });
  });
});

describe('(b) quarterly 30/20/20/15/15 scheme with bonuses', () => {
  // signed projects: count records and amount records are the same projects
  const unitOf = (
    unitId: number,
    name: string,
    sortOrder: number,
    signed: ScoreRecordInput[],
    funds: ScoreRecordInput[],
    started: number,
    producing: number,
    visits: number,
    targets: UnitInputData['targets'],
    manual: UnitInputData['manual'] = {},
  ): UnitInputData => ({
    unitId,
    name,
    sortOrder,
    metrics: {
      signed_count: metric(signed),
      signed_amount: metric(amounts(signed)),
      funds_out_of_city: metric(funds),
      started_count: metric(events('project', started, unitId * 100)),
      producing_count: metric(events('project', producing, unitId * 100 + 50)),
      leader_visit_count: metric(events('followup', visits, unitId * 100)),
    },
    targets,
    manual,
  });
  const units = [
    // 甲县: signed 3 of 4 (q3 government-funded) → 0.75 × 30 = 22.5; amount 158000 / 100000 → 30;
    //   composite 0.5 × 22.5 + 0.5 × 30 = 26.25
    // funds 13500 of 10000 (f2 real estate) → 1.35: 3 full 10% → 20 + 1.5 = 21.5
    // started 2/2 → 20; producing 1/2 → 7.5; manual 12; major: q1 ≥10亿 +4, 500强 +10 = 14; visits 4 × 0.5 = 2
    // total 26.25 + 21.5 + 20 + 7.5 + 12 + 14 + 2 = 103.25
    unitOf(
      21,
      '甲县',
      1,
      [p(1, '120000', { investorId: 501, investorTags: ['世界500强'] }), p(2, '30000'), p(3, '20000', { isGovernmentFunded: true }), p(4, '8000')],
      [t(1, '13500'), t(2, '500', { industryCode: '7010' })],
      2,
      1,
      4,
      { signed_count: '4', signed_amount: '100000', funds_out_of_city: '10000', started_count: '2', producing_count: '2' },
      { work: { score: '12', reason: '补链项目多，产业契合度高' } },
    ),
    // 乙县: signed 3 of 5 → 18; amount 790000 / 200000 → 30; composite 24
    // funds 8000 of 10000 → below target: 20 × 0.8 = 16
    // started 1/2 → 10; producing 0/1 → 0; manual 10
    // major: r1 ≥50亿 +8, r2 ≥10亿 +4, investor 601 (500强) once +10 = 22 → cap 20; visits 8 × 0.5 = 4 → cap 3
    // total 24 + 16 + 10 + 0 + 10 + 20 + 3 = 83
    unitOf(
      22,
      '乙县',
      2,
      [p(11, '600000', { investorId: 601, investorTags: ['世界500强'] }), p(12, '150000', { investorId: 601, investorTags: ['世界500强'] }), p(13, '40000')],
      [t(11, '8000')],
      1,
      0,
      8,
      { signed_count: '5', signed_amount: '200000', funds_out_of_city: '10000', started_count: '2', producing_count: '1' },
      { work: { score: '10', reason: '签约项目开工偏慢' } },
    ),
    // 丙开发区: signed 1 of 2 (s2 real estate) → 15; amount 50000 / 50000 → 30; composite 22.5
    // funds 30000 of 10000 → 20 steps = 10 → bonus cap 2: 22
    // started 3/2 → 30 → cap 20; producing 1/1 → 15; manual not entered: 0; major 0; visits 0
    // total 22.5 + 22 + 20 + 15 = 79.5
    unitOf(23, '丙开发区', 3, [p(21, '50000'), p(22, '50000', { industryCode: '7010' })], [t(21, '30000')], 3, 1, 0, {
      signed_count: '2',
      signed_amount: '50000',
      funds_out_of_city: '10000',
      started_count: '2',
      producing_count: '1',
    }),
    // 丁开发区: signed 2/2 → 30; amount 120000 / 50000 → 30; composite 30
    // funds: no target → 0; started 2/2 → 20; producing 1/2 → 7.5; manual 15; major w1 ≥10亿 +4; visits 6 × 0.5 = 3
    // total 30 + 0 + 20 + 7.5 + 15 + 4 + 3 = 79.5 — equal to 丙开发区, but its first item is higher (30 > 22.5)
    unitOf(
      24,
      '丁开发区',
      4,
      [p(31, '100000'), p(32, '20000')],
      [t(31, '9000')],
      2,
      1,
      6,
      { signed_count: '2', signed_amount: '50000', funds_out_of_city: null, started_count: '2', producing_count: '2' },
      { work: { score: '15', reason: '工作推进有力' } },
    ),
  ];

  it('scores and ranks as computed by hand, breaking the 79.50 tie on the first item', () => {
    expect(summary(scoreScheme(QUARTERLY_SCHEME, units))).toEqual({
      甲县: ['103.25', 1, ['26.25', '21.50', '20.00', '7.50', '12.00', '14.00', '2.00']],
      乙县: ['83.00', 2, ['24.00', '16.00', '10.00', '0.00', '10.00', '20.00', '3.00']],
      丁开发区: ['79.50', 3, ['30.00', '0.00', '20.00', '7.50', '15.00', '4.00', '3.00']],
      丙开发区: ['79.50', 4, ['22.50', '22.00', '20.00', '15.00', '0.00', '0.00', '0.00']],
    });
  });
  it('explains the composite, the bonus and the tiers', () => {
    const result = scoreScheme(QUARTERLY_SCHEME, units);
    const jia = result.units.find((u) => u.name === '甲县')!;
    expect(jia.items[0]!.parts!.map((x) => [x.itemId, x.score, x.weight])).toEqual([
      ['signed_count', '22.50', '0.5'],
      ['signed_amount', '30.00', '0.5'],
    ]);
    // the composite lists each excluded record once; its parts show what each left out
    expect(jia.items[0]!.excluded).toEqual([{ kind: 'project', id: 3, value: '1', rule: '政府投资项目' }]);
    expect(jia.items[0]!.parts![1]!.excluded).toEqual([{ kind: 'project', id: 3, value: '20000', rule: '政府投资项目' }]);
    expect(jia.items[1]!.inputs).toMatchObject({ actual: '13500', target: '10000', completion: '1.3500', steps: '3', bonus: '1.5' });
    expect(jia.items[5]!.lines.map((l) => [l.id, l.points])).toEqual([
      [1, '4'],
      [1, '10'],
    ]);
    const bing = result.units.find((u) => u.name === '丙开发区')!;
    expect(bing.items[4]!.notes).toEqual(['manual_missing']);
    expect(result.units.every((u) => !u.isTied)).toBe(true);
  });
});

describe('(c) 0.5-weighted scheme with structure requirements and penalties', () => {
  const unitOf = (
    unitId: number,
    name: string,
    signed: ScoreRecordInput[],
    notStarted: number,
    falsified: number,
    targets: UnitInputData['targets'],
  ): UnitInputData => ({
    unitId,
    name,
    sortOrder: unitId,
    metrics: {
      signed_count: metric(signed),
      'signed_tier:10000': metric(signed.filter((x) => Number(x.contractedAmount) >= 10000)),
      signed_amount: metric(amounts(signed)),
      signed_not_started_count: metric(events('project', notStarted, unitId * 100)),
      falsified_count: metric(events('project', falsified, unitId * 100 + 50)),
    },
    targets,
  });
  const units = [
    // 一县: 亿元以上 13, m14 later phase → 12 of 10 → 12 → cap 10
    //   amount 1188000 − m14 60000 (later phase) − m13 8000 (below 1亿) = 1120000 of 1000000 → 11.2 → cap 10
    //   composite 0.5 × 10 + 0.5 × 10 = 10
    // structure: 3–10亿 m6–m12 = 7 ≥ 7; 10–20亿 m2–m5 = 4 ≥ 4; 20亿+ m1 = 1 ≥ 1 → 0
    // not started 2 × −0.1 = −0.2; falsified 0
    // total 9.80
    unitOf(
      31,
      '一县',
      [
        ...['250000', '150000', '120000', '110000', '105000', '90000', '80000', '60000', '50000', '40000', '35000', '30000', '8000'].map((a, i) => p(i + 1, a)),
        p(14, '60000', { isLaterPhase: true }),
      ],
      2,
      0,
      { 'signed_tier:10000': '10', signed_amount: '1000000' },
    ),
    // 二县: 亿元以上 4, n4 real estate → 3 of 6 → 0.5 × 10 = 5
    //   amount 515000 − n4 40000 − n5 5000 (below 1亿) = 470000 of 500000 → 9.4
    //   composite 0.5 × 5 + 0.5 × 9.4 = 7.2
    // structure: 3–10亿 n3 = 1 (missing 6); 10–20亿 n2 = 1 (missing 3); 20亿+ n1 = 1 → 9 × −0.1 = −0.9
    // not started −0.1; falsified −0.2
    // total 7.2 − 0.9 − 0.1 − 0.2 = 6.00
    unitOf(32, '二县', [p(41, '300000'), p(42, '120000'), p(43, '50000'), p(44, '40000', { industryCode: '7010' }), p(45, '5000')], 1, 1, {
      'signed_tier:10000': '6',
      signed_amount: '500000',
    }),
    // 三县: 亿元以上 3, o1 government-funded → 2 of 4 → 5
    //   amount 200000 − o1 100000 = 100000 of 300000 → 3.333…; composite 2.5 + 1.666… = 4.1666… → 4.17
    // structure: 3–10亿 o2, o3 = 2 (missing 5); 10–20亿 0 (missing 4); 20亿+ 0 (missing 1) → −1.0
    // total 4.17 − 1.00 = 3.17
    unitOf(33, '三县', [p(51, '100000', { isGovernmentFunded: true }), p(52, '70000'), p(53, '30000')], 0, 0, {
      'signed_tier:10000': '4',
      signed_amount: '300000',
    }),
  ];

  it('scores and ranks as computed by hand', () => {
    expect(summary(scoreScheme(WEIGHTED_SCHEME, units))).toEqual({
      一县: ['9.80', 1, ['10.00', '0.00', '-0.20', '0.00']],
      二县: ['6.00', 2, ['7.20', '-0.90', '-0.10', '-0.20']],
      三县: ['3.17', 3, ['4.17', '-1.00', '0.00', '0.00']],
    });
  });
  it('shows each band and the records behind it', () => {
    const er = scoreScheme(WEIGHTED_SCHEME, units).units.find((u) => u.name === '二县')!;
    expect(er.items[1]!.inputs).toMatchObject({ 'bands.0.counted': '1', 'bands.0.missing': '6', 'bands.1.missing': '3', 'bands.2.missing': '0', missing: '9' });
    expect(er.items[1]!.records.map((r) => r.id)).toEqual([41, 42, 43]);
    expect(er.items[1]!.excluded.map((r) => r.id)).toEqual([44]);
    expect(er.items[0]!.parts![1]!.excluded.map((r) => [r.id, r.rule])).toEqual([
      [44, '房地产项目不计入（K70）'],
      [45, '合同投资额低于10000万元'],
    ]);
  });
});
