import { type IChartApi, type ISeriesApi, LineSeries } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { Performance } from '../api/types';
import { useSystem } from '../system';
import { chartTime, darkChart } from './chart-base';

/**
 * The arena: every account's return on its allocated capital over time, on one chart (returns, not
 * rupees, because the accounts hold different capital).
 */
export function ArenaChart({ performance }: { performance: Performance | undefined }) {
  const { colourOf } = useSystem();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const lines = useRef(new Map<string, ISeriesApi<'Line'>>());

  useEffect(() => {
    const created = darkChart(container.current!, {
      // Early in a run returns are tiny: show enough decimals to tell the lines apart.
      localization: { priceFormatter: (v: number) => `${v.toFixed(Math.abs(v) < 1 ? 3 : 2)} %` },
    });
    chart.current = created;
    const owned = lines.current;
    return () => {
      owned.clear();
      created.remove();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c || !performance) return;
    const seen = new Set<string>();
    for (const account of performance.accounts) {
      seen.add(account.accountId);
      let line = lines.current.get(account.accountId);
      if (!line) {
        line = c.addSeries(LineSeries, { lineWidth: 2, title: account.accountId });
        lines.current.set(account.accountId, line);
      }
      // The colours arrive with the system status, possibly after the first series.
      line.applyOptions({ color: colourOf(account.accountId) });
      const capital = account.allocatedCapital;
      line.setData(
        account.points.map((p) => ({
          time: chartTime(p.time),
          value: capital > 0 ? ((p.equity - capital) / capital) * 100 : 0,
        })),
      );
    }
    for (const [id, line] of lines.current)
      if (!seen.has(id)) {
        c.removeSeries(line);
        lines.current.delete(id);
      }
    // The arena is an overview: it always shows every account's whole run.
    c.timeScale().fitContent();
  }, [performance, colourOf]);

  return <div ref={container} className="chart arena-chart" data-testid="arena-chart" />;
}
