import createClient from 'openapi-fetch';
import { ApiError, newId, withSession } from './client';
import type { ProblemDetails } from './problem';
import type * as Chat from './generated/chat';
import type * as Identity from './generated/identity';
import type * as Inventory from './generated/inventory';
import type * as Purchasing from './generated/purchasing';
import type * as Reporting from './generated/reporting';

/**
 * The services' routes, typed from their own OpenAPI documents (`src/api/generated`, written at build time from
 * `openapi/*.json`): a route, parameter or response shape the services no longer have breaks the build here, not a
 * user's screen. Calls go through the session (a fresh token, one refresh on 401, `Idempotency-Key` on commands).
 */
const baseUrl = globalThis.location?.origin ?? 'http://localhost';
const options = { baseUrl, fetch: sessionFetch };

export const identity = createClient<Identity.paths>(options);
export const inventory = createClient<Inventory.paths>(options);
export const purchasing = createClient<Purchasing.paths>(options);
export const chat = createClient<Chat.paths>(options);
export const reporting = createClient<Reporting.paths>(options);

/** The services' schemas by name, e.g. `InventorySchema<'StockRow'>`. */
export type IdentitySchema<K extends keyof Identity.components['schemas']> = Identity.components['schemas'][K];
export type InventorySchema<K extends keyof Inventory.components['schemas']> = Inventory.components['schemas'][K];
export type PurchasingSchema<K extends keyof Purchasing.components['schemas']> = Purchasing.components['schemas'][K];
export type ChatSchema<K extends keyof Chat.components['schemas']> = Chat.components['schemas'][K];
export type ReportingSchema<K extends keyof Reporting.components['schemas']> = Reporting.components['schemas'][K];

/** The answer of a typed call, or an {@link ApiError} carrying the problem details. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, (error as ProblemDetails | undefined) ?? { title: response.statusText });
  return data as T;
}

async function sessionFetch(request: Request): Promise<Response> {
  const command = request.method !== 'GET' && request.method !== 'HEAD';
  const body = command ? await request.clone().arrayBuffer() : undefined;
  // One key for the request and its retry after a refreshed token: the server applies it once.
  const key = command ? (request.headers.get('Idempotency-Key') ?? newId()) : undefined;
  return withSession(request.url, (token) => {
    const headers = new Headers(request.headers);
    headers.set('Accept', 'application/json');
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (key) headers.set('Idempotency-Key', key);
    return { method: request.method, headers, body: body && body.byteLength > 0 ? body : undefined, signal: request.signal };
  });
}
