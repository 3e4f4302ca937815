/**
 * The equity curve and its drawdown as one SVG (two panels sharing the time axis), and as a PNG
 * rendered from it with resvg. The x axis counts cycles, so nights and weekends take no room;
 * each pixel column draws its lowest and highest equity, so a year of cycles keeps every spike.
 */
import { Resvg } from '@resvg/resvg-js';
import { istDateKey } from '../../core/time';
import { type EquityPoint } from '../engine/account';

const WIDTH = 960;
const HEIGHT = 540;
const MARGIN = { left: 84, right: 24, top: 44, bottom: 36 };
const GAP = 28;
/** Share of the plot height given to the equity panel (the rest is the drawdown). */
const EQUITY_SHARE = 0.68;
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

export interface ChartInput {
  readonly title: string;
  readonly capital: number;
  readonly equity: readonly EquityPoint[];
}

interface Panel {
  readonly top: number;
  readonly height: number;
  readonly min: number;
  readonly max: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (x: number) => x.toFixed(1);

/** Lowest and highest value per pixel column, as a path through both. */
function columnPath(values: readonly number[], x0: number, width: number, y: (v: number) => number): string {
  if (values.length === 0) return '';
  const columns = Math.max(1, Math.min(values.length, Math.floor(width)));
  const parts: string[] = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * values.length) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * values.length) / columns));
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from; i < to; i++) {
      lo = Math.min(lo, values[i]!);
      hi = Math.max(hi, values[i]!);
    }
    const x = x0 + (columns === 1 ? 0 : (c * width) / (columns - 1));
    parts.push(`${parts.length ? 'L' : 'M'}${fmt(x)},${fmt(y(hi))}`);
    if (lo !== hi) parts.push(`L${fmt(x)},${fmt(y(lo))}`);
  }
  return parts.join('');
}

/** About five round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function rupees(x: number): string {
  if (Math.abs(x) >= 1e7) return `₹${(x / 1e7).toFixed(2)} cr`;
  if (Math.abs(x) >= 1e5) return `₹${(x / 1e5).toFixed(2)} L`;
  return `₹${Math.round(x).toLocaleString('en-IN')}`;
}

function axis(panel: Panel, y: (v: number) => number, label: (v: number) => string): string {
  return niceTicks(panel.min, panel.max)
    .map(
      (t) =>
        `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fmt(y(t))}" y2="${fmt(y(t))}" stroke="#e5e7eb"/>` +
        `<text x="${MARGIN.left - 8}" y="${fmt(y(t) + 4)}" text-anchor="end">${esc(label(t))}</text>`,
    )
    .join('');
}

/** Day labels under the x axis, at most about eight of them. */
function dayLabels(points: readonly EquityPoint[], x: (i: number) => number): string {
  const starts: number[] = [];
  for (let i = 0; i < points.length; i++)
    if (i === 0 || istDateKey(points[i]!.time) !== istDateKey(points[i - 1]!.time)) starts.push(i);
  const every = Math.max(1, Math.ceil(starts.length / 8));
  return starts
    .filter((_, k) => k % every === 0)
    .map((i) => {
      const label = istDateKey(points[i]!.time);
      return `<text x="${fmt(x(i))}" y="${HEIGHT - 12}" text-anchor="middle">${label}</text>`;
    })
    .join('');
}

/** The chart as an SVG document (self-contained: no external fonts or images). */
export function equityChartSvg(input: ChartInput): string {
  const values = [input.capital, ...input.equity.map((p) => p.equity)];
  let peak = -Infinity;
  const drawdowns = values.map((v) => {
    peak = Math.max(peak, v);
    return peak > 0 ? (v / peak - 1) * 100 : 0;
  });
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom - GAP;
  const spread = Math.max(...values) - Math.min(...values) || Math.max(1, input.capital * 0.001);
  const equityPanel: Panel = {
    top: MARGIN.top,
    height: plotHeight * EQUITY_SHARE,
    min: Math.min(...values) - spread * 0.05,
    max: Math.max(...values) + spread * 0.05,
  };
  const ddPanel: Panel = {
    top: MARGIN.top + equityPanel.height + GAP,
    height: plotHeight * (1 - EQUITY_SHARE),
    min: Math.min(-0.1, Math.min(...drawdowns) * 1.1),
    max: 0,
  };
  const yOf = (p: Panel) => (v: number) => p.top + p.height - ((v - p.min) / (p.max - p.min)) * p.height;
  const yEquity = yOf(equityPanel);
  const yDd = yOf(ddPanel);
  const xOf = (i: number) => MARGIN.left + (values.length <= 1 ? 0 : (i * plotWidth) / (values.length - 1));
  const equityPath = columnPath(values, MARGIN.left, plotWidth, yEquity);
  const ddPath = columnPath(drawdowns, MARGIN.left, plotWidth, yDd);
  const zero = fmt(yDd(0));
  const right = WIDTH - MARGIN.right;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT}" font-size="11" fill="#374151">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="15" font-weight="bold" fill="#111827">${esc(input.title)}</text>`,
    `<text x="${right}" y="24" text-anchor="end">equity after every cycle (top), drawdown from the peak in % (bottom)</text>`,
    axis(equityPanel, yEquity, rupees),
    `<line x1="${MARGIN.left}" x2="${right}" y1="${fmt(yEquity(input.capital))}" y2="${fmt(yEquity(input.capital))}" stroke="#9ca3af" stroke-dasharray="4 3"/>`,
    `<path d="${equityPath}" fill="none" stroke="#2563eb" stroke-width="1.5"/>`,
    axis(ddPanel, yDd, (v) => `${v.toFixed(1)} %`),
    `<path d="${ddPath}L${fmt(right)},${zero}L${MARGIN.left},${zero}Z" fill="#fecaca" stroke="#dc2626" stroke-width="1"/>`,
    dayLabels(input.equity, (i) => xOf(i + 1)),
    '</svg>',
  ].join('\n');
}

/** Renders an SVG to PNG bytes (system fonts for the labels). */
export function svgToPng(svg: string, width = WIDTH * 1.5): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width) },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
