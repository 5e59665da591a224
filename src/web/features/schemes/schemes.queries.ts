import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SchemeRecord } from '../../../shared/api/assessment';
import type { SchemePeriod } from '../../../shared/assessment/scheme';
import { api, apiRequest, pathOf } from '../../api/client';
import type { Run, RunSummary } from '../leaderboard/leaderboard.queries';

/** 考核方案: scheme versions (list, one, create, edit a draft, new version, archive) and their runs. */

interface Page<T> {
  items: T[];
  total: number;
}

const SCHEMES = ['assessment-schemes'] as const;
const RUNS = ['assessment-runs'] as const;

/** Newest first; a city keeps a handful of versions a year. */
export function useSchemes() {
  return useQuery({
    queryKey: [...SCHEMES, 'list'],
    queryFn: ({ signal }) => api.get<Page<SchemeRecord>>('/api/assessment-schemes', { pageSize: 100 }, signal),
  });
}

export function useScheme(id: number | undefined) {
  return useQuery({
    queryKey: [...SCHEMES, 'one', id],
    queryFn: ({ signal }) => api.get<SchemeRecord>(pathOf('/api/assessment-schemes', id ?? 0), undefined, signal),
    enabled: id !== undefined,
  });
}

export function useSchemeRuns(schemeId: number | undefined) {
  return useQuery({
    queryKey: [...RUNS, 'list', { scheme: schemeId }],
    queryFn: ({ signal }) => api.get<Page<RunSummary>>('/api/assessment-runs', { scheme: schemeId, pageSize: 100 }, signal),
    enabled: schemeId !== undefined,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: SCHEMES });
    void queryClient.invalidateQueries({ queryKey: RUNS });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useCreateScheme() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (scheme: Record<string, unknown>) => api.post<SchemeRecord>('/api/assessment-schemes', { scheme }),
    onSuccess: invalidate,
  });
}

export function useUpdateScheme() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, scheme }: { id: number; scheme: Record<string, unknown> }) => apiRequest<SchemeRecord>('PUT', pathOf('/api/assessment-schemes', id), { body: { scheme } }),
    onSuccess: invalidate,
  });
}

export function useNewSchemeVersion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, scheme }: { id: number; scheme: Record<string, unknown> }) => api.post<SchemeRecord>(pathOf('/api/assessment-schemes', id, 'versions'), { scheme }),
    onSuccess: invalidate,
  });
}

export function useArchiveScheme() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => api.post<SchemeRecord>(pathOf('/api/assessment-schemes', id, 'archive'), {}),
    onSuccess: invalidate,
  });
}

export function useCreateRun() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { schemeId: number; period?: SchemePeriod }) => api.post<Run>('/api/assessment-runs', body),
    onSuccess: invalidate,
  });
}

export function useUpdateRunManual() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, manual }: { id: number; manual: Record<string, Record<string, { score: string; reason: string }>> }) => api.patch<Run>(pathOf('/api/assessment-runs', id), { manual }),
    onSuccess: invalidate,
  });
}

export function usePublishRun() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => api.post<Run>(pathOf('/api/assessment-runs', id, 'publish'), {}),
    onSuccess: invalidate,
  });
}
