import ExcelJS from 'exceljs';
import type { Bulletin } from '../../../shared/api/bulletins.js';
import { figuresTable, listTable, progressTable, rankingTable, type BulletinTable } from '../../../shared/bulletin/tables.js';
import { decimalCell, styleHeader } from '../export/export.sheet.js';

/*
 * The bulletin's tables as a workbook (issue 5 item 6): the same tables as the Word document, one
 * sheet each, numbers as number cells (万元, counts, percentages) so they can be summed and
 * re-sorted; the opening paragraph heads the first sheet.
 */

const FORMATS = { money: '#,##0.00##', count: '#,##0.####', percent: '0.0%' } as const;

function addSheet(wb: ExcelJS.Workbook, name: string, t: BulletinTable, lead: string[] = []): void {
  const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: lead.length + 2 }] });
  ws.addRow([t.title]).font = { bold: true, size: 14 };
  for (const line of lead) {
    const row = ws.addRow([line]);
    row.alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(row.number, 1, row.number, Math.max(t.columns.length, 4));
    row.height = Math.max(20, Math.ceil(line.length / 40) * 18);
  }
  styleHeader(ws.addRow(t.columns));
  for (const r of t.rows) {
    const row = ws.addRow(r.map((c) => (c.value !== undefined && c.kind ? decimalCell(c.value) : c.text)));
    r.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.kind && typeof cell.value === 'number') cell.numFmt = FORMATS[c.kind];
      if (c.tone === 'behind') cell.font = { bold: true, color: { argb: 'FFC00000' } };
    });
  }
  if (t.note) ws.addRow([t.note]).font = { italic: true };
  ws.columns.forEach((col, i) => {
    col.width = i === 0 && t.columns[0] === '序号' ? 6 : Math.min(40, Math.max(10, ...t.rows.slice(0, 200).map((r) => (r[i]?.text.length ?? 0) * 1.8), (t.columns[i]?.length ?? 0) * 2));
  });
}

export async function bulletinWorkbook(b: Bulletin): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商通';
  wb.created = new Date();
  const heading = `${b.title}${b.issueLabel ? `（${b.issueLabel}）` : ''} ${b.periodLabel}`;
  addSheet(wb, '总体情况', figuresTable(b), [heading, b.opening.text]);
  const ranking = rankingTable(b, true);
  if (ranking) addSheet(wb, '考核排名', ranking, [`《${b.ranking!.schemeName}》第${b.ranking!.schemeVersion}版，考核期 ${b.ranking!.periodFrom} 至 ${b.ranking!.periodTo}`]);
  addSheet(wb, '目标进度', progressTable(b));
  for (const l of b.lists) addSheet(wb, l.title, listTable(l));
  addSheet(wb, '通报表扬', {
    key: 'commendations',
    title: '通报表扬',
    columns: ['名次', '单位', '总得分'],
    rows: b.commendations.map((c) => [
      { text: String(c.rank), value: String(c.rank), kind: 'count' },
      { text: c.unitName },
      { text: c.total, value: c.total, kind: 'count' },
    ]),
    note: b.commendations.length === 0 ? '本期无通报表扬单位。' : null,
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
