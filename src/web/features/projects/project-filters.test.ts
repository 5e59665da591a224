import { describe, expect, it } from 'vitest';
import { filterParams, filtersOf, hasAnyFilter, pagerTotal, readProjectState } from './project-filters';

const read = (qs: string) => readProjectState(new URLSearchParams(qs));

describe('project list state from the query string', () => {
  it('defaults to the first page of the table, newest first', () => {
    const s = read('');
    expect(s).toMatchObject({ sort: 'updatedAt', order: 'desc', page: 1, pageSize: 20, view: 'table' });
    expect(hasAnyFilter(filtersOf(s))).toBe(false);
  });

  it('reads every filter and passes it on as the API expects', () => {
    const s = read(
      'q=byd&stage=signed,started,bogus&sideState=none,stalled&unitId=9&industry=36&minAmount=10000&maxAmount=50000.5&tier=30000&liaisonLeaderId=1&ownerUserId=4&investorId=20&stalled=1&signedNotStarted=1&isKey=1&sort=contractedInvestment&order=asc&page=3&pageSize=50&view=board',
    );
    expect(s.stage).toEqual(['signed', 'started']);
    expect(s.view).toBe('board');
    expect(filterParams(filtersOf(s))).toEqual({
      q: 'byd',
      stage: 'signed,started',
      sideState: 'none,stalled',
      unitId: 9,
      industry: '36',
      minAmount: '10000',
      maxAmount: '50000.5',
      tier: 30000,
      liaisonLeaderId: 1,
      ownerUserId: 4,
      investorId: 20,
      stalled: 'true',
      signedNotStarted: 'true',
      isKey: 'true',
    });
    expect(s).toMatchObject({ sort: 'contractedInvestment', order: 'asc', page: 3, pageSize: 50 });
  });

  it('drops what the server would refuse instead of failing the whole list', () => {
    const s = read('stage=nope&unitId=-1&industry=X9&minAmount=1e5&tier=abc&sort=dropTable&pageSize=7&page=0');
    expect(hasAnyFilter(filtersOf(s))).toBe(false);
    expect(s).toMatchObject({ sort: 'updatedAt', page: 1, pageSize: 20 });
  });
});

describe('pager total past the count cap', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => i);
  it('is the exact total when the server counted everything', () => {
    expect(pagerTotal({ total: 137, totalCapped: false, page: 1, pageSize: 20, items: items(20) })).toBe(137);
  });
  it('is the cap on the early pages, and one more page past a full page beyond it', () => {
    expect(pagerTotal({ total: 10_000, totalCapped: true, page: 1, pageSize: 20, items: items(20) })).toBe(10_000);
    expect(pagerTotal({ total: 10_000, totalCapped: true, page: 500, pageSize: 20, items: items(20) })).toBe(10_001);
    expect(pagerTotal({ total: 10_000, totalCapped: true, page: 501, pageSize: 20, items: items(20) })).toBe(10_021);
  });
  it('ends on a short page past the cap', () => {
    expect(pagerTotal({ total: 10_000, totalCapped: true, page: 502, pageSize: 20, items: items(7) })).toBe(10_027);
  });
});
