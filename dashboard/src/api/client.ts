import type { ErrorBody } from './types';

/**
 * Why a request failed, sorted by what the user can do about it:
 * - `unreachable`: the API did not answer (server down, network): wait, it retries;
 * - `unauthorized`: the API key was refused: enter the right one;
 * - `refused`: the API answered with an error (bad input, conflict, a dependency down): read the message.
 */
export type ApiProblem =
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'unauthorized'; readonly message: string }
  | {
      readonly kind: 'refused';
      readonly status: number;
      readonly code: string;
      readonly message: string;
      readonly fields?: Record<string, string>;
    };

export class ApiError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.message);
    this.name = 'ApiError';
  }
}

/** Whether the API could be reached and accepted the key, as the latest request found. */
export type ConnectionState = 'ok' | 'unreachable' | 'unauthorized';

export interface ApiClient {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  /** `headers` adds to the defaults, e.g. an `Idempotency-Key`. */
  send<T>(method: 'POST' | 'PATCH', path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  /** Opens a streaming request (the event stream); the caller reads the body. */
  stream(path: string, signal: AbortSignal): Promise<Response>;
}

const isErrorBody = (x: unknown): x is ErrorBody =>
  typeof x === 'object' && x !== null && typeof (x as ErrorBody).error?.message === 'string';

/** Turns a non-2xx answer into an ApiProblem, using the API's own message where it sent one. */
async function problemOf(res: Response): Promise<ApiProblem> {
  const body: unknown = await res.json().catch(() => undefined);
  if (res.status === 401)
    return { kind: 'unauthorized', message: isErrorBody(body) ? body.error.message : 'The API key was refused.' };
  if (!isErrorBody(body)) {
    // Not our API answering (a proxy's 502, a dev server without the desk behind it).
    if (res.status >= 500) return { kind: 'unreachable', message: `The API did not answer (HTTP ${res.status}).` };
    return { kind: 'refused', status: res.status, code: 'http_error', message: `HTTP ${res.status}` };
  }
  const { code, message, fields } = body.error;
  return { kind: 'refused', status: res.status, code, message, ...(fields ? { fields } : {}) };
}

/**
 * A fetch wrapper for the desk's API on this origin: sends the key as a bearer token, parses JSON,
 * throws `ApiError`s, and tells `onConnection` whether the API was reachable and took the key.
 */
export function createApiClient(apiKey: string, onConnection: (state: ConnectionState, message?: string) => void) {
  async function request(path: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(path, {
        ...init,
        headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json', ...init.headers },
      });
    } catch (e) {
      if (init.signal?.aborted) throw e;
      const problem: ApiProblem = { kind: 'unreachable', message: 'The API does not answer.' };
      onConnection('unreachable', problem.message);
      throw new ApiError(problem);
    }
    if (res.ok) {
      onConnection('ok');
      return res;
    }
    const problem = await problemOf(res);
    if (problem.kind === 'refused') onConnection('ok');
    else onConnection(problem.kind, problem.message);
    throw new ApiError(problem);
  }

  const client: ApiClient = {
    async get<T>(path: string, signal?: AbortSignal) {
      return (await (await request(path, signal ? { signal } : {})).json()) as T;
    },
    async send<T>(method: 'POST' | 'PATCH', path: string, body: unknown = {}, headers: Record<string, string> = {}) {
      const res = await request(path, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return (await res.json()) as T;
    },
    stream: (path, signal) => request(path, { signal, headers: { Accept: 'text/event-stream' } }),
  };
  return client;
}
