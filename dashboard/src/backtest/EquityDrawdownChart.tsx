import { AreaSeries, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { Backtest } from '../api/types';
import { chartTime, darkChart } from '../components/chart-base';

type Curve = NonNullable<Backtest['equityCurve']>;

/** The curve's points in time order, one per chart time (the chart refuses repeated times). */
function byTime(curve: Curve): { time: UTCTimestamp; equity: number; drawdown: number }[] {
  const points: { time: UTCTimestamp; equity: number; drawdown: number }[] = [];
  for (const p of curve) {
    const time = chartTime(p.time);
    const last = points.at(-1);
    if (last && time <= last.time)
      points[points.length - 1] = { time: last.time, equity: p.equity, drawdown: p.drawdown };
    else points.push({ time, equity: p.equity, drawdown: p.drawdown });
  }
  return points;
}

/** A backtest's equity after every cycle, and its drawdown (in %) in a pane below. */
export function EquityDrawdownChart({ curve }: { curve: Curve }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const chart = darkChart(container.current!);
    const points = byTime(curve);
    chart
      .addSeries(LineSeries, { color: '#60a5fa', lineWidth: 2, title: 'equity ₹' })
      .setData(points.map((p) => ({ time: p.time, value: p.equity })));
    chart
      .addSeries(
        AreaSeries,
        {
          lineColor: '#ef4444',
          topColor: 'rgba(239, 68, 68, 0.05)',
          bottomColor: 'rgba(239, 68, 68, 0.35)',
          lineWidth: 1,
          title: 'drawdown %',
          invertFilledArea: true,
        },
        1,
      )
      .setData(points.map((p) => ({ time: p.time, value: p.drawdown * 100 })));
    chart.panes()[1]?.setHeight(110);
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [curve]);

  return <div ref={container} className="chart backtest-chart" data-testid="backtest-chart" />;
}
