import type { AccountList, FillList, IndicatorSeries } from '../api/types';
import { useApi } from '../api/use-api';
import { CandleChart } from '../components/CandleChart';
import { Dot, LoadError, Panel } from '../components/ui';
import { clock, num } from '../format';
import { Link, navigate, useLocation } from '../router';
import { useSystem } from '../system';

const TIMEFRAMES = ['5m', '15m', '1h', '1d'] as const;
type Frame = (typeof TIMEFRAMES)[number];
/** Bars per timeframe: about two sessions of 5m bars, a week of 15m, a month of 1h, the 60 days of history in 1d. */
const BARS: Record<Frame, number> = { '5m': 150, '15m': 150, '1h': 150, '1d': 60 };

/**
 * One stock: candles with the indicators the strategies use, RSI below, SMC breaks, and where the
 * accounts bought and sold.
 */
export function SymbolPage({ symbol }: { symbol: string }) {
  const { colourOf } = useSystem();
  const search = useLocation().search;
  const requested = search.get('tf');
  const timeframe: Frame = TIMEFRAMES.find((t) => t === requested) ?? '5m';
  const accounts = useApi<AccountList>('/api/accounts');
  // Each cycle closes a bar: the chart follows the live stream.
  const series = useApi<IndicatorSeries>(
    `/api/market-data/${symbol}/series?timeframe=${timeframe}&limit=${BARS[timeframe]}`,
    {
      on: ['cycle'],
    },
  );
  const from = series.data?.points[0]?.time;
  const fills = useApi<FillList>(
    from ? `/api/fills?symbol=${symbol}&from=${encodeURIComponent(from)}&limit=200` : null,
    {
      on: ['fill'],
    },
  );
  const symbols = [...new Set(accounts.data?.items.flatMap((a) => a.stocks) ?? [symbol])].sort();
  const traders = accounts.data?.items.filter((a) => a.stocks.includes(symbol)) ?? [];
  const last = series.data?.points.at(-1);

  return (
    <div className="symbol-page">
      <header className="symbol-head">
        <h1>{symbol}</h1>
        {last && (
          <span>
            <b>{num(last.close)}</b>
            <span className="muted">
              {' '}
              at {clock(series.data!.asOf)} IST · {series.data!.source}
            </span>
          </span>
        )}
        <div className="segmented" role="group" aria-label="Timeframe">
          {TIMEFRAMES.map((t) => (
            <button
              key={t}
              type="button"
              className={t === timeframe ? 'selected' : ''}
              aria-pressed={t === timeframe}
              onClick={() => navigate(`/symbols/${symbol}${t === '5m' ? '' : `?tf=${t}`}`)}
            >
              {t}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <nav className="symbols">
          {symbols.map((s) => (
            <Link
              key={s}
              to={`/symbols/${s}${timeframe === '5m' ? '' : `?tf=${timeframe}`}`}
              className={s === symbol ? 'selected' : ''}
            >
              {s}
            </Link>
          ))}
        </nav>
      </header>
      <LoadError error={series.error} />
      <Panel
        title={`${symbol} · ${timeframe}`}
        actions={
          <span className="legend">
            <i style={{ background: '#f59e0b' }} /> VWAP <i style={{ background: '#38bdf8' }} /> EMA 9{' '}
            <i style={{ background: '#a78bfa' }} /> EMA 21 <i style={{ background: '#f472b6' }} /> EMA 50 · RSI 14 below
            · ● BOS/CHoCH · ▲▼ fills
          </span>
        }
      >
        <CandleChart series={series.data} fills={fills.data?.items ?? []} colourOf={colourOf} />
      </Panel>
      <div className="symbol-facts">
        {last && (
          <Panel title="At the last closed bar">
            <dl className="facts">
              <dt>VWAP</dt>
              <dd>{last.vwap === undefined ? '—' : num(last.vwap)}</dd>
              <dt>EMA 9 / 21 / 50</dt>
              <dd>{[last.ema9, last.ema21, last.ema50].map((v) => (v === undefined ? '—' : num(v))).join(' / ')}</dd>
              <dt>RSI 14</dt>
              <dd>{last.rsi14 === undefined ? '—' : last.rsi14.toFixed(1)}</dd>
              <dt>Structure</dt>
              <dd>
                {series.data?.levels?.trend ?? '—'}{' '}
                {series.data?.levels?.lastEvent && `· ${series.data.levels.lastEvent}`}
              </dd>
            </dl>
          </Panel>
        )}
        <Panel title="Traded by">
          <ul className="plain">
            {traders.map((a) => (
              <li key={a.id}>
                <Dot colour={colourOf(a.id)} /> <Link to={`/accounts/${a.id}`}>{a.name}</Link>{' '}
                <span className="muted">{a.model}</span>
              </li>
            ))}
            {traders.length === 0 && <li className="muted">No account trades {symbol}.</li>}
          </ul>
          <p className="muted">{fills.data ? `${fills.data.total} fills on this chart` : ''}</p>
        </Panel>
      </div>
    </div>
  );
}
