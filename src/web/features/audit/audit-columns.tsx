import { Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/api/audit';
import { formatDateTime } from '../../format';
import { changedFields } from './diff';
import { actionColor, actionLabel, actorLabel, entityLabel, fieldLabel, recordName } from './labels';

const BOOKKEEPING = new Set(['updatedAt', 'passwordChangedAt', 'lastLoginAt']);

interface Filters {
  onActor: (actorId: number) => void;
  onTarget: (entity: string, entityId: string | null) => void;
}

function Actor({ entry, onActor }: { entry: AuditEntry; onActor: Filters['onActor'] }) {
  const { t } = useTranslation();
  const label = actorLabel(t, entry.actorId, entry.actorName);
  if (entry.actorId === null) return <Typography.Text type="secondary">{label}</Typography.Text>;
  const actorId = entry.actorId;
  return (
    <Tooltip title={t('audit.filterByActor')}>
      <Typography.Link onClick={() => onActor(actorId)}>{label}</Typography.Link>
    </Tooltip>
  );
}

function Target({ entry, onTarget }: { entry: AuditEntry; onTarget: Filters['onTarget'] }) {
  const { t } = useTranslation();
  const name = entry.entity === 'session' ? null : recordName(entry.before, entry.after);
  return (
    <span>
      <Tooltip title={t('audit.filterByTarget')}>
        <Typography.Link onClick={() => onTarget(entry.entity, entry.entityId)}>
          {entityLabel(t, entry.entity)}
          {entry.entityId !== null && ` #${entry.entityId}`}
        </Typography.Link>
      </Tooltip>
      {name && <Typography.Text type="secondary"> · {name}</Typography.Text>}
    </span>
  );
}

/** Changed fields in words; a new record says so instead of listing every field. Null: nothing to say. */
function summaryOf(t: TFunction, entry: AuditEntry): string | null {
  if (entry.entity === 'session') return null;
  if (entry.action === 'create') return t('audit.newRecord');
  const changed = changedFields(entry.before, entry.after);
  // Bookkeeping fields change with every edit; name them only when nothing else changed.
  const meaningful = changed.filter((f) => !BOOKKEEPING.has(f));
  const fields = meaningful.length ? meaningful : changed;
  return fields.length ? fields.map((f) => fieldLabel(t, f) ?? f).join(t('audit.listSeparator')) : null;
}

export function useAuditColumns(filters: Filters, isPhone: boolean): TableColumnsType<AuditEntry> {
  const { t } = useTranslation();
  const action = (v: string) => (
    <Tag color={actionColor(v)} style={{ marginInlineEnd: 0 }}>
      {actionLabel(t, v)}
    </Tag>
  );

  if (isPhone) {
    return [
      {
        title: t('nav.audit'),
        key: 'entry',
        render: (_, e) => (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            <span style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
              {action(e.action)}
              <Target entry={e} onTarget={filters.onTarget} />
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at, true)} · <Actor entry={e} onActor={filters.onActor} />
            </Typography.Text>
            {summaryOf(t, e) && <span style={{ fontSize: 12 }}>{summaryOf(t, e)}</span>}
          </div>
        ),
      },
    ];
  }

  return [
    { title: t('audit.time'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v, true) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 170, ellipsis: true, render: (_, e) => <Actor entry={e} onActor={filters.onActor} /> },
    { title: t('audit.action'), dataIndex: 'action', width: 100, render: (v: string) => action(v) },
    { title: t('audit.target'), dataIndex: 'entity', width: 240, ellipsis: true, render: (_, e) => <Target entry={e} onTarget={filters.onTarget} /> },
    {
      title: t('audit.changes'),
      key: 'changes',
      ellipsis: true,
      render: (_, e) => summaryOf(t, e) ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, responsive: ['lg'], render: (v: string | null) => v ?? '—' },
  ];
}
