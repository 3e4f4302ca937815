import { type ErrorRequestHandler, type RequestHandler } from 'express';
import { ConnectionError } from 'sequelize';
import { type z } from 'zod';
import { type Logger } from '../platform/logger';

/** Field errors: where (`body.quantity`, `query.limit`) → what is wrong, in words. */
export type FieldErrors = Record<string, string>;

/**
 * Errors the application throws on purpose; the one error handler maps them to HTTP.
 * Anything else is a 500 whose details stay in the log, never in the response.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 400: the request is malformed; `fields` says which parts and why. */
export const badRequest = (message: string, fields?: FieldErrors, code = 'invalid_request') =>
  new HttpError(400, code, message, fields);
/** 404: the named thing does not exist. */
export const notFoundError = (message: string, code = 'not_found') => new HttpError(404, code, message);
/** 409: the request is valid but conflicts with the current state. */
export const conflict = (message: string, code = 'conflict') => new HttpError(409, code, message);
/** 503: a service the desk depends on is unavailable; trying again later can succeed. */
export const unavailable = (message: string, code = 'unavailable') => new HttpError(503, code, message);

/**
 * Turns zod issues into field errors keyed by where the value came from, e.g.
 * `{ 'body.quantity': 'Too small: expected number to be >0' }`. Unknown keys are named one by one.
 */
export function fieldErrors(part: string, issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const at = [part, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[`${at}.${key}`] ??= 'unknown field';
    } else {
      fields[at] ??= issue.message;
    }
  }
  return fields;
}

/** body-parser's errors: malformed JSON, a body over the limit, an unsupported charset. */
function bodyParserError(err: unknown): HttpError | undefined {
  const e = err as { type?: unknown; status?: unknown };
  if (typeof e?.type !== 'string' || typeof e.status !== 'number' || e.status >= 500) return undefined;
  switch (e.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new HttpError(413, 'payload_too_large', 'The request body is too large.');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new HttpError(415, 'unsupported_encoding', 'Send the body as UTF-8 JSON, without content encoding.');
    default:
      return new HttpError(400, 'bad_request', 'The request body could not be read.');
  }
}

/** Sequelize cannot reach the database → 503 (trying again later can succeed). */
function databaseUnavailable(err: unknown): HttpError | undefined {
  return err instanceof ConnectionError
    ? unavailable('The database is unavailable; try again later.', 'database_unavailable')
    : undefined;
}

export const notFound: RequestHandler = (req, _res, next) =>
  next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`));

/** The one error handler: `{ error: { code, message, fields? } }`, logs only server errors. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const known = err instanceof HttpError ? err : (bodyParserError(err) ?? databaseUnavailable(err));
    const status = known?.status ?? 500;
    if (status >= 500) log.error({ err, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json({
      error: {
        code: known?.code ?? 'internal_error',
        message: known?.message ?? 'Internal error; see the server log.',
        ...(known?.fields ? { fields: known.fields } : {}),
      },
    });
  };
}
