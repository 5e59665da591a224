import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { MAX_IMPORT_ROWS } from '../../../shared/api/import.js';
import { IMPORT_FIELDS, type FieldKey } from '../../../shared/import/columns.js';
import { CHANNEL_LABELS, CHANNELS, STAGE_LABELS } from '../../../shared/project.js';
import type { Actor } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import { orgUnits } from '../../db/schema/index.js';
import { scopeUnits } from '../../plugins/scope.js';
import { LEDGER_SHEET, ledgerColumns, SHEET_FIELDS, styleHeader } from './export.sheet.js';

/*
 * The blank ledger template: the header row the export uses, drop-down lists (the importer's own
 * units, stages, channels, 是/否) on the first rows, and a 填写说明 sheet listing every field, what
 * it accepts, its unit, and the other column names the importer recognises for it.
 */

const LIST_ROWS = 1000;
const UNITS_SHEET = '单位列表';

const STAGE_CHOICES = ['线索', '洽谈', '签约', '注册落地', '开工', '投产', '达产', '停滞', '流失', '终止'];

const NOTES = [
  '填写说明',
  '1. 第一行为表头，可保留标题行在其上方；列的顺序可以调整，也可删去不需要的列（项目名称必填）。',
  '2. 同一单位内，名称相同（忽略空格、全角半角）的项目视为同一项目：再次导入会更新它，而不是新建；内容完全相同则不作任何改动。',
  '3. 空白单元格不会清除系统中已有的数据，只有填写的单元格才会更新。',
  '4. 金额单位以表头为准：写"合同投资额（亿元）"即按亿元换算，未注明按万元；利用外资为万美元。',
  '5. 当前进展不是线索时需填写该阶段的日期（如签约日期）；导入后项目先按线索登记，并提交一条待审核的阶段变更，由招商局审核后计入统计。',
  '6. 日期可写 2024-03-05、2024/3/5、2024年3月5日，或使用 Excel 日期格式。',
  `7. 单次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行；导入前会先预览每一行将新增、更新、不变还是有错误。`,
];

function listValidation(formula: string): ExcelJS.DataValidation {
  return { type: 'list', allowBlank: true, showErrorMessage: true, errorStyle: 'warning', formulae: [formula] };
}

export async function buildTemplate(db: Executor, actor: Actor): Promise<Buffer> {
  const units = await db
    .select({ name: orgUnits.name })
    .from(orgUnits)
    .where(and(scopeUnits(actor), eq(orgUnits.isDisabled, false)))
    .orderBy(asc(orgUnits.path));

  const wb = new ExcelJS.Workbook();
  wb.creator = '招商通';
  const ws = wb.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.columns = ledgerColumns();
  styleHeader(ws.getRow(1));

  const unitSheet = wb.addWorksheet(UNITS_SHEET, { state: 'hidden' });
  units.forEach((u, i) => (unitSheet.getCell(i + 1, 1).value = u.name));

  const lists: Partial<Record<FieldKey, string>> = {
    unit: units.length ? `'${UNITS_SHEET}'!$A$1:$A$${units.length}` : '""',
    stage: `"${STAGE_CHOICES.join(',')}"`,
    channel: `"${CHANNELS.map((c) => CHANNEL_LABELS[c].zh).join(',')}"`,
    isCityKey: '"是,否"',
    isProvinceKey: '"是,否"',
  };
  for (const [field, formula] of Object.entries(lists) as [FieldKey, string][]) {
    const col = SHEET_FIELDS.indexOf(field) + 2; // after 序号, 1-based
    for (let r = 2; r <= LIST_ROWS + 1; r++) ws.getCell(r, col).dataValidation = listValidation(formula);
  }

  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 22 },
    { header: '说明', key: 'help', width: 60 },
    { header: '也可识别的列名', key: 'synonyms', width: 60 },
  ];
  styleHeader(help.getRow(1));
  for (const f of IMPORT_FIELDS) {
    const values = f.key === 'stage' ? `${f.help}（${Object.values(STAGE_LABELS).map((l) => l.zh).join('、')}）` : f.help;
    help.addRow({ header: f.header ?? `${f.zh}（仅导入）`, help: `${f.required ? '【必填】' : ''}${values}`, synonyms: f.synonyms.filter((s) => s !== f.zh && s !== f.header).join('、') });
  }
  help.addRow({});
  for (const line of NOTES) help.addRow({ header: line }).getCell(1).alignment = { wrapText: false };
  help.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
