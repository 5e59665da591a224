import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ImportJob, ImportRow, importFieldKey } from '../../../shared/api/import';
import { api, apiRequest, pathOf } from '../../api/client';
import { postMultipart } from '../project-detail/upload';
import type { Page } from '../users/users.queries';

export type FieldKey = z.infer<typeof importFieldKey>;
export type RowAction = ImportRow['action'];

const jobKey = (id: number) => ['import', 'job', id] as const;

/** The job; polled every second while a background preview (analysing) or commit runs. */
export function useImportJob(id: number) {
  return useQuery({
    queryKey: jobKey(id),
    queryFn: ({ signal }) => api.get<ImportJob>(pathOf('/api/import/jobs', id), undefined, signal),
    enabled: id > 0,
    refetchInterval: (query) => (query.state.data?.status === 'committing' || query.state.data?.status === 'analysing' ? 1000 : false),
  });
}

export function useImportRows(id: number, status: RowAction | undefined, page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: ['import', 'rows', id, status, page, pageSize],
    queryFn: ({ signal }) => api.get<Page<ImportRow>>(pathOf('/api/import/jobs', id, 'rows'), { status, page, pageSize }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Upload an .xlsx: the server parses and validates every row and answers a preview job. */
export function useUploadWorkbook() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return postMultipart<ImportJob>('/api/import/projects', form);
    },
  });
}

function useSetJob() {
  const queryClient = useQueryClient();
  return (job: ImportJob) => {
    queryClient.setQueryData(jobKey(job.id), job);
    void queryClient.invalidateQueries({ queryKey: ['import', 'rows', job.id] });
  };
}

/** Map columns by hand ({ mapping: {header: field | null} }); the server re-validates and remembers the choice. */
export function useSaveMapping(id: number) {
  const setJob = useSetJob();
  return useMutation({
    mutationFn: (mapping: Record<string, FieldKey | null>) => apiRequest<ImportJob>('PUT', pathOf('/api/import/jobs', id, 'mapping'), { body: { mapping } }),
    onSuccess: setJob,
  });
}

export function useCommitImport(id: number) {
  const setJob = useSetJob();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (skipErrors: boolean) => api.post<ImportJob>(pathOf('/api/import/jobs', id, 'commit'), { skipErrors }),
    onSuccess: (job) => {
      setJob(job);
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      void queryClient.invalidateQueries({ queryKey: ['transitions'] });
    },
  });
}
