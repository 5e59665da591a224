import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RewardLineRecord, RewardRun, RuleSetRecord } from '../../../shared/api/rewards';
import { api, pathOf, toQueryString } from '../../api/client';

/** 奖励兑现: a year's runs, one run's totals, its lines (filtered and paginated by the server), its rules. */

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface LineFilters {
  unit?: number | undefined;
  q?: string | undefined;
  capped?: boolean | undefined;
}

export function useRewardRuns(year: number) {
  return useQuery({
    queryKey: ['rewards', 'runs', year],
    queryFn: ({ signal }) => api.get<Page<RewardRun>>('/api/rewards/runs', { year, pageSize: 50 }, signal),
  });
}

export function useRewardRun(id: number | undefined) {
  return useQuery({
    queryKey: ['rewards', 'run', id],
    queryFn: ({ signal }) => api.get<RewardRun>(pathOf('/api/rewards/runs', id!), undefined, signal),
    enabled: id !== undefined,
  });
}

export function useRuleSet(id: number | undefined) {
  return useQuery({
    queryKey: ['rewards', 'rules', id],
    queryFn: ({ signal }) => api.get<RuleSetRecord>(pathOf('/api/rewards/rules', id!), undefined, signal),
    enabled: id !== undefined,
    staleTime: 5 * 60_000,
  });
}

function lineParams(run: number, f: LineFilters) {
  return { run, unit: f.unit, q: f.q || undefined, capped: f.capped ? 'true' : undefined };
}

export function useRewardLines(run: number | undefined, f: LineFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['rewards', 'lines', run, f, page, pageSize],
    queryFn: ({ signal }) => api.get<Page<RewardLineRecord>>('/api/rewards/lines', { ...lineParams(run!, f), page, pageSize }, signal),
    enabled: run !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** The export: the same filters as the list, every page. */
export function linesExportPath(run: number, f: LineFilters): string {
  return `/api/rewards/lines.xlsx${toQueryString(lineParams(run, f))}`;
}
