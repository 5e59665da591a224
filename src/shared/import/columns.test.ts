import { describe, expect, it } from 'vitest';
import {
  detectHeaderRow,
  excelSerialToIso,
  missingRequired,
  normaliseHeader,
  parseAmount,
  parseBool,
  parseChannel,
  parseCount,
  parseDate,
  parseIndustryRef,
  parseQuantity,
  parseStage,
  parseText,
  parseUscc,
  recogniseHeader,
  resolveColumns,
  TEMPLATE_HEADERS,
  type CellValue,
  type MoneyUnit,
} from './columns.js';
import { issueMessage } from './messages.js';
import { isBlankRow, nonProjectRow, parseRow } from './rows.js';

const value = <T>(p: { ok: true; value: T } | { ok: false; code: string } | null) => (p === null ? null : p.ok ? p.value : `!${p.code}`);

describe('dates', () => {
  it.each<[CellValue, string | null]>([
    ['2024-03-05', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['2024.3.5', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['２０２４年３月５日', '2024-03-05'],
    ['2024-03-05 ', '2024-03-05'],
    [' 2024 年 3 月 5 日 ', '2024-03-05'],
    ['2024-03-05 14:30', '2024-03-05'],
    [45356, '2024-03-05'],
    [45356.75, '2024-03-05'],
    ['45356', '2024-03-05'],
    [new Date(Date.UTC(2024, 2, 5)), '2024-03-05'],
    ['2024-02-30', '!BAD_DATE'],
    ['2023/2/29', '!BAD_DATE'],
    ['2024/2/29', '2024-02-29'],
    ['2024年3月', '!INCOMPLETE_DATE'],
    ['2024', '!INCOMPLETE_DATE'],
    ['三月五日', '!BAD_DATE'],
    [3, '!BAD_DATE'],
    [{ error: '#N/A' }, '!CELL_ERROR'],
    ['', null],
    ['—', null],
    [null, null],
  ])('%j → %s', (cell, expected) => {
    expect(value(parseDate(cell))).toBe(expected);
  });

  it('converts Excel serials on the 1900 system', () => {
    expect(excelSerialToIso(45292)).toBe('2024-01-01');
    expect(excelSerialToIso(18264)).toBe('1950-01-01');
    expect(excelSerialToIso(0)).toBeNull();
  });
});

describe('amounts', () => {
  it.each<[CellValue, MoneyUnit, string | null]>([
    ['12000', '万元', '12000'],
    [12000.5, '万元', '12000.5'],
    ['1,234.5', '万元', '1234.5'],
    ['１２３４．５', '万元', '1234.5'],
    ['1234.5 ', '万元', '1234.5'],
    [1.5, '亿元', '15000'],
    ['1.23456789', '亿元', '12345.6789'],
    // Exactly, not 0.1 + 0.2 in floating point.
    [0.3, '亿元', '3000'],
    [0.30000000000000004, '亿元', '3000'],
    ['123456789.12', '元', '12345.6789'],
    ['1.2亿', '万元', '12000'],
    ['5000万元', '亿元', '5000'],
    ['300万', '万美元', '300'],
    ['1亿美元', '万美元', '10000'],
    ['5000万元', '万美元', '!UNIT_MISMATCH'],
    ['约3000', '万元', '3000'],
    ['-5', '万元', '!NEGATIVE'],
    ['abc', '万元', '!BAD_AMOUNT'],
    ['10001', '亿元', '!TOO_LARGE'],
    ['0.00004', '万元', '0'],
    ['0.00005', '万元', '0.0001'],
    ['/', '万元', null],
  ])('%j in %s → %s', (cell, unit, expected) => {
    expect(value(parseAmount(cell, unit))).toBe(expected);
  });

  it('quantities and counts', () => {
    expect(value(parseQuantity('120.456亩', 2, 1e7))).toBe('120.46');
    expect(value(parseQuantity(88, 2, 1e7))).toBe('88');
    expect(value(parseCount('500人'))).toBe(500);
    expect(value(parseCount('12.5'))).toBe('!BAD_INTEGER');
  });
});

describe('vocabularies', () => {
  it.each<[string, string]>([
    ['线索', 'lead'],
    ['洽谈', 'negotiating'],
    ['在谈', 'negotiating'],
    ['正在洽谈', 'negotiating'],
    ['签约', 'signed'],
    ['已签约', 'signed'],
    ['已签约，正在办理土地手续', 'signed'],
    ['注册', 'registered'],
    ['落地', 'registered'],
    ['已落地', 'registered'],
    ['注册落地', 'registered'],
    ['开工', 'started'],
    ['在建', 'started'],
    ['已开工建设', 'started'],
    ['投产', 'producing'],
    ['已投产', 'producing'],
    ['达产', 'at_capacity'],
    ['停滞', 'stalled'],
    ['停工', 'stalled'],
    ['流失', 'lost'],
    ['终止', 'withdrawn'],
    ['退库', 'withdrawn'],
    [' 签约 ', 'signed'],
    ['洽谈阶段', 'negotiating'],
    ['快好了', '!BAD_STAGE'],
  ])('stage %s → %s', (text, expected) => {
    expect(value(parseStage(text))).toBe(expected);
  });

  it('booleans, channels, industries, text', () => {
    expect(value(parseBool('是'))).toBe(true);
    expect(value(parseBool('√'))).toBe(true);
    expect(value(parseBool('否'))).toBe(false);
    expect(value(parseBool('也许'))).toBe('!BAD_BOOL');
    expect(value(parseChannel('以商招商'))).toBe('business');
    expect(value(parseChannel('乡贤'))).toBe('hometown');
    expect(value(parseChannel('坐等'))).toBe('!UNKNOWN_CHANNEL');
    expect(value(parseIndustryRef('1391'))).toEqual({ code: '1391' });
    expect(value(parseIndustryRef(1391))).toEqual({ code: '1391' });
    expect(value(parseIndustryRef('C1391 谷物磨制'))).toEqual({ code: '1391' });
    expect(value(parseIndustryRef('C'))).toEqual({ code: 'C' });
    expect(value(parseIndustryRef('谷物磨制'))).toEqual({ name: '谷物磨制' });
    expect(value(parseText('  信阳  食品厂 ', 20))).toBe('信阳 食品厂');
    expect(value(parseText('x'.repeat(21), 20))).toBe('!TOO_LONG');
    expect(value(parseText(12, 20))).toBe('12');
    expect(value(parseText('食品\u0000厂\u0007', 20))).toBe('食品厂');
  });

  it('USCC: normalised, then checked', () => {
    expect(value(parseUscc(' 91110000600037341l '))).toBe('91110000600037341L');
    expect(value(parseUscc('91110000600037341M'))).toBe('!USCC_CHECK');
    expect(value(parseUscc('91350100M000100Y43'))).toBe('91350100M000100Y43');
    expect(value(parseUscc('９１３５０１００Ｍ０００１００Ｙ４３'))).toBe('91350100M000100Y43');
    expect(value(parseUscc('1234'))).toBe('!USCC_LENGTH');
    expect(value(parseUscc('91350100M000100Y4O'))).toBe('!USCC_CHARSET');
  });
});

describe('headers', () => {
  it.each<[string, string | null, string | null]>([
    ['项目名称', 'name', null],
    ['项目名', 'name', null],
    ['项目名称*', 'name', null],
    ['投资方', 'investorName', null],
    ['客商', 'investorName', null],
    ['企业名称', 'investorName', null],
    ['签约主体', 'investorName', null],
    ['计划总投资', 'plannedInvestment', null],
    ['总投资（万元）', 'plannedInvestment', '万元'],
    ['合同投资额（亿元）', 'contractedInvestment', '亿元'],
    ['协议投资额(亿元)', 'contractedInvestment', '亿元'],
    ['签约金额/万元', 'contractedInvestment', '万元'],
    ['签约金额 亿元', 'contractedInvestment', '亿元'],
    ['合同投资额\n（单位：亿元）', 'contractedInvestment', '亿元'],
    ['所属县区', 'unit', null],
    ['责任单位', 'unit', null],
    ['当前进展', 'stage', null],
    ['项目阶段', 'stage', null],
    ['状态', 'stage', null],
    ['首谈人', 'firstReferrer', null],
    ['引荐人', 'firstReferrer', null],
    ['第一引荐人', 'firstReferrer', null],
    ['预计用工（人）', 'expectedJobs', '人'],
    ['建筑面积（㎡）', 'floorAreaM2', '平方米'],
    ['利用外资（万美元）', 'foreignInvestment', '万美元'],
    ['签约日期 ', 'signedDate', null],
    ['序号', 'ignore', null],
    ['对接企业', null, null],
  ])('%j → %s (%s)', (header, field, unit) => {
    expect(recogniseHeader(header)).toBe(field);
    expect(normaliseHeader(header).unit).toBe(unit);
  });

  it('every template header is recognised as its own field', () => {
    for (const h of TEMPLATE_HEADERS) expect(recogniseHeader(h), h).not.toBeNull();
  });

  it('finds the header under merged title rows and picks the row with most recognised headers', () => {
    const rows: CellValue[][] = [
      ['2024年固始县招商引资项目台账'],
      ['填报单位：固始县招商局', null, null, '填报日期：2024年6月'],
      [],
      ['序号', '项目名称', '投资方', '合同投资额（亿元）', '当前进展'],
      [1, '食品厂', '某公司', 1.5, '签约'],
    ];
    expect(detectHeaderRow(rows)).toEqual({ index: 3, score: 4 });
    expect(detectHeaderRow([['标题'], ['项目名称']])).toBeNull();
    // A remembered mapping counts towards the score.
    expect(detectHeaderRow([['对接企业', '项目名称']], new Map([['对接企业', 'investorName']]))).toEqual({ index: 0, score: 2 });
  });

  it('resolves columns: user mapping over remembered over synonyms; duplicates and unit mismatches left out', () => {
    const cols = resolveColumns(['序号', '项目名称', '项目名', '对接企业', '合同投资额（万美元）', '状态'], new Map([['对接企业', 'investorName']]), { 状态: null });
    expect(cols.map((c) => [c.header, c.field, c.source, c.problem])).toEqual([
      ['序号', null, 'ignored', null],
      ['项目名称', 'name', 'synonym', null],
      ['项目名', 'name', 'synonym', 'DUPLICATE_FIELD'],
      ['对接企业', 'investorName', 'remembered', null],
      ['合同投资额（万美元）', 'contractedInvestment', 'synonym', 'UNIT_MISMATCH'],
      ['状态', null, 'ignored', null],
    ]);
    expect(missingRequired(cols)).toEqual([]);
    expect(missingRequired(resolveColumns(['投资方', '状态'], new Map()))).toEqual(['name']);
  });
});

describe('rows', () => {
  const columns = resolveColumns(['项目名称', '合同投资额（亿元）', '签约日期', '当前进展'], new Map());
  it('parses values and reports each bad cell with its header', () => {
    const ok = parseRow(5, ['食品厂 ', 1.5, 45356, '已签约'], columns, '2026-01-01');
    expect(ok).toEqual({ row: 5, values: { name: '食品厂', contractedInvestment: '15000', signedDate: '2024-03-05', stage: 'signed' }, issues: [] });
    const bad = parseRow(6, [null, 'x', '2099-01-01', '签约'], columns, '2026-01-01');
    expect(bad.issues.map((i) => [i.code, i.column, i.field, i.value])).toEqual([
      ['BAD_AMOUNT', '合同投资额（亿元）', 'contractedInvestment', 'x'],
      ['FUTURE_DATE', '签约日期', 'signedDate', '2099-01-01'],
      ['REQUIRED', '项目名称', 'name', undefined],
    ]);
    expect(issueMessage('REQUIRED', 'zh', {}, 'name')).toBe('项目名称不能为空');
    expect(issueMessage('DUPLICATE_ROW', 'en', { other: 7 })).toBe('The same project as row 7 (same unit and name)');
  });

  it('recognises spacer, total and section rows', () => {
    expect(isBlankRow([null, ' ', null, null], columns)).toBe(true);
    expect(nonProjectRow(['合计', null, 123.5])).toBe('total');
    expect(nonProjectRow(['一、签约项目'])).toBe('section');
    expect(nonProjectRow(['食品厂', 1])).toBeNull();
  });
});
