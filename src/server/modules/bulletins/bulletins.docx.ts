import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Bulletin } from '../../../shared/api/bulletins.js';
import { dateText, percentText, rankingIntroText } from '../../../shared/bulletin/format.js';
import { listTable, progressTable, rankingTable, type BulletinTable } from '../../../shared/bulletin/tables.js';

/*
 * The bulletin as a Word document laid out the way government documents are (GB/T 9704): A4,
 * title in 小标宋 二号, body in 仿宋 三号 with a two-character first-line indent, headings 一、 in
 * 黑体 and （一） in 楷体, tables in 仿宋 五号. The fonts are named; Word substitutes what the
 * reader's machine has. The annex with every item's score is a landscape page.
 */

const FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体', subheading: '楷体_GB2312' };
const SIZE = { title: 44, body: 32, table: 21 }; // half-points: 二号 22pt, 三号 16pt, 五号 10.5pt
const RED = 'C00000';
const MM = 56.7; // twips per millimetre

const run = (text: string, font: string, size: number, opts: { bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font }, size, bold: opts.bold, color: opts.color });

const body = (text: string) =>
  new Paragraph({ children: [run(text, FONT.body, SIZE.body)], indent: { firstLine: 640 }, spacing: { line: 560, lineRule: 'exact' }, alignment: AlignmentType.JUSTIFIED });
const heading = (text: string) => new Paragraph({ children: [run(text, FONT.heading, SIZE.body)], indent: { firstLine: 640 }, spacing: { line: 560, lineRule: 'exact' } });
const subheading = (text: string) =>
  new Paragraph({ children: [run(text, FONT.subheading, SIZE.body)], indent: { firstLine: 640 }, spacing: { line: 560, lineRule: 'exact' } });

/**
 * A table cell's text in the document's default run (仿宋 五号, set once in its styles): a province's
 * bulletin has ~10,000 cells, and a font and size on each of them doubled the time to write it.
 */
function cellParagraph(text: string, opts: { bold?: boolean; color?: string; align: (typeof AlignmentType)[keyof typeof AlignmentType] }) {
  return new Paragraph({ children: [new TextRun({ text, bold: opts.bold, color: opts.color })], alignment: opts.align });
}

function table(t: BulletinTable): Table {
  const header = new TableRow({
    tableHeader: true,
    children: t.columns.map(
      (c) => new TableCell({ children: [cellParagraph(c, { bold: true, align: AlignmentType.CENTER })], verticalAlign: VerticalAlign.CENTER, shading: { fill: 'EDEDED' } }),
    ),
  });
  const rows = t.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.map(
          (c) =>
            new TableCell({
              verticalAlign: VerticalAlign.CENTER,
              children: [
                cellParagraph(c.text, {
                  bold: c.tone === 'behind' ? true : undefined,
                  color: c.tone === 'behind' ? RED : undefined,
                  align: c.isCentred ? AlignmentType.CENTER : c.kind ? AlignmentType.RIGHT : AlignmentType.LEFT,
                }),
              ],
            }),
        ),
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } });
}

/** A table, or its note when it has no rows; the note under it otherwise. */
function tableBlock(t: BulletinTable): (Paragraph | Table)[] {
  if (t.rows.length === 0) return [body(t.note ?? '无。')];
  return [table(t), ...(t.note ? [new Paragraph({ children: [run(t.note, FONT.body, SIZE.table)] })] : [])];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function bulletinParagraphs(b: Bulletin): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let section = 0;
  const h = (t: string) => out.push(heading(`${NUMERALS[section++]}、${t}`));

  out.push(new Paragraph({ children: [run(b.title, FONT.title, SIZE.title)], alignment: AlignmentType.CENTER, spacing: { after: 200 } }));
  if (b.issueLabel) out.push(new Paragraph({ children: [run(`（${b.issueLabel}）`, FONT.subheading, SIZE.body)], alignment: AlignmentType.CENTER }));
  out.push(
    new Paragraph({
      children: [run(b.issuer, FONT.body, SIZE.body), run(`\t${dateText(b.issuedOn)}`, FONT.body, SIZE.body)],
      tabStops: [{ type: TabStopType.RIGHT, position: 8850 }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 6 } },
      spacing: { before: 200, after: 400 },
    }),
  );

  h('总体情况');
  out.push(body(b.opening.text));

  h('考核排名');
  const ranking = rankingTable(b, false);
  if (!b.ranking || !ranking) out.push(body('本期暂无已发布的考核结果。'));
  else {
    out.push(body(rankingIntroText({ ...b.ranking, shown: b.ranking.rows.length })));
    out.push(...tableBlock(ranking));
  }

  h('目标任务完成情况');
  out.push(body(`截至${dateText(b.progress.asOf)}，全年时序进度为${percentText(b.progress.timeProgress)}。完成率低于时序进度的，以红色加粗标出。`));
  out.push(...tableBlock(progressTable(b)));

  h('重点项目进展');
  const lists = new Map(b.lists.map((l) => [l.key, l]));
  let sub = 0;
  for (const key of ['signed', 'started', 'producing'] as const) {
    const l = lists.get(key);
    if (!l) continue;
    out.push(subheading(`（${NUMERALS[sub++]}）${l.title}${l.count}个`));
    out.push(...tableBlock(listTable(l)));
  }

  h('需要关注的问题');
  sub = 0;
  for (const key of ['stalled', 'signed_not_started'] as const) {
    const l = lists.get(key);
    if (!l) continue;
    out.push(subheading(`（${NUMERALS[sub++]}）${l.title}${l.count}个`));
    out.push(...tableBlock(listTable(l)));
  }

  h('通报表扬');
  if (b.commendations.length === 0) out.push(body('本期无通报表扬单位。'));
  else {
    const names = b.commendations.map((c) => c.unitName).join('、');
    out.push(body(`对考核排名靠前的${names}予以通报表扬。希望受表扬的单位再接再厉，其他单位对标先进、比学赶超，确保完成全年目标任务。`));
    out.push(
      ...tableBlock({
        key: 'commendations',
        title: '通报表扬',
        columns: ['名次', '单位', '总得分'],
        rows: b.commendations.map((c) => [{ text: String(c.rank), isCentred: true }, { text: c.unitName }, { text: c.total, kind: 'count' }]),
        note: null,
      }),
    );
  }
  return out;
}

export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const margin = { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
  const sections: ISectionOptions[] = [{ properties: { page: { margin } }, children: bulletinParagraphs(b) }];
  const annex = rankingTable(b, true);
  if (annex && annex.rows.length > 0) {
    sections.push({
      properties: { page: { margin, size: { orientation: PageOrientation.LANDSCAPE } } },
      children: [
        new Paragraph({ children: [run('附表', FONT.heading, SIZE.body)] }),
        new Paragraph({ children: [run(`${b.ranking!.schemeName}得分明细`, FONT.title, 36)], alignment: AlignmentType.CENTER, spacing: { after: 200 } }),
        ...tableBlock(annex),
      ],
    });
  }
  const doc = new Document({
    creator: '招商通',
    title: b.title,
    description: `${b.periodLabel}招商引资工作通报`,
    styles: { default: { document: { run: { font: { ascii: FONT.body, eastAsia: FONT.body, hAnsi: FONT.body }, size: SIZE.table } } } },
    sections,
  });
  return Packer.toBuffer(doc);
}
