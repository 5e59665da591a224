import { Table, Typography } from 'antd';
import type { Bulletin } from '../../../shared/api/bulletins';
import { dateText, percentText, rankingIntroText } from '../../../shared/bulletin/format';
import { listTable, progressTable, rankingTable, type BulletinCell, type BulletinTable } from '../../../shared/bulletin/tables';

/*
 * The bulletin as it will print: the same sections, sentences and tables as the Word document
 * (bulletins.docx.ts), built from the same shared table definitions, so what is previewed is what
 * is downloaded. The document is Chinese whatever the interface language: it is an official text.
 */

const NUMERALS = ['一', '二', '三', '四', '五', '六'];

/** Project lists page by 20 on screen (the files hold every row); ranking and progress show whole. */
function PreviewTable({ table, isPaged = false }: { table: BulletinTable; isPaged?: boolean }) {
  if (table.rows.length === 0) return <p className="zs-bulletin-body">{table.note ?? '无。'}</p>;
  const columns = table.columns.map((title, i) => ({
    title,
    key: String(i),
    align: table.rows[0]?.[i]?.isCentred ? ('center' as const) : table.rows[0]?.[i]?.kind ? ('right' as const) : ('left' as const),
    render: (_: unknown, row: BulletinCell[]) => {
      const cell = row[i];
      if (!cell) return null;
      return cell.tone === 'behind' ? <strong className="zs-bulletin-behind">{cell.text}</strong> : cell.text;
    },
  }));
  return (
    <>
      <Table<BulletinCell[]>
        className="zs-bulletin-table"
        size="small"
        bordered
        columns={columns}
        dataSource={table.rows}
        rowKey={(_, i) => String(i)}
        pagination={isPaged && table.rows.length > 20 ? { pageSize: 20, showSizeChanger: false, size: 'small' } : false}
      />
      {table.note && <p className="zs-bulletin-note">{table.note}</p>}
    </>
  );
}

export function BulletinDocument({ bulletin: b }: { bulletin: Bulletin }) {
  let n = 0;
  const heading = (text: string) => <h3 className="zs-bulletin-h1">{`${NUMERALS[n++]}、${text}`}</h3>;
  const lists = new Map(b.lists.map((l) => [l.key, l]));
  const ranking = rankingTable(b, false);
  const annex = rankingTable(b, true);
  return (
    <article className="zs-bulletin-paper" aria-label={b.title}>
      <h2 className="zs-bulletin-title">{b.title}</h2>
      {b.issueLabel && <div className="zs-bulletin-issue">（{b.issueLabel}）</div>}
      <div className="zs-bulletin-issuer">
        <span>{b.issuer}</span>
        <span>{dateText(b.issuedOn)}</span>
      </div>

      {heading('总体情况')}
      <p className="zs-bulletin-body" data-testid="bulletin-opening">
        {b.opening.text}
      </p>

      {heading('考核排名')}
      {b.ranking && ranking ? (
        <>
          <p className="zs-bulletin-body">{rankingIntroText({ ...b.ranking, shown: b.ranking.rows.length })}</p>
          <PreviewTable table={ranking} />
        </>
      ) : (
        <p className="zs-bulletin-body">本期暂无已发布的考核结果。</p>
      )}

      {heading('目标任务完成情况')}
      <p className="zs-bulletin-body">
        截至{dateText(b.progress.asOf)}，全年时序进度为{percentText(b.progress.timeProgress)}。完成率低于时序进度的，以红色加粗标出。
      </p>
      <PreviewTable table={progressTable(b)} />

      {heading('重点项目进展')}
      {(['signed', 'started', 'producing'] as const).map((key, i) => {
        const l = lists.get(key);
        return l ? (
          <section key={key}>
            <h4 className="zs-bulletin-h2">{`（${NUMERALS[i]}）${l.title}${l.count}个`}</h4>
            <PreviewTable table={listTable(l)} isPaged />
          </section>
        ) : null;
      })}

      {heading('需要关注的问题')}
      {(['stalled', 'signed_not_started'] as const).map((key, i) => {
        const l = lists.get(key);
        return l ? (
          <section key={key}>
            <h4 className="zs-bulletin-h2">{`（${NUMERALS[i]}）${l.title}${l.count}个`}</h4>
            <PreviewTable table={listTable(l)} isPaged />
          </section>
        ) : null;
      })}

      {heading('通报表扬')}
      {b.commendations.length === 0 ? (
        <p className="zs-bulletin-body">本期无通报表扬单位。</p>
      ) : (
        <p className="zs-bulletin-body">
          对考核排名靠前的{b.commendations.map((c) => c.unitName).join('、')}予以通报表扬。希望受表扬的单位再接再厉，其他单位对标先进、比学赶超，确保完成全年目标任务。
        </p>
      )}

      {annex && annex.rows.length > 0 && (
        <section className="zs-bulletin-annex">
          <Typography.Text strong>附表</Typography.Text>
          <h3 className="zs-bulletin-annex-title">{b.ranking!.schemeName}得分明细</h3>
          <PreviewTable table={annex} />
        </section>
      )}
    </article>
  );
}
