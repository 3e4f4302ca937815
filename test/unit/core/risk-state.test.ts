import {
  activeStatus,
  afterMark,
  dailyLossBreached,
  kill,
  onNewSession,
  reduceOnly,
  revive,
  type RiskStatus,
} from '../../../core/risk';

const T = 1_781_000_000_000;
const limit = { startOfDayEquity: 1_000_000, dailyLossLimitPct: 10 }; // ₹1,00,000

describe('daily loss', () => {
  it('is breached at exactly the limit, not a paisa before', () => {
    expect(dailyLossBreached(900_000, 1_000_000, 10)).toBe(true);
    expect(dailyLossBreached(900_000.01, 1_000_000, 10)).toBe(false);
  });

  it('halts an active account at a breaching mark, with the loss in the reason', () => {
    const halted = afterMark(activeStatus(T), { ...limit, equity: 880_000 }, T + 1);
    expect(halted).toEqual({
      state: 'HALTED',
      killed: false,
      reason: 'daily loss ₹120000.00 reached the 10% limit: flatten and stop for the day',
      since: T + 1,
    });
  });

  it('leaves the status alone below the limit, and a halt stays a halt after a recovery', () => {
    const active = activeStatus(T);
    expect(afterMark(active, { ...limit, equity: 950_000 }, T + 1)).toBe(active);
    const halted = afterMark(active, { ...limit, equity: 880_000 }, T + 1);
    expect(afterMark(halted, { ...limit, equity: 990_000 }, T + 2)).toBe(halted);
  });

  it('also halts a REDUCING account', () => {
    const reducing = reduceOnly(activeStatus(T), 'operator wind-down', T);
    expect(afterMark(reducing, { ...limit, equity: 800_000 }, T + 1).state).toBe('HALTED');
  });
});

describe('operator transitions', () => {
  it('reduce-only moves ACTIVE to REDUCING but never softens a halt', () => {
    expect(reduceOnly(activeStatus(T), 'wind down', T + 1)).toEqual({
      state: 'REDUCING',
      killed: false,
      reason: 'wind down',
      since: T + 1,
    });
    const killed = kill(activeStatus(T), 'manual kill', T);
    expect(reduceOnly(killed, 'wind down', T + 1)).toBe(killed);
  });

  it('the kill switch survives a new session until revived', () => {
    const killed = kill(activeStatus(T), 'runaway model', T + 1);
    expect(killed).toEqual({ state: 'HALTED', killed: true, reason: 'runaway model', since: T + 1 });
    expect(onNewSession(killed, T + 2)).toBe(killed);
    expect(revive(killed, 'checked by operator', T + 3)).toEqual({
      state: 'ACTIVE',
      killed: false,
      reason: 'checked by operator',
      since: T + 3,
    });
  });

  it('revive does nothing to an account that was not killed', () => {
    const halted: RiskStatus = afterMark(activeStatus(T), { ...limit, equity: 0 }, T);
    expect(revive(halted, 'x', T + 1)).toBe(halted);
  });
});

describe('new session', () => {
  it('brings a halted or reducing account (not killed) back to ACTIVE', () => {
    const halted = afterMark(activeStatus(T), { ...limit, equity: 850_000 }, T);
    expect(onNewSession(halted, T + 1)).toEqual({
      state: 'ACTIVE',
      killed: false,
      reason: 'new session',
      since: T + 1,
    });
    const reducing = reduceOnly(activeStatus(T), 'wind down', T);
    expect(onNewSession(reducing, T + 1).state).toBe('ACTIVE');
  });

  it('leaves an active account as it is', () => {
    const active = activeStatus(T);
    expect(onNewSession(active, T + 1)).toBe(active);
  });
});
