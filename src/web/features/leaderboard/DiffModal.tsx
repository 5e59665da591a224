import { Alert, Button, Modal, Space, Spin, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordRef } from '../../../shared/assessment/items';
import type { ResultChange } from '../../../shared/assessment/diff';
import { QueryError } from '../../components/QueryError';
import { formatScore, recordLookup } from './leaderboard-format';
import { RecordName, type Lookup } from './RecordTables';
import { useRunDiff, type Run } from './leaderboard.queries';

/** Records that entered or left an item: the count, then each record (projects linked). */
function RefList({ label, refs, lookup }: { label: string; refs: RecordRef[]; lookup: Lookup }) {
  return (
    <Space orientation="vertical" size={0} align="end">
      <span>{label}</span>
      {refs.slice(0, 5).map((r) => (
        <RecordName key={`${r.kind}:${r.id}`} r={r} name={lookup(r.kind, r.id)?.record.name} />
      ))}
      {refs.length > 5 && <span>…</span>}
    </Space>
  );
}

/** One change in words: what moved, before and after (scores with two decimals, records as counts). */
function useChangeText(run: Run) {
  const { t } = useTranslation();
  const labels = new Map((run.result.units[0]?.items ?? []).map((i) => [i.itemId, i.label]));
  const itemName = (id: string) => labels.get(id) ?? id;
  return (c: ResultChange): { what: string; before: ReactNode; after: ReactNode } => {
    switch (c.kind) {
      case 'total':
        return { what: t('leaderboard.diffKinds.total'), before: formatScore(c.before), after: formatScore(c.after) };
      case 'rank':
        return { what: t('leaderboard.diffKinds.rank'), before: c.before, after: c.after };
      case 'item_score':
        return { what: t('leaderboard.diffKinds.item_score', { item: itemName(c.itemId) }), before: formatScore(c.before), after: formatScore(c.after) };
      case 'item_records': {
        // Names from the published snapshot (a record new since then may not be in it: shown by number).
        const lookup = recordLookup(run.inputs.units.find((u) => u.unitId === c.unitId), undefined);
        return {
          what: t('leaderboard.diffKinds.item_records', { item: itemName(c.itemId) }),
          before: c.removed.length > 0 ? <RefList label={t('leaderboard.diffRemoved', { count: c.removed.length })} refs={c.removed} lookup={lookup} /> : '—',
          after: c.added.length > 0 ? <RefList label={t('leaderboard.diffAdded', { count: c.added.length })} refs={c.added} lookup={lookup} /> : '—',
        };
      }
      case 'unit_added':
      case 'unit_removed':
        return { what: t(`leaderboard.diffKinds.${c.kind}`), before: '—', after: '—' };
    }
  };
}

function DiffBody({ run }: { run: Run }) {
  const { t } = useTranslation();
  const diff = useRunDiff(run.id, true);
  const text = useChangeText(run);
  if (diff.isPending) {
    return (
      <Space size={8}>
        <Spin size="small" />
        <Typography.Text type="secondary">{t('leaderboard.diffLoading')}</Typography.Text>
      </Space>
    );
  }
  if (diff.isError) return <QueryError error={diff.error} onRetry={() => void diff.refetch()} />;
  if (diff.data.isUnchanged || diff.data.changes.length === 0) return <Alert type="success" showIcon title={t('leaderboard.diffUnchanged')} />;
  // diffResults lists a unit's changes together: the unit's name spans them.
  const changes = diff.data.changes;
  const rows = changes.map((c, i) => {
    const isFirst = i === 0 || changes[i - 1]!.unitId !== c.unitId;
    let span = 0;
    if (isFirst) while (changes[i + span]?.unitId === c.unitId) span += 1;
    return { key: i, unit: c.name, span, ...text(c) };
  });
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Text strong>{t('leaderboard.diffCount', { count: rows.length })}</Typography.Text>
      <Table
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ y: 460 }}
        columns={[
          { title: t('leaderboard.diffColUnit'), dataIndex: 'unit', onCell: (row) => ({ rowSpan: row.span }) },
          { title: t('leaderboard.diffColWhat'), dataIndex: 'what' },
          { title: t('leaderboard.diffColBefore'), dataIndex: 'before', align: 'right' },
          { title: t('leaderboard.diffColAfter'), dataIndex: 'after', align: 'right' },
        ]}
      />
    </Space>
  );
}

/** 与最新数据对比: the published (frozen) run re-scored on today's data; mounted only while open, so it computes on demand. */
export function DiffModal({ run, open, onClose }: { run: Run; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t('leaderboard.diffTitle')}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={<Button onClick={onClose}>{t('leaderboard.close')}</Button>}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Alert type="info" title={t('leaderboard.diffIntro')} />
        {open && <DiffBody run={run} />}
      </Space>
    </Modal>
  );
}
