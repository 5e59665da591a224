import type { Lang } from '../errors.js';
import { FIELDS_BY_KEY, type FieldKey } from './columns.js';
import type { IssueCode } from './values.js';

// Row-level issue messages of the Excel importer, in both languages; {name} is replaced from params.
export const ISSUE_MESSAGES: Record<IssueCode, { zh: string; en: string }> = {
  REQUIRED: { zh: '{field}不能为空', en: '{field} is required' },
  CELL_ERROR: { zh: '单元格是错误值（{value}）', en: 'The cell holds an Excel error ({value})' },
  BAD_DATE: { zh: '无法识别的日期，可写 2024-03-05、2024/3/5 或 2024年3月5日', en: 'Not a date; write 2024-03-05, 2024/3/5 or 2024年3月5日' },
  INCOMPLETE_DATE: { zh: '日期不完整，需精确到日', en: 'The date needs a day' },
  FUTURE_DATE: { zh: '已发生事项的日期不能晚于今天', en: 'A past event cannot be dated in the future' },
  BAD_AMOUNT: { zh: '不是有效金额', en: 'Not an amount' },
  NEGATIVE: { zh: '不能为负数', en: 'Cannot be negative' },
  TOO_LARGE: { zh: '数值超出合理范围（金额不超过1万亿元）', en: 'The value is implausibly large' },
  UNIT_MISMATCH: { zh: '单位"{unit}"与该字段不符', en: 'The unit "{unit}" does not fit this field' },
  BAD_NUMBER: { zh: '不是有效数字', en: 'Not a number' },
  BAD_INTEGER: { zh: '应为整数', en: 'Must be a whole number' },
  BAD_BOOL: { zh: '应填"是"或"否"', en: 'Write 是 (yes) or 否 (no)' },
  BAD_STAGE: {
    zh: '无法识别的阶段，可写 线索、洽谈、签约、注册落地、开工、投产、达产、停滞、流失、终止',
    en: 'Unknown stage; use 线索, 洽谈, 签约, 注册落地, 开工, 投产, 达产, 停滞, 流失 or 终止',
  },
  STAGE_DATE_REQUIRED: { zh: '阶段为"{stage}"时需填写{dateField}（或阶段日期）', en: 'Stage "{stage}" needs its date ({dateField} or 阶段日期)' },
  USCC_LENGTH: { zh: '统一社会信用代码应为18位', en: 'The USCC must have 18 characters' },
  USCC_CHARSET: { zh: '统一社会信用代码含无效字符（不使用I、O、Z、S、V）', en: 'The USCC contains characters not allowed (no I, O, Z, S, V)' },
  USCC_CHECK: { zh: '统一社会信用代码校验位错误，请核对', en: 'The USCC check character is wrong; please re-check the code' },
  TOO_LONG: { zh: '超过{max}个字符', en: 'Longer than {max} characters' },
  UNKNOWN_UNIT: { zh: '单位不存在或不在您的管理范围内', en: 'No such unit within your scope' },
  AMBIGUOUS_UNIT: { zh: '有多个同名单位，请填写单位全称', en: 'Several units have this name; write the full name' },
  UNIT_DISABLED: { zh: '单位已停用', en: 'The unit is disabled' },
  UNKNOWN_INDUSTRY: { zh: '不是 GB/T 4754-2017 的行业代码或名称', en: 'Not a GB/T 4754-2017 industry code or name' },
  UNKNOWN_CHANNEL: { zh: '无法识别的招商方式', en: 'Unknown channel' },
  UNKNOWN_USER: { zh: '找不到该用户（{field}须为系统中的在用账号，按姓名或用户名匹配）', en: 'No such user ({field} must be an active account, by name or username)' },
  AMBIGUOUS_USER: { zh: '有多个同名用户，请填写用户名', en: 'Several users have this name; write the username' },
  DUPLICATE_ROW: { zh: '与第{other}行是同一项目（同一单位、同名）', en: 'The same project as row {other} (same unit and name)' },
  AMBIGUOUS_PROJECT: { zh: '该单位已有多个同名项目，无法确定更新哪一个', en: 'The unit already has several projects with this name; cannot tell which to update' },
  INVESTOR_MISMATCH: { zh: '信用代码与企业名称分别对应客商库中不同的企业', en: 'The USCC and the name match different investors in the directory' },
  INVESTOR_NAME_REQUIRED: { zh: '客商库中没有该信用代码，新建客商需填写企业名称', en: 'No investor has this USCC; a new investor needs a name' },
  STAGE_BEHIND: { zh: '台账阶段"{stage}"早于系统中已审核的阶段，未改动（回退请在系统中办理并说明原因）', en: 'The ledger stage "{stage}" is behind the verified stage; left unchanged (corrections go through the app)' },
  STAGE_PENDING: { zh: '已有待审核的阶段变更，台账阶段未提交', en: 'A stage change is already awaiting review; the ledger stage was not submitted' },
  STAGE_CLOSED: { zh: '项目已流失或终止，台账阶段未提交', en: 'The project is lost or withdrawn; the ledger stage was not submitted' },
  STAGE_DATE_DIFFERS: { zh: '{field}与系统已审核的日期（{current}）不同，未改动；更正请走阶段变更审核', en: '{field} differs from the verified date ({current}); left unchanged' },
};

export function issueMessage(code: IssueCode, lang: Lang, params: Record<string, string | number> = {}, field?: FieldKey | null): string {
  const template = ISSUE_MESSAGES[code][lang];
  const def = field ? FIELDS_BY_KEY.get(field) : undefined;
  const all: Record<string, string | number> = { ...(def ? { field: lang === 'zh' ? def.zh : def.en } : {}), ...params };
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (all[k] === undefined ? m : String(all[k])));
}
