import { Empty, Pagination, Segmented, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONFLICT_STATUSES, type ConflictStatus } from '../../../shared/api/referrals';
import { QueryError } from '../../components/QueryError';
import { ConflictCard } from './ConflictCard';
import { useConflicts } from './referrals.queries';

const PAGE_SIZE = 10;
type View = ConflictStatus | 'all';
const VIEWS: View[] = [...CONFLICT_STATUSES, 'all'];

/** 冲突裁定: conflicts for the bureau, oldest first, both registrations side by side. */
export function ConflictList({ params, patch, onOpen }: { params: URLSearchParams; patch: (c: Record<string, string | undefined>) => void; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const view = (VIEWS as string[]).includes(params.get('cstatus') ?? '') ? (params.get('cstatus') as View) : 'open';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const conflicts = useConflicts(view, page, PAGE_SIZE, true);
  return (
    <>
      <div className="zs-filter-bar">
        <Segmented<View>
          value={view}
          options={VIEWS.map((v) => ({ value: v, label: v === 'all' ? t('referrals.all') : t(`referrals.conflictStatus.${v}`) }))}
          onChange={(v) => patch({ cstatus: v === 'open' ? undefined : v })}
        />
      </div>
      {conflicts.isError ? (
        <QueryError error={conflicts.error} onRetry={() => void conflicts.refetch()} />
      ) : !conflicts.data ? (
        <Spin />
      ) : conflicts.data.total === 0 ? (
        <Empty description={view === 'open' ? t('referrals.noOpenConflicts') : t('referrals.noConflicts')} />
      ) : (
        <>
          {conflicts.data.items.map((c) => (
            <ConflictCard key={c.id} conflict={c} onOpen={onOpen} />
          ))}
          <Pagination
            size="small"
            current={page}
            pageSize={PAGE_SIZE}
            total={conflicts.data.total}
            onChange={(p) => patch({ page: p > 1 ? String(p) : undefined })}
            showTotal={(total) => t('common.total', { total })}
            hideOnSinglePage
          />
        </>
      )}
    </>
  );
}
