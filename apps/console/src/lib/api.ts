// The one way pages talk to the server: fetch against the same origin, JSON in and out, RFC 9457
// problem+json turned into ApiError (stable `code`, localized `title`, per-field `errors`).
import i18n from './i18n';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** A refused or failed request. `code` is the server's stable code (e.g. QUEUE.NOBODY_WAITING). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  /** The message for one field, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

/** The network did not answer (offline, server down): a Problem with status 0. */
export const NETWORK_ERROR = 'CLIENT.NETWORK';

export interface RequestOptions {
  body?: unknown;
  /** Sent as `Idempotency-Key`; queue commands get one automatically (see `command`). */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Skip the session's bearer token (public endpoints, kiosk device tokens). */
  anonymous?: boolean;
}

type TokenSource = () => string | null;
let tokenSource: TokenSource = () => null;
let onUnauthorized: () => void = () => undefined;

/** Wired by the session (lib/auth.tsx): where the bearer token comes from, what a 401 does. */
export function configureApi(source: TokenSource, unauthorized: () => void): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export function newRequestId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'accept-language': i18n.language === 'en' ? 'en' : 'lv', ...options.headers };
  const token = options.anonymous ? null : tokenSource();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, signal: options.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ title: i18n.t('errors.network'), status: 0, code: NETWORK_ERROR });
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!res.ok) {
    const p = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>;
    const problem: Problem = { ...p, title: p.title ?? res.statusText, status: res.status, code: p.code ?? `HTTP.${res.status}` };
    if (res.status === 401 && !options.anonymous) onUnauthorized();
    throw new ApiError(problem);
  }
  return parsed as T;
}

export const get = <T>(path: string, options?: RequestOptions): Promise<T> => api<T>('GET', path, options);
export const post = <T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> => api<T>('POST', path, { ...options, body });
export const put = <T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> => api<T>('PUT', path, { ...options, body });

/** Answers after which the same command may be sent again as it is: no network, or a busy queue (503, nothing done). */
const RETRYABLE = new Set([NETWORK_ERROR, 'QUEUE.BUSY']);

/** A retry-safe command: one Idempotency-Key for the command, reused on a retry. */
export async function command<T>(path: string, body?: unknown, retries = 2): Promise<T> {
  const idempotencyKey = newRequestId();
  for (let attempt = 0; ; attempt++) {
    try {
      return await api<T>('POST', path, { body, idempotencyKey });
    } catch (e) {
      if (!(e instanceof ApiError) || !RETRYABLE.has(e.code) || attempt >= retries) throw e;
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
    }
  }
}

/** The text to show for any error (ApiError title is already localized by the server). */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.problem.title;
  return i18n.t('errors.unexpected');
}
