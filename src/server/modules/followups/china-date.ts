// The deployment works in China Standard Time: "today" and "in the future" are judged there,
// not in the server's time zone (a follow-up typed at 07:00 Beijing time is still dated today).

const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return formatter.format(now);
}
