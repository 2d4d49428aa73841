// The one way the app talks to the server: same-origin fetch with the session cookie, the CSRF
// token on every change, If-Match for versioned edits, and problem+json turned into ApiError
// with the server's field errors (shown at the field by forms). Bodies are JSON (`api`), or a
// file sent as it is (`upload`, for imports); answers are JSON, or text (`apiText`, a CSV).

export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: FieldErrors;
  readonly retryAfter?: number;

  constructor(status: number, message: string, fieldErrors: FieldErrors = {}, retryAfter?: number) {
    super(message);
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.retryAfter = retryAfter;
  }
}

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called whenever the server says the session is gone (expired, revoked, signed out). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  body?: unknown;
  ifMatch?: number;
  signal?: AbortSignal;
  /** Do not report a 401 as an expired session (the sign-in form itself). */
  quiet401?: boolean;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** Reads a problem+json body into an ApiError; anything else becomes a generic one. */
export async function toApiError(response: Response): Promise<ApiError> {
  let detail = `The server answered ${response.status}.`;
  const fields: FieldErrors = {};
  try {
    const problem = await response.json();
    if (typeof problem?.detail === 'string') detail = problem.detail;
    else if (typeof problem?.title === 'string') detail = problem.title;
    if (Array.isArray(problem?.errors)) {
      for (const e of problem.errors) {
        if (typeof e?.field === 'string' && typeof e?.message === 'string' && !(e.field in fields)) {
          fields[e.field] = e.message;
        }
      }
    }
  } catch {
    // Not JSON: keep the generic message.
  }
  const retry = Number(response.headers.get('retry-after'));
  return new ApiError(response.status, detail, fields, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, {
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    contentType: options.body === undefined ? undefined : 'application/json',
    accept: 'application/json',
  });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * Sends a file or text as the raw request body (an import's CSV or vCard, the options in the
 * query string) and reads the JSON answer. A Blob (a picked File) is sent as it is, bytes
 * unchanged, so the server judges its encoding.
 */
export async function upload<T>(
  method: string,
  path: string,
  body: Blob | string,
  contentType: string,
  options: Omit<RequestOptions, 'body'> = {},
): Promise<T> {
  const response = await send(method, path, options, { body, contentType, accept: 'application/json' });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A text answer (an error report as CSV), with the same errors as `api`. */
export async function apiText(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<string> {
  const response = await send('GET', path, options, { accept: 'text/csv, text/plain, */*' });
  return response.text();
}

/** The one fetch: session cookie, CSRF header on changes, If-Match, errors as ApiError. */
async function send(
  method: string,
  path: string,
  options: Omit<RequestOptions, 'body'>,
  payload: { body?: BodyInit; contentType?: string; accept: string },
): Promise<Response> {
  const headers: Record<string, string> = { Accept: payload.accept };
  if (payload.contentType) headers['Content-Type'] = payload.contentType;
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['If-Match'] = `"v${options.ifMatch}"`;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: payload.body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !options.quiet401) unauthenticatedListeners.forEach((l) => l());
    throw error;
  }
  return response;
}

/** Query strings without undefined/empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
