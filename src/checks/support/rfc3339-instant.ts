/**
 * The instant an RFC 3339 date-time names, so that two spellings of one moment compare equal:
 * "2026-01-15T10:00:00Z", "2026-01-15T10:00:00.000Z", "2026-01-15T15:30:00+05:30" and
 * "2026-01-15t10:00:00z" are the same `requestedAt`. Fractional seconds are kept to any
 * precision (as a digit string without trailing zeros), not rounded to milliseconds, so
 * ".1234" and ".1235" stay different instants.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** "<epoch seconds>.<fraction>", or undefined when `text` is not an RFC 3339 date-time with a zone. */
export function rfc3339Instant(text: string): string | undefined {
  const match = RFC3339.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zulu, sign, offsetHours, offsetMinutes] = match;
  const offset = zulu !== undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const seconds = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute) - offset, Number(second)) / 1000;
  return `${seconds}.${fraction.replace(/0+$/, '')}`;
}

/** How many fractional-second digits `text` (an RFC 3339 date-time) was written with. */
function writtenDigits(text: string): number {
  return RFC3339.exec(text)?.[7]?.length ?? 0;
}

/** An instant as an integer count of 10^-digits seconds. */
function scaled(instant: string, digits: number): bigint {
  const [seconds = '0', fraction = ''] = instant.split('.');
  return BigInt(seconds) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
}

/**
 * True when both are RFC 3339 date-times naming the same instant (whatever their spelling), or the
 * same text: whether that text is a date-time at all is the schema's finding, not a disagreement.
 * Two precisions are one instant told twice when they differ by less than a unit of the coarser:
 * a time kept to the second and shown so by a read may have been shown to the millisecond by the
 * 202 that recorded it (truncated or rounded by the store). Of one precision, every digit counts.
 * A precision is the digits written, trailing zeros too: ".200" is a millisecond's.
 */
export function sameInstant(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  if (a === b) return true;
  const left = rfc3339Instant(a);
  const right = rfc3339Instant(b);
  if (left === undefined || right === undefined) return false;
  if (left === right) return true;
  // The precision each was written to, trailing zeros included: "43.200Z" is told to the
  // millisecond (a store's .200), not to the tenth, so it is not the instant "43.217Z".
  const [coarse, fine] = [Math.min(writtenDigits(a), writtenDigits(b)), Math.max(writtenDigits(a), writtenDigits(b))];
  if (coarse === fine) return false;
  const gap = scaled(left, fine) - scaled(right, fine);
  return (gap < 0n ? -gap : gap) < 10n ** BigInt(fine - coarse);
}
