import { ApiError } from '../../api/client';
import i18n from '../../i18n';

/** The file name from `Content-Disposition` (the UTF-8 `filename*` when present). */
function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/**
 * Downloads a file from the API with the session cookie. A refusal (403, a filter the server
 * rejects, too many rows) comes back as the usual JSON error: it is thrown as an ApiError so the
 * page can show its message instead of saving an error document as a spreadsheet.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    headers: { Accept: 'application/octet-stream, application/json', 'Accept-Language': i18n.language },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
    const code = body?.error?.code ?? `HTTP_${response.status}`;
    throw new ApiError(response.status, code, body?.error?.message || response.statusText || code, body?.error?.details);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
