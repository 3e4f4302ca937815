/** Dhan error bodies become typed errors, classified by what the caller should do next. */
import {
  DHAN_NON_RETRYABLE_ERROR_TYPES,
  DhanAccessError,
  DhanAuthError,
  DhanInputError,
  DhanNetworkError,
  DhanOrderError,
  DhanRateLimitError,
  DhanServerError,
  DhanTimeoutError,
  errorFromResponse,
  isOutcomeUnknown,
  summariseCause,
} from '../../../broker/dhan/errors';
import { dhanFixtureText } from '../../fixtures/dhan';

const noScrub = (text: string) => text;
const classify = (status: number, body: string) => errorFromResponse(status, body, 'POST /orders', noScrub);

describe('errorFromResponse', () => {
  it.each([
    ['DH-901 → auth, not retryable', 401, dhanFixtureText('error-dh901'), DhanAuthError, 'DH-901', false],
    ['DH-905 → input, not retryable', 400, dhanFixtureText('error-dh905-no-data'), DhanInputError, 'DH-905', false],
    ['DH-906 → order, not retryable', 400, dhanFixtureText('error-dh906'), DhanOrderError, 'DH-906', false],
    ['805 data body → rate limit, retryable', 429, dhanFixtureText('error-data-805'), DhanRateLimitError, '805', true],
    ['Spring 404 → input, not retryable', 404, dhanFixtureText('error-not-found'), DhanInputError, undefined, false],
  ])('%s', (_name, status, body, type, code, retryable) => {
    const error = classify(status, body);
    expect(error).toBeInstanceOf(type);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(retryable);
    expect(error.endpoint).toBe('POST /orders');
  });

  it('names the code, the status and Dhan’s message, and says what to do', () => {
    const error = classify(401, dhanFixtureText('error-dh901'));
    expect(error.message).toContain('DH-901, HTTP 401');
    expect(error.message).toContain('Client ID or user generated access token is invalid or expired.');
    expect(error.message).toContain('web.dhan.co');
    expect(error.dhanMessage).toBe('Client ID or user generated access token is invalid or expired.');
  });

  it.each([
    ['DH-904', 400, DhanRateLimitError], // some clients see 400 for DH-904: the code wins
    ['DH-908', 500, DhanServerError],
    ['DH-909', 502, DhanServerError],
    ['DH-902', 403, DhanAccessError],
    ['DH-911', 403, DhanAccessError],
    ['DH-906', 500, DhanOrderError], // the sandbox answered DH-906 with 500: still a refusal, not retried
  ])('classifies %s with HTTP %i by its code', (code, status, type) => {
    expect(classify(status, JSON.stringify({ errorType: 'x', errorCode: code, errorMessage: 'm' }))).toBeInstanceOf(
      type,
    );
  });

  it('falls back to the HTTP status when there is no code', () => {
    expect(classify(429, 'Too Many Requests')).toBeInstanceOf(DhanRateLimitError);
    expect(classify(503, '<html>bad gateway</html>')).toBeInstanceOf(DhanServerError);
    expect(classify(401, '')).toBeInstanceOf(DhanAuthError);
    expect(classify(418, '{}')).toBeInstanceOf(DhanInputError);
  });

  it('reads the wire oddities: "Invalid IP" under DH-905, "Invalid Token" under DH-906', () => {
    const ip = classify(400, JSON.stringify({ errorCode: 'DH-905', errorMessage: 'Invalid IP' }));
    expect(ip).toBeInstanceOf(DhanAccessError);
    const token = classify(400, JSON.stringify({ errorCode: 'DH-906', errorMessage: 'Invalid Token' }));
    expect(token).toBeInstanceOf(DhanAuthError);
  });

  it('scrubs the body before it enters the error', () => {
    const error = errorFromResponse(400, '{"errorCode":"DH-905","errorMessage":"bad SECRET-1"}', 'GET /x', (t) =>
      t.replace('SECRET-1', '[redacted]'),
    );
    expect(error.message).not.toContain('SECRET-1');
    expect(error.dhanMessage).toBe('bad [redacted]');
  });
});

describe('error classes', () => {
  it('have class names that Temporal uses as failure types, listed when not retryable', () => {
    const error = classify(400, dhanFixtureText('error-dh906'));
    expect(error.name).toBe('DhanOrderError');
    expect(error.constructor.name).toBe('DhanOrderError');
    expect(DHAN_NON_RETRYABLE_ERROR_TYPES).toContain(error.name);
    expect(DHAN_NON_RETRYABLE_ERROR_TYPES).not.toContain('DhanTimeoutError');
  });

  it('mark timeouts, network failures and 5xx as "outcome unknown", refusals not', () => {
    expect(isOutcomeUnknown(new DhanTimeoutError('t', { endpoint: 'POST /orders' }))).toBe(true);
    expect(isOutcomeUnknown(new DhanNetworkError('n', { endpoint: 'POST /orders' }))).toBe(true);
    expect(isOutcomeUnknown(classify(500, '{}'))).toBe(true);
    expect(isOutcomeUnknown(classify(400, dhanFixtureText('error-dh906')))).toBe(false);
    expect(isOutcomeUnknown(classify(429, '{}'))).toBe(false);
  });
});

describe('summariseCause', () => {
  it('keeps names, codes and messages of the chain, and nothing else', () => {
    const socket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
      request: { headers: { x: 1 } },
    });
    const fetchError = new TypeError('fetch failed', { cause: socket });
    const summary = summariseCause(fetchError, (t) => t);
    expect(summary.message).toBe('TypeError: fetch failed <- Error: connect ECONNREFUSED 127.0.0.1:9');
    expect((summary as Error & { code?: string }).code).toBe('ECONNREFUSED');
    expect(summary.cause).toBeUndefined();
    expect(Object.keys(summary)).not.toContain('request');
  });
});
