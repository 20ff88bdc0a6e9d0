/**
 * The run's pauses (pacing, Retry-After, a write's settle): a stop of the run or of the case ends
 * one at once and clears its timer, and no listener is left on either signal after, so a run of
 * many stopped cases holds no timer open and piles no listeners on the run's signal.
 */
import { getEventListeners } from 'node:events';
import { pause } from '../../src/transport/pause';

/** Timers the process holds open. */
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
const listeners = (...controllers: AbortController[]): number[] => controllers.map((controller) => getEventListeners(controller.signal, 'abort').length);

test('ends when its time has come, leaving no listener on its signals', async () => {
  const run = new AbortController();
  const stop = new AbortController();
  const waiting = pause(5, run.signal, stop.signal);
  expect(listeners(run, stop)).toEqual([1, 1]);
  await waiting;
  expect(listeners(run, stop)).toEqual([0, 0]);
});

test.each([
  ['the case is stopped', 1],
  ['the run ends', 0],
])('ends at once when %s: its timer cleared, no listener left on either signal', async (_when, which) => {
  const run = new AbortController();
  const stop = new AbortController();
  const before = timers();
  const waiting = pause(30_000, run.signal, stop.signal);
  expect(timers()).toBe(before + 1);
  [run, stop][which]?.abort();
  await waiting;
  expect(timers()).toBe(before);
  expect(listeners(run, stop)).toEqual([0, 0]);
});

test('a stop already made starts no timer; an absent signal is none to wait for', async () => {
  const stop = new AbortController();
  stop.abort();
  const run = new AbortController();
  const before = timers();
  const waiting = pause(30_000, run.signal, undefined, stop.signal);
  expect([timers(), ...listeners(run)]).toEqual([before, 0]);
  await waiting;
});
