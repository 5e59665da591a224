import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createUserBody, updateUserBody, User } from '../../../shared/api/users';
import type { Role } from '../../../shared/roles';
import { api, pathOf } from '../../api/client';

export type CreateUserInput = z.input<typeof createUserBody>;
export type UpdateUserInput = z.input<typeof updateUserBody>;

export interface UserFilters {
  unitId?: number;
  subtree?: boolean;
  role?: Role;
  q?: string;
  includeDisabled?: boolean;
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function useUsers(filters: UserFilters, enabled = true) {
  return useQuery({
    queryKey: ['users', 'list', filters],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** User changes move counts on the org page too. */
function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    void queryClient.invalidateQueries({ queryKey: ['org'] });
  };
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: CreateUserInput) => api.post<{ user: User; temporaryPassword: string | null }>('/api/users', body),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateUserInput }) => api.patch<User>(pathOf('/api/users', id), body),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password?: string }) =>
      api.post<{ temporaryPassword: string | null }>(pathOf('/api/users', id, 'reset-password'), password ? { password } : {}),
    onSuccess: invalidate,
  });
}

export function useSetUserDisabled() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, disable }: { id: number; disable: boolean }) =>
      api.post<User>(pathOf('/api/users', id, disable ? 'disable' : 'enable')),
    onSuccess: invalidate,
  });
}
