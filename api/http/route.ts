/**
 * A route is declared once, as data: method, path, who may call it, the zod schemas of its params,
 * query, headers and body, its answer, and a handler. The same declaration mounts the Express route
 * (auth, rate limit, body parsing, validation) and writes its OpenAPI operation, so every route is
 * documented and every documented route exists.
 */
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { type z } from 'zod';
import { badRequest, fieldErrors, HttpError } from '../errors';

export type Method = 'get' | 'post' | 'patch';

/**
 * - `public`: anyone (health, the API document, the docs page);
 * - `read`: the API key, unless API_READS_PUBLIC=true;
 * - `write`: always the API key, and rate limited.
 */
export type Access = 'public' | 'read' | 'write';

type Schema = z.ZodType;
type ObjectSchema = z.ZodObject;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

/** What a handler receives: every part already validated and converted by its schema. */
export interface RouteInput<P, Q, H, B> {
  readonly params: Parsed<P>;
  readonly query: Parsed<Q>;
  readonly headers: Parsed<H>;
  readonly body: Parsed<B>;
}

interface RouteCommon<P, Q, H, B, R> {
  readonly method: Method;
  /** Express path, e.g. `/api/accounts/:id`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly access: Access;
  readonly params?: P;
  readonly query?: Q;
  readonly headers?: H;
  readonly body?: B;
  readonly success: {
    readonly status: 200 | 201 | 202 | 302;
    readonly description: string;
    /** The JSON answer (for `raw` routes: the schema of what they write). */
    readonly schema?: R;
    /** Default `application/json`. */
    readonly contentType?: string;
  };
  /** Statuses the route may answer beyond the ones its access and schemas imply (404, 409, 502). */
  readonly errors?: readonly number[];
  /** Answers other than the error shape for some of those statuses (e.g. health's 503). */
  readonly otherAnswers?: Readonly<Record<number, { readonly description: string; readonly schema: Schema }>>;
}

/** A JSON route: the handler returns the body of the success answer, typed by its schema. */
interface JsonRoute<P, Q, H, B, R> extends RouteCommon<P, Q, H, B, R> {
  readonly handle: (input: RouteInput<P, Q, H, B>, res: Response) => Promise<R extends Schema ? z.input<R> : never>;
  readonly raw?: undefined;
}

/** A raw route writes the response itself (a stream, HTML, text, or a status chosen at run time). */
interface RawRoute<P, Q, H, B, R> extends RouteCommon<P, Q, H, B, R> {
  readonly raw: (input: RouteInput<P, Q, H, B>, res: Response, req: Request) => Promise<void>;
  readonly handle?: undefined;
}

export type RouteSpec<
  P extends ObjectSchema | undefined,
  Q extends ObjectSchema | undefined,
  H extends ObjectSchema | undefined,
  B extends Schema | undefined,
  R extends Schema | undefined,
> = JsonRoute<P, Q, H, B, R> | RawRoute<P, Q, H, B, R>;

/** A declared route, its types erased so routes of every shape fit in one list. */
export type Route = RouteSpec<
  ObjectSchema | undefined,
  ObjectSchema | undefined,
  ObjectSchema | undefined,
  Schema | undefined,
  Schema | undefined
>;

/** Declares a route; the handler's input and answer are typed from the schemas. */
export function defineRoute<
  P extends ObjectSchema | undefined = undefined,
  Q extends ObjectSchema | undefined = undefined,
  H extends ObjectSchema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
>(spec: RouteSpec<P, Q, H, B, R>): Route {
  return spec as unknown as Route;
}

/** What mounting needs besides the routes: the key check and the write rate limit. */
export interface RouteGuards {
  readonly requireKey: RequestHandler;
  readonly writeLimit: RequestHandler;
  readonly readsPublic: boolean;
  readonly bodyLimit: string;
}

/**
 * Validates every part of the request (params, query, headers, body) and reports all bad fields at
 * once, so a client fixes its request in one round trip.
 */
function parseRequest(route: Route, req: Request): RouteInput<undefined, undefined, undefined, undefined> {
  const parts = { params: req.params, query: req.query, headers: req.headers, body: req.body ?? {} };
  const input: Record<string, unknown> = {};
  let fields: Record<string, string> = {};
  for (const [part, value] of Object.entries(parts) as [keyof typeof parts, unknown][]) {
    const schema: Schema | undefined = route[part];
    if (!schema) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) input[part] = parsed.data;
    else fields = { ...fields, ...fieldErrors(part, parsed.error.issues) };
  }
  if (Object.keys(fields).length > 0) {
    const summary = Object.entries(fields)
      .map(([field, why]) => `${field}: ${why}`)
      .join('; ');
    throw badRequest(`Invalid request: ${summary}`, fields);
  }
  return input as unknown as RouteInput<undefined, undefined, undefined, undefined>;
}

/** 415 for a body that is not JSON (an empty body is fine: it reads as `{}`). */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json'))
    return next(
      new HttpError(415, 'unsupported_media_type', 'Send the body as JSON (Content-Type: application/json).'),
    );
  next();
};

/** Mounts each route on `app` with its guards, body parser and validation in front of the handler. */
export function mountRoutes(app: Express, routes: readonly Route[], guards: RouteGuards): void {
  const json = express.json({ limit: guards.bodyLimit });
  for (const route of routes) {
    const chain: RequestHandler[] = [];
    if (route.access === 'write') chain.push(guards.writeLimit);
    if (route.access === 'write' || (route.access === 'read' && !guards.readsPublic)) chain.push(guards.requireKey);
    if (route.body) chain.push(requireJsonBody, json);
    chain.push(async (req, res) => {
      res.locals.route = route.path;
      const input = parseRequest(route, req);
      if (route.raw) return route.raw(input, res, req);
      res.status(route.success.status).json(await route.handle(input, res));
    });
    app[route.method](route.path, ...chain);
  }
}

/** `/api/accounts/:id` → `/api/accounts/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** Every status a route can answer, for its OpenAPI operation. */
export function documentedStatuses(route: Route, readsPublic = false): number[] {
  // Every route may meet a server error or an unavailable Postgres/Temporal.
  const statuses = new Set<number>([route.success.status, 500, 503, ...(route.errors ?? [])]);
  if (route.access === 'write' || (route.access === 'read' && !readsPublic)) statuses.add(401);
  if (route.access === 'write') statuses.add(429);
  if (route.params || route.query || route.headers || route.body) statuses.add(400);
  if (route.body) [413, 415].forEach((s) => statuses.add(s));
  return [...statuses].sort((a, b) => a - b);
}
