/**
 * Fault injection for tests: make chosen requests slow, fail, hang, drop the connection, or — for
 * exactly-once tests — apply the request and then lose or delay the answer, so the client times out
 * although the order exists.
 *
 * A rule fires for requests that match its method and path (relative to `/v2`; a trailing `*`
 * matches a prefix), with probability `rate` (drawn from the simulator's seeded PRNG), for at most
 * `times` requests if given, after letting the first `skip` matching requests pass.
 */
import { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { Prng } from '../market/prng';
import { MESSAGES, sendDhanError } from './dhan-errors';

export const FAULT_KINDS = [
  /** Wait `ms` before handling. */
  'latency',
  /** Answer 500 DH-908 without handling. */
  'error5xx',
  /** Answer 429 DH-904 without handling. */
  'rateLimit',
  /** Never handle or answer; the connection is destroyed after `ms` (default 120 s) or when the client leaves. */
  'hang',
  /** Destroy the connection without handling. */
  'drop',
  /** Handle the request, then destroy the connection instead of answering. */
  'applyThenDrop',
  /** Handle the request, then answer only after `ms`. */
  'applyThenDelay',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultRuleSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
    path: z.string().startsWith('/').optional(),
    rate: z.number().min(0).max(1).optional(),
    times: z.number().int().positive().optional(),
    skip: z.number().int().min(0).optional(),
    ms: z.number().int().min(0).max(600_000).optional(),
  })
  .strict();
export type FaultRule = z.infer<typeof faultRuleSchema>;

interface ActiveRule extends FaultRule {
  left?: number;
  toSkip: number;
}

const BEFORE_HANDLING: ReadonlySet<FaultKind> = new Set(['error5xx', 'rateLimit', 'hang', 'drop']);

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private readonly rng: Prng;

  constructor(seed: number) {
    this.rng = new Prng(seed);
  }

  /** Replaces all rules. */
  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map(activate);
  }

  add(rule: FaultRule): void {
    this.rules.push(activate(rule));
  }

  clear(): void {
    this.rules = [];
  }

  /** Rules still active, with the number of firings left. */
  list(): ActiveRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The rules that fire for this request (consuming their `times`). */
  fire(method: string, path: string): FaultRule[] {
    const fired = this.rules.filter((r) => {
      if (!matches(r, method, path)) return false;
      if (r.toSkip > 0) {
        r.toSkip--;
        return false;
      }
      return this.rng.next() < (r.rate ?? 1);
    });
    for (const r of fired) if (r.left !== undefined) r.left--;
    this.rules = this.rules.filter((r) => r.left === undefined || r.left > 0);
    return fired;
  }

  /** Express middleware applying the rules to requests under the Dhan router. */
  middleware() {
    return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      const fired = this.fire(req.method, req.path);
      const delay = fired.filter((r) => r.kind === 'latency').reduce((ms, r) => ms + (r.ms ?? 0), 0);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const blocking = fired.find((r) => BEFORE_HANDLING.has(r.kind));
      if (blocking?.kind === 'drop') return void req.socket.destroy();
      if (blocking?.kind === 'hang') {
        const timer = setTimeout(() => req.socket.destroy(), blocking.ms ?? 120_000);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      if (blocking?.kind === 'error5xx') return sendDhanError(res, 500, 'DH-908', MESSAGES.internal);
      if (blocking?.kind === 'rateLimit') return sendDhanError(res, 429, 'DH-904', MESSAGES.rateLimit);
      const after = fired.find((r) => r.kind === 'applyThenDrop' || r.kind === 'applyThenDelay');
      if (after) loseAnswer(req, res, after);
      next();
    };
  }
}

function activate(rule: FaultRule): ActiveRule {
  const parsed = faultRuleSchema.parse(rule);
  return { ...parsed, left: parsed.times, toSkip: parsed.skip ?? 0 };
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method !== method.toUpperCase()) return false;
  if (!rule.path) return true;
  return rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path;
}

/** Lets the handler run to completion, then drops or delays its answer. */
function loseAnswer(req: Request, res: Response, rule: FaultRule): void {
  const send = res.json.bind(res);
  res.json = ((body: unknown) => {
    if (rule.kind === 'applyThenDrop') {
      req.socket.destroy();
    } else {
      setTimeout(() => {
        if (!req.socket.destroyed) send(body);
      }, rule.ms ?? 30_000);
    }
    return res;
  }) as Response['json'];
}
