/**
 * The run's own busy time, given back to a request's deadline. A deadline is the target's time, but
 * a timer measures the wall: while the run's event loop is busy elsewhere (judging another answer's
 * 15 MiB body at --concurrency 8, a compile, a garbage collection) nothing of this request is read,
 * and a body larger than the socket buffers cannot finish arriving, so a target that sent its answer
 * at once would be timed out for the run's stall. When the deadline fires, the loop's busy time since
 * the request began that was not given back yet is granted as more time, and so on while the loop
 * stays busy; bounded (MAX_GRACE_TIMEOUTS deadlines' worth in all), so a target that truly stalls
 * still times out, and one that keeps the run busy cannot keep it forever.
 *
 * "Busy" is performance.eventLoopUtilization()'s `active`: the time the loop spent outside its wait
 * for I/O (callbacks, JS, GC), in ms since the process started. It includes reading this request's
 * own bytes, which is the run's time too. Pure but for that reading, which is injected for tests.
 */
import { performance } from 'node:perf_hooks';

/** Milliseconds the event loop has been busy since some fixed origin; only differences are read. */
export type BusyClock = () => number;

/** The event loop's active time (node:perf_hooks), ms since the process started. */
export const eventLoopBusyMs: BusyClock = () => performance.eventLoopUtilization().active;

/** All the busy time given back to one request, in deadlines: so a request ends by (1 + this) deadlines of wall time at most, besides the transport's own second deadlines. */
export const MAX_GRACE_TIMEOUTS = 1;

/**
 * Less busy time than this part of a deadline is not worth a timer: an idle run's loop is busy a few
 * ms per second on its own, and a target that sent nothing is then timed out when it was before.
 */
export const MIN_GRACE_FRACTION = 1 / 20;

export interface StallGrace {
  /** Called when the deadline fires: ms more to wait (the busy time not yet given back), or undefined to judge now. */
  more(): number | undefined;
}

/** The grace of one request whose deadline is `timeoutMs`, counting busy time from now. */
export function stallGrace(timeoutMs: number, busyMs: BusyClock = eventLoopBusyMs): StallGrace {
  const startedBusy = busyMs();
  const cap = timeoutMs * MAX_GRACE_TIMEOUTS;
  const least = Math.max(1, timeoutMs * MIN_GRACE_FRACTION);
  let granted = 0;
  return {
    more(): number | undefined {
      const owed = busyMs() - startedBusy - granted;
      const give = Math.min(owed, cap - granted);
      if (!(give >= least)) return undefined;
      granted += give;
      return Math.ceil(give);
    },
  };
}
