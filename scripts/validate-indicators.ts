/**
 * Validates core/indicators against independent references on the five real NSE files
 * (../shared/data/nse, read at run time) and prints, per indicator, the worst relative error.
 * Exits with status 1 when any error exceeds 1e-6 or the references disagree on when a value exists.
 *
 * Run: `npx tsx scripts/validate-indicators.ts`
 *
 * References (the script says which one each indicator used):
 * - **TA-Lib** (C library, through its Python package) for EMA, SMA, RSI, ATR and MACD. Install it once:
 *     python3 -m venv /tmp/talib && /tmp/talib/bin/pip install TA-Lib numpy
 *   and point TALIB_PYTHON at that interpreter if it lives elsewhere. Without it the script fails: it
 *   never skips a reference silently.
 * - **Textbook Python** written in this file, separately from core/, for what TA-Lib does not have:
 *   session VWAP (reset per IST day, empty until the first traded volume), its σ computed directly
 *   as √(ΣV·(TP − VWAP_k)²/ΣV) over the session (not from running sums), the 3-bar slope, and RVOL
 *   (same clock time over the previous 10 sessions, else the previous ≤ 20 bars of the session).
 * - **technicalindicators** (npm) as a second opinion for EMA and SMA, where the research note found it
 *   identical to TA-Lib.
 *
 * Relative error = |ours − reference| / max(|reference|, 1e-12), over every bar where both exist.
 */
import { spawnSync } from 'node:child_process';
import { EMA as TiEma, SMA as TiSma } from 'technicalindicators';
import { loadNseBars, NSE_DATA_DIR, NSE_SYMBOLS } from '../bench/nse-data';
import { Atr } from '../core/indicators/atr';
import { Ema } from '../core/indicators/ema';
import { Macd } from '../core/indicators/macd';
import { RelativeVolume } from '../core/indicators/rvol';
import { Rsi } from '../core/indicators/rsi';
import { Sma } from '../core/indicators/sma';
import { SessionVwap } from '../core/indicators/vwap';
import { type Candle } from '../core/types';

const TOLERANCE = 1e-6;
const PYTHON = process.env.TALIB_PYTHON ?? '/tmp/talib/bin/python';

/** The reference computations, in Python: TA-Lib calls plus textbook loops (no code shared with core/). */
const PYTHON_REFERENCE = String.raw`
import json, math, sys
import numpy as np
import talib

bars = json.load(sys.stdin)
t = [b["time"] for b in bars]
o, h, l, c, v = (np.array([b[k] for b in bars], dtype=float) for k in ("open", "high", "low", "close", "volume"))
IST = 330 * 60_000
DAY = 86_400_000
day = [(x + IST) // DAY for x in t]
minute = [((x + IST) % DAY) // 60_000 for x in t]

def nan_to_none(a):
    return [None if (x is None or (isinstance(x, float) and math.isnan(x))) else float(x) for x in a]

vwap, sigma, slope, rvol = [], [], [], []
by_slot = {}          # minute of day -> volumes of earlier sessions at that minute
session_start = 0
for k in range(len(bars)):
    if k == 0 or day[k] != day[k - 1]:
        session_start = k
    s = range(session_start, k + 1)
    tp = [(h[i] + l[i] + c[i]) / 3 for i in s]
    vol = [v[i] for i in s]
    total = sum(vol)
    if total > 0:
        vw = sum(p * q for p, q in zip(tp, vol)) / total
        vwap.append(vw)
        sigma.append(math.sqrt(sum(q * (p - vw) ** 2 for p, q in zip(tp, vol)) / total))
    else:
        vwap.append(float("nan"))
        sigma.append(float("nan"))
    slope.append(vwap[k] - vwap[k - 3] if k - 3 >= session_start else float("nan"))
    history = by_slot.get(minute[k], [])
    if len(history) >= 10:
        base = sum(history[-10:]) / 10
    else:
        earlier = [v[i] for i in range(max(session_start, k - 20), k)]
        base = sum(earlier) / len(earlier) if earlier else float("nan")
    rvol.append(v[k] / base if base > 0 else float("nan"))
    by_slot.setdefault(minute[k], []).append(v[k])

macd, signal, hist = talib.MACD(c, 12, 26, 9)
json.dump({
    "ema9": nan_to_none(talib.EMA(c, 9)), "ema21": nan_to_none(talib.EMA(c, 21)), "ema50": nan_to_none(talib.EMA(c, 50)),
    "sma20": nan_to_none(talib.SMA(c, 20)), "rsi14": nan_to_none(talib.RSI(c, 14)), "atr14": nan_to_none(talib.ATR(h, l, c, 14)),
    "macd": nan_to_none(macd), "macdSignal": nan_to_none(signal), "macdHistogram": nan_to_none(hist),
    "vwap": nan_to_none(vwap), "vwapSigma": nan_to_none(sigma), "vwapSlope": nan_to_none(slope), "rvol": nan_to_none(rvol),
}, sys.stdout)
`;

type Series = Array<number | null>;

const REFERENCE_OF: Record<string, string> = {
  ema9: 'TA-Lib EMA',
  ema21: 'TA-Lib EMA',
  ema50: 'TA-Lib EMA',
  sma20: 'TA-Lib SMA',
  rsi14: 'TA-Lib RSI',
  atr14: 'TA-Lib ATR',
  macd: 'TA-Lib MACD',
  macdSignal: 'TA-Lib MACD',
  macdHistogram: 'TA-Lib MACD',
  vwap: 'textbook Python',
  vwapSigma: 'textbook Python',
  vwapSlope: 'textbook Python',
  rvol: 'textbook Python',
  'ema9 (technicalindicators)': 'technicalindicators EMA',
  'sma20 (technicalindicators)': 'technicalindicators SMA',
};

function pythonReference(bars: readonly Candle[]): Record<string, Series> {
  const run = spawnSync(PYTHON, ['-c', PYTHON_REFERENCE], { input: JSON.stringify(bars), maxBuffer: 1 << 28 });
  if (run.error || run.status !== 0) {
    const why = run.error?.message ?? run.stderr.toString();
    throw new Error(
      `the TA-Lib reference is missing (${PYTHON}): ${why.trim()}\n` +
        'Install it: python3 -m venv /tmp/talib && /tmp/talib/bin/pip install TA-Lib numpy (or set TALIB_PYTHON).',
    );
  }
  return JSON.parse(run.stdout.toString()) as Record<string, Series>;
}

/** Our indicators over the bars, through the streaming classes the engine uses. */
function ours(bars: readonly Candle[]): Record<string, Series> {
  const [ema9, ema21, ema50, sma20] = [new Ema(9), new Ema(21), new Ema(50), new Sma(20)];
  const [rsi, atr, macd, vwap, rvol] = [
    new Rsi(14),
    new Atr(14),
    new Macd(12, 26, 9),
    new SessionVwap(),
    new RelativeVolume(),
  ];
  const out: Record<string, Series> = {};
  const put = (name: string, x: number) => (out[name] ??= []).push(Number.isNaN(x) ? null : x);
  for (const b of bars) {
    put('ema9', ema9.update(b.close));
    put('ema21', ema21.update(b.close));
    put('ema50', ema50.update(b.close));
    put('sma20', sma20.update(b.close));
    put('rsi14', rsi.update(b.close));
    put('atr14', atr.update(b.high, b.low, b.close));
    macd.update(b.close);
    put('macd', macd.macd);
    put('macdSignal', macd.signal);
    put('macdHistogram', macd.histogram);
    put('vwap', vwap.update(b.time, b.high, b.low, b.close, b.volume));
    put('vwapSigma', vwap.sigma);
    put('vwapSlope', vwap.slope);
    put('rvol', rvol.update(b.time, b.volume));
  }
  return out;
}

/** technicalindicators' batch output, aligned from the right as its README says. */
function technicalIndicators(bars: readonly Candle[]): Record<string, Series> {
  const closes = bars.map((b) => b.close);
  const align = (values: number[]): Series => [...new Array<null>(closes.length - values.length).fill(null), ...values];
  return {
    'ema9 (technicalindicators)': align(TiEma.calculate({ period: 9, values: closes })),
    'sma20 (technicalindicators)': align(TiSma.calculate({ period: 20, values: closes })),
  };
}

interface Comparison {
  worst: number;
  compared: number;
  availabilityMismatches: number;
}

function compare(mine: Series, reference: Series): Comparison {
  let worst = 0;
  let compared = 0;
  let availabilityMismatches = 0;
  reference.forEach((ref, i) => {
    const x = mine[i] ?? null;
    if ((x === null) !== (ref === null)) availabilityMismatches++;
    if (x === null || ref === null) return;
    compared++;
    worst = Math.max(worst, Math.abs(x - ref) / Math.max(Math.abs(ref), 1e-12));
  });
  return { worst, compared, availabilityMismatches };
}

/** Golden values from strategies.md §2.3 (RELIANCE, raw closes, 4 decimals). */
function goldenChecks(mine: Record<string, Series>, bars: readonly Candle[]): string[] {
  const defined = (s: Series) => s.filter((x): x is number => x !== null);
  const ema9 = defined(mine.ema9!);
  const rsi = defined(mine.rsi14!);
  const firstDay = new Date(bars[0]!.time + 330 * 60_000).toISOString().slice(0, 10);
  const sessionOne = mine.vwap!.filter((_, i) =>
    new Date(bars[i]!.time + 330 * 60_000).toISOString().startsWith(firstDay),
  );
  const checks: Array<[string, number, number]> = [
    ['EMA9 first', ema9[0]!, 1322.8778],
    ['EMA9 second', ema9[1]!, 1322.5022],
    ['EMA9 third', ema9[2]!, 1322.6618],
    ['EMA9 last', ema9.at(-1)!, 1311.7145],
    ['RSI14 first', rsi[0]!, 64.6767],
    ['RSI14 second', rsi[1]!, 74.8981],
    ['RSI14 third', rsi[2]!, 76.0752],
    ['RSI14 last', rsi.at(-1)!, 39.9399],
    ['VWAP end of session 1', sessionOne.at(-1)!, 1346.44],
  ];
  return checks.map(([name, value, expected]) => {
    const ok = Math.abs(value - expected) <= 5e-5;
    return `${ok ? 'ok  ' : 'FAIL'} ${name}: ${value.toFixed(4)} (note: ${expected.toFixed(4)})`;
  });
}

function main(): void {
  console.log(`NSE data: ${NSE_DATA_DIR}; TA-Lib through ${PYTHON}`);
  const results = new Map<string, Comparison>();
  let golden: string[] = [];
  for (const symbol of NSE_SYMBOLS) {
    const bars = loadNseBars(symbol, { raw: true });
    const mine = ours(bars);
    const references = { ...pythonReference(bars), ...technicalIndicators(bars) };
    for (const [name, reference] of Object.entries(references)) {
      const ourName = name.split(' ')[0]!;
      const c = compare(mine[ourName]!, reference);
      const sum = results.get(name) ?? { worst: 0, compared: 0, availabilityMismatches: 0 };
      results.set(name, {
        worst: Math.max(sum.worst, c.worst),
        compared: sum.compared + c.compared,
        availabilityMismatches: sum.availabilityMismatches + c.availabilityMismatches,
      });
    }
    if (symbol === 'RELIANCE') golden = goldenChecks(mine, bars);
  }
  let failed = false;
  console.log(`\n${'indicator'.padEnd(32)}${'reference'.padEnd(26)}${'values'.padStart(8)}  worst relative error`);
  for (const [name, r] of results) {
    const bad = r.worst > TOLERANCE || r.availabilityMismatches > 0 || r.compared === 0;
    failed ||= bad;
    const note =
      r.availabilityMismatches > 0 ? `  (${r.availabilityMismatches} bars where only one side has a value)` : '';
    console.log(
      `${bad ? '✗' : '✓'} ${name.padEnd(30)}${REFERENCE_OF[name]!.padEnd(26)}${String(r.compared).padStart(8)}  ${r.worst.toExponential(2)}${note}`,
    );
  }
  console.log(`\nGolden values of the research note (RELIANCE):\n  ${golden.join('\n  ')}`);
  failed ||= golden.some((line) => line.startsWith('FAIL'));
  console.log(
    failed
      ? `\nFAILED: tolerance ${TOLERANCE}`
      : `\nAll indicators within ${TOLERANCE} on ${NSE_SYMBOLS.length} files.`,
  );
  process.exit(failed ? 1 : 0);
}

main();
