/**
 * LLM replies cached by a hash of (model, prompt version, the request), so a rerun of a backtest
 * costs nothing and decides exactly as before. The request hashed is everything the model sees: the
 * transcript so far, the tools offered, the output cap and the temperature; each step of the tool
 * loop is its own entry.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChatCompletion } from 'openai/resources/chat/completions';
import { type ChatClient, type ChatRequest } from '../../llm/client';
import { LlmNonRetryableError } from '../../llm/errors';

/** Where cached replies live (Postgres for the desk, a folder for runs without a database). */
export interface ResponseCache {
  get(key: string): Promise<ChatCompletion | undefined>;
  put(
    key: string,
    entry: { readonly model: string; readonly promptVersion: string; readonly response: ChatCompletion },
  ): Promise<void>;
}

/** JSON with object keys sorted, so equal requests hash equally whatever order their keys were built in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** The cache key of one request: sha256 over the model, the prompt version and the request. */
export function responseCacheKey(model: string, promptVersion: string, request: ChatRequest): string {
  const { messages, tools, maxTokens, temperature } = request;
  return createHash('sha256')
    .update(canonical({ model, promptVersion, messages, tools, maxTokens, temperature }))
    .digest('hex');
}

export interface CacheStats {
  /** Replies served from the cache. */
  hits: number;
  /** Replies the model was asked for (and paid) in this run. */
  misses: number;
}

/**
 * A chat client that answers from the cache and asks `upstream` only on a miss, storing the reply.
 * Without `upstream` (no API key), a miss is an error naming what is missing.
 */
export function cachingChatClient(
  cache: ResponseCache,
  upstream: ChatClient | undefined,
  promptVersion: string,
): ChatClient & { readonly stats: CacheStats } {
  const stats: CacheStats = { hits: 0, misses: 0 };
  return {
    stats,
    async complete(request, signal) {
      const key = responseCacheKey(request.model, promptVersion, request);
      const cached = await cache.get(key);
      if (cached) {
        stats.hits++;
        return cached;
      }
      if (!upstream)
        throw new LlmNonRetryableError(
          `no cached reply for this ${request.model} prompt and no OPENROUTER_API_KEY to ask the model`,
          { kind: 'unauthorized' },
        );
      const response = await upstream.complete(request, signal);
      stats.misses++;
      await cache.put(key, { model: request.model, promptVersion, response });
      return response;
    },
  };
}

/** Replies kept as JSON files under `dir` (`<first two hex digits>/<key>.json`). */
export function diskResponseCache(dir: string): ResponseCache {
  const file = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);
  return {
    async get(key) {
      try {
        return (JSON.parse(readFileSync(file(key), 'utf8')) as { response: ChatCompletion }).response;
      } catch {
        return undefined;
      }
    },
    async put(key, entry) {
      const path = file(key);
      mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
      // Written aside, then renamed: a crash never leaves half a reply behind.
      writeFileSync(`${path}.tmp`, JSON.stringify({ key, ...entry }));
      renameSync(`${path}.tmp`, path);
    },
  };
}

/** Replies kept in memory (tests; a backtest without a cache still answers repeats once). */
export function memoryResponseCache(): ResponseCache & { readonly size: () => number } {
  const entries = new Map<string, ChatCompletion>();
  return {
    size: () => entries.size,
    get: async (key) => entries.get(key),
    put: async (key, entry) => void entries.set(key, entry.response),
  };
}
