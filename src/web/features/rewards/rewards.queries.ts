import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RewardLineRecord, RewardRun, RewardRunBody, RuleSetRecord } from '../../../shared/api/rewards';
import { api, pathOf, toQueryString } from '../../api/client';

/**
 * 奖励兑现: a year's runs, one run's totals, its lines (filtered and paginated by the server), its rules;
 * for the bureau, the rule-set versions, computing and publishing a run, and a new rule-set version.
 */

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

/** Rule-set versions on the caller's branch, newest first (what a run can be computed with). */
export function useRuleSets(enabled: boolean) {
  return useQuery({
    queryKey: ['rewards', 'rules', 'list'],
    queryFn: ({ signal }) => api.get<Page<RuleSetRecord>>('/api/rewards/rules', { pageSize: 100 }, signal),
    enabled,
  });
}

/** Everything rewards shows may change after a write: runs, totals, lines, rule-set statuses. */
function useInvalidateRewards() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['rewards'] });
}

export function useComputeRewardRun() {
  const invalidate = useInvalidateRewards();
  return useMutation({
    mutationFn: (body: RewardRunBody) => api.post<RewardRun>('/api/rewards/runs', body),
    onSuccess: invalidate,
  });
}

export function usePublishRewardRun() {
  const invalidate = useInvalidateRewards();
  return useMutation({
    mutationFn: (id: number) => api.post<RewardRun>(pathOf('/api/rewards/runs', id, 'publish'), {}),
    onSuccess: invalidate,
  });
}

/** 另存新版本: a new draft version of the latest version, from the rules as JSON (the server validates). */
export function useNewRuleSetVersion() {
  const invalidate = useInvalidateRewards();
  return useMutation({
    mutationFn: ({ id, rules }: { id: number; rules: unknown }) => api.post<RuleSetRecord>(pathOf('/api/rewards/rules', id, 'versions'), { rules }),
    onSuccess: invalidate,
  });
}
