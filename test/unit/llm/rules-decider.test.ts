import fc from 'fast-check';
import { STRATEGY_IDS } from '../../../core/strategy-ids';
import { type Signal } from '../../../core/types';
import { type DecisionContext } from '../../../llm/context';
import { coreSize, createRulesDecider, decideByRules, rulesHold } from '../../../llm/rules-decider';
import { INFY_EMA_LONG, makeContext, signal, TCS_VWAP_LONG } from './fixtures';

const tenShares = () => 10;

/** The fixture with these signals replacing the default ones (per symbol). */
function withSignals(signals: Signal[], base: DecisionContext = makeContext()): DecisionContext {
  return {
    ...base,
    symbols: base.symbols.map((view) => ({ ...view, signals: signals.filter((s) => s.symbol === view.symbol) })),
  };
}

const relianceExit = signal({
  symbol: 'RELIANCE',
  strategy: 'vwap',
  kind: 'exit',
  side: 'SELL',
  entry: 1320.1,
  stop: 1325,
  reason: 'Close fell back through VWAP',
});

describe('decideByRules', () => {
  it('fills the free slots with the strongest entry signals, using their stop and target', () => {
    // One of three slots is taken by RELIANCE, so both entries fit; TCS (0.7) comes before INFY (0.55).
    const { proposals } = decideByRules(makeContext(), tenShares);
    expect(proposals).toEqual([
      {
        symbol: 'TCS',
        side: 'BUY',
        quantity: 10,
        orderType: 'MARKET',
        product: 'INTRADAY',
        strategy: 'vwap',
        stopLoss: 3443.6,
        takeProfit: 3464.3,
        reason: 'vwap: Close crossed above VWAP on 1.8x relative volume',
        source: 'rules',
      },
      {
        symbol: 'INFY',
        side: 'BUY',
        quantity: 10,
        orderType: 'MARKET',
        product: 'INTRADAY',
        strategy: 'ema',
        stopLoss: 1186,
        takeProfit: 1198.6,
        reason: 'ema: EMA9 crossed above EMA21 with the 15m trend up',
        source: 'rules',
      },
    ]);
  });

  it('gives a single free slot to the strongest signal, ties broken by symbol', () => {
    const base = makeContext();
    const oneSlot = { ...base, risk: { ...base.risk, limits: { ...base.risk.limits, maxOpenPositions: 2 } } };
    const first = decideByRules(oneSlot, tenShares);
    expect(first.proposals.map((p) => p.symbol)).toEqual(['TCS']);
    expect(first.notes).toContain('INFY ema BUY: no free position slot');

    const tied = withSignals(
      [
        { ...TCS_VWAP_LONG, strength: 0.6 },
        { ...INFY_EMA_LONG, strength: 0.6 },
      ],
      oneSlot,
    );
    expect(decideByRules(tied, tenShares).proposals.map((p) => p.symbol)).toEqual(['INFY']);
  });

  it("closes a position on its own strategy's exit signal on the closing side only", () => {
    const wrongStrategy = { ...relianceExit, strategy: 'ema' as const };
    const wrongSide = { ...relianceExit, side: 'BUY' as const };
    expect(decideByRules(withSignals([wrongStrategy, wrongSide]), tenShares).proposals).toEqual([]);

    const { proposals } = decideByRules(withSignals([relianceExit]), tenShares);
    expect(proposals).toEqual([
      {
        symbol: 'RELIANCE',
        side: 'SELL',
        quantity: 45,
        orderType: 'MARKET',
        product: 'INTRADAY',
        strategy: 'vwap',
        reason: 'vwap exit: Close fell back through VWAP',
        source: 'rules',
      },
    ]);
  });

  it('closes everything at square-off and opens nothing', () => {
    const base = withSignals([TCS_VWAP_LONG, INFY_EMA_LONG]);
    const atSquareOff = { ...base, market: { ...base.market, minutesToSquareOff: 0, newEntriesAllowed: false } };
    const { proposals, notes } = decideByRules(atSquareOff, tenShares);
    expect(proposals.map((p) => `${p.side} ${p.symbol} ${p.quantity}`)).toEqual(['SELL RELIANCE 45']);
    expect(notes).toEqual(['square-off: closing every open position']);
  });

  it('opens nothing outside the entry window or when risk is not ACTIVE, but still exits', () => {
    const base = withSignals([TCS_VWAP_LONG, relianceExit]);
    const late = { ...base, market: { ...base.market, newEntriesAllowed: false } };
    const lateOutcome = decideByRules(late, tenShares);
    expect(lateOutcome.proposals.map((p) => p.symbol)).toEqual(['RELIANCE']);
    expect(lateOutcome.notes).toContain('entries closed: outside entry window');

    const halted = { ...base, risk: { ...base.risk, state: 'HALTED' as const } };
    const haltedOutcome = decideByRules(halted, tenShares);
    expect(haltedOutcome.proposals.map((p) => p.symbol)).toEqual(['RELIANCE']);
    expect(haltedOutcome.notes).toContain('entries closed: risk state HALTED');
  });

  it('ignores signals outside the account and skips held symbols, bad stops and unusable sizes', () => {
    const outside = [
      signal({ symbol: 'HDFCBANK', strategy: 'vwap', strength: 0.99, entry: 760, stop: 755 }),
      signal({ symbol: 'TCS', strategy: 'rsi', strength: 0.98, entry: 3450.5, stop: 3440 }),
    ];
    const held = signal({ symbol: 'RELIANCE', strategy: 'vwap', strength: 0.97, entry: 1320.1, stop: 1315 });
    const badStop = signal({ symbol: 'INFY', strategy: 'ema', strength: 0.96, entry: 1190.2, stop: 1195 });
    const context = withSignals([...outside, held, badStop, TCS_VWAP_LONG]);
    const { proposals, notes } = decideByRules(context, tenShares);
    expect(proposals.map((p) => p.symbol)).toEqual(['TCS']);
    expect(notes).toContain('RELIANCE vwap BUY: symbol already held or decided');
    expect(notes).toContain("INFY ema BUY: a long's stop must be below the entry (stop 1195, entry 1190.2)");

    // A size of 0 or a fraction skips the signal, and the next one takes the slot.
    const sizes: Record<string, number> = { TCS: 2.5, INFY: 7 };
    const sized = decideByRules(makeContext(), (s) => sizes[s.symbol] ?? 0);
    expect(sized.proposals.map((p) => `${p.symbol} ${p.quantity}`)).toEqual(['INFY 7']);
    expect(sized.notes).toContain('TCS vwap BUY: sized to 2.5 shares, skipped');
  });

  it('follows a short entry signal with its stop above the entry', () => {
    const short = signal({ symbol: 'INFY', strategy: 'ema', side: 'SELL', entry: 1190.2, stop: 1195, target: 1180.6 });
    const { proposals } = decideByRules(withSignals([short]), tenShares);
    expect(proposals).toEqual([
      expect.objectContaining({ symbol: 'INFY', side: 'SELL', stopLoss: 1195, takeProfit: 1180.6 }),
    ]);
  });

  const symbols = ['RELIANCE', 'TCS', 'INFY', 'HDFCBANK'];
  const arbitrarySignal = fc
    .record({
      symbol: fc.constantFrom(...symbols),
      strategy: fc.constantFrom(...STRATEGY_IDS),
      kind: fc.constantFrom('entry' as const, 'exit' as const),
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      strength: fc.double({ min: 0, max: 1, noNaN: true }),
      entry: fc.double({ min: 100, max: 4000, noNaN: true }),
      offset: fc.double({ min: -50, max: 50, noNaN: true }),
    })
    .map(({ offset, ...s }) => signal({ ...s, stop: s.entry + offset }));

  it('never proposes outside the account, a bad size, a wrong-side stop or two orders per symbol (property)', () => {
    fc.assert(
      fc.property(
        fc.array(arbitrarySignal, { maxLength: 12 }),
        fc.func(fc.oneof(fc.integer({ min: -5, max: 500 }), fc.double({ noNaN: false }))),
        fc.boolean(),
        (signals, size, entriesOpen) => {
          const base = withSignals(signals);
          const context = { ...base, market: { ...base.market, newEntriesAllowed: entriesOpen } };
          const { proposals } = decideByRules(context, (s) => size(s));
          const account = makeContext().account;
          const bySymbol = new Set(proposals.map((p) => p.symbol));
          expect(bySymbol.size).toBe(proposals.length);
          const entries = proposals.filter((p) => p.stopLoss !== undefined);
          expect(entries.length).toBeLessThanOrEqual(2); // 3 slots, 1 taken by RELIANCE
          if (!entriesOpen) expect(entries).toEqual([]);
          for (const p of proposals) {
            expect(account.stocks).toContain(p.symbol);
            expect(account.strategies).toContain(p.strategy);
            expect(Number.isInteger(p.quantity) && p.quantity >= 1).toBe(true);
            expect(p.source).toBe('rules');
          }
          for (const p of entries) {
            const s = signals.find((x) => x.symbol === p.symbol && x.kind === 'entry' && x.stop === p.stopLoss)!;
            expect(s.side).toBe(p.side);
            expect(p.side === 'BUY' ? p.stopLoss! < s.entry : p.stopLoss! > s.entry).toBe(true);
          }
          // The outcome does not depend on the order the signals arrived in.
          expect(decideByRules(withSignals([...signals].reverse(), context), (s) => size(s)).proposals).toEqual(
            proposals,
          );
        },
      ),
    );
  });
});

describe('rulesHold', () => {
  const flat = { ...makeContext().portfolio, positions: [] };
  const squareOff = { ...makeContext().market, minutesToSquareOff: 0 };

  it('holds without signals unless a position waits for square-off, as decideByRules does', () => {
    const cases: [DecisionContext, boolean][] = [
      [withSignals([]), true], // a position, no signal, before square-off
      [withSignals([], makeContext({ portfolio: flat })), true],
      [withSignals([], makeContext({ portfolio: flat, market: squareOff })), true],
      [withSignals([], makeContext({ market: squareOff })), false], // square-off closes RELIANCE
      [makeContext(), false], // entry signals
    ];
    for (const [context, holds] of cases) {
      const signals = context.symbols.reduce((n, view) => n + view.signals.length, 0);
      const input = { signals, openPositions: context.portfolio.positions.length, ...context.market };
      expect(rulesHold(input)).toBe(holds);
      expect(decideByRules(context, tenShares).proposals.length === 0).toBe(holds);
    }
  });
});

describe('coreSize', () => {
  it('sizes with the core sizer: the smaller of risk and buying power', () => {
    // d = 3450.5 − 3443.6 = 6.9; risk 2 % × 600000 = 12000 → byRisk = floor(12000 / 6.9) = 1739.
    // Buying power: floor(600342 × 1 / (3 × 3450.5)) = floor(57.996) = 57 → 57 shares.
    expect(coreSize(TCS_VWAP_LONG, makeContext())).toBe(57);
  });

  it('returns 0 when the sizer says skip (stop closer than two ticks)', () => {
    expect(coreSize({ ...TCS_VWAP_LONG, stop: 3450.4 }, makeContext())).toBe(0);
  });
});

describe('createRulesDecider', () => {
  it('decides through the Decider interface and records a rules invocation without LLM usage', async () => {
    const decider = createRulesDecider(tenShares);
    expect(decider.kind).toBe('rules');
    const decision = await decider.decide(makeContext());
    expect(decision.proposals.map((p) => p.symbol)).toEqual(['TCS', 'INFY']);
    expect(decision.rejections).toEqual([]);
    expect(decision.records).toHaveLength(1);
    expect(decision.records[0]).toMatchObject({
      accountId: 'claude',
      cycleKey: 'claude-2026-06-10-1100',
      decider: 'rules',
      model: null,
      promptVersion: null,
      stopReason: 'rules',
      proposals: decision.proposals,
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, costInr: 0, costSource: 'none' },
      notes: ['TCS vwap BUY: entering 10 shares (strength 0.7)', 'INFY ema BUY: entering 10 shares (strength 0.55)'],
    });
  });
});
