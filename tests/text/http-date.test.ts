/**
 * HTTP-dates in their three forms, all UTC whatever the runner's time zone (asctime writes no
 * zone, and Date.parse would read it in the local one).
 */
import { httpDateMs } from '../../src/text/http-date';
import { requireBuilt, runInChild } from '../support/in-child';

const AT = Date.UTC(1994, 10, 6, 8, 49, 37);

test('the three forms of RFC 9110 §5.6.7 name the same instant', () => {
  expect(httpDateMs('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(AT);
  expect(httpDateMs('Sunday, 06-Nov-94 08:49:37 GMT', Date.UTC(2026, 0, 1))).toBe(AT);
  expect(httpDateMs('Sun Nov  6 08:49:37 1994')).toBe(AT);
  expect(httpDateMs(' Sun Nov 16 08:49:37 1994 ')).toBe(Date.UTC(1994, 10, 16, 8, 49, 37));
});

test("asctime is UTC in any time zone: Date.parse would read it in the runner's own", () => {
  // A process of its own in New York: the time zone is read when a process starts.
  const child = runInChild(`process.stdout.write(String(${requireBuilt('text/http-date.js')}.httpDateMs('Sun Nov  6 08:49:37 1994')))`, { TZ: 'America/New_York' });
  expect(child.stdout).toBe(String(AT));
});

test("RFC 850's two-digit year: the most recent one not more than 50 years ahead", () => {
  expect(httpDateMs('Tuesday, 01-Jan-30 00:00:00 GMT', Date.UTC(2026, 0, 1))).toBe(Date.UTC(2030, 0, 1));
  expect(httpDateMs('Monday, 01-Jan-99 00:00:00 GMT', Date.UTC(2026, 0, 1))).toBe(Date.UTC(1999, 0, 1));
});

test('anything else is no date: no zone, another zone, an unknown month, a field out of range', () => {
  for (const text of ['', 'yesterday', '2026-12-03T16:00:00Z', 'Sun, 06 Nov 1994 08:49:37 PST', 'Sun, 06 Nov 1994 08:49:37', 'Sun, 06 Foo 1994 08:49:37 GMT', 'Sun, 32 Nov 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 24:00:00 GMT']) {
    expect(httpDateMs(text)).toBeUndefined();
  }
});
