/**
 * When an accepted start was requested: during that start, by the server's own clocks. The read
 * before it was answered first (its Date header, and the suite's clock as it sent it), and the 202
 * answers after it (its Date header): requestedAt, "when the sync was last requested", of the start
 * this very 202 accepts falls between the two, give or take what two hosts' clocks differ by
 * (REQUESTED_DURING_MS). The wide grace of a time shown by any answer (times-not-ahead, nearResponseDate: minutes, for
 * clocks of other systems) lets through a time minutes before the read that showed the sync not yet
 * requested, or minutes after the answer that reports it: a stale clock, an earlier request's time,
 * a queue's enqueue time, a job's scheduled slot.
 */
import type { ResolvedAssertion } from '../model';
import { SUITE_CLOCK_SKEW_MS } from '../model/scenario';
import { httpDateMs } from '../text/http-date';
import type { Observation } from './prediction-models';

/** An HTTP-date says whole seconds: the instant it stands for may be up to a second later. */
const DATE_RESOLUTION_MS = 1_000;

/**
 * The earliest instant a start sent after `from` may name as requested, `withinMs` (two hosts'
 * clocks) taken off: the earlier of the read's own Date and the suite's clock as it sent the
 * read, so a single wrong clock (a CDN's Date, a drifted runner) never fails a right server. With
 * no Date to read (none, or no HTTP-date), the suite's clock alone, less SUITE_CLOCK_SKEW_MS as
 * every time check takes it: less a minute, a runner 90 s fast failed a right server that sent no
 * Date. Neither known: none.
 */
export function earliestRequest(from: Observation, withinMs: number): string | undefined {
  const date = from.date === undefined ? undefined : httpDateMs(from.date);
  const sent = from.sentAt === undefined ? Number.NaN : Date.parse(from.sentAt);
  if (date === undefined && Number.isNaN(sent)) return undefined;
  if (date === undefined) return new Date(sent - Math.max(withinMs, SUITE_CLOCK_SKEW_MS)).toISOString();
  return new Date(Math.min(date, Number.isNaN(sent) ? date : sent) - withinMs).toISOString();
}

/** The assertions on an accepted start's requestedAt of `part`: not before the read `from`, not after the 202 itself. */
export function requestedDuring(part: string, from: Observation, withinMs: number): ResolvedAssertion[] {
  const pointer = `/sync/${part}/requestedAt`;
  const earliest = earliestRequest(from, withinMs);
  // Said as judged (earliestRequest): by the read's Date within a minute, or by the suite's clock alone within 30.
  const dated = from.date !== undefined && httpDateMs(from.date) !== undefined;
  const bound = dated
    ? `(by that answer's Date header, or the suite's clock as it sent the read, the earlier), less ${withinMs / 1000} s for two hosts' clocks`
    : `(by the suite's clock as it sent the read, that answer having no Date header to read), less ${Math.max(withinMs, SUITE_CLOCK_SKEW_MS) / 60_000} minutes, as far as two machines' clocks may differ`;
  return [
    ...(earliest === undefined
      ? []
      : [{ pointer, check: 'state-prediction', whenStatus: 202, ifPresent: true, notBeforeInstant: earliest, because: `the start was requested after the read just before it was answered ${bound}: requestedAt is when the sync was last requested, and that was this start` }]),
    { pointer, check: 'state-prediction', whenStatus: 202, ifPresent: true, notAfterAnswer: withinMs + DATE_RESOLUTION_MS, because: `the start was requested before the 202 that accepts it was answered (its own Date header), give or take ${(withinMs + DATE_RESOLUTION_MS) / 1000} s for two hosts' clocks and the Date's whole seconds` },
  ];
}
