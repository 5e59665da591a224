import { describe, expect, it } from 'vitest';
import { chinaDate, dateText, growthText, openingText, percentText, periodText, rankingIntroText, scheduleGapText, scopeText, wanText, yiText, type OpeningFigures } from './format.js';

describe('numbers as a bulletin writes them', () => {
  it.each([
    ['123456.7', '12.35'],
    ['123449.9999', '12.34'],
    ['5000', '0.50'],
    ['0', '0.00'],
    ['50', '0.01'],
    ['49.9999', '0.00'],
  ])('亿元 with two decimals, half-up: %s万元 → %s', (wan, yi) => expect(yiText(wan)).toBe(yi));

  it.each([
    ['1234.5000', '1234.5'],
    ['1234.005', '1234.01'],
    ['80', '80'],
  ])('万元 with at most two decimals: %s → %s', (v, s) => expect(wanText(v)).toBe(s));

  it.each([
    ['0.3750', '37.5%'],
    ['1.2345', '123.5%'],
    ['0.0004', '0.0%'],
    ['0', '0.0%'],
  ])('percent with one decimal: %s → %s', (r, s) => expect(percentText(r)).toBe(s));

  it('同比 reads as growth or decline, and has no words when last year was 0', () => {
    expect(growthText('0.1234')).toBe('增长12.3%');
    expect(growthText('-0.0450')).toBe('下降4.5%');
    expect(growthText('0.0004')).toBe('持平');
    expect(growthText(null)).toBeNull();
  });

  it('超/欠时序进度 in percentage points', () => {
    expect(scheduleGapText('0.0520')).toBe('超时序进度5.2个百分点');
    expect(scheduleGapText('-0.0312')).toBe('欠时序进度3.1个百分点');
    expect(scheduleGapText('0.0001')).toBe('与时序进度持平');
    expect(scheduleGapText(null)).toBeNull();
  });
});

describe('periods, dates and the scope word', () => {
  it.each([
    ['2026-01-01', '2026-12-31', '2026年'],
    ['2026-10-01', '2026-10-31', '2026年10月'],
    ['2026-01-01', '2026-10-31', '2026年1—10月'],
    ['2024-02-01', '2024-02-29', '2024年2月'],
    ['2026-01-05', '2026-10-15', '2026年1月5日至10月15日'],
    ['2025-07-01', '2026-06-30', '2025年7月至2026年6月'],
    ['2025-12-20', '2026-01-10', '2025年12月20日至2026年1月10日'],
  ])('%s – %s → %s', (from, to, text) => expect(periodText(from, to)).toBe(text));

  it('writes a date in Chinese', () => expect(dateText('2026-12-06')).toBe('2026年12月6日'));
  it('takes the day of an instant in China', () => {
    expect(chinaDate('2026-12-06T20:30:00.000Z')).toBe('2026-12-07');
    expect(chinaDate('2026-12-06T02:00:00.000Z')).toBe('2026-12-06');
  });

  it.each([
    ['信阳市', 'city', '全市'],
    ['固始县', 'county', '全县'],
    ['平桥区', 'county', '全区'],
    ['信阳高新技术产业开发区', 'zone', '全区'],
    ['蓼城街道', 'town', '全街道'],
    ['羊山新区管委会', 'zone', '羊山新区管委会'],
    ['市投资促进局', 'bureau', '市投资促进局'],
  ])('%s (%s) → %s', (name, type, word) => expect(scopeText(name, type)).toBe(word));
});

describe('the opening paragraph (domain.md §9)', () => {
  const base: OpeningFigures = {
    signedCount: '128',
    signedAmount: '4567890.1234',
    fundsOutOfCity: '2345678',
    signedAmountYoy: '0.1520',
    fundsOutOfCityYoy: '0.0830',
    signedAmountCompletion: '0.8760',
    fundsOutOfCityCompletion: '0.9125',
    tier: { label: '亿元', count: '37' },
    startedCount: '64',
    producingCount: '21',
  };

  it('writes every number the way the seed speech does', () => {
    expect(openingText('2026年1—10月', '全市', base)).toBe(
      '2026年1—10月，全市共引进落实招商引资项目128个，签约合同投资额456.79亿元，实际到位市外资金234.57亿元，' +
        '分别完成年度目标任务的87.6%、91.3%，同比分别增长15.2%、8.3%。其中，签约亿元以上项目37个，新开工项目64个，新投产项目21个。',
    );
  });

  it('says 下降 where a figure fell, and leaves out what has no number', () => {
    const text = openingText('2026年10月', '全县', { ...base, fundsOutOfCityYoy: '-0.2', signedAmountCompletion: null, fundsOutOfCityCompletion: null, tier: null });
    expect(text).toBe(
      '2026年10月，全县共引进落实招商引资项目128个，签约合同投资额456.79亿元，实际到位市外资金234.57亿元，同比分别增长15.2%、下降20.0%。其中，新开工项目64个，新投产项目21个。',
    );
  });

  it('names the one figure with a target, and the one with a 同比', () => {
    const text = openingText('2026年', '全市', { ...base, signedAmountCompletion: null, signedAmountYoy: null });
    expect(text).toContain('实际到位市外资金234.57亿元，市外资金到位完成年度目标任务的91.3%，市外资金到位同比增长8.3%。');
  });
});

describe('the ranking sentence', () => {
  const run = { schemeName: '县区考核办法', schemeVersion: 2, publishedAt: '2026-12-06T02:00:00.000Z', periodFrom: '2026-01-01', periodTo: '2026-12-31', unitCount: 13 };
  it('names the scheme, its version, publication and period', () => {
    expect(rankingIntroText({ ...run, shown: 13 })).toBe('根据《县区考核办法》（第2版，2026年12月6日发布），对2026年招商引资工作进行考核，结果如下（各项得分见附表）：');
  });
  it('says how many units were ranked when the table shows only a county’s part', () => {
    expect(rankingIntroText({ ...run, publishedAt: null, shown: 1 })).toBe('根据《县区考核办法》（第2版），对2026年招商引资工作进行考核，共13个单位参加考核，本单位及下级单位结果如下（各项得分见附表）：');
  });
});
