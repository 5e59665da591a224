import { describe, expect, it } from 'vitest';
import { isValidUscc, normaliseUscc, usccCheckChar, usccProblem } from './uscc.js';

describe('统一社会信用代码 GB 32100-2015', () => {
  it.each([
    // Codes printed on published business licences.
    ['91440300708461136T', null],
    ['9144030071526726XG', null],
    ['91440300708461136A', 'check'],
    ['9144030071526726X', 'length'],
    ['91440300708461136I', 'charset'],
  ])('%s → %s', (code, problem) => {
    expect(usccProblem(code)).toBe(problem);
  });

  it('computes the check character', () => {
    expect(usccCheckChar('9144030071526726X')).toBe('G');
    expect(usccCheckChar('91440300708461136')).toBe('T');
  });

  it('normalises what people paste', () => {
    expect(normaliseUscc(' ９１４４０３００７１５２６７２６ｘｇ ')).toBe('9144030071526726XG');
    expect(isValidUscc('9144030071526726xg')).toBe(true);
  });
});
