import { z } from 'zod';
import { moneyWan } from '../money.js';
import { CHANNELS, SIDE_STATES, STAGES, TRANSITION_TARGETS } from '../project.js';
import { nameField } from '../text.js';
import { pageOf, pageQuery, queryBool } from './common.js';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'YYYY-MM-DD' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'not a real date',
  });

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const industryCode = z.string().regex(/^([A-T]|\d{2,4})$/, { message: 'a GB/T 4754-2017 code' });
const count = z.number().int().min(0).max(10_000_000);
const area = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .pipe(z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, { message: 'a non-negative number with at most 2 decimals' }));

export const projectFields = {
  name: nameField(120),
  unitId: z.number().int().positive(),
  investorId: z.number().int().positive().nullable().optional(),
  industryCode: industryCode.nullable().optional(),
  carrier: optionalText(200),
  plannedInvestment: moneyWan.nullable().optional(),
  contractedInvestment: moneyWan.nullable().optional(),
  fixedAssetInvestment: moneyWan.nullable().optional(),
  foreignInvestment: moneyWan.nullable().optional(),
  expectedOutput: moneyWan.nullable().optional(),
  expectedTax: moneyWan.nullable().optional(),
  expectedJobs: count.nullable().optional(),
  landMu: area.nullable().optional(),
  floorAreaM2: area.nullable().optional(),
  channel: z.enum(CHANNELS).nullable().optional(),
  isCityKey: z.boolean().optional(),
  isProvinceKey: z.boolean().optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).optional(),
  ownerUserId: z.number().int().positive().nullable().optional(),
  liaisonLeaderId: z.number().int().positive().nullable().optional(),
  description: optionalText(4000),
  nextStep: optionalText(500),
  nextStepDue: isoDate.nullable().optional(),
};

export const createProjectBody = z.strictObject(projectFields);
export const updateProjectBody = z
  .strictObject({ ...projectFields, version: z.number().int().positive() })
  .partial()
  .required({ version: true });

const personRef = z.object({ id: z.number().int(), displayName: z.string() }).nullable();

export const projectSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  stage: z.enum(STAGES),
  stageDate: z.string().nullable(),
  sideState: z.enum(SIDE_STATES).nullable(),
  investorId: z.number().int().nullable(),
  investorName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  plannedInvestment: z.string().nullable(),
  contractedInvestment: z.string().nullable(),
  foreignInvestment: z.string().nullable(),
  isCityKey: z.boolean(),
  isProvinceKey: z.boolean(),
  owner: personRef,
  liaisonLeader: personRef,
  lastFollowUpDate: z.string().nullable(),
  nextStep: z.string().nullable(),
  nextStepDue: z.string().nullable(),
  /** 停滞预警: open, and no follow-up for the configured number of days. */
  isStalled: z.boolean(),
  /** 签约未开工超期 */
  isSignedNotStarted: z.boolean(),
  pendingTransitions: z.number().int(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type ProjectSummary = z.infer<typeof projectSummary>;

export const project = projectSummary.extend({
  carrier: z.string().nullable(),
  fixedAssetInvestment: z.string().nullable(),
  expectedOutput: z.string().nullable(),
  expectedTax: z.string().nullable(),
  expectedJobs: z.number().int().nullable(),
  landMu: z.string().nullable(),
  floorAreaM2: z.string().nullable(),
  channel: z.enum(CHANNELS).nullable(),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  signedDate: z.string().nullable(),
  registeredDate: z.string().nullable(),
  startedDate: z.string().nullable(),
  producingDate: z.string().nullable(),
  atCapacityDate: z.string().nullable(),
  sideStateDate: z.string().nullable(),
  sideStateReason: z.string().nullable(),
  lostDestination: z.string().nullable(),
  referralId: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Project = z.infer<typeof project>;

export const PROJECT_SORTS = ['updatedAt', 'contractedInvestment', 'plannedInvestment', 'stageDate', 'lastFollowUpDate', 'name', 'signedDate'] as const;

const csvList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const projectFilters = {
  q: z.string().max(100).optional(),
  stage: csvList(STAGES).optional(),
  sideState: csvList([...SIDE_STATES, 'none'] as const).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  industry: z.string().regex(/^([A-T]|\d{1,4})$/).optional(),
  minAmount: moneyWan.optional(),
  maxAmount: moneyWan.optional(),
  /** Size tier: contracted investment ≥ this many 万元 (one of the configured tiers). */
  tier: z.coerce.number().int().positive().optional(),
  liaisonLeaderId: z.coerce.number().int().positive().optional(),
  ownerUserId: z.coerce.number().int().positive().optional(),
  investorId: z.coerce.number().int().positive().optional(),
  stalled: queryBool.optional(),
  signedNotStarted: queryBool.optional(),
  isKey: queryBool.optional(),
};

/** The list counts at most this many matches (an exact count of a large scope is a full scan). */
export const LIST_COUNT_CAP = 10_000;

/** A page of the project list; `totalCapped`: more than LIST_COUNT_CAP match, `total` is then that cap. */
export const projectPage = pageOf(projectSummary).extend({ totalCapped: z.boolean() });

export const projectListQuery = z.strictObject({
  ...pageQuery,
  ...projectFilters,
  sort: z.enum(PROJECT_SORTS).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const boardQuery = z.strictObject({ ...projectFilters, perColumn: z.coerce.number().int().min(1).max(50).default(20) });

export const boardResponse = z.object({
  columns: z.array(
    z.object({
      stage: z.enum(STAGES),
      count: z.number().int(),
      /** Sum of contracted investment, 万元, exact. */
      contractedTotal: z.string(),
      plannedTotal: z.string(),
      items: z.array(projectSummary),
    }),
  ),
});

export const transitionBody = z.strictObject({
  to: z.enum(TRANSITION_TARGETS),
  date: isoDate,
  evidenceFileIds: z.array(z.number().int().positive()).max(20).default([]),
  note: optionalText(2000),
  reason: optionalText(1000),
  lostDestination: optionalText(200),
});

export const reviewBody = z.strictObject({ note: optionalText(1000) });
export const rejectBody = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

export const transition = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  unitName: z.string(),
  fromStage: z.enum(STAGES),
  fromSideState: z.enum(SIDE_STATES).nullable(),
  to: z.enum(TRANSITION_TARGETS),
  eventDate: z.string(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  lostDestination: z.string().nullable(),
  isBackward: z.boolean(),
  evidenceFileIds: z.array(z.number().int()),
  status: z.enum(['pending', 'verified', 'rejected']),
  requestedBy: z.object({ id: z.number().int(), displayName: z.string() }),
  requestedAt: z.string(),
  reviewedBy: personRef,
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export type Transition = z.infer<typeof transition>;

export const transitionQueueQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['pending', 'verified', 'rejected']).default('pending'),
  unitId: z.coerce.number().int().positive().optional(),
});
