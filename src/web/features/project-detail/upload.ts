import { useQuery } from '@tanstack/react-query';
import type { FileEntity, FileMeta } from '../../../shared/api/files';
import type { Settings } from '../../../shared/settings';
import { api, ApiError, NETWORK_ERROR } from '../../api/client';
import i18n from '../../i18n';

// Files go up as multipart (the JSON client cannot carry them). Same session cookie, same error
// shape: a refused upload throws ApiError with the server's localised message.

export async function postMultipart<T>(path: string, form: FormData, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': i18n.language },
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR, i18n.t('attachments.network'));
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const code = error?.code ?? (response.status === 413 ? 'FILE_TOO_LARGE' : `HTTP_${response.status}`);
    throw new ApiError(response.status, code, error?.message || i18n.t('attachments.failed'), error?.details);
  }
  return data as T;
}

/** Uploads one file; with `attach`, attaches it at once to a record the user can see. */
export function uploadFile(file: File, attach?: { entity: FileEntity; entityId: number }, signal?: AbortSignal): Promise<FileMeta> {
  const form = new FormData();
  // Fields first: the server reads them before the file part.
  if (attach) {
    form.append('entity', attach.entity);
    form.append('entityId', String(attach.entityId));
  }
  form.append('file', file, file.name);
  return postMultipart<FileMeta>('/api/files', form, signal);
}

/** The upload size limit (MiB) from the deployment settings; undefined when the role cannot read them. */
export function useUploadLimit(enabled: boolean) {
  return useQuery({
    queryKey: ['settings'],
    queryFn: ({ signal }) => api.get<Settings>('/api/settings', undefined, signal),
    enabled,
    staleTime: 5 * 60_000,
    select: (s) => s.maxUploadMiB,
  });
}

export function downloadUrl(fileId: number, inline = false): string {
  return `/api/files/${fileId}/download${inline ? '?inline=true' : ''}`;
}

/** 1.2 MB, 820 KB: sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function isPreviewable(mimeType: string): boolean {
  return mimeType === 'application/pdf' || mimeType.startsWith('image/');
}
