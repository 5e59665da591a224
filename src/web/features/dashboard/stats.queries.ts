import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BreakdownBy, StatsBreakdown, StatsRecords, StatsSummary } from '../../../shared/api/stats';
import { api, toQueryString } from '../../api/client';

/** The filters every stats call shares (statsQuery): period, unit subtree, industry prefix. */
export interface StatsFilters {
  from: string;
  to: string;
  unit?: number;
  industry?: string;
}

export interface RecordsRequest extends StatsFilters {
  figure: string;
  period?: 'current' | 'previous';
  page: number;
  pageSize: number;
}

const params = (f: StatsFilters) => ({ from: f.from, to: f.to, unit: f.unit, industry: f.industry });

export const statsKeys = {
  all: ['stats'] as const,
};

/** Options for the meeting-room screen: keep figures fresh without anyone touching it. */
export interface LiveOptions {
  refetchInterval?: number;
  /** Wait until the period is known (it depends on the statistical year setting). */
  enabled?: boolean;
}

export function useStatsSummary(filters: StatsFilters, live: LiveOptions = {}) {
  const query = params(filters);
  return useQuery({
    queryKey: ['stats', 'summary', query],
    queryFn: ({ signal }) => api.get<StatsSummary>('/api/stats/summary', query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: live.refetchInterval,
    enabled: live.enabled ?? true,
  });
}

export function useStatsBreakdown(by: BreakdownBy, filters: StatsFilters, live: LiveOptions = {}) {
  const query = { ...params(filters), by };
  return useQuery({
    queryKey: ['stats', 'breakdown', query],
    queryFn: ({ signal }) => api.get<StatsBreakdown>('/api/stats/breakdown', query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: live.refetchInterval,
    enabled: live.enabled ?? true,
  });
}

export function useStatsRecords(request: RecordsRequest | null) {
  const query = request ? { ...params(request), figure: request.figure, period: request.period ?? 'current', page: request.page, pageSize: request.pageSize } : null;
  return useQuery({
    queryKey: ['stats', 'records', query],
    queryFn: ({ signal }) => api.get<StatsRecords>('/api/stats/records', query!, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** The .xlsx of a breakdown, same filters as the table on screen. */
export function breakdownXlsxPath(by: BreakdownBy, filters: StatsFilters): string {
  return `/api/stats/breakdown.xlsx${toQueryString({ ...params(filters), by })}`;
}

/** The .xlsx of all the records behind a figure (the drill-down's export), same filters and period. */
export function recordsXlsxPath(request: Omit<RecordsRequest, 'page' | 'pageSize'>): string {
  return `/api/stats/records.xlsx${toQueryString({ ...params(request), figure: request.figure, period: request.period ?? 'current' })}`;
}
