import { Router } from 'express';

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

/**
 * `GET /api/health`: 200 when every dependency answers, 503 (with which one failed) otherwise,
 * so load balancers and `npm start`'s users see the same truth.
 */
export function healthRouter(probes: readonly HealthProbe[], info: Record<string, string>): Router {
  return Router().get('/health', async (_req, res) => {
    const results = await Promise.all(probes.map(async (p) => [p.name, await run(p)] as const));
    const healthy = results.every(([, r]) => r.ok);
    res.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'unavailable',
      checks: Object.fromEntries(results),
      ...info,
    });
  });
}
