import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ExcludedRecord } from '../../../shared/assessment/exclusions';
import type { RecordRef, ScoreLine } from '../../../shared/assessment/items';
import { labelLang } from '../../i18n';
import { formatFigure, kindOf, sumOf } from '../dashboard/figures';
import { formatScore, type SnapshotRecord } from './leaderboard-format';

/** The snapshot record behind a reference, and whether its value is this item's metric's. */
export type Lookup = (kind: string, id: number) => { record: SnapshotRecord; isOfMetric: boolean } | undefined;

const PAGE = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } as const;

/** Groups (a run past the record bound) largest first; records keep the engine's order. */
function byLargest<T extends { kind: string }>(rows: T[], size: (row: T) => string | undefined): T[] {
  if (!rows.some((r) => r.kind === 'group')) return rows;
  return [...rows].sort((a, b) => Number(size(b) ?? 0) - Number(size(a) ?? 0));
}

/** A record in words: a project by its name (linked), any other record by kind and number. */
export function RecordName({ r, name }: { r: RecordRef; name: string | null | undefined }) {
  const { t } = useTranslation();
  if (r.kind === 'project') return <Link to={`/projects/${r.id}`}>{name ?? t('leaderboard.recordOf', { kind: t('leaderboard.recordKinds.project'), id: r.id })}</Link>;
  // A group (a run past the record bound) is described by the server: how many records, and what they share.
  if (r.kind === 'group') return <span>{name ?? t('leaderboard.groupOf', { count: r.count ?? 1 })}</span>;
  return <span>{t('leaderboard.recordOf', { kind: t(`leaderboard.recordKinds.${r.kind}`), id: r.id })}</span>;
}

/** The project a tranche or follow-up belongs to (the project itself for a project record). */
function ProjectOf({ r, snapshot }: { r: RecordRef; snapshot: SnapshotRecord | undefined }) {
  if (r.kind === 'project' || snapshot?.projectId == null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Link to={`/projects/${snapshot.projectId}`}>{snapshot.name ?? `#${snapshot.projectId}`}</Link>;
}

function useValueText(metric: string | undefined) {
  const { i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  return (value: string | undefined) => (value === undefined || metric === undefined ? '—' : formatFigure(metric, value, lang));
}

/** The records behind an item's score, each with its contribution to the metric and, for amounts, their total. */
export function RecordsTable({ records, lookup, metric }: { records: RecordRef[]; lookup: Lookup; metric: string | undefined }) {
  const { t } = useTranslation();
  const valueText = useValueText(metric);
  if (records.length === 0) return <Typography.Text type="secondary">{t('leaderboard.noRecords')}</Typography.Text>;
  const valueOf = (r: RecordRef): string | undefined => {
    const hit = lookup(r.kind, r.id);
    return hit?.isOfMetric ? (hit.record.value ?? '1') : undefined;
  };
  // A project count's records each count 1: the heading already gives the number (a group's count is its value).
  const showValue = metric !== undefined && (kindOf(metric) !== 'count' || records.some((r) => r.kind === 'group'));
  // A group is described in its own words; only a tranche or follow-up has a project to name.
  const showProject = records.some((r) => r.kind !== 'project' && r.kind !== 'group');
  const values = records.map(valueOf);
  const total = values.every((v): v is string => v !== undefined) ? sumOf(values) : null;
  const columns: ColumnsType<RecordRef> = [
    { title: t('leaderboard.colRecord'), key: 'record', render: (_, r) => <RecordName r={r} name={lookup(r.kind, r.id)?.record.name} /> },
    ...(showProject ? [{ title: t('leaderboard.colProject'), key: 'project', render: (_: unknown, r: RecordRef) => <ProjectOf r={r} snapshot={lookup(r.kind, r.id)?.record} /> }] : []),
    ...(showValue ? [{ title: t('leaderboard.colValue'), key: 'value', align: 'right' as const, render: (_: unknown, r: RecordRef) => <span className="zs-lb-num">{valueText(valueOf(r))}</span> }] : []),
  ];
  return (
    <Table<RecordRef>
      size="small"
      rowKey={(r) => `${r.kind}:${r.id}`}
      dataSource={byLargest(records, (r) => valueOf(r))}
      pagination={PAGE}
      columns={columns}
      summary={() =>
        showValue && total !== null && records.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={columns.length - 1}>
              <Typography.Text strong>{t('leaderboard.recordsTotal')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong className="zs-lb-num">
                {valueText(total)}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

/** Record-level items (tiers, penalties, required counts): each record's points and why. */
export function LinesTable({ lines, lookup }: { lines: ScoreLine[]; lookup: Lookup }) {
  const { t } = useTranslation();
  return (
    <Table<ScoreLine>
      size="small"
      rowKey={(l, i) => `${l.kind}:${l.id}:${i ?? 0}`}
      dataSource={byLargest(lines, (l) => l.points.replace('-', ''))}
      pagination={PAGE}
      columns={[
        { title: t('leaderboard.colRecord'), key: 'record', render: (_, l) => <RecordName r={l} name={l.name ?? lookup(l.kind, l.id)?.record.name} /> },
        ...(lines.some((l) => l.kind !== 'group') ? [{ title: t('leaderboard.colProject'), key: 'project', render: (_: unknown, l: ScoreLine) => <ProjectOf r={l} snapshot={lookup(l.kind, l.id)?.record} /> }] : []),
        { title: t('leaderboard.colPoints'), dataIndex: 'points', align: 'right', render: (p: string) => formatScore(p) },
        { title: t('leaderboard.colWhy'), dataIndex: 'why' },
      ]}
    />
  );
}

/** Records the scheme's exclusions removed, with the rule (written in Chinese by the engine). */
export function ExcludedTable({ excluded, lookup, metric }: { excluded: ExcludedRecord[]; lookup: Lookup; metric: string | undefined }) {
  const { t } = useTranslation();
  const valueText = useValueText(metric);
  return (
    <Table<ExcludedRecord>
      size="small"
      rowKey={(r) => `${r.kind}:${r.id}`}
      dataSource={byLargest(excluded, (r) => r.value)}
      pagination={PAGE}
      columns={[
        { title: t('leaderboard.colRecord'), key: 'record', render: (_, r) => <RecordName r={r} name={lookup(r.kind, r.id)?.record.name} /> },
        ...(excluded.some((r) => r.kind !== 'group') ? [{ title: t('leaderboard.colProject'), key: 'project', render: (_: unknown, r: ExcludedRecord) => <ProjectOf r={r} snapshot={lookup(r.kind, r.id)?.record} /> }] : []),
        { title: t('leaderboard.colValue'), dataIndex: 'value', align: 'right', render: (v: string) => valueText(v) },
        { title: t('leaderboard.colRule'), dataIndex: 'rule' },
      ]}
    />
  );
}
