import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ConflictStatus,
  createReferralBody,
  Referral,
  ReferralConflict,
  ReferralDetail,
  ReferralStatus,
  resolveBody,
} from '../../../shared/api/referrals';
import { api, pathOf } from '../../api/client';
import type { Page } from '../users/users.queries';

export type CreateReferralInput = z.input<typeof createReferralBody>;
export type ResolveInput = z.input<typeof resolveBody>;

export interface ReferralFilters {
  status?: ReferralStatus[];
  q?: string;
  unitId?: number;
  mine?: boolean;
  isProtected?: boolean;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useReferrals(filters: ReferralFilters) {
  return useQuery({
    queryKey: ['referrals', 'list', filters],
    queryFn: ({ signal }) => api.get<Page<Referral>>('/api/referrals', { ...filters, status: filters.status?.join(',') }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReferral(id: number, enabled = true) {
  return useQuery({
    queryKey: ['referrals', 'detail', id],
    queryFn: ({ signal }) => api.get<ReferralDetail>(pathOf('/api/referrals', id), undefined, signal),
    enabled: enabled && id > 0,
  });
}

export function useConflicts(status: ConflictStatus | 'all', page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: ['referrals', 'conflicts', status, page, pageSize],
    queryFn: ({ signal }) => api.get<Page<ReferralConflict>>('/api/referral-conflicts', { status, page, pageSize }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Any change to a registration can change its conflicts, the other party's status and the project's credit. */
function useInvalidateReferrals() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['referrals'] });
    void queryClient.invalidateQueries({ queryKey: ['projects'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useCreateReferral() {
  const invalidate = useInvalidateReferrals();
  return useMutation({
    mutationFn: (body: CreateReferralInput) => api.post<ReferralDetail>('/api/referrals', body),
    onSuccess: invalidate,
  });
}

export function useReferralAction() {
  const invalidate = useInvalidateReferrals();
  return useMutation({
    mutationFn: ({ id, action, text }: { id: number; action: 'withdraw' | 'note'; text: string }) =>
      api.post<ReferralDetail>(pathOf('/api/referrals', id, action), action === 'withdraw' ? { reason: text } : { text }),
    onSuccess: invalidate,
  });
}

export function useLinkProject() {
  const invalidate = useInvalidateReferrals();
  return useMutation({
    mutationFn: ({ id, projectId }: { id: number; projectId: number }) =>
      api.post<ReferralDetail>(pathOf('/api/referrals', id, 'link-project'), { projectId }),
    onSuccess: invalidate,
  });
}

export function useResolveConflict() {
  const invalidate = useInvalidateReferrals();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ResolveInput }) =>
      api.post<ReferralConflict>(pathOf('/api/referral-conflicts', id, 'resolve'), body),
    onSuccess: invalidate,
  });
}
