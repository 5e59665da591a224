import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Decomposition, Target, TargetProgress } from '../../../shared/api/targets';
import { api, apiRequest, pathOf } from '../../api/client';

/** 目标管理: the decomposition of one metric under a unit, progress against the KPI engine, approval. */

export interface TargetMetric {
  name: string;
  isCount: boolean;
}

export function useTargetMetrics() {
  return useQuery({
    queryKey: ['targets', 'metrics'],
    queryFn: ({ signal }) => api.get<{ metrics: TargetMetric[] }>('/api/targets/metrics', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useDecomposition(q: { year: number; unit: number | undefined; metric: string }) {
  return useQuery({
    queryKey: ['targets', 'decomposition', q],
    queryFn: ({ signal }) => api.get<Decomposition>('/api/targets/decomposition', { year: q.year, unit: q.unit, metric: q.metric }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTargetProgress(q: { year: number; unit: number | undefined; metric?: string }) {
  return useQuery({
    queryKey: ['targets', 'progress', q],
    queryFn: ({ signal }) => api.get<TargetProgress>('/api/targets/progress', { year: q.year, unit: q.unit, metric: q.metric }, signal),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateTargets() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['targets'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export interface DecompositionInput {
  year: number;
  unitId: number;
  metric: string;
  parent?: string;
  children: { unitId: number; value: string }[];
}

export function useSaveDecomposition() {
  const invalidate = useInvalidateTargets();
  return useMutation({
    mutationFn: (input: DecompositionInput) => apiRequest<Decomposition>('PUT', '/api/targets/decomposition', { body: input }),
    onSuccess: invalidate,
  });
}

export function useApproveTargets() {
  const invalidate = useInvalidateTargets();
  return useMutation({
    mutationFn: (ids: number[]) => api.post<{ items: Target[] }>('/api/targets/approve', { ids }),
    onSuccess: invalidate,
  });
}

export function useUnlockTarget() {
  const invalidate = useInvalidateTargets();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => api.post<Target>(pathOf('/api/targets', id, 'unlock'), { reason }),
    onSuccess: invalidate,
  });
}
