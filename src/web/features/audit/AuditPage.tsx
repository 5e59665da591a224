import { useEffect, useState } from 'react';
import { Button, Card, DatePicker, Grid, Input, Select, Table, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/api/audit';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useAuditLog, type AuditFilters } from './audit.queries';
import { useAuditColumns } from './audit-columns';
import { AuditDiff } from './AuditDiff';
import { actionLabel, AUDIT_ACTIONS, AUDIT_ENTITIES, entityLabel } from './labels';

const PAGE_SIZES = [20, 50, 100];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Filters from the query string (?entity=&entityId=&actorId=&action=&from=&to=&page=&pageSize=). */
export function readAuditFilters(params: URLSearchParams): AuditFilters {
  const actorId = Number(params.get('actorId'));
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    entity: params.get('entity') || undefined,
    entityId: params.get('entityId')?.trim() || undefined,
    actorId: Number.isInteger(actorId) && actorId > 0 ? actorId : undefined,
    action: params.get('action') || undefined,
    from: DATE.test(from) ? from : undefined,
    to: DATE.test(to) ? to : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** 审计日志: who did what to which record, when and from where, with the field-level diff. */
export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readAuditFilters(params);
  const log = useAuditLog(filters);
  const [entityId, setEntityId] = useState(filters.entityId ?? '');
  useEffect(() => setEntityId(filters.entityId ?? ''), [filters.entityId]);

  const patch = (changes: Record<string, string | undefined>) => {
    setParams((p) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '') p.delete(key);
        else p.set(key, value);
      }
      if (!('page' in changes)) p.delete('page');
      return p;
    });
  };

  const isPhone = Grid.useBreakpoint().md === false;
  const columns = useAuditColumns(
    {
      onActor: (actorId) => patch({ actorId: String(actorId) }),
      onTarget: (entity, id) => patch({ entity, entityId: id ?? undefined }),
    },
    isPhone,
  );

  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null =
    filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null;

  return (
    <>
      <PageHeader title={t('nav.audit')} description={t('audit.description')} />
      <Card size="small">
        <div className="zs-filter-bar" role="search">
          <Select<string>
            aria-label={t('audit.entity')}
            placeholder={t('audit.allEntities')}
            value={filters.entity}
            onChange={(v) => patch({ entity: v })}
            options={AUDIT_ENTITIES.map((e) => ({ value: e, label: entityLabel(t, e) }))}
            allowClear
            style={{ width: 140 }}
          />
          <Input.Search
            aria-label={t('audit.entityId')}
            placeholder={t('audit.entityId')}
            value={entityId}
            onChange={(e) => setEntityId(e.target.value)}
            onSearch={(v) => patch({ entityId: v.trim() || undefined })}
            allowClear
            style={{ width: 160 }}
          />
          <Select<string>
            aria-label={t('audit.action')}
            placeholder={t('audit.allActions')}
            value={filters.action}
            onChange={(v) => patch({ action: v })}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) }))}
            allowClear
            style={{ width: 140 }}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.dateRange')}
            value={range}
            allowEmpty={[true, true]}
            onChange={(dates) =>
              patch({ from: dates?.[0]?.format('YYYY-MM-DD') ?? undefined, to: dates?.[1]?.format('YYYY-MM-DD') ?? undefined })
            }
            style={{ width: 260 }}
          />
          {filters.actorId !== undefined && (
            <Tag closable onClose={() => patch({ actorId: undefined })} style={{ margin: 0, padding: '4px 8px' }}>
              {t('audit.actorFilter', { id: filters.actorId })}
            </Tag>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => setParams(new URLSearchParams())}>
            {t('common.reset')}
          </Button>
        </div>
        {log.isError ? (
          <QueryError error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={log.data?.items ?? []}
            loading={log.isFetching}
            scroll={isPhone ? undefined : { x: 960 }}
            showHeader={!isPhone}
            expandable={{ expandedRowRender: (entry) => <AuditDiff entry={entry} />, columnWidth: 40 }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: log.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) =>
                patch({ page: page > 1 ? String(page) : undefined, pageSize: pageSize === 20 ? undefined : String(pageSize) }),
            }}
          />
        )}
      </Card>
    </>
  );
}
