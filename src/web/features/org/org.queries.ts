import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createOrgUnitBody,
  Division,
  OrgTreeNode,
  OrgUnit,
  updateOrgUnitBody,
} from '../../../shared/api/org';
import { api, pathOf } from '../../api/client';

export type CreateUnitInput = z.input<typeof createOrgUnitBody>;
export type UpdateUnitInput = z.input<typeof updateOrgUnitBody>;

export const orgKeys = {
  all: ['org'] as const,
  tree: () => ['org', 'tree'] as const,
  unit: (id: number) => ['org', 'unit', id] as const,
};

/** The caller's visible subtree, disabled units included (pages grey them out or hide them). */
export function useOrgTree() {
  return useQuery({
    queryKey: orgKeys.tree(),
    queryFn: ({ signal }) => api.get<{ items: OrgTreeNode[] }>('/api/org-units/tree', { includeDisabled: true }, signal),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export function useOrgUnit(id: number | null) {
  return useQuery({
    queryKey: orgKeys.unit(id ?? 0),
    queryFn: ({ signal }) => api.get<OrgUnit>(pathOf('/api/org-units', id ?? 0), undefined, signal),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

/** After any change to units: the tree, details, and user lists (which show unit names) are stale. */
function useInvalidateOrg() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: orgKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
}

export function useCreateUnit() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (body: CreateUnitInput) => api.post<OrgUnit>('/api/org-units', body),
    onSuccess: invalidate,
  });
}

export function useUpdateUnit() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateUnitInput }) => api.patch<OrgUnit>(pathOf('/api/org-units', id), body),
    onSuccess: invalidate,
  });
}

export function useMoveUnit() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ id, parentId }: { id: number; parentId: number }) =>
      api.post<OrgUnit>(pathOf('/api/org-units', id, 'move'), { parentId }),
    onSuccess: invalidate,
  });
}

export function useSetUnitDisabled() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ id, disable }: { id: number; disable: boolean }) =>
      api.post<OrgUnit>(pathOf('/api/org-units', id, disable ? 'disable' : 'enable')),
    onSuccess: invalidate,
  });
}

/** GB/T 2260 divisions: by parent prefix (2, 4 or 6 digits) or by name search. */
export function useDivisions(params: { parent?: string; q?: string; limit?: number }, enabled = true) {
  return useQuery({
    queryKey: ['divisions', params],
    queryFn: ({ signal }) => api.get<{ items: Division[] }>('/api/divisions', params, signal),
    select: (data) => data.items,
    staleTime: Infinity,
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useDivision(code: string | null | undefined) {
  return useQuery({
    queryKey: ['division', code],
    queryFn: ({ signal }) => api.get<Division>(pathOf('/api/divisions', code ?? ''), undefined, signal),
    enabled: !!code,
    staleTime: Infinity,
    retry: false,
  });
}
