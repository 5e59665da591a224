import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { runDiff, runRecord, runSummary } from '../../../shared/api/assessment';
import type { ResultChange } from '../../../shared/assessment/diff';
import type { UnitInputData } from '../../../shared/assessment/inputs';
import type { AssessmentScheme } from '../../../shared/assessment/scheme';
import type { AssessmentResult } from '../../../shared/assessment/score';
import { api, pathOf } from '../../api/client';

/** 考核排名: the runs the reader may see, one run with its breakdown, and a published run against today's data. */

export type RunSummary = z.infer<typeof runSummary>;

/** What the server stores as a run's inputs (assessment.runs.ts RunInputs), as the reader receives it. */
export interface RunInputs {
  scheme: AssessmentScheme;
  units: UnitInputData[];
  targets: { id: number; unitId: number; metric: string; value: string; version: number }[];
  /** 'groups': past the record bound, the records are kept and listed in groups. */
  detail?: 'records' | 'groups';
}

/**
 * A run as the contract sends it, with `result` and `inputs` typed: the contract passes the engine's
 * AssessmentResult and the inputs snapshot through as records, so the page names their shape here, once.
 */
export type Run = Omit<z.infer<typeof runRecord>, 'result' | 'inputs'> & { result: AssessmentResult; inputs: RunInputs };

export type RunDiff = Omit<z.infer<typeof runDiff>, 'changes'> & { changes: ResultChange[] };

interface RunPage {
  items: RunSummary[];
  total: number;
}

/** Newest first; 100 is far more runs than a city computes in a year. */
export function useRuns() {
  return useQuery({
    queryKey: ['assessment-runs', 'list'],
    queryFn: ({ signal }) => api.get<RunPage>('/api/assessment-runs', { pageSize: 100 }, signal),
  });
}

export function useRun(id: number | undefined) {
  return useQuery({
    queryKey: ['assessment-runs', 'run', id],
    queryFn: ({ signal }) => api.get<Run>(pathOf('/api/assessment-runs', id ?? 0), undefined, signal),
    enabled: id !== undefined,
  });
}

/** Re-scores the run on today's data (seconds on a large city): only when asked, never cached for long. */
export function useRunDiff(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['assessment-runs', 'diff', id],
    queryFn: ({ signal }) => api.get<RunDiff>(pathOf('/api/assessment-runs', id, 'diff'), undefined, signal),
    enabled,
    staleTime: 0,
    gcTime: 60_000,
  });
}
