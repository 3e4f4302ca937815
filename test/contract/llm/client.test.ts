import { inspect } from 'node:util';
import { Secret } from '../../../config/secret';
import { createChatClient } from '../../../llm/client';
import { LlmError, LlmNonRetryableError, LlmRetryableError } from '../../../llm/errors';
import { startFakeLlmServer } from '../../../llm/fake-server';
import { API_KEY, type Harness, SONNET, startHarness } from './harness';

const hello = { model: SONNET, messages: [{ role: 'user' as const, content: 'hello' }] };

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LlmError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('createChatClient against the fake server', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.server.close());

  it('sends the key as a bearer token, the attribution headers and the request', async () => {
    h.server.script(SONNET, {
      type: 'text',
      content: 'HOLD: nothing convincing',
      usage: { prompt_tokens: 12, completion_tokens: 5 },
    });
    const reply = await h.client.complete({ ...hello, maxTokens: 100, temperature: 0.2 });
    expect(reply.choices[0]?.message.content).toBe('HOLD: nothing convincing');
    expect(reply.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 5 });
    const [request] = h.server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['http-referer']).toBe('https://desk.example');
    expect(request?.headers['x-title']).toBe('AI trading desk');
    expect(request?.body).toMatchObject({ model: SONNET, messages: hello.messages, max_tokens: 100, temperature: 0.2 });
  });

  it('does not retry a 429 itself: one request, a retryable error with Retry-After', async () => {
    h.server.script(SONNET, {
      type: 'http_error',
      status: 429,
      message: 'Rate limit exceeded',
      headers: { 'retry-after': '2' },
    });
    const error = await failure(h.client.complete(hello));
    expect(error).toBeInstanceOf(LlmRetryableError);
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 2000, retryable: true });
    expect(error.message).toBe('LLM provider rate limit reached (HTTP 429). Provider said: Rate limit exceeded');
    expect(h.server.requests).toHaveLength(1);
  });

  it.each([500, 502, 503])('classifies HTTP %i as retryable and does not retry it', async (status) => {
    h.server.script(SONNET, { type: 'http_error', status, message: 'upstream down' });
    const error = await failure(h.client.complete(hello));
    expect(error).toBeInstanceOf(LlmRetryableError);
    expect(error).toMatchObject({ kind: 'server_error', status });
    expect(h.server.requests).toHaveLength(1);
  });

  it.each([
    [400, 'bad_request', 'LLM request rejected as invalid'],
    [401, 'unauthorized', 'OpenRouter rejected the API key: check OPENROUTER_API_KEY'],
    [402, 'credits_exhausted', 'OpenRouter credits exhausted'],
    [403, 'forbidden', 'LLM request forbidden'],
    [404, 'not_found', "LLM model or endpoint not found: check the account's model"],
  ])('classifies HTTP %i as non-retryable %s with a clear message', async (status, kind, text) => {
    h.server.script(SONNET, { type: 'http_error', status, message: 'provider detail' });
    const error = await failure(h.client.complete(hello));
    expect(error).toBeInstanceOf(LlmNonRetryableError);
    expect(error).toMatchObject({ kind, status, retryable: false });
    expect(error.message).toContain(text);
    expect(error.message).toContain(`(HTTP ${status}). Provider said: provider detail`);
    expect(error.name).toBe('LlmNonRetryableError');
    expect(h.server.requests).toHaveLength(1);
  });

  it('classifies an error reported inside a 200 body', async () => {
    h.server.script(
      SONNET,
      { type: 'error_in_body', code: 502, message: 'model produced invalid output' },
      { type: 'error_in_body', code: 402, message: 'insufficient credits' },
    );
    expect(await failure(h.client.complete(hello))).toMatchObject({
      kind: 'server_error',
      retryable: true,
      status: 502,
    });
    expect(await failure(h.client.complete(hello))).toMatchObject({ kind: 'credits_exhausted', retryable: false });
  });

  it('times out a slow reply as retryable, after one request', async () => {
    const slow = createChatClient({ baseUrl: h.server.baseUrl, apiKey: new Secret(API_KEY), timeoutMs: 200 });
    h.server.script(SONNET, { type: 'text', content: 'late', delayMs: 2_000 });
    const error = await failure(slow.complete(hello));
    expect(error).toBeInstanceOf(LlmRetryableError);
    expect(error.kind).toBe('timeout');
    expect(h.server.requests).toHaveLength(1);
  });

  it('stops when the caller aborts, as a non-retryable cancellation', async () => {
    h.server.script(SONNET, { type: 'text', content: 'late', delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(h.client.complete(hello, controller.signal));
    expect(error).toMatchObject({ kind: 'aborted', retryable: false });
  });

  it('never lets the key into an error, even when the provider echoes it', async () => {
    h.server.script(SONNET, { type: 'http_error', status: 401, message: `Invalid key: ${API_KEY}` });
    const error = await failure(h.client.complete(hello));
    expect(error.message).toContain('Invalid key: [redacted]');
    expect(error.message).not.toContain(API_KEY);
    expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
  });
});

describe('createChatClient without a server', () => {
  it('classifies a refused connection as retryable', async () => {
    const server = await startFakeLlmServer();
    const baseUrl = server.baseUrl;
    await server.close();
    const client = createChatClient({ baseUrl, apiKey: new Secret(API_KEY), timeoutMs: 2_000 });
    const error = await failure(client.complete(hello));
    expect(error).toBeInstanceOf(LlmRetryableError);
    expect(error.kind).toBe('connection');
    expect(error.message).not.toContain(API_KEY);
  });
});
