/**
 * An HTTP-date (RFC 9110 §5.6.7) as milliseconds since the epoch: the IMF-fixdate every server
 * sends now, and the obsolete RFC 850 and asctime forms a recipient must still accept. All three
 * are UTC. Date.parse is not used: it reads asctime (no zone written) in the runner's own time
 * zone, so the same answer would pass in one CI region and fail in another.
 */
import { realNow } from './real-clock';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const IMF_FIXDATE = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC850_DATE = /^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME_DATE = /^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

function utc(year: number, month: string, day: string, hour: string, minute: string, second: string): number | undefined {
  const index = MONTHS.indexOf(month.toLowerCase());
  if (index < 0) return undefined;
  const [d, h, m, s] = [Number(day), Number(hour), Number(minute), Number(second)];
  // 60 for a leap second, as RFC 9110 allows.
  if (d < 1 || d > 31 || h > 23 || m > 59 || s > 60) return undefined;
  return Date.UTC(year, index, d, h, m, s);
}

/** `now`: for RFC 850's two-digit year, which is the most recent one with those digits not more than 50 years ahead. */
export function httpDateMs(text: string, now: number = realNow()): number | undefined {
  const value = text.trim();
  const imf = IMF_FIXDATE.exec(value);
  if (imf !== null) {
    const [, day = '', month = '', year = '', hour = '', minute = '', second = ''] = imf;
    return utc(Number(year), month, day, hour, minute, second);
  }
  const rfc850 = RFC850_DATE.exec(value);
  if (rfc850 !== null) {
    const [, day = '', month = '', yy = '', hour = '', minute = '', second = ''] = rfc850;
    const thisYear = new Date(now).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(yy);
    if (year > thisYear + 50) year -= 100;
    return utc(year, month, day, hour, minute, second);
  }
  const asctime = ASCTIME_DATE.exec(value);
  if (asctime !== null) {
    const [, month = '', day = '', hour = '', minute = '', second = '', year = ''] = asctime;
    return utc(Number(year), month, day.trim(), hour, minute, second);
  }
  return undefined;
}
