import { type Models } from '../models';

export interface RiskEventInput {
  /** Natural key, e.g. `<cycle workflow id>/<proposal index>`: a retried write is a no-op. */
  readonly eventKey: string;
  readonly accountId: string;
  readonly cycleId: number | null;
  readonly correlationId?: string;
  readonly rule: string;
  readonly verdict: string;
  readonly detail: string;
  readonly proposal?: unknown;
  readonly marketTime: number;
}

export function riskEventRepository(models: Models) {
  return {
    async save(events: readonly RiskEventInput[]): Promise<void> {
      if (events.length === 0) return;
      await models.RiskEvent.bulkCreate(
        events.map((e) => ({
          eventKey: e.eventKey,
          accountId: e.accountId,
          cycleId: e.cycleId,
          correlationId: e.correlationId ?? null,
          rule: e.rule,
          verdict: e.verdict,
          detail: e.detail,
          proposal: e.proposal ?? null,
          marketTime: new Date(e.marketTime),
        })),
        { ignoreDuplicates: true },
      );
    },
  };
}
