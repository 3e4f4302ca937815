/**
 * NSE equity-segment trading holidays, as plain data.
 *
 * Exchanges add or move holidays at short notice (2026-01-15 was added on 12 Jan 2026), so the
 * calendar is data, not code: a new year is one more `HolidayList` passed to `createCalendar`.
 */
import { z } from 'zod';

export interface Holiday {
  /** IST calendar date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly name: string;
}

export interface HolidayList {
  readonly year: number;
  /** Where the list came from, for whoever has to update it. */
  readonly source: string;
  readonly holidays: readonly Holiday[];
}

const dateKeySchema = z.iso.date();

/** Validates a holiday list loaded from outside (a file, the database, config). */
export const holidayListSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    source: z.string().min(1),
    holidays: z.array(z.object({ date: dateKeySchema, name: z.string().min(1) })),
  })
  .refine((list) => list.holidays.every((h) => h.date.startsWith(`${list.year}-`)), {
    message: 'every holiday date must fall in the list year',
  });

/**
 * NSE 2026 weekday closures (16) from the NSE circulars as collected in the Dhan reference note,
 * section 9.5 (stocktrack.co.in 2026 list, plus the 15 Jan Maharashtra civic-poll closure).
 * Weekend holidays (15 Feb, 21 Mar, 15 Aug, 8 Nov) are left out: weekends are closed anyway.
 */
export const NSE_HOLIDAYS_2026: HolidayList = {
  year: 2026,
  source: 'NSE circulars via dhan-api-v2.md §9.5 (S13), checked 2026-11-25',
  holidays: [
    { date: '2026-01-15', name: 'Maharashtra municipal elections' },
    { date: '2026-01-26', name: 'Republic Day' },
    { date: '2026-03-03', name: 'Holi' },
    { date: '2026-03-26', name: 'Shri Ram Navami' },
    { date: '2026-03-31', name: 'Shri Mahavir Jayanti' },
    { date: '2026-04-03', name: 'Good Friday' },
    { date: '2026-04-14', name: 'Dr. Baba Saheb Ambedkar Jayanti' },
    { date: '2026-05-01', name: 'Maharashtra Day' },
    { date: '2026-05-28', name: 'Bakri Id' },
    { date: '2026-06-26', name: 'Muharram' },
    { date: '2026-09-14', name: 'Ganesh Chaturthi' },
    { date: '2026-10-02', name: 'Mahatma Gandhi Jayanti' },
    { date: '2026-10-20', name: 'Dussehra' },
    { date: '2026-11-10', name: 'Diwali Balipratipada' },
    { date: '2026-11-24', name: 'Guru Nanak Jayanti (Prakash Gurpurb)' },
    { date: '2026-12-25', name: 'Christmas' },
  ],
};
