import {
  ColorType,
  createChart,
  type DeepPartial,
  type ChartOptions,
  type IChartApi,
  type UTCTimestamp,
} from 'lightweight-charts';

/** IST is UTC+05:30 all year: the charts' axis reads in IST when times are shifted by it. */
const IST_OFFSET_S = 330 * 60;

/** An ISO time as a chart time on the IST axis. */
export const chartTime = (iso: string): UTCTimestamp => (Date.parse(iso) / 1000 + IST_OFFSET_S) as UTCTimestamp;

/** The dashboard's dark chart, sized by its container. */
export function darkChart(container: HTMLElement, options: DeepPartial<ChartOptions> = {}): IChartApi {
  return createChart(container, {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: '#0f1520' },
      textColor: '#9ca3af',
      fontFamily: 'inherit',
      panes: { separatorColor: '#253044' },
    },
    grid: { vertLines: { color: '#18202e' }, horzLines: { color: '#18202e' } },
    rightPriceScale: { borderColor: '#253044' },
    timeScale: { borderColor: '#253044', timeVisible: true, secondsVisible: false },
    crosshair: { mode: 0 },
    ...options,
  });
}
