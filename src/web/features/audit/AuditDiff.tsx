import { useState } from 'react';
import { Checkbox, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/api/audit';
import { diffSnapshots, WHOLE_VALUE, type FieldChange } from './diff';
import { describeValue, fieldLabel } from './labels';

function Value({ field, value, tone }: { field: string; value: unknown; tone?: 'removed' | 'added' }) {
  const { t, i18n } = useTranslation();
  const text = describeValue(t, i18n.language, field, value);
  if (text === null) return <Typography.Text type="secondary">{t('audit.absent')}</Typography.Text>;
  return <span className={`zs-diff-value${tone ? ` zs-diff-${tone}` : ''}`}>{text}</span>;
}

/** Before/after of one audit entry, changed fields highlighted; unchanged ones on request. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const rows = diffSnapshots(entry.before, entry.after);
  const changedCount = rows.filter((r) => r.isChanged).length;
  const [isChangedOnly, setChangedOnly] = useState(changedCount > 0);
  // A new record (or a removed one) has one side only: show that side, not a column of "(none)".
  const side = entry.before == null ? 'after' : entry.after == null ? 'before' : null;
  const shown = side || !isChangedOnly ? rows : rows.filter((r) => r.isChanged);

  const fieldColumn = {
    title: t('audit.field'),
    dataIndex: 'field',
    width: 180,
    render: (field: string) => {
      const label = field === WHOLE_VALUE ? t('audit.wholeValue') : fieldLabel(t, field);
      return (
        <span>
          {label ?? field}
          {label && field !== WHOLE_VALUE && (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
              {field}
            </Typography.Text>
          )}
        </span>
      );
    },
  };
  const columns: TableColumnsType<FieldChange> = side
    ? [fieldColumn, { title: t('audit.value'), key: 'value', render: (_, r) => <Value field={r.field} value={r[side]} /> }]
    : [
        fieldColumn,
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (_, r) => <Value field={r.field} value={r.before} tone={r.isChanged ? 'removed' : undefined} />,
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (_, r) => <Value field={r.field} value={r.after} tone={r.isChanged ? 'added' : undefined} />,
        },
      ];

  return (
    <div style={{ padding: '4px 0' }}>
      <div style={{ display: rows.length ? 'flex' : 'none', flexWrap: 'wrap', gap: 16, alignItems: 'center', marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {!side
            ? t('audit.changedCount', { count: changedCount, total: rows.length })
            : entry.action === 'create'
              ? t('audit.createdFields', { total: rows.length })
              : t('audit.fieldCount', { total: rows.length })}
        </Typography.Text>
        {!side && rows.length > changedCount && changedCount > 0 && (
          <Checkbox checked={isChangedOnly} onChange={(e) => setChangedOnly(e.target.checked)}>
            {t('audit.changedOnly')}
          </Checkbox>
        )}
      </div>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('audit.noSnapshot')}</Typography.Text>
      ) : (
        <Table<FieldChange>
          size="small"
          bordered
          rowKey="field"
          pagination={false}
          dataSource={shown}
          rowClassName={(r) => (r.isChanged && !side ? 'zs-diff-changed' : '')}
          scroll={{ x: 560 }}
          columns={columns}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('audit.hash')}: <span className="zs-diff-value">{entry.hash}</span>
      </Typography.Paragraph>
    </div>
  );
}
