import { describe, expect, it } from 'vitest';
import { changedValues } from './changes';
import { ApiError, formFieldOf, toQueryString } from './client';

describe('toQueryString', () => {
  it('drops empty values and keeps false and 0', () => {
    expect(toQueryString({ q: '', unitId: undefined, role: null, subtree: false, page: 0, name: '招商 局' })).toBe(
      '?subtree=false&page=0&name=%E6%8B%9B%E5%95%86+%E5%B1%80',
    );
    expect(toQueryString({})).toBe('');
  });
});

describe('ApiError.fieldErrors', () => {
  it('reduces paths to the field name and skips details without a field', () => {
    const error = new ApiError(400, 'VALIDATION', '请求参数有误', [
      { field: 'body.newPassword', message: 'at least 8 characters' },
      { field: 'username', message: 'USERNAME_TAKEN' },
      { message: 'no field' },
      'junk',
    ]);
    expect(error.fieldErrors).toEqual([
      { field: 'newPassword', message: 'at least 8 characters' },
      { field: 'username', message: 'USERNAME_TAKEN' },
    ]);
  });

  it('is empty when details are not a list', () => {
    expect(new ApiError(409, 'UNIT_HAS_ACTIVE', 'x', { enabledUsers: 1 }).fieldErrors).toEqual([]);
  });
});

describe('changedValues', () => {
  it('keeps only the fields that differ, treating undefined as null', () => {
    type Unit = { name: string; shortName?: string | null; sortOrder: number };
    const current: Unit = { name: 'A', shortName: null, sortOrder: 1 };
    expect(changedValues<Unit>(current, { name: 'A', shortName: undefined, sortOrder: 2 })).toEqual({ sortOrder: 2 });
  });
});

describe('formFieldOf', () => {
  const form = { winnerId: 1, winnerPercent: 70 };
  it('takes the field of that name, or the one the form shows it as', () => {
    expect(formFieldOf('winnerId', form)).toBe('winnerId');
    expect(formFieldOf('creditSplit', form, { creditSplit: 'winnerPercent' })).toBe('winnerPercent');
    expect(formFieldOf('creditSplit.1.percent', form, { creditSplit: 'winnerPercent' })).toBe('winnerPercent');
  });
  it('is undefined when the form has no such field', () => {
    expect(formFieldOf('creditSplit', form)).toBeUndefined();
    expect(formFieldOf('creditSplit', form, { creditSplit: 'share' })).toBeUndefined();
  });
});
