/** NSE calendar: trading days, session clock, the 5-minute cycle grid. Pure and cheap (safe in workflows). */
export {
  createCalendar,
  istDayNumber,
  NSE_CALENDAR,
  NSE_SESSION,
  type SessionTimes,
  type TradingCalendar,
} from './calendar';
export { holidayListSchema, NSE_HOLIDAYS_2026, type Holiday, type HolidayList } from './holidays';
export {
  calendarCovers,
  isMarketOpen,
  isTradingDay,
  minutesToSquareOff,
  nextSessionOpen,
  nextTick,
  nextTradingDay,
  sessionClose,
  sessionOpen,
  sessionPhase,
  type DayLike,
  type SessionPhase,
} from './session';
