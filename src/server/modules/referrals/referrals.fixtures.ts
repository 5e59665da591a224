import { randomInt } from 'node:crypto';
import { expect } from 'vitest';
import { usccCheckChar } from '../../../shared/uscc.js';
import { uniqueName, type TestContext } from '../../test/context.js';

// Factories for the referral tests: each test builds its own registrations with names no other test uses.

/** A valid 统一社会信用代码 (check character computed), different on every call. */
export function newUscc(): string {
  const first17 = `91411500${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
  return first17 + usccCheckChar(first17)!;
}

/** A company name no other test uses; `core` is what survives normalisation. */
export function companyCore(prefix = '信阳'): string {
  return uniqueName(prefix);
}

export async function register(t: TestContext, cookie: string, body: Record<string, unknown> = {}) {
  const res = await t.request(cookie, {
    method: 'POST',
    url: '/api/referrals',
    payload: {
      investorName: `${companyCore()}有限公司`,
      projectIntent: '食品加工项目',
      referrerName: '王先生',
      referrerKind: 'hometown',
      referrerPhone: '13900001111',
      ...body,
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as RegistrationBody;
}

export interface ConflictBody {
  id: number;
  matchedBy: 'uscc' | 'name';
  status: string;
  earlier: { id: number; unitId: number; unitName: string; isVisible: boolean; detail: unknown; referrerKind: string; registeredAt: string };
  later: { id: number; unitId: number; unitName: string; isVisible: boolean; detail: unknown; referrerKind: string; registeredAt: string };
  winnerId: number | null;
  creditSplit: { unitId: number; unitName: string; percent: number }[] | null;
}

export interface RegistrationBody {
  id: number;
  investorName: string;
  uscc: string | null;
  unitId: number;
  unitName: string;
  registeredAt: string;
  protectedUntil: string;
  isProtected: boolean;
  status: string;
  referrerName: string;
  referrerPhone: string | null;
  referrerUserId: number | null;
  registeredBy: { id: number };
  projectId: number | null;
  evidenceFileIds: number[];
  conflicts: ConflictBody[];
  events: { action: string; text: string | null; status: string | null; actorName: string | null }[];
}

export async function getReferral(t: TestContext, cookie: string, id: number) {
  return t.request(cookie, { method: 'GET', url: `/api/referrals/${id}` });
}
