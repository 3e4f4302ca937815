/**
 * A fingerprint of everything the trading core computes over bench/core.ts's synthetic year, to check
 * that a speed-up changes nothing: run it before and after, the hashes must be equal.
 *
 * - signals: every signal of the pipeline (5 symbols, with the strategies' frames and with all four);
 * - snapshots: the snapshot of every frame (indicators, structure) at every session close, all four
 *   frames built, so indicators no strategy reads are covered too.
 *
 * Run: `npx tsx bench/core-signal-hash.ts` (reads ../shared/data/nse, see bench/nse-data.ts).
 */
import { createHash } from 'node:crypto';
import { DEFAULT_FEATURE_CONFIG } from '../core/indicators/engine';
import { symbolSnapshot } from '../core/indicators/snapshot';
import { instrumentOf } from '../core/instruments';
import { createAllStrategies } from '../core/strategies/registry';
import { type Signal } from '../core/types';
import { runPipeline } from './core-pipeline';
import { loadNseBars, NSE_SYMBOLS, synthesiseYear } from './nse-data';

/** Bars per session: a snapshot is taken at every session's last bar. */
const SESSION_BARS = 75;

function main(): void {
  const strategies = createAllStrategies();
  const signalHash = createHash('sha256');
  const snapshotHash = createHash('sha256');
  let signals = 0;
  let snapshots = 0;
  for (const [i, symbol] of NSE_SYMBOLS.entries()) {
    const tick = instrumentOf(symbol)!.tickSize;
    const bars = synthesiseYear(loadNseBars(symbol), tick, 1 + i);
    const addSignals = (list: readonly Signal[]) => {
      for (const s of list) signalHash.update(JSON.stringify(s) + '\n');
      signals += list.length;
    };
    runPipeline(symbol, bars, strategies, tick, [], (_engine, list) => addSignals(list));
    let bar = 0;
    runPipeline(symbol, bars, strategies, tick, DEFAULT_FEATURE_CONFIG.timeframes, (engine, list) => {
      addSignals(list);
      if (++bar % SESSION_BARS !== 0) return;
      snapshotHash.update(JSON.stringify(symbolSnapshot(engine)) + '\n');
      snapshots++;
    });
  }
  console.log(`signals   ${signals} ${signalHash.digest('hex')}`);
  console.log(`snapshots ${snapshots} ${snapshotHash.digest('hex')}`);
}

main();
