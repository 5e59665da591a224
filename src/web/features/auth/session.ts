import { createContext, useContext } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionUser } from '../../../shared/api/auth';
import type { Permission } from '../../../shared/roles';
import { api, ApiError } from '../../api/client';

export const SESSION_KEY = ['session'] as const;

/** Where a user with a one-time password is kept until they change it. */
export const PASSWORD_PATH = '/profile?tab=password';

/** The signed-in user, or null when there is no session (401 from /me is an answer, not an error). */
async function fetchSession(): Promise<SessionUser | null> {
  try {
    const { user } = await api.get<{ user: SessionUser }>('/api/auth/me');
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

// Set when a signed-in call answers 401, so the sign-in page can say why the user is there.
let hasSessionExpired = false;

export function markSessionExpired(): void {
  hasSessionExpired = true;
}

export function isSessionExpired(): boolean {
  return hasSessionExpired;
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api.post<{ user: SessionUser }>('/api/auth/login', body),
    onSuccess: ({ user }) => {
      hasSessionExpired = false;
      // A different user may sign in on the same tab: nothing cached for the last one survives.
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    onSettled: () => {
      hasSessionExpired = false;
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<{ ok: true }>('/api/auth/password', body),
    onSuccess: () => {
      // Lift the one-time-password lock at once, then confirm with the server.
      queryClient.setQueryData<SessionUser | null>(SESSION_KEY, (u) => (u ? { ...u, mustChangePassword: false } : u));
      return queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}

export const SessionContext = createContext<SessionUser | null>(null);

/** The signed-in user; only valid below RequireAuth. */
export function useCurrentUser(): SessionUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useCurrentUser outside a signed-in route');
  return user;
}

export function hasPermission(user: SessionUser, permission: Permission): boolean {
  return user.permissions.includes(permission);
}

/** Only same-site paths, so `?next=` cannot send the user to another site after sign-in. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}
