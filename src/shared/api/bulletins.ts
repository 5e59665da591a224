import { z } from 'zod';
import { dbIdQuery } from './common.js';
import { isoDate } from './projects.js';
import { figureValue } from './stats.js';

/*
 * 通报 (issue 5 item 6, domain.md §9): a bulletin for a period and a unit's subtree, built from the
 * same engines as the dashboard (the opening paragraph's numbers are /api/stats/summary's), the
 * targets' progress and a published assessment run. Served as JSON for the browser preview and as
 * .docx and .xlsx with the same content.
 */

export const bulletinQuery = z.strictObject({
  from: isoDate,
  to: isoDate,
  /** The unit whose subtree the bulletin covers; defaults to the user's scope root. */
  unit: dbIdQuery.optional(),
  /** The published assessment run ranked in the bulletin; defaults to the latest one the user may read. */
  run: dbIdQuery.optional(),
  /** 期号: "2026年第N期" in the title. */
  issueNo: z.coerce.number().int().min(1).max(999).optional(),
  /** How many top-ranked units the commendation list names (ties at the cut are all named). */
  commend: z.coerce.number().int().min(0).max(20).default(3),
});
export type BulletinQuery = z.infer<typeof bulletinQuery>;

export const BULLETIN_LISTS = ['signed', 'started', 'producing', 'stalled', 'signed_not_started'] as const;
export type BulletinListKey = (typeof BULLETIN_LISTS)[number];

/** The most projects one list of a bulletin names; the count always says how many there are. */
export const BULLETIN_LIST_MAX = 200;

const targetPart = z.object({ target: z.string(), completionRate: z.string().nullable() }).nullable();

export const bulletinProject = z.object({
  projectId: z.number().int(),
  name: z.string(),
  unitName: z.string(),
  industryCode: z.string().nullable(),
  /** The date that put the project on the list (signing, start, production; for stock lists the last follow-up or signing). */
  date: z.string().nullable(),
  /** 合同投资额 万元. */
  amount: z.string().nullable(),
});

export const bulletin = z.object({
  title: z.string(),
  /** "2026年第3期" or null. */
  issueLabel: z.string().nullable(),
  issuer: z.string(),
  issuedOn: z.string(),
  periodLabel: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  /** The statistical year the targets are read from. */
  year: z.number().int(),
  opening: z.object({
    /** The paragraph as written in the bulletin. */
    text: z.string(),
    /** The figures behind it, as /api/stats/summary gives them for the same unit and period. */
    figures: z.record(z.string(), figureValue),
    /** Each figure's name as the tables head it (新签约合同投资额（万元）…). */
    labels: z.record(z.string(), z.string()),
    /** Approved annual targets of the unit, when the period starts on the statistical year's first day. */
    targets: z.object({ signed_amount: targetPart, funds_out_of_city: targetPart }),
  }),
  ranking: z
    .object({
      runId: z.number().int(),
      schemeName: z.string(),
      schemeVersion: z.number().int(),
      periodFrom: z.string(),
      periodTo: z.string(),
      publishedAt: z.string().nullable(),
      /** How many units the whole run ranks (the rows are only those in the bulletin's subtree). */
      unitCount: z.number().int(),
      items: z.array(z.object({ itemId: z.string(), label: z.string() })),
      rows: z.array(z.object({ rank: z.number().int(), unitId: z.number().int(), unitName: z.string(), total: z.string(), isTied: z.boolean(), scores: z.array(z.string()) })),
    })
    .nullable(),
  progress: z.object({
    asOf: z.string(),
    timeProgress: z.string(),
    rows: z.array(
      z.object({
        unitName: z.string(),
        metric: z.string(),
        metricLabel: z.string(),
        target: z.string(),
        actual: z.string().nullable(),
        completionRate: z.string().nullable(),
        scheduleGap: z.string().nullable(),
      }),
    ),
  }),
  lists: z.array(z.object({ key: z.enum(BULLETIN_LISTS), title: z.string(), count: z.number().int(), items: z.array(bulletinProject) })),
  commendations: z.array(z.object({ unitName: z.string(), rank: z.number().int(), total: z.string() })),
  generatedAt: z.string(),
});
export type Bulletin = z.infer<typeof bulletin>;
