import { useState } from 'react';
import { Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportRow } from '../../../shared/api/import';
import { FIELDS_BY_KEY, type FieldKey as CatalogueKey } from '../../../shared/import/columns';
import { QueryError } from '../../components/QueryError';
import { labelLang } from '../../i18n';
import { useImportRows, type RowAction } from './import.queries';
import { paren } from '../project-detail/labels';

const ACTION_COLORS: Record<RowAction, string> = { create: 'green', update: 'blue', unchanged: 'default', error: 'red' };
const VIEWS = ['all', 'error', 'create', 'update', 'unchanged'] as const;
type View = (typeof VIEWS)[number];

function Issues({ items, type }: { items: ImportRow['errors']; type: 'danger' | 'warning' }) {
  return (
    <Space orientation="vertical" size={0}>
      {items.map((i, n) => (
        <Typography.Text key={n} type={type} style={{ fontSize: 13 }}>
          {i.column ? <Typography.Text strong type={type}>{`「${i.column}」`}</Typography.Text> : null}
          {i.message}
          {i.value ? <Typography.Text type="secondary">{paren(i.value)}</Typography.Text> : null}
        </Typography.Text>
      ))}
    </Space>
  );
}

/** 预览明细: what each row will do, with every problem named by row and column; paged by the server. */
export function ImportRows({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const [view, setView] = useState<View>(job.counts.error > 0 ? 'error' : 'all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const rows = useImportRows(job.id, view === 'all' ? undefined : view, page, pageSize, true);
  const fieldName = (key: string) => {
    const f = FIELDS_BY_KEY.get(key as CatalogueKey);
    return f ? (lang === 'zh' ? f.zh : f.en) : key;
  };
  const count = (v: View) => (v === 'all' ? job.counts.rows : job.counts[v]);

  const columns: TableColumnsType<ImportRow> = [
    { title: t('importer.row'), dataIndex: 'row', width: 70 },
    { title: t('importer.action'), dataIndex: 'action', width: 90, render: (v: RowAction) => <Tag color={ACTION_COLORS[v]}>{t(`importer.actions.${v}`)}</Tag> },
    {
      title: t('importer.project'),
      key: 'name',
      width: 260,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.name ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.unitName, r.investorName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('importer.detail'),
      key: 'detail',
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          {r.errors.length > 0 && <Issues items={r.errors} type="danger" />}
          {r.warnings.length > 0 && <Issues items={r.warnings} type="warning" />}
          {r.changes.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('importer.changes', { fields: r.changes.map(fieldName).join('、') })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="zs-filter-bar">
        <Segmented<View>
          value={view}
          onChange={(v) => {
            setView(v);
            setPage(1);
          }}
          options={VIEWS.map((v) => ({ value: v, label: `${t(`importer.views.${v}`)} ${count(v)}` }))}
        />
      </div>
      {rows.isError ? (
        <QueryError error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <Table<ImportRow>
          rowKey="row"
          size="small"
          columns={columns}
          dataSource={rows.data?.items ?? []}
          loading={rows.isFetching}
          scroll={{ x: 720 }}
          pagination={{
            current: page,
            pageSize,
            total: rows.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
        />
      )}
    </>
  );
}
