import { z } from 'zod';
import { INVESTOR_TAGS, OWNERSHIP_TYPES } from '../project.js';
import { nameField } from '../text.js';
import { normaliseUscc, usccProblem } from '../uscc.js';
import { pageQuery } from './common.js';

/** 统一社会信用代码: normalised, then checked (length, alphabet, GB 32100-2015 check character). */
export const usccField = z
  .string()
  .transform(normaliseUscc)
  .superRefine((code, ctx) => {
    const problem = usccProblem(code);
    if (problem === 'length') ctx.addIssue({ code: 'custom', message: '统一社会信用代码应为18位 / must be 18 characters' });
    if (problem === 'charset') ctx.addIssue({ code: 'custom', message: '统一社会信用代码含无效字符（不使用I、O、Z、S、V）/ contains characters not allowed (no I, O, Z, S, V)' });
    if (problem === 'check') ctx.addIssue({ code: 'custom', message: '统一社会信用代码校验位错误，请核对 / check character is wrong; please re-check the code' });
  });

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const contactInput = z.strictObject({
  name: nameField(40),
  title: optionalText(60),
  phone: z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, { message: 'a phone number' }).nullable().optional(),
  wechat: optionalText(60),
  email: z.email().max(120).nullable().optional(),
  note: optionalText(200),
});

export const contact = z.object({
  id: z.number().int(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  wechat: z.string().nullable(),
  email: z.string().nullable(),
  note: z.string().nullable(),
});

const industryCode = z.string().regex(/^([A-T]|\d{2,4})$/, { message: 'a GB/T 4754-2017 code' });

export const investorInput = z.strictObject({
  name: nameField(100),
  uscc: usccField.nullable().optional(),
  country: nameField(40).optional(),
  province: optionalText(40),
  city: optionalText(40),
  ownershipType: z.enum(OWNERSHIP_TYPES).nullable().optional(),
  industryCode: industryCode.nullable().optional(),
  scale: optionalText(40),
  tags: z.array(z.enum(INVESTOR_TAGS)).max(10).optional(),
  description: optionalText(2000),
  contacts: z.array(contactInput).max(20).optional(),
});

export const investorUpdate = investorInput.partial().extend({ version: z.number().int().positive() }).strict();

export const investor = z.object({
  id: z.number().int(),
  name: z.string(),
  uscc: z.string().nullable(),
  country: z.string(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  ownershipType: z.enum(OWNERSHIP_TYPES).nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  scale: z.string().nullable(),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  unitId: z.number().int(),
  unitName: z.string(),
  contacts: z.array(contact),
  projectCount: z.number().int(),
  version: z.number().int(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Investor = z.infer<typeof investor>;

export const investorListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().max(100).optional(),
  tag: z.enum(INVESTOR_TAGS).optional(),
  ownershipType: z.enum(OWNERSHIP_TYPES).optional(),
  industry: z.string().regex(/^([A-T]|\d{1,4})$/).optional(),
});

/** 409 body details when an investor already exists: the existing record, so the UI can offer "use existing". */
export const duplicateInvestor = z.object({
  matchedBy: z.enum(['uscc', 'name']),
  existing: z.object({ id: z.number().int(), name: z.string(), uscc: z.string().nullable(), unitName: z.string(), isVisible: z.boolean() }),
});
