import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectFunds, Tranche, TrancheInput } from '../../../shared/api/funds';
import { api, pathOf } from '../../api/client';
import type { Page } from '../users/users.queries';
import { detailKeys } from './project-detail.queries';

export type TrancheStatus = Tranche['status'];

export const fundsKey = (projectId: number) => [...detailKeys.project(projectId), 'funds'] as const;

/** 实际到位资金 of one project: tranches and totals. */
export function useProjectFunds(projectId: number, enabled = true) {
  return useQuery({
    queryKey: fundsKey(projectId),
    queryFn: ({ signal }) => api.get<ProjectFunds>(pathOf('/api/projects', projectId, 'funds'), undefined, signal),
    enabled,
  });
}

/** A report or a decision changes the project's totals, the queue and the audit trail. */
function useInvalidateFunds() {
  const queryClient = useQueryClient();
  return (projectId: number) => {
    void queryClient.invalidateQueries({ queryKey: fundsKey(projectId) });
    void queryClient.invalidateQueries({ queryKey: ['funds'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
    void queryClient.invalidateQueries({ queryKey: ['stats'] });
  };
}

export function useReportTranche(projectId: number) {
  const invalidate = useInvalidateFunds();
  return useMutation({
    mutationFn: (body: TrancheInput) => api.post<Tranche>(pathOf('/api/projects', projectId, 'funds'), body),
    onSuccess: () => invalidate(projectId),
  });
}

export function useVerifyTranche() {
  const invalidate = useInvalidateFunds();
  return useMutation({
    mutationFn: ({ f, note }: { f: Tranche; note: string | null }) => api.post<Tranche>(pathOf('/api/projects', f.projectId, 'funds', f.id, 'verify'), { note }),
    onSuccess: (f) => invalidate(f.projectId),
  });
}

export function useRejectTranche() {
  const invalidate = useInvalidateFunds();
  return useMutation({
    mutationFn: ({ f, reason }: { f: Tranche; reason: string }) => api.post<Tranche>(pathOf('/api/projects', f.projectId, 'funds', f.id, 'reject'), { reason }),
    onSuccess: (f) => invalidate(f.projectId),
  });
}

export interface FundsFilters {
  status: TrancheStatus;
  unit?: number;
  page: number;
  pageSize: number;
}

/** 到位资金审核队列, scoped by the server. */
export function useFundsQueue(filters: FundsFilters, enabled = true) {
  return useQuery({
    queryKey: ['funds', 'queue', filters],
    queryFn: ({ signal }) => api.get<Page<Tranche>>('/api/funds', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
