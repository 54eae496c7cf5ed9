/** The console shows Vietnam's local time (ICT, UTC+7), the time the rules are judged in. */
const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function localTime(iso: string): string {
  return TIME.format(new Date(iso));
}

export function localDateTime(iso: string): string {
  return `${DATE_TIME.format(new Date(iso))} ICT`;
}

export function localHourMinute(iso: string): string {
  return localTime(iso).slice(0, 5);
}
