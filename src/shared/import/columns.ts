import { currencyOf, MONEY_UNITS, normaliseKey, type CellValue, type MoneyUnit } from './values.js';

export * from './values.js';

/*
 * The project-ledger field catalogue for Excel import/export (pure). Each field has its zh/en label,
 * the header text the template and the export use, and the synonyms real ledgers use for it.
 * A header is recognised after normaliseHeader(): full-width folded, spaces/line breaks/asterisks
 * removed, and a unit annotation ("（亿元）", "/万元", "单位：亩") split off into `unit`.
 */

export type FieldKind =
  | 'text'
  | 'money'
  | 'foreignMoney'
  | 'date'
  | 'stage'
  | 'unit'
  | 'uscc'
  | 'industry'
  | 'channel'
  | 'bool'
  | 'count'
  | 'area'
  | 'user'
  | 'info';

export interface ImportField {
  key: string;
  zh: string;
  en: string;
  /** Header in the template and the export; null for import-only fields. */
  header: string | null;
  kind: FieldKind;
  synonyms: string[];
  /** Maximum length for text fields. */
  max?: number;
  required?: boolean;
  /** What the 填写说明 sheet says about accepted values. */
  help: string;
}

const f = (key: string, zh: string, en: string, header: string | null, kind: FieldKind, synonyms: string[], help: string, extra: Partial<ImportField> = {}): ImportField => ({
  key,
  zh,
  en,
  header,
  kind,
  synonyms,
  help,
  ...extra,
});

const AMOUNT_HELP = '数字；单位以表头为准（万元或亿元，如"合同投资额（亿元）"），未注明按万元；单元格内也可写"1.2亿""5000万"';

/** In template/export order. */
export const IMPORT_FIELDS = [
  f('name', '项目名称', 'Project name', '项目名称', 'text', ['项目名称', '项目名', '项目', '项目全称', '项目名字', '名称'], '必填；同一单位内按名称识别同一项目（忽略空格和全角半角）', { max: 120, required: true }),
  f('unit', '所属县区', 'Responsible unit', '所属县区', 'unit', ['所属县区', '责任单位', '县区', '县(区)', '县市区', '所属单位', '承办单位', '落地县区', '所在县区', '属地', '所属地区', '牵头单位', '主体单位', '单位'], '单位全称或简称，须在导入人的管理范围内；留空为导入人所在单位'),
  f('investorName', '投资方', 'Investor', '投资方', 'text', ['投资方', '客商', '企业名称', '签约主体', '投资主体', '投资企业', '投资方名称', '签约企业', '客商名称', '公司名称', '投资商', '签约单位', '合作方', '投资单位'], '企业全称；按统一社会信用代码或规范化名称匹配客商库，没有则提交时新建', { max: 100 }),
  f('investorUscc', '统一社会信用代码', 'Investor USCC', '统一社会信用代码', 'uscc', ['统一社会信用代码', '社会信用代码', '信用代码', '投资方信用代码', '企业信用代码', 'uscc'], '18位，校验位按GB 32100-2015核对'),
  f('industry', '所属行业', 'Industry', '所属行业', 'industry', ['所属行业', '行业', '行业分类', '产业类别', '所属产业', '行业代码', '国民经济行业分类', '产业类型', '产业分类'], 'GB/T 4754-2017 行业代码（如 1391 或 C）或行业名称'),
  f('stage', '当前进展', 'Stage', '当前进展', 'stage', ['当前进展', '项目阶段', '状态', '项目状态', '进展阶段', '阶段', '项目进展', '进展情况', '推进阶段', '所处阶段', '当前阶段', '进展'], '线索、洽谈（在谈）、签约、注册落地、开工（在建）、投产、达产、停滞、流失、终止；新项目按线索登记，并提交一条待审核的阶段变更'),
  f('stageDate', '阶段日期', 'Stage date', '阶段日期', 'date', ['阶段日期', '进展日期', '状态日期', '变更日期'], '当前阶段发生的日期；未填写对应阶段日期时使用'),
  f('signedDate', '签约日期', 'Signing date', '签约日期', 'date', ['签约日期', '签约时间', '签订日期', '签订时间', '协议签订时间', '合同签订日期', '签约日'], '2024-03-05、2024/3/5、2024年3月5日或Excel日期'),
  f('registeredDate', '注册日期', 'Registration date', '注册日期', 'date', ['注册日期', '注册时间', '落地时间', '落地日期', '注册落地时间', '注册登记日期'], '同上'),
  f('startedDate', '开工日期', 'Construction start', '开工日期', 'date', ['开工日期', '开工时间', '实际开工时间', '实际开工日期'], '同上'),
  f('producingDate', '投产日期', 'Production start', '投产日期', 'date', ['投产日期', '投产时间', '实际投产时间', '实际投产日期'], '同上'),
  f('atCapacityDate', '达产日期', 'Full capacity', '达产日期', 'date', ['达产日期', '达产时间'], '同上'),
  f('negotiatingDate', '洽谈日期', 'Negotiation date', null, 'date', ['洽谈日期', '洽谈时间', '首谈日期', '首谈时间', '对接时间', '首次对接时间', '首次洽谈时间'], '阶段为洽谈时的日期'),
  f('plannedInvestment', '计划总投资', 'Planned investment', '计划总投资（万元）', 'money', ['计划总投资', '总投资', '项目总投资', '计划投资', '投资总额', '总投资额', '计划投资额', '拟投资', '拟投资额'], AMOUNT_HELP),
  f('contractedInvestment', '合同投资额', 'Contracted investment', '合同投资额（万元）', 'money', ['合同投资额', '协议投资额', '签约金额', '签约额', '合同金额', '签约投资额', '合同投资', '协议投资', '协议金额', '签约投资', '合同额'], AMOUNT_HELP),
  f('fixedAssetInvestment', '固定资产投资', 'Fixed-asset investment', '固定资产投资（万元）', 'money', ['固定资产投资', '固投', '固定资产投资额', '固定资产'], AMOUNT_HELP),
  f('foreignInvestment', '利用外资', 'Foreign investment', '利用外资（万美元）', 'foreignMoney', ['利用外资', '外资', '外资金额', '合同外资', '外资额', '合同利用外资'], '数字，单位万美元（表头可注明亿美元）'),
  f('expectedOutput', '预计年产值', 'Expected annual output', '预计年产值（万元）', 'money', ['预计年产值', '年产值', '达产后年产值', '预计产值', '达产年产值'], AMOUNT_HELP),
  f('expectedTax', '预计年税收', 'Expected annual tax', '预计年税收（万元）', 'money', ['预计年税收', '年税收', '预计税收', '达产后年税收', '年纳税', '预计年纳税', '年利税'], AMOUNT_HELP),
  f('expectedJobs', '预计用工', 'Expected jobs', '预计用工（人）', 'count', ['预计用工', '用工人数', '就业人数', '带动就业', '预计就业', '用工', '吸纳就业', '新增就业'], '整数'),
  f('landMu', '用地面积', 'Land (mu)', '用地面积（亩）', 'area', ['用地面积', '用地', '占地面积', '占地', '用地规模', '供地面积'], '亩，最多两位小数'),
  f('floorAreaM2', '建筑面积', 'Floor area (m²)', '建筑面积（平方米）', 'area', ['建筑面积', '厂房面积', '总建筑面积', '建设面积'], '平方米，最多两位小数'),
  f('carrier', '落地载体', 'Carrier', '落地载体', 'text', ['落地载体', '载体', '项目选址', '选址', '建设地点', '落户园区', '项目地址', '落地园区', '所在园区', '建设地址'], '园区、地块、厂房或楼宇', { max: 200 }),
  f('channel', '招商方式', 'Channel', '招商方式', 'channel', ['招商方式', '招商渠道', '引进方式', '渠道', '引资方式', '招引方式'], '领导招商、以商招商、中介招商、乡贤招商、网络招商、展会节会、小分队招商、其他'),
  f('isCityKey', '市重点', 'City key project', '市重点', 'bool', ['市重点', '是否市重点', '市重点项目'], '是/否'),
  f('isProvinceKey', '省重点', 'Province key project', '省重点', 'bool', ['省重点', '是否省重点', '省重点项目'], '是/否'),
  f('owner', '专人', 'Dedicated staff', '专人', 'user', ['专人', '责任人', '项目负责人', '跟踪责任人', '专班负责人', '包联责任人', '负责人', '跟踪人'], '系统用户的姓名或用户名，须在导入人的管理范围内'),
  f('liaisonLeader', '包联领导', 'Liaison leader', '包联领导', 'user', ['包联领导', '联系领导', '联点领导', '分包领导', '包抓领导', '包保领导'], '领导角色用户的姓名或用户名'),
  f('firstReferrer', '首谈人', 'First referrer', '首谈人', 'info', ['首谈人', '引荐人', '第一引荐人', '首谈/引荐人', '首谈引荐人', '信息提供人', '首谈人/引荐人'], '仅供参考：导入不登记首谈报备（报备有保护期和冲突规则，请在首谈报备中办理）'),
  f('sideStateReason', '停滞原因', 'Reason (stalled/lost/withdrawn)', '停滞原因', 'text', ['停滞原因', '流失原因', '终止原因', '停工原因', '原因'], '阶段为停滞、流失、终止时的原因', { max: 1000 }),
  f('nextStep', '下一步工作', 'Next step', '下一步工作', 'text', ['下一步工作', '下步计划', '下一步计划', '下步工作', '下一步打算', '下步打算'], '', { max: 500 }),
  f('description', '项目简介', 'Description', '项目简介', 'text', ['项目简介', '建设内容', '主要建设内容', '项目内容', '项目概况', '建设规模及内容', '项目基本情况', '建设规模'], '', { max: 4000 }),
  f('stalledWarning', '停滞预警', 'Stall warning', '停滞预警', 'info', ['停滞预警'], '导出时由系统计算（超过设定天数未跟踪），导入时忽略'),
] as const satisfies readonly ImportField[];

export type FieldKey = (typeof IMPORT_FIELDS)[number]['key'];
export const FIELD_KEYS = IMPORT_FIELDS.map((x) => x.key) as [FieldKey, ...FieldKey[]];
export const FIELDS_BY_KEY = new Map<FieldKey, ImportField>(IMPORT_FIELDS.map((x) => [x.key, x]));

/** Columns every ledger has that carry nothing to import (row numbers). */
const IGNORED_HEADERS = new Set(['序号', '编号', '排序', '序', 'no', 'no.', '行号']);

/** Headers in the template and the export, in order (序号 first). */
export const TEMPLATE_HEADERS: string[] = ['序号', ...IMPORT_FIELDS.filter((x) => x.header !== null).map((x) => x.header!)];

const UNIT_WORDS = [...MONEY_UNITS, '亩', '平方米', '平米', 'm2', '人', '个'];
// "（亿元）", "(单位:万元)", "/万元": any unit word; bare suffixes only for words no field name ends with.
const BRACKETED_UNIT = new RegExp(`^(.+?)(?:[(\\[【](?:单位[:：]?)?(${UNIT_WORDS.join('|')})[)\\]】]|[/\\\\、,](?:单位[:：]?)?(${UNIT_WORDS.join('|')}))$`);
const BARE_UNIT = /^(.+?)(万元|亿元|万美元|亿美元|平方米)$/;

export interface NormalisedHeader {
  /** The header without its unit annotation, for matching and for remembered mappings. */
  key: string;
  unit: string | null;
}

export function normaliseHeader(text: string): NormalisedHeader {
  const s = normaliseKey(text).replace(/[*＊※:：]+$|^[*＊※]+/g, '');
  const m = BRACKETED_UNIT.exec(s) ?? BARE_UNIT.exec(s);
  if (!m) return { key: s, unit: null };
  let unit = m[2] ?? m[3]!;
  if (unit === '平米' || unit === 'm2') unit = '平方米';
  return { key: m[1]!, unit };
}

const SYNONYMS = new Map<string, FieldKey>();
for (const field of IMPORT_FIELDS) {
  for (const s of [field.zh, ...field.synonyms, ...(field.header ? [field.header] : [])]) {
    const { key } = normaliseHeader(s);
    if (!SYNONYMS.has(key)) SYNONYMS.set(key, field.key);
  }
}

/** The field a header names by the built-in synonyms, 'ignore' for row-number columns, or null. */
export function recogniseHeader(text: string): FieldKey | 'ignore' | null {
  const { key } = normaliseHeader(text);
  if (!key) return null;
  if (IGNORED_HEADERS.has(key)) return 'ignore';
  return SYNONYMS.get(key) ?? null;
}

export function headerText(cell: CellValue): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return '';
  return String(cell).replace(/\s+/g, ' ').trim();
}

/** Rows scanned for the header: titles, 填报单位 lines and merged banners come first in real ledgers. */
export const HEADER_SCAN_ROWS = 30;

/**
 * The header row: among the first rows, the one with the most distinct recognised fields (built-in
 * synonyms or remembered mappings); the earliest wins a tie. A row qualifies with two recognised
 * names, or with the project name and other (unknown, mappable) columns.
 */
export function detectHeaderRow(rows: CellValue[][], remembered: ReadonlyMap<string, FieldKey> = new Map()): { index: number; score: number } | null {
  let best: { index: number; score: number } | null = null;
  rows.slice(0, HEADER_SCAN_ROWS).forEach((cells, index) => {
    const found = new Set<string>();
    let filled = 0;
    for (const cell of cells) {
      const text = headerText(cell);
      if (!text) continue;
      filled += 1;
      const field = remembered.get(normaliseHeader(text).key) ?? recogniseHeader(text);
      if (field && field !== 'ignore') found.add(field);
    }
    // Two recognised names, or the project name beside columns the user can map in the preview.
    const isCandidate = found.size >= 2 || (found.has('name') && filled >= 2);
    if (isCandidate && (!best || found.size > best.score)) best = { index, score: found.size };
  });
  return best;
}

export type ColumnSource = 'synonym' | 'remembered' | 'user' | 'ignored' | 'unknown';

export interface ResolvedColumn {
  /** 0-based column index in the sheet. */
  index: number;
  header: string;
  /** normaliseHeader(header).key: what mappings are remembered by. */
  key: string;
  field: FieldKey | null;
  source: ColumnSource;
  /** Unit written in the header (亿元, 万元, 亩…), if any. */
  unit: string | null;
  /** Why a recognised column is not used: a second column for the same field, or a unit that does not fit. */
  problem: 'DUPLICATE_FIELD' | 'UNIT_MISMATCH' | null;
}

/** The money unit a column's values are in: the header's, else the field's default (万元 / 万美元). */
export function moneyUnitOf(column: Pick<ResolvedColumn, 'unit'>, kind: 'money' | 'foreignMoney'): MoneyUnit {
  const fallback: MoneyUnit = kind === 'money' ? '万元' : '万美元';
  const unit = column.unit as MoneyUnit | null;
  if (!unit || !(MONEY_UNITS as readonly string[]).includes(unit)) return fallback;
  // "亿元" on a foreign column (or "万美元" on a CNY one) does not fit.
  return unit;
}

function unitFits(field: ImportField, unit: string | null): boolean {
  if (!unit) return true;
  const isMoney = (MONEY_UNITS as readonly string[]).includes(unit);
  if (field.kind === 'money') return isMoney && currencyOf(unit as MoneyUnit) === 'CNY';
  if (field.kind === 'foreignMoney') return isMoney && currencyOf(unit as MoneyUnit) === 'USD';
  if (field.key === 'landMu') return unit === '亩';
  if (field.key === 'floorAreaM2') return unit === '平方米';
  if (field.kind === 'count') return unit === '人' || unit === '个';
  return !isMoney;
}

/**
 * Map each header cell to a field: the user's choice for this job first, then a remembered
 * mapping, then the built-in synonyms. A second column for a field already taken is left out.
 */
export function resolveColumns(
  headerCells: CellValue[],
  remembered: ReadonlyMap<string, FieldKey>,
  userMapping: Readonly<Record<string, FieldKey | null>> = {},
): ResolvedColumn[] {
  const out: ResolvedColumn[] = [];
  headerCells.forEach((cell, index) => {
    const header = headerText(cell);
    if (!header) return;
    const { key, unit } = normaliseHeader(header);
    let field: FieldKey | null = null;
    let source: ColumnSource;
    if (Object.prototype.hasOwnProperty.call(userMapping, header)) {
      field = userMapping[header] ?? null;
      source = field ? 'user' : 'ignored';
    } else if (remembered.has(key)) {
      field = remembered.get(key)!;
      source = 'remembered';
    } else {
      const r = recogniseHeader(header);
      if (r === 'ignore') source = 'ignored';
      else if (r) {
        field = r;
        source = 'synonym';
      } else source = 'unknown';
    }
    out.push({ index, header, key, field, source, unit, problem: null });
  });
  // The user's choices claim their fields first; then the other columns, left to right.
  const taken = new Set<FieldKey>();
  for (const c of [...out.filter((x) => x.source === 'user'), ...out.filter((x) => x.source !== 'user')]) {
    if (!c.field) continue;
    if (taken.has(c.field)) c.problem = 'DUPLICATE_FIELD';
    else if (!unitFits(FIELDS_BY_KEY.get(c.field)!, c.unit)) c.problem = 'UNIT_MISMATCH';
    else taken.add(c.field);
  }
  return out;
}

/** Required fields with no usable column. */
export function missingRequired(columns: readonly ResolvedColumn[]): FieldKey[] {
  const present = new Set(columns.filter((c) => c.field && !c.problem).map((c) => c.field));
  return IMPORT_FIELDS.filter((x) => 'required' in x && x.required && !present.has(x.key)).map((x) => x.key);
}
