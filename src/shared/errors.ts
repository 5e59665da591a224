// Every error the API answers with has a stable code and a message in both languages.
// The server picks the language from Accept-Language; the web can also map the code itself.

export const ERROR_MESSAGES = {
  VALIDATION: { zh: '请求参数有误', en: 'Invalid request' },
  BAD_JSON: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  BODY_TOO_LARGE: { zh: '请求内容过大', en: 'The request body is too large' },
  BAD_REQUEST: { zh: '请求格式不正确（例如网址中含未编码的字符）', en: 'The request is malformed (e.g. unencoded characters in the address)' },
  HEADERS_TOO_LARGE: { zh: '请求头或网址过长', en: 'The request headers or address are too long' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in' },
  FORBIDDEN: { zh: '没有权限执行此操作', en: 'You do not have permission to do this' },
  CSRF: { zh: '请求来源不被信任', en: 'The request origin is not trusted' },
  NOT_FOUND: { zh: '记录不存在或无权查看', en: 'Not found, or not visible to you' },
  ROUTE_NOT_FOUND: { zh: '接口不存在', en: 'No such endpoint' },
  METHOD_NOT_ALLOWED: { zh: '不支持的请求方法', en: 'Method not allowed' },
  CONFLICT: { zh: '与现有数据冲突', en: 'Conflicts with existing data' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  TOO_MANY_ATTEMPTS: {
    zh: '登录失败次数过多，请稍后再试',
    en: 'Too many failed sign-in attempts; try again later',
  },
  USER_DISABLED: { zh: '账号已停用，请联系管理员', en: 'This account is disabled; contact your administrator' },
  WRONG_PASSWORD: { zh: '当前密码不正确', en: 'The current password is wrong' },
  WEAK_PASSWORD: {
    zh: '密码至少 8 位，需同时包含字母和数字，且不能与用户名相同',
    en: 'The password needs at least 8 characters with letters and digits, and must differ from the username',
  },
  USERNAME_TAKEN: { zh: '用户名已被占用', en: 'That username is taken' },
  UNIT_NAME_TAKEN: { zh: '同一上级下已有同名单位', en: 'A unit with this name already exists under the same parent' },
  UNIT_PARENT_TYPE: { zh: '该类型的单位不能挂在所选上级之下', en: 'A unit of this type cannot hang under the chosen parent' },
  UNIT_MOVE_CYCLE: { zh: '不能把单位移动到它自己或它的下级单位之下', en: 'A unit cannot be moved under itself or its own descendant' },
  UNIT_ROOT_LOCKED: { zh: '根单位不能移动或停用', en: 'The root unit cannot be moved or disabled' },
  UNIT_HAS_ACTIVE: {
    zh: '该单位下仍有启用的下级单位或账号，请先处理',
    en: 'The unit still has enabled sub-units or users; deal with them first',
  },
  UNIT_DISABLED: { zh: '所选单位已停用', en: 'The chosen unit is disabled' },
  DIVISION_UNKNOWN: { zh: '行政区划代码不存在', en: 'Unknown administrative division code' },
  SELF_LOCKOUT: { zh: '不能停用自己的账号或降低自己的权限', en: 'You cannot disable your own account or lower your own role' },
  INTERNAL: { zh: '服务器内部错误，请稍后重试', en: 'Internal server error; please try again' },
  // The project ledger.
  VERSION_CONFLICT: {
    zh: '该记录已被他人修改，请刷新后再保存',
    en: 'Someone else changed this record; reload it and save again',
  },
  INVESTOR_DUPLICATE: { zh: '该企业已在客商库中', en: 'This enterprise is already in the investor directory' },
  INDUSTRY_UNKNOWN: { zh: '行业代码不在 GB/T 4754-2017 中', en: 'Not a GB/T 4754-2017 industry code' },
  FUTURE_DATE: { zh: '已发生事项的日期不能晚于今天', en: 'A past event cannot be dated in the future' },
  SAME_STAGE: { zh: '项目已处于该阶段', en: 'The project is already at this stage' },
  NEEDS_REASON: { zh: '回退阶段或停滞、流失、终止需填写原因', en: 'A backwards move, stall, loss or withdrawal needs a reason' },
  PROJECT_TIER_UNKNOWN: { zh: '规模档次须为系统设置中的档次之一（如 10000 万元）', en: 'The size tier must be one of the tiers in the settings (e.g. 10000 万元)' },
  PROJECT_CLOSED: { zh: '项目已流失或终止，只能先恢复', en: 'The project is lost or withdrawn; resume it first' },
  NOT_IN_SIDE_STATE: { zh: '项目未处于停滞、流失或终止状态', en: 'The project is not stalled, lost or withdrawn' },
  ALREADY_IN_SIDE_STATE: { zh: '项目已处于该状态', en: 'The project is already in this state' },
  TRANSITION_PENDING: {
    zh: '该项目已有待审核的阶段变更，请等待审核',
    en: 'This project already has a stage change awaiting review',
  },
  TRANSITION_NOT_PENDING: { zh: '该变更已审核，不能重复处理', en: 'This change has already been reviewed' },
  SELF_REVIEW: { zh: '不能审核自己提交的变更', en: 'You cannot review a change you requested' },
  STALE_TRANSITION: {
    zh: '项目阶段已变化，该变更已失效，请重新提交',
    en: 'The project moved since this change was requested; request it again',
  },
  EVIDENCE_UNKNOWN: { zh: '证明材料不存在或无权使用', en: 'Evidence file not found or not yours to use' },
  REFERENCE_UNKNOWN: { zh: '引用的记录不存在或无权查看', en: 'A referenced record does not exist or is not visible to you' },
  // First-referrer registration and credit conflicts (首谈/第一引荐人报备, referrals).
  REFERRAL_CLOSED: { zh: '该报备已撤回或已被驳回', en: 'This registration is withdrawn or rejected' },
  REFERRAL_ALREADY_LINKED: { zh: '该报备已关联其他项目', en: 'This registration is already linked to another project' },
  REFERRAL_INVESTOR_MISMATCH: { zh: '统一社会信用代码与所选客商不一致', en: 'The USCC differs from the chosen investor’s' },
  REFERRER_KIND_INVALID: { zh: '引荐人账号不能以单位工作人员身份报备', en: 'A referrer account cannot register as unit staff' },
  CONFLICT_RESOLVED: { zh: '该冲突已裁定或已失效，不能重复处理', en: 'This conflict is already resolved or void' },
  CONFLICT_SELF: { zh: '不能裁定自己经办的报备所涉冲突', en: 'You cannot arbitrate a conflict involving a registration you filed' },
  CONFLICT_WINNER: { zh: '胜出方必须是冲突双方之一', en: 'The winner must be one of the two registrations' },
  CREDIT_SPLIT_UNIT: { zh: '功劳只能分配给冲突双方的报备单位', en: 'Credit can only go to the two registering units' },
  CREDIT_SPLIT_WINNER: { zh: '胜出方单位的分配比例不能为 0', en: 'The winner’s unit cannot get 0%' },
  // Follow-ups, node plans, coordination issues and files (issue items 5–8).
  NEXT_STEP_DUE_BEFORE_DATE: { zh: '下一步计划完成日期不能早于跟踪日期', en: 'The next step cannot be due before the follow-up date' },
  FOLLOW_UP_NOT_AUTHOR: { zh: '只有记录人本人可以修改或删除跟踪记录', en: 'Only the author can edit or delete a follow-up' },
  FOLLOW_UP_LOCKED: {
    zh: '跟踪记录超过 7 天已锁定，如需更正请新增一条记录',
    en: 'Follow-ups lock 7 days after they are written; add a new one to correct it',
  },
  NODES_NOT_SIGNED: { zh: '项目签约后才能制定节点计划', en: 'A node plan can be set only once the project is signed' },
  NODES_EXIST: { zh: '该项目已有节点计划', en: 'This project already has a node plan' },
  NODE_UNKNOWN: { zh: '节点不属于该项目', en: 'The node does not belong to this project' },
  NODE_NAME_DUPLICATE: { zh: '节点名称重复', en: 'Node names must be unique' },
  DEADLINE_PAST: { zh: '办理期限不能早于今天', en: 'The deadline cannot be in the past' },
  DEPARTMENT_UNKNOWN: { zh: '所选单位不是启用中的职能部门', en: 'The chosen unit is not an enabled department' },
  ISSUE_STATUS: { zh: '问题当前状态不允许此操作', en: 'The issue’s current status does not allow this' },
  FILE_MISSING: { zh: '请选择要上传的文件', en: 'Choose a file to upload' },
  FILE_EMPTY: { zh: '文件内容为空', en: 'The file is empty' },
  FILE_TOO_LARGE: { zh: '文件超过大小上限', en: 'The file exceeds the size limit' },
  FILE_TYPE: {
    zh: '不支持的文件类型（允许 PDF、图片、Word、Excel、PowerPoint、TXT/CSV）',
    en: 'File type not allowed (PDF, images, Word, Excel, PowerPoint, TXT/CSV)',
  },
  // Excel import and export of the project ledger (src/server/modules/import, export).
  IMPORT_NO_FILE: { zh: '请上传一个 .xlsx 文件（multipart 表单字段 file）', en: 'Upload one .xlsx file (multipart field "file")' },
  IMPORT_BAD_FILE: {
    zh: '文件无法读取：不是有效的 .xlsx 工作簿（.xls 或 WPS 格式请先另存为 .xlsx）',
    en: 'The file cannot be read: not a valid .xlsx workbook (save .xls or WPS files as .xlsx first)',
  },
  IMPORT_NO_HEADER: {
    zh: '未找到表头：前 30 行中没有一行能识别出至少两个列名（如项目名称、投资方、合同投资额）',
    en: 'No header found: none of the first 30 rows has at least two recognisable column names (项目名称, 投资方, 合同投资额…)',
  },
  IMPORT_EMPTY: { zh: '表格中没有数据行', en: 'The sheet has no data rows' },
  IMPORT_TOO_MANY_ROWS: { zh: '单次导入最多 100,000 行，请拆分文件', en: 'At most 100,000 rows per import; split the file' },
  IMPORT_FILE_GONE: { zh: '导入文件已不存在，请重新上传', en: 'The uploaded file is gone; upload it again' },
  IMPORT_HAS_ERRORS: {
    zh: '仍有行存在错误：请修正后重新上传，或选择跳过错误行再提交',
    en: 'Some rows still have errors: fix and upload again, or commit with the rows in error skipped',
  },
  IMPORT_JOB_STATE: { zh: '导入任务当前状态不允许此操作（正在提交或已完成）', en: 'The import job’s status does not allow this (committing or done)' },
  IMPORT_MAPPING_DUPLICATE: { zh: '多个列不能对应同一字段', en: 'Two columns cannot map to the same field' },
  IMPORT_MAPPING_HEADER: { zh: '表头中没有该列', en: 'The sheet has no such column' },
  EXPORT_TOO_LARGE: { zh: '导出行数超过上限（100,000 行），请缩小筛选范围', en: 'Too many rows to export (limit 100,000); narrow the filters' },
  // Map outlines (src/server/modules/maps).
  MAP_INVALID: {
    zh: '地图文件无效：须为 GeoJSON FeatureCollection，要素为带 name 属性的面（Polygon/MultiPolygon），坐标为经纬度',
    en: 'Invalid map file: it must be a GeoJSON FeatureCollection of Polygon/MultiPolygon features with a name property, in longitude/latitude',
  },
  MAP_LEVEL_UNIT: {
    zh: '县级边界须上传到市级单位，乡镇边界须上传到县/区或开发区',
    en: 'County boundaries belong to a city unit; town boundaries to a county or zone',
  },
  MAP_EXISTS: { zh: '该单位已有此级别的地图，请先删除旧地图', en: 'This unit already has a map at this level; delete it first' },
  MAP_FEATURE_UNKNOWN: { zh: '地图中没有该名称的区域', en: 'The map has no region of that name' },
  MAP_UNIT_OUTSIDE: { zh: '只能对应到地图所属单位的下级单位', en: 'A region can only map to a unit below the map’s unit' },
  // Funds in place (实际到位资金, src/server/modules/funds).
  FUNDS_RATE_REQUIRED: { zh: '美元资金须填写汇率及汇率日期', en: 'A USD tranche needs the exchange rate and its date' },
  FUNDS_RATE_CNY: { zh: '人民币资金不填写汇率', en: 'A CNY tranche takes no exchange rate' },
  FUNDS_NEGATIVE: { zh: '金额须大于 0；冲减请登记为对已审核资金的更正', en: 'The amount must be above 0; to reduce a verified tranche, enter a correction of it' },
  FUNDS_PRE_SIGNING_REASON: { zh: '签约前到位资金须说明原因', en: 'Money received before signing needs a reason' },
  FUNDS_BEFORE_SIGNING: {
    zh: '到位日期早于项目签约日期（或项目尚未签约），如确属签约前到位资金，请勾选并说明原因',
    en: 'The date is before the project’s verified signing (or it is not signed); mark it as pre-signing money and give a reason',
  },
  FUNDS_LARGE_CONFIRM: {
    zh: '该笔金额超过项目合同投资额的 10 倍，请核对单位（万元/万美元）后确认',
    en: 'This tranche is over 10 times the contracted investment; check the unit (万元 / 万美元) and confirm',
  },
  FUNDS_NOT_PENDING: { zh: '该笔资金已审核，不能重复处理', en: 'This tranche has already been reviewed' },
  FUNDS_CORRECTION_TARGET: { zh: '只能更正本项目已审核通过的资金', en: 'A correction must refer to a verified tranche of the same project' },
  FUNDS_CORRECTION_MISMATCH: {
    zh: '更正须与原记录的资金来源、币种和汇率一致',
    en: 'A correction must keep the source, currency and exchange rate of the tranche it corrects',
  },
  FUNDS_CORRECTION_BELOW_ZERO: { zh: '更正后该笔资金合计不能小于 0', en: 'The corrected tranche cannot total less than 0' },
  // Figures (src/server/modules/stats).
  STATS_PERIOD_ORDER: { zh: '统计起始日期不能晚于截止日期', en: 'The period cannot start after it ends' },
  STATS_PERIOD_TOO_LONG: { zh: '统计区间不能超过 10 年', en: 'The period cannot be longer than 10 years' },
  STATS_NOT_COMPARABLE: {
    zh: '存量指标（停滞、签约未开工、节点超期）只统计当前时点，没有上年同期数',
    en: 'Stock figures (stalled, signed not started, overdue nodes) are measured now and have no same-period-last-year value',
  },
  STATS_RECORDS_TOO_MANY: {
    zh: '明细超过 50,000 条，无法一次导出：请缩短统计区间或选择下级单位',
    en: 'More than 50,000 records: narrow the period or choose a lower unit to export them',
  },
  // Targets (目标管理, src/server/modules/targets).
  TARGET_YEAR_RANGE: { zh: '目标年度须在 2000 至 2100 年之间', en: 'The target year must be between 2000 and 2100' },
  TARGET_METRIC_UNKNOWN: {
    zh: '未知的目标指标：须为统计口径中的流量指标（如新签约项目数、实际到位资金）或已设置的规模档次项目数',
    en: 'Unknown target metric: use a flow figure of the statistics (signed_count, funds_total, …) or the count of a configured size tier',
  },
  TARGET_NEGATIVE: { zh: '目标值不能为负数', en: 'A target cannot be negative' },
  TARGET_COUNT_FRACTION: { zh: '项目个数类目标须为整数', en: 'A target counting projects must be a whole number' },
  TARGET_NOT_CHILD: { zh: '只能分解到该单位的直属下级单位', en: 'A target can only be decomposed to the unit’s direct sub-units' },
  TARGET_CHILD_DUPLICATE: { zh: '同一下级单位不能重复出现', en: 'A sub-unit appears more than once' },
  TARGET_USER_UNIT: { zh: '个人目标须分配给该单位（或其下级单位）的在职人员', en: 'A personal target must go to an enabled member of the unit or a unit below it' },
  TARGET_OWN_UNIT: {
    zh: '单位招商员只能为本单位的下级单位或人员拟定目标，本单位目标由上级下达',
    en: 'Unit staff draft targets only for the units and people below their unit; their own unit’s target comes from above',
  },
  TARGET_APPROVED: {
    zh: '目标已审定锁定，不能修改；如需调整，请招商局先解锁并说明原因',
    en: 'This target is approved and locked; the bureau must unlock it, with a reason, before it can change',
  },
  TARGET_NOT_DRAFT: { zh: '该目标已审定，不能重复审定', en: 'This target is already approved' },
  TARGET_NOT_APPROVED: { zh: '该目标尚未审定，无需解锁', en: 'This target is not approved, so there is nothing to unlock' },
  // Assessment schemes and runs (issue 5).
  ASSESSMENT_SCHEME_FROZEN: {
    zh: '该版本考核办法已发布考核结果或已归档，不能修改；请另存为新版本',
    en: 'A run was published with this scheme version, or it is archived: it cannot change; save a new version instead',
  },
  ASSESSMENT_SCHEME_ARCHIVED: { zh: '该考核办法已归档，不能再运行或另存新版本', en: 'This scheme is archived: it cannot be run or given a new version' },
  ASSESSMENT_SCHEME_SUPERSEDED: { zh: '该版本已有新版本，请在最新版本上修改', en: 'This version already has a newer version; change the latest one' },
  ASSESSMENT_PERIOD_YEAR: {
    zh: '考核期间须在考核办法（目标任务）所属年度之内',
    en: 'The period must lie within the scheme’s year (the year of its targets)',
  },
  ASSESSMENT_UNIT_OUT_OF_SCOPE: { zh: '所选单位不在本考核办法的范围内', en: 'The unit is outside the scheme’s scope' },
  ASSESSMENT_NO_UNITS: { zh: '没有符合考核范围的单位', en: 'No unit matches the scheme’s selection' },
  ASSESSMENT_METRIC_NOT_COLLECTED: {
    zh: '系统暂无该指标的可追溯记录，不能自动考核；请改用评议打分项',
    en: 'The ledger has no traceable records for this metric yet; use a manual item instead',
  },
  ASSESSMENT_INPUT: { zh: '考核数据不完整或评分超出范围', en: 'The assessment inputs are incomplete, or a manual score is out of range' },
  ASSESSMENT_RUN_PUBLISHED: { zh: '考核结果已发布（冻结），不能修改或重复发布', en: 'This run is published (frozen): it cannot change or be published again' },
  // Rewards (issue 5 item 5).
  REWARD_RULES_FROZEN: {
    zh: '该版本奖励办法已在用（已发布兑现结果），不能修改；请另存为新版本',
    en: 'This rule-set version is in use (a run was published with it): it cannot change; save a new version instead',
  },
  REWARD_RULES_SUPERSEDED: { zh: '该版本奖励办法已有新版本，请在最新版本上修改', en: 'This rule-set version already has a newer version; change the latest one' },
  REWARD_RUN_PUBLISHED: { zh: '奖励兑现结果已发布（冻结），不能修改或重复发布', en: 'This reward run is published (frozen): it cannot change or be published again' },
  REWARD_INPUT: { zh: '项目的引荐分成数据不一致，无法计算奖励', en: 'A project’s credit split is inconsistent, so its reward cannot be computed' },
  REWARD_EXPORT_TOO_LARGE: { zh: '导出行数过多，请按单位筛选后分批导出', en: 'Too many lines to export at once; filter by unit and export in parts' },
  BULLETIN_RUN_NOT_PUBLISHED: {
    zh: '通报只能引用已发布的考核结果，请先发布该次考核',
    en: 'A bulletin ranks units by a published run only: publish this run first',
  },
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export type Lang = 'zh' | 'en';

export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return ERROR_MESSAGES[code][lang];
}
