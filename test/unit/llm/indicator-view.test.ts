import { type IndicatorSnapshot, type SymbolSnapshot } from '../../../core/indicators';
import { indicatorsForPrompt } from '../../../llm/indicator-view';
import { NOW } from './fixtures';

const frame = (fields: Partial<IndicatorSnapshot>): IndicatorSnapshot => ({
  symbol: 'RELIANCE',
  timeframe: '5m',
  time: NOW - 300_000,
  closeTime: NOW,
  open: 1318,
  high: 1321,
  low: 1317.5,
  close: 1320.1,
  volume: 12_000,
  structure: { trend: 'up' },
  ...fields,
});

const snapshot: SymbolSnapshot = {
  symbol: 'RELIANCE',
  time: NOW,
  session: { prevHigh: 1330.5, prevLow: 1301.2, openingHigh: 1322, openingLow: undefined },
  frames: {
    '5m': frame({ vwap: 1316.2, vwapSlope: 0.8, rvol: 1.4, ema9: 1318.4, ema21: 1315, atr14: 3.1, rsi14: 58.2 }),
    '15m': frame({
      timeframe: '15m',
      ema9: 1317,
      ema21: 1312.5,
      structure: { trend: 'up', swingHigh: 1324, swingLow: 1306 },
    }),
  },
};

describe('indicatorsForPrompt', () => {
  it("shows only what the account's strategies read, per timeframe, null while unknown", () => {
    expect(indicatorsForPrompt(snapshot, ['vwap', 'ema'])).toEqual({
      '5m': { vwap: 1316.2, vwapSlope: 0.8, rvol: 1.4, ema9: 1318.4, ema21: 1315, atr14: 3.1 },
      '15m': { ema9: 1317, ema21: 1312.5, ema50: null },
    });
  });

  it('reads structure and session levels for smc, and shares values between strategies', () => {
    expect(indicatorsForPrompt(snapshot, ['rsi', 'smc'])).toEqual({
      '5m': { rsi14: 58.2, atr14: 3.1, vwap: 1316.2 },
      '15m': { rsi14: null, ema50: null, swingHigh: 1324, swingLow: 1306, equilibrium: null },
      '1d': { pdh: 1330.5, pdl: 1301.2, orh: 1322, orl: null },
    });
  });

  it('leaves a timeframe with no closed bar as nulls', () => {
    expect(indicatorsForPrompt({ ...snapshot, frames: {} }, ['vwap'])).toEqual({
      '5m': { vwap: null, vwapSlope: null, rvol: null },
    });
  });
});
