import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '../../../shared/api/audit';
import { api } from '../../api/client';
import type { Page } from '../users/users.queries';

export interface AuditFilters {
  entity?: string;
  entityId?: string;
  actorId?: number;
  action?: string;
  from?: string; // YYYY-MM-DD
  to?: string;
  page: number;
  pageSize: number;
}

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/audit-log', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}
