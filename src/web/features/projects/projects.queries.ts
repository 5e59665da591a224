import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { boardResponse, createProjectBody, Project, projectPage, updateProjectBody } from '../../../shared/api/projects';
import type { User } from '../../../shared/api/users';
import type { Settings } from '../../../shared/settings';
import { api, pathOf } from '../../api/client';
import { filterParams, filtersOf, type ProjectFilters, type ProjectListState } from './project-filters';

export type CreateProjectInput = z.input<typeof createProjectBody>;
export type UpdateProjectInput = z.input<typeof updateProjectBody>;
export type Board = z.infer<typeof boardResponse>;
export type ProjectPage = z.infer<typeof projectPage>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function useProjects(state: ProjectListState, enabled = true) {
  const query = { ...filterParams(filtersOf(state)), sort: state.sort, order: state.order, page: state.page, pageSize: state.pageSize };
  return useQuery({
    queryKey: ['projects', 'list', query],
    queryFn: ({ signal }) => api.get<ProjectPage>('/api/projects', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The kanban: per stage the count, exact 万元 totals and the first `perColumn` cards. Also the source of the totals line. */
export function useProjectBoard(filters: ProjectFilters, perColumn: number) {
  const query = { ...filterParams(filters), perColumn };
  return useQuery({
    queryKey: ['projects', 'board', query],
    queryFn: ({ signal }) => api.get<Board>('/api/projects/board', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: number | undefined) {
  return useQuery({
    queryKey: ['projects', 'one', id],
    queryFn: ({ signal }) => api.get<Project>(pathOf('/api/projects', id!), undefined, signal),
    enabled: id !== undefined,
  });
}

function useInvalidateProjects() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['projects'] });
    void queryClient.invalidateQueries({ queryKey: ['investors'] });
  };
}

export function useCreateProject() {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: (body: CreateProjectInput) => api.post<Project>('/api/projects', body),
    onSuccess: invalidate,
  });
}

export function useUpdateProject() {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateProjectInput }) => api.patch<Project>(pathOf('/api/projects', id), body),
    onSuccess: invalidate,
  });
}

/** 口径设置: size tiers, stalled days… (read by every staff role). */
export function useSettings() {
  return useQuery({
    queryKey: ['settings'],
    queryFn: ({ signal }) => api.get<Settings>('/api/settings', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/**
 * Leaders the signed-in user can see (GET /api/users?role=leader). The users list is scoped, so a
 * county user may get none of the city's leaders; without users.read it is not asked at all.
 */
export function useLeaders(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'leaders'],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { role: 'leader', pageSize: 200 }, signal).then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Active users in scope matching a name (the 专人 picker). */
export function useScopeUsers(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { q: q || undefined, pageSize: 50 }, signal).then((r) => r.items),
    enabled,
    placeholderData: (previous) => previous,
    staleTime: 60_000,
  });
}
