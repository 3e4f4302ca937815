import { z } from 'zod';
import { defineRoute, type Route } from '../http/route';

/** A dependency the desk needs, probed on each health request. */
export interface HealthProbe {
  readonly name: string;
  check(): Promise<boolean>;
}

export interface ProbeResult {
  readonly ok: boolean;
  readonly latencyMs: number;
}

async function run(probe: HealthProbe): Promise<ProbeResult> {
  const started = performance.now();
  const ok = await probe.check().catch(() => false);
  return { ok, latencyMs: Math.round(performance.now() - started) };
}

const healthSchema = z
  .strictObject({
    status: z.enum(['ok', 'unavailable']),
    checks: z.record(z.string(), z.strictObject({ ok: z.boolean(), latencyMs: z.number() })),
    mode: z.string(),
    marketData: z.string(),
  })
  .meta({ id: 'Health' });

/**
 * `GET /api/health`: 200 when every dependency answers, 503 (with which one failed) otherwise,
 * so load balancers and `npm start`'s users see the same truth.
 */
export function healthRoutes(probes: readonly HealthProbe[], info: { mode: string; marketData: string }): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      operationId: 'getHealth',
      summary: 'Health of the API and its dependencies (Postgres, Temporal)',
      tag: 'system',
      access: 'public',
      success: { status: 200, description: 'Every dependency answers.', schema: healthSchema },
      otherAnswers: {
        503: { description: 'A dependency does not answer; `checks` says which.', schema: healthSchema },
      },
      raw: async (_input, res) => {
        const results = await Promise.all(probes.map(async (p) => [p.name, await run(p)] as const));
        const healthy = results.every(([, r]) => r.ok);
        res.status(healthy ? 200 : 503).json({
          status: healthy ? 'ok' : 'unavailable',
          checks: Object.fromEntries(results),
          ...info,
        });
      },
    }),
  ];
}
