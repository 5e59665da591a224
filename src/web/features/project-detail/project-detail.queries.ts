import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEntry } from '../../../shared/api/audit';
import type { FileMeta } from '../../../shared/api/files';
import type { createFollowUpBody, FollowUp, updateFollowUpBody } from '../../../shared/api/followups';
import type { NodePlan, nodeInput } from '../../../shared/api/nodes';
import type { Project, Transition, transitionBody } from '../../../shared/api/projects';
import { api, apiRequest, pathOf } from '../../api/client';
import type { Page } from '../users/users.queries';

export type TransitionInput = z.input<typeof transitionBody>;
export type FollowUpInput = z.input<typeof createFollowUpBody>;
export type FollowUpUpdate = z.input<typeof updateFollowUpBody>;
export type NodeInput = z.input<typeof nodeInput>;

/** Everything about one project sits under ['projects', 'detail', id]: one invalidation refreshes the page. */
export const detailKeys = {
  project: (id: number) => ['projects', 'detail', id] as const,
  transitions: (id: number) => ['projects', 'detail', id, 'transitions'] as const,
  followUps: (id: number, page: number) => ['projects', 'detail', id, 'follow-ups', page] as const,
  nodes: (id: number) => ['projects', 'detail', id, 'nodes'] as const,
  files: (id: number, page: number) => ['projects', 'detail', id, 'files', page] as const,
};

export function useProject(id: number) {
  return useQuery({
    queryKey: detailKeys.project(id),
    queryFn: ({ signal }) => api.get<Project>(pathOf('/api/projects', id), undefined, signal),
    enabled: id > 0,
  });
}

/** After any change on the project: its page, the ledger lists and the board. */
export function useInvalidateProject(id: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['projects'] });
    void queryClient.invalidateQueries({ queryKey: ['transitions'] });
    void queryClient.invalidateQueries({ queryKey: ['issues'] });
    void queryClient.invalidateQueries({ queryKey: detailKeys.project(id) });
  };
}

export function useProjectTransitions(id: number, enabled: boolean) {
  return useQuery({
    queryKey: detailKeys.transitions(id),
    queryFn: ({ signal }) => api.get<{ items: Transition[] }>(pathOf('/api/projects', id, 'transitions'), undefined, signal),
    select: (d) => d.items,
    enabled,
  });
}

export function useRequestTransition(id: number) {
  const invalidate = useInvalidateProject(id);
  return useMutation({
    mutationFn: (body: TransitionInput) => api.post<Transition>(pathOf('/api/projects', id, 'transitions'), body),
    onSuccess: invalidate,
  });
}

export const FOLLOW_UP_PAGE_SIZE = 10;

export function useFollowUps(id: number, page: number, enabled: boolean) {
  return useQuery({
    queryKey: detailKeys.followUps(id, page),
    queryFn: ({ signal }) =>
      api.get<Page<FollowUp>>(pathOf('/api/projects', id, 'follow-ups'), { page, pageSize: FOLLOW_UP_PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreateFollowUp(id: number) {
  const invalidate = useInvalidateProject(id);
  return useMutation({
    mutationFn: (body: FollowUpInput) => api.post<FollowUp>(pathOf('/api/projects', id, 'follow-ups'), body),
    onSuccess: invalidate,
  });
}

export function useUpdateFollowUp(projectId: number) {
  const invalidate = useInvalidateProject(projectId);
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: FollowUpUpdate }) => api.patch<FollowUp>(pathOf('/api/follow-ups', id), body),
    onSuccess: invalidate,
  });
}

export function useDeleteFollowUp(projectId: number) {
  const invalidate = useInvalidateProject(projectId);
  return useMutation({
    mutationFn: (id: number) => apiRequest<{ ok: true }>('DELETE', pathOf('/api/follow-ups', id)),
    onSuccess: invalidate,
  });
}

export function useNodes(id: number, enabled: boolean) {
  return useQuery({
    queryKey: detailKeys.nodes(id),
    queryFn: ({ signal }) => api.get<NodePlan>(pathOf('/api/projects', id, 'nodes'), undefined, signal),
    enabled,
  });
}

export function useSaveNodes(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { nodes: NodeInput[]; revision: string }) => apiRequest<NodePlan>('PUT', pathOf('/api/projects', id, 'nodes'), { body }),
    onSuccess: (data) => {
      queryClient.setQueryData(detailKeys.nodes(id), data);
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function useCreateDefaultNodes(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<NodePlan>(pathOf('/api/projects', id, 'nodes', 'default')),
    onSuccess: (data) => queryClient.setQueryData(detailKeys.nodes(id), data),
  });
}

export const FILE_PAGE_SIZE = 20;

export function useProjectFiles(id: number, page: number, enabled: boolean) {
  return useQuery({
    queryKey: detailKeys.files(id, page),
    queryFn: ({ signal }) => api.get<Page<FileMeta>>(pathOf('/api/projects', id, 'files'), { page, pageSize: FILE_PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * Departments to hand an issue to. The org list is scoped to the caller's subtree, so a county
 * user does not see the city's departments here (see the report: the API has no deployment-wide list).
 */
/** A department a coordination issue can be handed to (any enabled 市直部门, in or out of the reader's scope). */
export interface IssueDepartment {
  id: number;
  name: string;
  parentName: string | null;
}

export function useDepartments(enabled: boolean) {
  return useQuery({
    queryKey: ['issues', 'departments'],
    queryFn: ({ signal }) => api.get<{ items: IssueDepartment[] }>('/api/issues/departments', undefined, signal),
    select: (d) => d.items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The project's own audit trail (everyone who sees the project's details). */
export function useProjectAuditLog(id: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', 'project', id, page, pageSize],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>(pathOf('/api/projects', id, 'audit-log'), { page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}
