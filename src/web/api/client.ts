import { ERROR_MESSAGES, type ErrorCode } from '../../shared/errors';

// The one way the web talks to the server: same-origin JSON with the session cookie, the UI
// language in Accept-Language (the server localises error messages), and one error type.

export interface FieldError {
  field: string;
  message: string;
}

/** The `{ field, message }` entries of an error's `details` (anything else in it is skipped). */
function detailEntries(details: unknown): { field: string; message: string | undefined }[] {
  if (!Array.isArray(details)) return [];
  const out: { field: string; message: string | undefined }[] = [];
  for (const d of details as unknown[]) {
    if (typeof d !== 'object' || d === null) continue;
    const { field, message } = d as { field?: unknown; message?: unknown };
    if (typeof field !== 'string' || field === '') continue;
    out.push({ field, message: typeof message === 'string' ? message : undefined });
  }
  return out;
}

/**
 * A refused request's field errors as paths inside one part of the body: `body.scheme.items.0.cap`
 * with root `scheme` → ['items', 0, 'cap'] (array indexes as numbers); fields outside that root keep
 * their own path (`period.year`).
 */
export function detailPaths(details: unknown, root: string): { field: string; parts: string[]; path: (string | number)[]; message: string }[] {
  return detailEntries(details).map(({ field, message }) => {
    const parts = field.split('.').filter(Boolean);
    if (parts[0] === 'body') parts.shift();
    if (parts[0] === root) parts.shift();
    return { field, parts, path: parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: message ?? '' };
  });
}

/**
 * The form field a server error belongs to: the field of that name, or the one `aliases` says the
 * form shows it as (creditSplit → winnerPercent), by the whole path or its first segment; undefined
 * when the form has no such field.
 */
export function formFieldOf(field: string, present: Record<string, unknown>, aliases: Record<string, string> = {}): string | undefined {
  const name = field in present ? field : (aliases[field] ?? aliases[field.split('.')[0]!]);
  return name !== undefined && name in present ? name : undefined;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Validation details as `{ field, message }`, with `body.newPassword`-style paths reduced to the field name. */
  get fieldErrors(): FieldError[] {
    return detailEntries(this.details).map(({ field, message }) => ({ field: field.split(/[./]/).filter(Boolean).pop() ?? field, message: message ?? this.message }));
  }
}

/** Code used when the server cannot be reached at all (no HTTP status). */
export const NETWORK_ERROR = 'NETWORK';

let acceptLanguage = 'zh-CN';
let onUnauthenticated: (() => void) | null = null;

export function setApiLanguage(language: string): void {
  acceptLanguage = language;
}

/** Called when a signed-in call answers 401: the session expired or was revoked. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

// A 401 from these means "not signed in" or "wrong password", not "your session ended".
const SESSION_PROBES = new Set(['/api/auth/login', '/api/auth/me']);

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export function toQueryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

function fallbackMessage(code: string): string {
  const lang = acceptLanguage.startsWith('en') ? 'en' : 'zh';
  const known = ERROR_MESSAGES[code as ErrorCode] as { zh: string; en: string } | undefined;
  return known ? known[lang] : code;
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  } else if (method !== 'GET') {
    // POST actions without a body (disable, logout…) still send JSON so the server parses nothing odd.
    headers['Content-Type'] = 'application/json';
    body = '{}';
  }

  let response: Response;
  try {
    response = await fetch(path + toQueryString(options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const lang = acceptLanguage.startsWith('en') ? 'en' : 'zh';
    const message = lang === 'en' ? 'Cannot reach the server; check the network and try again' : '无法连接服务器，请检查网络后重试';
    throw new ApiError(0, NETWORK_ERROR, message);
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    const error = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : response.status >= 500 ? 'INTERNAL' : `HTTP_${response.status}`;
    const message = typeof error?.message === 'string' && error.message ? error.message : fallbackMessage(code);
    if (response.status === 401 && !SESSION_PROBES.has(path) && code !== 'WRONG_PASSWORD') onUnauthenticated?.();
    throw new ApiError(response.status, code, message, error?.details);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
};

/** `/api/org-units/${id}` with the id encoded, for ids that come from the URL. */
export function pathOf(base: string, ...parts: (string | number)[]): string {
  return [base, ...parts.map((p) => encodeURIComponent(String(p)))].join('/');
}
