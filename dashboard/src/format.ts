/* Numbers and times as Indian traders read them: rupees with lakh grouping, IST clock times. */

const rupees0 = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 0 });
const rupees2 = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2 });
const plain = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 });
const istClock = new Intl.DateTimeFormat('en-IN', {
  timeZone: 'Asia/Kolkata',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const istDateTime = new Intl.DateTimeFormat('en-IN', {
  timeZone: 'Asia/Kolkata',
  day: '2-digit',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** ₹12,34,567 (or with paise when `precise`). */
export const inr = (x: number, precise = false) => (precise ? rupees2 : rupees0).format(x);
/** The sign of `x` as shown once rounded to `places` decimals: no "−0.00". */
const sign = (x: number, places: number) => {
  const shown = Number(x.toFixed(places));
  return shown > 0 ? '+' : shown < 0 ? '−' : '';
};
/** +₹1,234 / −₹1,234: signed, for P&L. */
export const signedInr = (x: number, precise = false) => `${sign(x, precise ? 2 : 0)}${inr(Math.abs(x), precise)}`;
/** +1.23 % from a percentage. */
export const signedPct = (pct: number) => `${sign(pct, 2)}${Math.abs(pct).toFixed(2)} %`;
/** 12.5 % from a fraction. */
export const fractionPct = (f: number, digits = 1) => `${(f * 100).toFixed(digits)} %`;
export const num = (x: number) => plain.format(x);
/** 10:35 (IST). */
export const clock = (iso: string | number) => istClock.format(new Date(iso));
/** 19 Jun, 10:35 (IST). */
export const dateTime = (iso: string | number) => istDateTime.format(new Date(iso));
/** CSS class for a signed amount. */
export const tone = (x: number) => (Math.abs(x) < 0.005 ? 'flat' : x > 0 ? 'up' : 'down');
/** US dollars for LLM costs: small amounts keep their cents. */
export const usd = (x: number) => `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;
