import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Transition } from '../../../shared/api/projects';
import { api, pathOf } from '../../api/client';
import type { Page } from '../users/users.queries';

export type ReviewStatus = Transition['status'];

export interface TransitionFilters {
  status: ReviewStatus;
  unitId?: number;
  page: number;
  pageSize: number;
}

/** 审核队列: stage changes by status, scoped by the server. */
export function useTransitionQueue(filters: TransitionFilters, enabled = true) {
  return useQuery({
    queryKey: ['transitions', 'queue', filters],
    queryFn: ({ signal }) => api.get<Page<Transition>>('/api/transitions', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A decision moves the project (stage, dates, counts): the queue, the project and the ledger are stale. */
function useInvalidateReview() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['transitions'] });
    void queryClient.invalidateQueries({ queryKey: ['projects'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useVerifyTransition() {
  const invalidate = useInvalidateReview();
  return useMutation({
    mutationFn: ({ t, note }: { t: Transition; note: string | null }) =>
      api.post<Transition>(pathOf('/api/projects', t.projectId, 'transitions', t.id, 'verify'), { note }),
    onSuccess: invalidate,
  });
}

export function useRejectTransition() {
  const invalidate = useInvalidateReview();
  return useMutation({
    mutationFn: ({ t, reason }: { t: Transition; reason: string }) =>
      api.post<Transition>(pathOf('/api/projects', t.projectId, 'transitions', t.id, 'reject'), { reason }),
    onSuccess: invalidate,
  });
}
