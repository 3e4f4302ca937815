import {
  CandlestickSeries,
  createSeriesMarkers,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  LineStyle,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { Fill, IndicatorSeries } from '../api/types';
import { chartTime, darkChart } from './chart-base';

type Point = IndicatorSeries['points'][number];

const COLOURS = { vwap: '#f59e0b', ema9: '#38bdf8', ema21: '#a78bfa', ema50: '#f472b6', rsi: '#e5e7eb' };

/** The bar a fill happened in: the last bar starting at or before it (undefined before the first). */
function barOf(times: readonly number[], at: number): number | undefined {
  let lo = 0;
  let hi = times.length - 1;
  let found: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= at) {
      found = times[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Buy/sell arrows of the accounts' fills, and SMC structure breaks, in time order. */
function markersOf(series: IndicatorSeries, fills: readonly Fill[], colourOf: (id: string) => string) {
  const times = series.points.map((p) => chartTime(p.time) as number);
  const markers: SeriesMarker<Time>[] = [];
  for (const f of fills) {
    const bar = barOf(times, chartTime(f.filledAt));
    if (bar === undefined) continue;
    const buy = f.side === 'BUY';
    markers.push({
      time: bar as UTCTimestamp,
      position: buy ? 'belowBar' : 'aboveBar',
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: colourOf(f.accountId),
      text: `${f.accountId} ${buy ? 'B' : 'S'} ${f.quantity}`,
    });
  }
  for (const m of series.structure)
    markers.push({
      time: chartTime(m.time),
      position: m.direction === 'bullish' ? 'belowBar' : 'aboveBar',
      shape: 'circle',
      color: m.direction === 'bullish' ? '#22c55e' : '#ef4444',
      text: m.kind,
      size: 0.5,
    });
  return markers.sort((a, b) => (a.time as number) - (b.time as number));
}

function lineData(points: readonly Point[], pick: (p: Point) => number | undefined) {
  return points.flatMap((p) => {
    const value = pick(p);
    return value === undefined ? [] : [{ time: chartTime(p.time), value }];
  });
}

interface Parts {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  lines: Record<'vwap' | 'ema9' | 'ema21' | 'ema50' | 'rsi', ISeriesApi<'Line'>>;
  markers: ISeriesMarkersPluginApi<Time>;
  levels: IPriceLine[];
}

/**
 * Candles with VWAP and EMA 9/21/50 overlays, RSI(14) in a pane below with its 30/70 bands, the
 * accounts' buys and sells as arrows, SMC breaks (BOS/CHoCH) as dots and the unbroken swing levels as
 * dashed lines.
 */
export function CandleChart({
  series,
  fills,
  colourOf,
}: {
  series: IndicatorSeries | undefined;
  fills: readonly Fill[];
  colourOf: (accountId: string) => string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const parts = useRef<Parts | null>(null);
  const shown = useRef<string | null>(null);

  useEffect(() => {
    const chart = darkChart(container.current!);
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: '#22c55e',
      downColor: '#ef4444',
      borderVisible: false,
      wickUpColor: '#22c55e',
      wickDownColor: '#ef4444',
    });
    const overlay = (colour: string, title: string, pane = 0) =>
      chart.addSeries(
        LineSeries,
        { color: colour, lineWidth: 1, title, priceLineVisible: false, lastValueVisible: false },
        pane,
      );
    const rsi = overlay(COLOURS.rsi, 'RSI 14', 1);
    for (const level of [70, 30])
      rsi.createPriceLine({
        price: level,
        color: '#4b5563',
        lineStyle: LineStyle.Dashed,
        lineWidth: 1,
        axisLabelVisible: true,
        title: '',
      });
    chart.panes()[1]?.setHeight(120);
    parts.current = {
      chart,
      candles,
      lines: {
        vwap: overlay(COLOURS.vwap, 'VWAP'),
        ema9: overlay(COLOURS.ema9, 'EMA 9'),
        ema21: overlay(COLOURS.ema21, 'EMA 21'),
        ema50: overlay(COLOURS.ema50, 'EMA 50'),
        rsi,
      },
      markers: createSeriesMarkers(candles, []),
      levels: [],
    };
    return () => {
      chart.remove();
      parts.current = null;
    };
  }, []);

  useEffect(() => {
    const p = parts.current;
    if (!p || !series) return;
    const points = series.points;
    p.candles.setData(
      points.map((b) => ({ time: chartTime(b.time), open: b.open, high: b.high, low: b.low, close: b.close })),
    );
    p.lines.vwap.setData(lineData(points, (b) => b.vwap));
    p.lines.ema9.setData(lineData(points, (b) => b.ema9));
    p.lines.ema21.setData(lineData(points, (b) => b.ema21));
    p.lines.ema50.setData(lineData(points, (b) => b.ema50));
    p.lines.rsi.setData(lineData(points, (b) => b.rsi14));
    p.markers.setMarkers(markersOf(series, fills, colourOf));
    for (const line of p.levels) p.candles.removePriceLine(line);
    const levels = series.levels;
    const dashed = (price: number | undefined, title: string, colour: string) =>
      price === undefined
        ? []
        : [p.candles.createPriceLine({ price, title, color: colour, lineStyle: LineStyle.Dotted, lineWidth: 1 })];
    p.levels = [
      ...dashed(levels?.swingHigh, 'swing high', '#ef4444'),
      ...dashed(levels?.swingLow, 'swing low', '#22c55e'),
      ...dashed(levels?.equilibrium, 'equilibrium', '#6b7280'),
    ];
    // Fit when a different symbol or timeframe arrives; keep the user's zoom on live updates.
    const view = `${series.symbol}/${series.timeframe}`;
    if (shown.current !== view) {
      p.chart.timeScale().fitContent();
      shown.current = view;
    }
  }, [series, fills, colourOf]);

  return <div ref={container} className="chart candle-chart" data-testid="candle-chart" />;
}
