import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createIssueBody, Issue, IssueAction } from '../../../shared/api/issues';
import type { IssueStatus, IssueType } from '../../../shared/project';
import { api, pathOf } from '../../api/client';
import type { Page } from '../users/users.queries';

export type CreateIssueInput = z.input<typeof createIssueBody>;

export interface IssueFilters {
  status?: IssueStatus[];
  type?: IssueType;
  departmentUnitId?: number;
  projectId?: number;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

/** Issues in scope; for a department user, the issues assigned to their department (to-do list). */
export function useIssues(filters: IssueFilters, enabled = true) {
  return useQuery({
    queryKey: ['issues', 'list', filters],
    queryFn: ({ signal }) =>
      api.get<Page<Issue>>('/api/issues', { ...filters, status: filters.status?.join(',') }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProjectIssues(projectId: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['issues', 'project', projectId, page, pageSize],
    queryFn: ({ signal }) => api.get<Page<Issue>>(pathOf('/api/projects', projectId, 'issues'), { page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Issues feed the project page (counts), the to-do list and the project lists. */
function useInvalidateIssues() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['issues'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useCreateIssue(projectId: number) {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: (body: CreateIssueInput) => api.post<Issue>(pathOf('/api/projects', projectId, 'issues'), body),
    onSuccess: invalidate,
  });
}

export function useAnswerIssue() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: ({ id, answer, version, fileIds }: { id: number; answer: string; version: number; fileIds: number[] }) =>
      api.post<Issue>(pathOf('/api/issues', id, 'answer'), { answer, version, fileIds }),
    onSuccess: invalidate,
  });
}

/** 办结 (optional note) · 提级协调 / 重新打开 (reason required). */
export function useIssueAction() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: ({ id, action, text }: { id: number; action: Exclude<IssueAction, 'answer'>; text: string | null }) =>
      api.post<Issue>(pathOf('/api/issues', id, action), action === 'close' ? { note: text } : { reason: text ?? '' }),
    onSuccess: invalidate,
  });
}
