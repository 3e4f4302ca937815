import { buildPrompt, CURRENT_PROMPT_VERSION, PROMPT_TEMPLATES } from '../../../llm/prompt';
import { indicator, num, rupees, signedRupees } from '../../../llm/prompt/format';
import { makeContext } from './fixtures';

function userText(context = makeContext()): string {
  const user = buildPrompt(context).messages[1];
  return String(user?.content);
}

describe('buildPrompt', () => {
  it('returns the version it rendered with a system and a user message', () => {
    const prompt = buildPrompt(makeContext());
    expect(prompt.promptVersion).toBe('trade-v1');
    expect(prompt.promptVersion).toBe(CURRENT_PROMPT_VERSION);
    expect(prompt.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('renders the clock, money, risk and positions of the context', () => {
    const text = userText();
    // 11:00 IST, 255 min to the 15:15 square-off, as set in the fixture.
    expect(text).toContain('at 11:00 IST. Square-off in 255 min. New entries allowed.');
    // Cash 540937.5 rounds to 540938; equity and open P&L as hand-computed in fixtures.ts.
    expect(text).toContain('cash 540938 equity 600342 day P&L +342 (realised 0, open +342)');
    // Risk per trade: 2 % of 600000 = 12000; one of three slots used.
    expect(text).toContain('risk/trade 12000 (2%); positions 1/3');
    expect(text).toContain('RELIANCE long 45 avg 1312.5 last 1320.1 P&L +342 SL 1305 TP 1330 (vwap)');
  });

  it('renders indicators per timeframe, warming-up values as "-", and every signal', () => {
    const text = userText();
    expect(text).toContain(' 5m vwap=1316.2 ema9=1318.4 ema21=1315 rsi14=58.25');
    expect(text).toContain(' 15m ema50=-');
    expect(text).toContain(
      ' signal vwap entry BUY 5m strength 0.7 at 3450.5 SL 3443.6 TP 3464.3 | Close crossed above VWAP on 1.8x relative volume',
    );
    expect(text).toContain('RELIANCE 1320.1\n 5m');
    expect(text).toMatch(/15m ema50=-\n no signal\nTCS/);
    expect(text).toContain('10:30 BUY RELIANCE 45 (vwap) -> filled @1312.5');
  });

  it('says when entries are closed and when there is nothing to show', () => {
    const text = userText(
      makeContext({
        market: { now: makeContext().market.now, minutesToSquareOff: 20, newEntriesAllowed: false },
        portfolio: { cash: 600_000, equity: 600_000, realisedPnl: -1500.4, unrealisedPnl: 0, positions: [] },
        recentDecisions: [],
      }),
    );
    expect(text).toContain('Square-off in 20 min. New entries closed.');
    expect(text).toContain('day P&L -1500 (realised -1500, open 0)');
    expect(text).toContain('Positions:\nnone\nMarket:');
    expect(text).toContain('Recent decisions:\nnone\nDecide now.');
  });

  it('is a pure function of the context', () => {
    expect(buildPrompt(makeContext())).toEqual(buildPrompt(makeContext()));
  });

  it('keeps released versions available and refuses unknown ones by name', () => {
    expect(Object.keys(PROMPT_TEMPLATES)).toContain('trade-v1');
    expect(() => buildPrompt(makeContext(), 'trade-v0')).toThrow('unknown prompt version "trade-v0"; known: trade-v1');
  });
});

describe('prompt number formats', () => {
  it('trims decimals and signs rupees', () => {
    expect(num(1320.1)).toBe('1320.1');
    expect(num(1320.126)).toBe('1320.13');
    expect(signedRupees(341.6)).toBe('+342');
    expect(signedRupees(-0.4)).toBe('0');
    expect(signedRupees(-120)).toBe('-120');
    expect(rupees(412345.6)).toBe('412346');
    expect(indicator(null)).toBe('-');
    expect(indicator(Number.NaN)).toBe('-');
  });
});
