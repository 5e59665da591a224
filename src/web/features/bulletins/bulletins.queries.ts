import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Bulletin } from '../../../shared/api/bulletins';
import { api, toQueryString } from '../../api/client';
import type { RunSummary } from '../leaderboard/leaderboard.queries';

/** What the page asks a bulletin for (bulletinQuery). */
export interface BulletinRequest {
  from: string;
  to: string;
  unit?: number;
  run?: number;
  issueNo?: number;
  commend: number;
}

const params = (r: BulletinRequest) => ({ from: r.from, to: r.to, unit: r.unit, run: r.run, issueNo: r.issueNo, commend: r.commend });

export function useBulletinPreview(request: BulletinRequest, enabled: boolean) {
  return useQuery({
    queryKey: ['bulletins', 'preview', params(request)],
    queryFn: ({ signal }) => api.get<Bulletin>('/api/bulletins/preview', params(request), signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function bulletinFilePath(kind: 'docx' | 'xlsx', request: BulletinRequest): string {
  return `/api/bulletins.${kind}${toQueryString(params(request))}`;
}

/** Published runs only: a bulletin ranks by a frozen result. */
export function usePublishedRuns() {
  return useQuery({
    queryKey: ['assessment-runs', 'list', 'published'],
    queryFn: ({ signal }) => api.get<{ items: RunSummary[]; total: number }>('/api/assessment-runs', { status: 'published', pageSize: 100 }, signal),
  });
}
