import { describe, expect, it } from 'vitest';
import { isManualChanged, manualBody, manualDraftOf, manualProblems } from './manual-scores';

const ITEMS = [{ id: 'work', minPoints: 0, maxPoints: 15 }];

describe('manual scores', () => {
  it('starts from the scores the run was computed with', () => {
    const draft = manualDraftOf([
      { unitId: 3, manual: { work: { score: '12', reason: '产业契合度高' } } },
      { unitId: 4, manual: {} },
      { unitId: 5 },
    ]);
    expect(draft).toEqual({ work: { '3': { score: '12', reason: '产业契合度高' } } });
  });

  it('flags a score out of bounds, a score without a reason, and text that is not a number; empty rows pass', () => {
    const draft = {
      work: {
        '1': { score: '16', reason: '超出' },
        '2': { score: '10', reason: ' ' },
        '3': { score: 'abc', reason: '理由' },
        '4': { score: '', reason: '' },
        '5': { score: '15', reason: '满分' },
        '6': { score: '', reason: '只有理由' },
      },
    };
    expect(manualProblems(draft, ITEMS)).toEqual({ 'work:1': 'range', 'work:2': 'reason', 'work:3': 'score', 'work:6': 'score' });
    expect(manualProblems({ work: { '1': { score: '-1', reason: '扣分' } } }, [{ id: 'work', minPoints: -2, maxPoints: 5 }])).toEqual({});
  });

  it('sends only scored cells, trimmed; an unchanged table is not a change', () => {
    const saved = { work: { '3': { score: '12', reason: '产业契合度高' } } };
    const draft = { work: { '3': { score: ' 12 ', reason: '产业契合度高 ' }, '4': { score: '', reason: '' }, '5': { score: '8.5', reason: '一般' } } };
    expect(manualBody(draft, ITEMS)).toEqual({ work: { '3': { score: '12', reason: '产业契合度高' }, '5': { score: '8.5', reason: '一般' } } });
    expect(isManualChanged(draft, saved, ITEMS)).toBe(true);
    expect(isManualChanged({ work: { '3': { score: '12 ', reason: '产业契合度高' }, '4': { score: '', reason: '' } } }, saved, ITEMS)).toBe(false);
  });
});
