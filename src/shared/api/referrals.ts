import { z } from 'zod';
import { moneyWan } from '../money.js';
import { nameField } from '../text.js';
import { dbId, dbIdQuery, pageQuery, queryBool } from './common.js';
import { usccField } from './investors.js';
import { isoDate } from './projects.js';

// 首谈/第一引荐人报备 (domain.md §6). The registration time, protection period, registering unit and
// registrant are set by the server; there is no field through which a client could send them.

/** 引荐人类别: 本单位工作人员 / 乡贤 / 中介 / 以商招商 / 其他 */
export const REFERRER_KINDS = ['staff', 'hometown', 'agent', 'business', 'other'] as const;
export type ReferrerKind = (typeof REFERRER_KINDS)[number];
export const REFERRER_KIND_LABELS: Record<ReferrerKind, { zh: string; en: string }> = {
  staff: { zh: '工作人员', en: 'Staff' },
  hometown: { zh: '乡贤', en: 'Hometown notable' },
  agent: { zh: '中介', en: 'Agent' },
  business: { zh: '以商招商', en: 'Business referral' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * active: protected, undisputed · conflict: an open dispute · confirmed: won (or shares) an arbitration ·
 * rejected: lost an arbitration · withdrawn: withdrawn by the registrant or the bureau.
 */
export const REFERRAL_STATUSES = ['active', 'conflict', 'confirmed', 'rejected', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** Statuses that still hold a protection period, i.e. block later registrations of the same investor. */
export const BLOCKING_STATUSES = ['active', 'conflict', 'confirmed'] as const satisfies readonly ReferralStatus[];

/** open · resolved (arbitrated by the bureau) · void (one party withdrew or lost elsewhere; nothing left to decide). */
export const CONFLICT_STATUSES = ['open', 'resolved', 'void'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

const industryCode = z.string().regex(/^([A-T]|\d{2,4})$/, { message: 'a GB/T 4754-2017 code' });
const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, { message: 'a phone number' });
const longText = (max: number) => z.string().trim().min(1, { message: 'required' }).max(max);

export const createReferralBody = z.strictObject({
  investorName: nameField(100),
  uscc: usccField.nullable().optional(),
  /** An investor already in the directory, when the registrant knows it (staff only). */
  investorId: dbId.nullable().optional(),
  projectIntent: nameField(200), // 意向项目
  intendedAmount: moneyWan.nullable().optional(), // 意向投资额 万元
  industryCode: industryCode.nullable().optional(),
  referrerName: nameField(60),
  referrerKind: z.enum(REFERRER_KINDS),
  referrerPhone: phone.nullable().optional(),
  /** Files uploaded by the registrant themself and not yet attached to another record. */
  evidenceFileIds: z.array(dbId).max(20).default([]),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type CreateReferralInput = z.infer<typeof createReferralBody>;

const personRef = z.object({ id: z.number().int(), displayName: z.string() });

export const referral = z.object({
  id: z.number().int(),
  investorName: z.string(),
  uscc: z.string().nullable(),
  investorId: z.number().int().nullable(),
  projectIntent: z.string(),
  intendedAmount: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  referrerName: z.string(),
  referrerKind: z.enum(REFERRER_KINDS),
  referrerPhone: z.string().nullable(),
  referrerUserId: z.number().int().nullable(),
  unitId: z.number().int(),
  unitName: z.string(),
  registeredBy: personRef,
  /** Server time of the registration (ISO 8601). */
  registeredAt: z.string(),
  protectedUntil: z.string(),
  /** Inside its protection period and not withdrawn or rejected: it blocks later registrations. */
  isProtected: z.boolean(),
  evidenceFileIds: z.array(z.number().int()),
  note: z.string().nullable(),
  projectId: z.number().int().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  openConflicts: z.number().int(),
  isDemo: z.boolean(),
});
export type Referral = z.infer<typeof referral>;

/**
 * One party of a conflict. Both parties always see each other's unit, registration time and
 * referrer kind (domain: "both parties see it"); the full registration (referrer, phone, evidence)
 * only when it is in the viewer's own scope.
 */
export const conflictSide = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  registeredAt: z.string(),
  referrerKind: z.enum(REFERRER_KINDS),
  status: z.enum(REFERRAL_STATUSES),
  isProtected: z.boolean(),
  isVisible: z.boolean(),
  detail: referral.nullable(),
});

export const creditShare = z.object({ unitId: z.number().int(), unitName: z.string(), percent: z.number().int() });

export const referralConflict = z.object({
  id: z.number().int(),
  matchedBy: z.enum(['uscc', 'name']),
  status: z.enum(CONFLICT_STATUSES),
  detectedAt: z.string(),
  earlier: conflictSide,
  later: conflictSide,
  winnerId: z.number().int().nullable(),
  /** 功劳分配: percents per registering unit, summing to 100. */
  creditSplit: z.array(creditShare).nullable(),
  resolution: z.string().nullable(),
  resolvedBy: personRef.nullable(),
  resolvedAt: z.string().nullable(),
});
export type ReferralConflict = z.infer<typeof referralConflict>;

/** Audited events on a registration: notes, withdrawal, project link, status changes. */
export const referralEvent = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  text: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES).nullable(),
});

export const referralDetail = referral.extend({
  conflicts: z.array(referralConflict),
  events: z.array(referralEvent),
});
export type ReferralDetail = z.infer<typeof referralDetail>;

const csvStatuses = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(REFERRAL_STATUSES)).min(1));

export const referralListQuery = z.strictObject({
  ...pageQuery,
  status: csvStatuses.optional(),
  /** Investor name (as typed or normalised) or the start of a USCC. */
  q: z.string().trim().max(100).optional(),
  unitId: dbIdQuery.optional(),
  /** Only registrations the actor registered. */
  mine: queryBool.optional(),
  isProtected: queryBool.optional(),
  /** Registration date range, China time, inclusive. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const conflictListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum([...CONFLICT_STATUSES, 'all']).default('open'),
});

export const withdrawBody = z.strictObject({ reason: longText(1000) });
export const linkProjectBody = z.strictObject({ projectId: dbId });
export const noteBody = z.strictObject({ text: longText(2000) });

export const creditSplitInput = z
  .array(z.strictObject({ unitId: dbId, percent: z.number().int().min(0).max(100) }))
  .min(1)
  .max(2)
  .superRefine((items, ctx) => {
    const sum = items.reduce((s, x) => s + x.percent, 0);
    if (sum !== 100) ctx.addIssue({ code: 'custom', message: `分配比例合计须为100（现为${sum}）/ percents must sum to exactly 100 (got ${sum})` });
    if (new Set(items.map((x) => x.unitId)).size !== items.length) ctx.addIssue({ code: 'custom', message: '同一单位只能出现一次 / a unit may appear only once' });
  });

export const resolveBody = z.strictObject({
  winnerId: dbId,
  reason: longText(2000),
  /** Omitted: 100% to the winner's unit. */
  creditSplit: creditSplitInput.optional(),
});
export type ResolveInput = z.infer<typeof resolveBody>;
