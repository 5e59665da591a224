import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  CHANNELS,
  FOLLOW_UP_KINDS,
  ISSUE_STATUSES,
  ISSUE_TYPES,
  OWNERSHIP_TYPES,
  SIDE_STATES,
  STAGES,
  TRANSITION_TARGETS,
} from '../../../shared/project.js';
import { FUND_SOURCES } from '../../../shared/funds.js';
import { orgUnits } from './org.js';
import { users } from './users.js';

/*
 * The project ledger (项目台账). Money is numeric — exact, never a float — in 万元 (CNY 10⁴) or
 * 万美元 for foreign capital, 4 decimals (to the yuan). Every table a unit owns carries unit_id for
 * data scope; search_tokens holds bigrams, jieba words and pinyin initials behind a GIN index.
 */

const money = (name: string) => numeric(name, { precision: 18, scale: 4 });
const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const stage = pgEnum('stage', STAGES);
export const sideState = pgEnum('side_state', SIDE_STATES);
export const transitionTarget = pgEnum('transition_target', TRANSITION_TARGETS);
export const transitionStatus = pgEnum('transition_status', ['pending', 'verified', 'rejected']);
export const channel = pgEnum('channel', CHANNELS);
export const ownershipType = pgEnum('ownership_type', OWNERSHIP_TYPES);
export const followUpKind = pgEnum('follow_up_kind', FOLLOW_UP_KINDS);
export const issueType = pgEnum('issue_type', ISSUE_TYPES);
export const issueStatus = pgEnum('issue_status', ISSUE_STATUSES);
export const fundSource = pgEnum('fund_source', FUND_SOURCES);
export const fundCurrency = pgEnum('fund_currency', ['CNY', 'USD']);

// Deployment settings (口径): protection period, stalled days, tiers… JSON values, validated in shared.
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer('updated_by'),
});

// Stored objects behind the storage interface; attached to a record through (entity, entity_id).
export const files = pgTable(
  'files',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    storageKey: text('storage_key').notNull(),
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    entity: text('entity'),
    entityId: integer('entity_id'),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_entity_idx').on(t.entity, t.entityId), index('files_unit_idx').on(t.unitId)],
);

// 客商/企业
export const investors = pgTable(
  'investors',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    nameNorm: text('name_norm').notNull(),
    uscc: text('uscc'), // 统一社会信用代码, validated (GB 32100-2015)
    country: text('country').notNull().default('中国'),
    province: text('province'),
    city: text('city'),
    ownershipType: ownershipType('ownership_type'),
    industryCode: text('industry_code'),
    scale: text('scale'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    searchTokens: text('search_tokens').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: integer('created_by'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('investors_uscc_uq').on(t.uscc).where(sql`${t.uscc} is not null`),
    index('investors_name_norm_idx').on(t.nameNorm),
    index('investors_unit_idx').on(t.unitId),
    index('investors_search_idx').using('gin', t.searchTokens),
  ],
);

export const investorContacts = pgTable(
  'investor_contacts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    investorId: integer('investor_id')
      .notNull()
      .references(() => investors.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    wechat: text('wechat'),
    email: text('email'),
    note: text('note'),
    sortOrder: smallint('sort_order').notNull().default(0),
  },
  (t) => [index('investor_contacts_investor_idx').on(t.investorId)],
);

// 项目
export const projects = pgTable(
  'projects',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    // The counted (verified) stage and side state; pending changes live in project_transitions.
    stage: stage('stage').notNull().default('lead'),
    stageDate: date('stage_date'),
    sideState: sideState('side_state'),
    sideStateDate: date('side_state_date'),
    sideStateReason: text('side_state_reason'),
    lostDestination: text('lost_destination'),
    // Verified event dates per stage, what the KPIs count by.
    signedDate: date('signed_date'),
    registeredDate: date('registered_date'),
    startedDate: date('started_date'),
    producingDate: date('producing_date'),
    atCapacityDate: date('at_capacity_date'),
    investorId: integer('investor_id').references(() => investors.id),
    industryCode: text('industry_code'),
    carrier: text('carrier'), // 载体
    plannedInvestment: money('planned_investment'), // 计划总投资 万元
    contractedInvestment: money('contracted_investment'), // 合同投资额 万元
    fixedAssetInvestment: money('fixed_asset_investment'), // 固定资产投资 万元
    foreignInvestment: money('foreign_investment'), // 外资 万美元
    expectedOutput: money('expected_output'), // 预计年产值 万元
    expectedTax: money('expected_tax'), // 预计年税收 万元
    expectedJobs: integer('expected_jobs'),
    landMu: numeric('land_mu', { precision: 12, scale: 2 }), // 用地 亩
    floorAreaM2: numeric('floor_area_m2', { precision: 14, scale: 2 }), // 厂房/建筑面积 ㎡
    channel: channel('channel'),
    isCityKey: boolean('is_city_key').notNull().default(false), // 市重点
    isProvinceKey: boolean('is_province_key').notNull().default(false), // 省重点
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    ownerUserId: integer('owner_user_id').references(() => users.id), // 专人
    liaisonLeaderId: integer('liaison_leader_id').references(() => users.id), // 包联领导
    referralId: integer('referral_id'), // the first-referrer registration credited
    description: text('description'),
    nextStep: text('next_step'),
    nextStepDue: date('next_step_due'),
    lastFollowUpDate: date('last_follow_up_date'),
    // The date of the follow-up before the last (null with fewer than two), kept with the last
    // (refreshFollowUpFacts): a project followed up since a past day was last followed up by that
    // day on this date when it lies on or before it, read without a probe of follow_ups (停滞 as of
    // a month's end, stats.conditions.ts).
    previousFollowUpDate: date('previous_follow_up_date'),
    // The third and fourth latest follow-ups' dates (null with fewer), kept the same way: a project
    // followed up two or three times since a past day is read without a probe too (a quarter's
    // end, two months on: the bench province's 357,000 projects followed up twice or three times).
    thirdFollowUpDate: date('third_follow_up_date'),
    fourthFollowUpDate: date('fourth_follow_up_date'),
    searchTokens: text('search_tokens').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: integer('created_by'),
    ...timestamps,
  },
  (t) => [
    index('projects_unit_idx').on(t.unitId, t.id),
    index('projects_stage_idx').on(t.stage, t.unitId),
    index('projects_industry_idx').on(sql`${t.industryCode} text_pattern_ops`),
    index('projects_contracted_idx').on(t.contractedInvestment),
    index('projects_updated_idx').on(t.updatedAt, t.id),
    index('projects_last_follow_up_idx').on(t.lastFollowUpDate),
    // The days of a month a stats period cuts, read beside the pre-aggregated months (stats.cells.ts).
    index('projects_created_idx').on(t.createdAt),
    index('projects_registered_idx').on(t.registeredDate),
    index('projects_signed_idx').on(t.signedDate),
    index('projects_started_idx').on(t.startedDate),
    index('projects_producing_idx').on(t.producingDate),
    index('projects_investor_idx').on(t.investorId),
    index('projects_liaison_idx').on(t.liaisonLeaderId),
    index('projects_owner_idx').on(t.ownerUserId),
    index('projects_search_idx').using('gin', t.searchTokens),
    // Search ranks exact and prefix name matches first; this finds them without reading the table.
    index('projects_name_prefix_idx').on(sql`lower(${t.name}) text_pattern_ops`),
    // The list's usual filters (stage, industry prefix, amount) and their capped count, read from the
    // index alone, scope included: a bureau's filtered list over 1M projects otherwise visits ~45k pages.
    index('projects_filter_idx').on(t.stage, sql`${t.industryCode} text_pattern_ops`, t.contractedInvestment, t.unitId),
    // investorScope's "linked to a project in scope" for a county user, without touching the table.
    index('projects_unit_investor_idx').on(t.unitId, t.investorId),
    // The stock figures as of today (stats), without reading every project: 停滞预警 by the day of
    // the last follow-up (or entry), and 签约未开工 by the signing day, each over open projects only.
    index('projects_stalled_idx')
      .on(sql`coalesce(${t.lastFollowUpDate}, (${t.createdAt} at time zone 'Asia/Shanghai')::date)`, t.unitId)
      .where(sql`(${t.sideState} is null or ${t.sideState} = 'stalled') and ${t.stage} not in ('producing', 'at_capacity')`),
    index('projects_signed_not_started_idx')
      .on(t.signedDate, t.unitId)
      .where(sql`${t.signedDate} is not null and ${t.startedDate} is null and (${t.sideState} is null or ${t.sideState} = 'stalled')`),
    // Every fact a figure's condition reads, so that figures over all of a province's projects (an
    // assessment run's groups, a bulletin's stock as of a month's end, the nodes and tranches joined
    // to their projects) read this index alone (~90 MB for 1M projects) instead of the 1.2 GB table.
    index('projects_facts_idx').on(
      t.unitId,
      t.id,
      t.createdAt,
      t.stage,
      t.sideState,
      t.sideStateDate,
      t.signedDate,
      t.registeredDate,
      t.startedDate,
      t.producingDate,
      t.atCapacityDate,
      t.lastFollowUpDate,
      t.previousFollowUpDate,
      t.thirdFollowUpDate,
      t.fourthFollowUpDate,
      t.contractedInvestment,
      t.foreignInvestment,
      t.industryCode,
      t.investorId,
    ),
    // The facts an assessment run's tranches are grouped by, in project order: a province's year of
    // verified tranches is merge-joined to its projects (fund_tranches_project_idx), with no hash of a
    // million projects to build (assessment.groups.ts).
    index('projects_id_facts_idx').on(t.id, t.unitId, t.industryCode, t.contractedInvestment, t.investorId),
    check('projects_money_nonneg', sql`coalesce(${t.plannedInvestment}, 0) >= 0 and coalesce(${t.contractedInvestment}, 0) >= 0 and coalesce(${t.fixedAssetInvestment}, 0) >= 0 and coalesce(${t.foreignInvestment}, 0) >= 0`),
  ],
);

// A requested stage change, counted only once verified by bureau staff (审核).
export const projectTransitions = pgTable(
  'project_transitions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    fromStage: stage('from_stage').notNull(),
    fromSideState: sideState('from_side_state'),
    toTarget: transitionTarget('to_target').notNull(),
    eventDate: date('event_date').notNull(),
    note: text('note'),
    reason: text('reason'),
    lostDestination: text('lost_destination'),
    isBackward: boolean('is_backward').notNull().default(false),
    evidenceFileIds: integer('evidence_file_ids').array().notNull().default(sql`'{}'::int[]`),
    status: transitionStatus('status').notNull().default('pending'),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('transitions_project_idx').on(t.projectId, t.id),
    index('transitions_pending_idx').on(t.status, t.requestedAt).where(sql`${t.status} = 'pending'`),
    // 审核驳回数 of an assessment run: the rejections reviewed in a period, with their projects (index only).
    index('transitions_rejected_idx').on(t.reviewedAt, t.projectId).where(sql`${t.status} = 'rejected'`),
  ],
);

// 首谈/第一引荐人报备. The original facts (who, when, which investor) are never updated.
export const referrals = pgTable(
  'referrals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    investorName: text('investor_name').notNull(),
    investorNameNorm: text('investor_name_norm').notNull(),
    uscc: text('uscc'),
    investorId: integer('investor_id').references(() => investors.id),
    projectIntent: text('project_intent').notNull(), // 意向项目
    intendedAmount: money('intended_amount'),
    industryCode: text('industry_code'),
    referrerName: text('referrer_name').notNull(), // 引荐人
    referrerKind: text('referrer_kind').notNull(), // staff | hometown | agent | business | other
    referrerPhone: text('referrer_phone'),
    referrerUserId: integer('referrer_user_id').references(() => users.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    registeredBy: integer('registered_by')
      .notNull()
      .references(() => users.id),
    registeredAt: timestamp('registered_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    protectedUntil: timestamp('protected_until', { withTimezone: true }).notNull(),
    evidenceFileIds: integer('evidence_file_ids').array().notNull().default(sql`'{}'::int[]`),
    note: text('note'),
    projectId: integer('project_id').references(() => projects.id),
    // active | conflict | confirmed (won a conflict) | rejected (lost a conflict) | withdrawn
    status: text('status').notNull().default('active'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('referrals_uscc_idx').on(t.uscc),
    index('referrals_name_norm_idx').on(t.investorNameNorm),
    index('referrals_unit_idx').on(t.unitId, t.id),
    index('referrals_registered_by_idx').on(t.registeredBy, t.id),
    index('referrals_status_idx').on(t.status),
  ],
);

export const referralConflicts = pgTable(
  'referral_conflicts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    earlierId: integer('earlier_id')
      .notNull()
      .references(() => referrals.id),
    laterId: integer('later_id')
      .notNull()
      .references(() => referrals.id),
    matchedBy: text('matched_by').notNull(), // uscc | name
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status').notNull().default('open'), // open | resolved
    winnerId: integer('winner_id').references(() => referrals.id),
    // [{ unitId, percent }], percents summing to 100
    creditSplit: jsonb('credit_split'),
    resolution: text('resolution'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('referral_conflicts_pair_uq').on(t.earlierId, t.laterId),
    index('referral_conflicts_status_idx').on(t.status, t.id),
  ],
);

// 跟踪记录
export const followUps = pgTable(
  'follow_ups',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    unitId: integer('unit_id').notNull(),
    date: date('date').notNull(),
    kind: followUpKind('kind').notNull(),
    participants: text('participants'),
    content: text('content').notNull(),
    nextStep: text('next_step'),
    nextStepDue: date('next_step_due'),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('follow_ups_project_idx').on(t.projectId, t.date), index('follow_ups_unit_date_idx').on(t.unitId, t.date)],
);

// 节点计划 / 倒排工期
export const projectNodes = pgTable(
  'project_nodes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    name: text('name').notNull(),
    plannedDate: date('planned_date'),
    actualDate: date('actual_date'),
    responsible: text('responsible'),
    note: text('note'),
    sortOrder: smallint('sort_order').notNull().default(0),
  },
  (t) => [index('project_nodes_project_idx').on(t.projectId, t.sortOrder), index('project_nodes_overdue_idx').on(t.plannedDate).where(sql`${t.actualDate} is null`)],
);

// 问题协调
export const coordinationIssues = pgTable(
  'coordination_issues',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    type: issueType('type').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    departmentUnitId: integer('department_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    deadline: date('deadline'),
    status: issueStatus('status').notNull().default('open'),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    // 提级协调: why the project side escalated it (shown on the issue, not only in the audit log).
    escalationReason: text('escalation_reason'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdBy: integer('created_by').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('issues_project_idx').on(t.projectId), index('issues_department_idx').on(t.departmentUnitId, t.status)],
);

// Excel import jobs: the parsed preview and the user's column mapping live here, not in memory.
export const importJobs = pgTable(
  'import_jobs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(), // projects
    status: text('status').notNull(), // preview | committing | done | failed
    fileId: integer('file_id').references(() => files.id),
    filename: text('filename').notNull(),
    unitId: integer('unit_id').notNull(),
    mapping: jsonb('mapping'),
    summary: jsonb('summary'),
    progress: integer('progress').notNull().default(0),
    total: integer('total').notNull().default(0),
    error: text('error'),
    createdBy: integer('created_by').notNull(),
    ...timestamps,
  },
  (t) => [index('import_jobs_created_by_idx').on(t.createdBy, t.id)],
);

// Column headers users mapped by hand in an import preview, remembered for the next file.
export const importColumnMappings = pgTable('import_column_mappings', {
  header: text('header').primaryKey(),
  field: text('field').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/*
 * 实际到位资金: an evidenced ledger of dated tranches (domain.md §4). Reported by unit staff,
 * verified or rejected by bureau staff (never the reporter). Only verified tranches count. A
 * verified tranche is never edited: a correction is a new entry (corrects_id → the tranche it
 * corrects, amount may be negative) that is itself verified. amount is in the entry's currency
 * (CNY 万元 or USD 万美元); amount_cny is the 万元 figure every KPI sums (USD × exchange_rate,
 * rounded to 4 decimals when the tranche is recorded). unit_id mirrors the project's responsible
 * unit for scope and for KPIs by unit without a join; it moves with the project.
 */
export const fundTranches = pgTable(
  'fund_tranches',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    date: date('date').notNull(),
    currency: fundCurrency('currency').notNull().default('CNY'),
    amount: money('amount').notNull(),
    exchangeRate: numeric('exchange_rate', { precision: 12, scale: 6 }), // CNY per USD, USD only
    rateDate: date('rate_date'), // the date of the rate used
    amountCny: money('amount_cny').notNull(),
    source: fundSource('source').notNull(),
    evidenceFileIds: integer('evidence_file_ids').array().notNull().default(sql`'{}'::int[]`),
    isPreSigning: boolean('is_pre_signing').notNull().default(false),
    preSigningReason: text('pre_signing_reason'),
    correctsId: integer('corrects_id'),
    note: text('note'),
    status: transitionStatus('status').notNull().default('pending'),
    reportedBy: integer('reported_by')
      .notNull()
      .references(() => users.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    // A project's tranches; status, source and amounts ride along, so that a province's verified
    // tranches are read in project order from the index alone (merge-joined to projects_id_facts_idx).
    index('fund_tranches_project_idx').on(t.projectId, t.date, t.status, t.source, t.currency, t.amount, t.amountCny, t.unitId),
    // KPI sums: verified tranches by date, then unit; amount and source ride along (index-only scans),
    // and status, currency and amount, so a figure's whole condition is read from the index alone.
    index('fund_tranches_verified_idx').on(t.date, t.unitId, t.source, t.amountCny, t.projectId, t.status, t.currency, t.amount).where(sql`${t.status} = 'verified'`),
    index('fund_tranches_unit_verified_idx').on(t.unitId, t.date, t.source, t.amountCny).where(sql`${t.status} = 'verified'`),
    index('fund_tranches_pending_idx').on(t.status, t.reportedAt).where(sql`${t.status} = 'pending'`),
    index('fund_tranches_rejected_idx').on(t.reviewedAt, t.unitId, t.projectId).where(sql`${t.status} = 'rejected'`),
    index('fund_tranches_corrects_idx').on(t.correctsId).where(sql`${t.correctsId} is not null`),
    check(
      'fund_tranches_usd_rate',
      sql`(${t.currency} = 'CNY' and ${t.exchangeRate} is null) or (${t.currency} = 'USD' and ${t.exchangeRate} > 0 and ${t.rateDate} is not null)`,
    ),
    check('fund_tranches_negative_only_corrections', sql`${t.amount} >= 0 or ${t.correctsId} is not null`),
    check('fund_tranches_pre_signing_reason', sql`not ${t.isPreSigning} or ${t.preSigningReason} is not null`),
  ],
);

/*
 * Map outlines a deployment supplies (official maps carry a review number 审图号, so the county and
 * town boundaries come from the deployment, not from us). One GeoJSON FeatureCollection per region
 * unit and level; feature_units maps each feature's name to the org unit it stands for.
 */
export const geoMaps = pgTable(
  'geo_maps',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    level: text('level').notNull(), // county | town
    name: text('name').notNull(),
    reviewNumber: text('review_number'), // 审图号
    geojson: jsonb('geojson').notNull(),
    featureUnits: jsonb('feature_units').notNull().default(sql`'{}'::jsonb`),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('geo_maps_unit_level_uq').on(t.unitId, t.level)],
);
