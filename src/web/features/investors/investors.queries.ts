import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { duplicateInvestor, Investor, investorInput, investorUpdate } from '../../../shared/api/investors';
import type { ProjectSummary } from '../../../shared/api/projects';
import type { OwnershipType } from '../../../shared/project';
import { api, ApiError, pathOf } from '../../api/client';

export type InvestorInput = z.input<typeof investorInput>;
export type InvestorUpdate = z.input<typeof investorUpdate>;
export type DuplicateInvestor = z.infer<typeof duplicateInvestor>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface InvestorFilters {
  q?: string;
  tag?: string;
  ownershipType?: OwnershipType;
  industry?: string;
  page: number;
  pageSize: number;
}

export function useInvestors(filters: InvestorFilters, enabled = true) {
  return useQuery({
    queryKey: ['investors', 'list', filters],
    queryFn: ({ signal }) => api.get<Page<Investor>>('/api/investors', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInvestor(id: number | undefined) {
  return useQuery({
    queryKey: ['investors', 'one', id],
    queryFn: ({ signal }) => api.get<Investor>(pathOf('/api/investors', id!), undefined, signal),
    enabled: id !== undefined,
  });
}

/** The projects linked to an investor (in the user's scope), newest first. */
export function useInvestorProjects(id: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['projects', 'list', { investorId: id, pageSize: 50 }],
    queryFn: ({ signal }) => api.get<Page<ProjectSummary>>('/api/projects', { investorId: id, pageSize: 50 }, signal),
    enabled: id !== undefined && enabled,
  });
}

/** The duplicate named by a 409 INVESTOR_DUPLICATE answer, if that is what the error is. */
export function duplicateOf(error: unknown): DuplicateInvestor | null {
  if (!(error instanceof ApiError) || error.code !== 'INVESTOR_DUPLICATE') return null;
  const d = error.details as Partial<DuplicateInvestor> | undefined;
  return d?.existing ? (d as DuplicateInvestor) : null;
}

/** Asks before saving whether the name or USCC is already in the directory (any unit). */
export function checkDuplicate(name: string, uscc?: string) {
  return api.get<{ duplicate: DuplicateInvestor | null }>('/api/investors/check-duplicate', { name, uscc }).then((r) => r.duplicate);
}

function useInvalidateInvestors() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['investors'] });
}

export function useCreateInvestor() {
  const invalidate = useInvalidateInvestors();
  return useMutation({
    mutationFn: (body: InvestorInput) => api.post<Investor>('/api/investors', body),
    onSuccess: invalidate,
  });
}

export function useUpdateInvestor() {
  const invalidate = useInvalidateInvestors();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: InvestorUpdate }) => api.patch<Investor>(pathOf('/api/investors', id), body),
    onSuccess: invalidate,
  });
}
