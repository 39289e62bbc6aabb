import { getLocale, t } from '../i18n';
import { describeProblem, type DescribedProblem, type ProblemDetails } from './problem';

/** A failed call: `status` 0 means the network failed. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem?: ProblemDetails) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }

  describe(): DescribedProblem {
    return describeProblem(this.status, this.problem, t, getLocale());
  }
}

export interface Hooks {
  /** An access token that is not about to expire (the session refreshes it first if need be). */
  token: () => Promise<string | undefined> | string | undefined;
  /** A call answered 401: try to refresh the session; true when there is a new token to retry with. */
  refresh: () => Promise<boolean>;
  /** Refused even after a refresh: sign out. */
  onUnauthorized: () => void;
}

let hooks: Hooks = { token: () => undefined, refresh: async () => false, onUnauthorized: () => {} };

export function configureApi(next: Hooks): void {
  hooks = next;
}

export interface RequestOptions {
  /**
   * Sent as `Idempotency-Key` on every command: a retry with the same key and body is applied once and answers the
   * first answer. Left out, each call gets a fresh key (a call the caller never retries).
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Login itself answers 401 for a wrong password; that must not log anyone out. */
  anonymous?: boolean;
}

export async function api<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  // One key for the request and its retry after a refreshed token: the server applies it once.
  const idempotencyKey = method !== 'GET' ? (options.idempotencyKey ?? newId()) : undefined;
  const init = (token: string | undefined): RequestInit => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    return { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: options.signal };
  };
  const response = options.anonymous ? await fetchOrFail(path, init(undefined)) : await withSession(path, init);

  const text = await response.text();
  let json: unknown;
  if (text) {
    try { json = JSON.parse(text); } catch { json = undefined; }
  }
  if (!response.ok) throw new ApiError(response.status, (json as ProblemDetails | undefined) ?? { title: response.statusText });
  return json as T;
}

/**
 * Sends with a fresh access token; a 401 (the token expired while the device slept, or was refused) refreshes the
 * session and retries once — the same Idempotency-Key, so a command still has one effect. Refused again: signed out.
 */
export async function withSession(path: string, init: (token: string | undefined) => RequestInit): Promise<Response> {
  const response = await fetchOrFail(path, init(await hooks.token()));
  if (response.status === 403 && await refusedForBranchReach(response)) {
    // The token names the branches it reaches and may be older than a grant (a branch opened or given since it was
    // issued): a fresh one is asked for once, and the call again. Still refused: the refusal stands.
    return await hooks.refresh() ? fetchOrFail(path, init(await hooks.token())) : response;
  }
  if (response.status !== 401) return response;
  if (await hooks.refresh()) {
    const retried = await fetchOrFail(path, init(await hooks.token()));
    if (retried.status !== 401) return retried;
  }
  hooks.onUnauthorized();
  return response;
}

/** A 403 whose problem type is `…/branch-reach`: the branch is not in the caller's token. */
async function refusedForBranchReach(response: Response): Promise<boolean> {
  try {
    const problem = (await response.clone().json()) as ProblemDetails | undefined;
    return typeof problem?.type === 'string' && problem.type.endsWith('/branch-reach');
  } catch {
    return false;
  }
}

async function fetchOrFail(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0);
  }
}

export const get = <T>(path: string, options?: RequestOptions) => api<T>('GET', path, undefined, options);
export const post = <T>(path: string, body?: unknown, options?: RequestOptions) => api<T>('POST', path, body ?? {}, options);
export const put = <T>(path: string, body?: unknown, options?: RequestOptions) => api<T>('PUT', path, body ?? {}, options);
export const patch = <T>(path: string, body?: unknown, options?: RequestOptions) => api<T>('PATCH', path, body ?? {}, options);
export const del = <T>(path: string, options?: RequestOptions) => api<T>('DELETE', path, undefined, options);

/** Sends one file as multipart/form-data (field `file`); the browser sets the boundary. */
export async function upload<T>(path: string, file: Blob, fileName: string, options: RequestOptions = {}): Promise<T> {
  const form = new FormData();
  form.append('file', file, fileName);
  const response = await send(path, { method: 'POST', body: form, signal: options.signal },
    { 'Idempotency-Key': options.idempotencyKey ?? newId() });
  const text = await response.text();
  let json: unknown;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  if (!response.ok) throw failure(response, json);
  return json as T;
}

/** Bytes behind the bearer token (an <img> cannot send it): fetched as a blob. */
export async function getBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const response = await send(path, { method: 'GET', signal: options.signal });
  if (!response.ok) {
    let json: unknown;
    try { json = await response.json(); } catch { json = undefined; }
    throw failure(response, json);
  }
  return response.blob();
}

function send(path: string, init: RequestInit, extraHeaders: Record<string, string> = {}): Promise<Response> {
  return withSession(path, (token): RequestInit => ({
    ...init,
    headers: token ? { ...extraHeaders, Authorization: `Bearer ${token}` } : { ...extraHeaders },
  }));
}

function failure(response: Response, json: unknown): ApiError {
  return new ApiError(response.status, (json as ProblemDetails | undefined) ?? { title: response.statusText });
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A random id that works outside secure contexts too (a phone on the shop's LAN over plain http). */
export function newId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) {
    try { return c.randomUUID(); } catch { /* insecure context */ }
  }
  const bytes = new Uint8Array(16);
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
