/**
 * One wait shared by the copies of a concurrent step: a copy's stop ends its own wait at once; the
 * wait itself (its timer) is ended only once it is closed and every copy that joined has stopped.
 */
import { getEventListeners } from 'node:events';
import { SharedWait } from '../../src/transport/shared-wait';

/** A wait only its signal ends (never a timer of its own), and the signal it was handed. */
function started() {
  let handed: AbortSignal | undefined;
  const wait = new SharedWait((signal) => {
    handed = signal;
    return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  });
  return { wait, ended: () => handed?.aborted === true };
}

test('ended once closed and every copy that joined has stopped, not before; no listener left on their stops', async () => {
  const { wait, ended } = started();
  const stops = [new AbortController(), new AbortController()];
  const joined = stops.map((stop) => wait.join(stop.signal));
  stops[0]?.abort();
  await joined[0];
  expect(ended()).toBe(false);
  stops[1]?.abort();
  await joined[1];
  // Both stopped, but more may join until it is closed.
  expect(ended()).toBe(false);
  wait.close();
  expect(ended()).toBe(true);
  expect(stops.map((stop) => getEventListeners(stop.signal, 'abort').length)).toEqual([0, 0]);
});

test('a copy without a stop, or already stopped when it joins, keeps or leaves the wait as it should', async () => {
  const unstoppable = started();
  const stop = new AbortController();
  const joined = unstoppable.wait.join(stop.signal);
  void unstoppable.wait.join(undefined);
  unstoppable.wait.close();
  stop.abort();
  await joined;
  // The copy without a stop still waits for its time.
  expect(unstoppable.ended()).toBe(false);

  const allStopped = started();
  const before = new AbortController();
  before.abort();
  await allStopped.wait.join(before.signal);
  expect(getEventListeners(before.signal, 'abort').length).toBe(0);
  allStopped.wait.close();
  expect(allStopped.ended()).toBe(true);
});

test('no copy joins after close: one that did could find the wait ended before its time', () => {
  const { wait } = started();
  wait.close();
  expect(() => wait.join(undefined)).toThrow(/after close/);
});

test('a copy let go by the wait itself leaves no listener on its stop, which is not aborted', async () => {
  // Stopped copies lose their listener with the abort ({ once: true }) whatever the code does: only
  // a wait that ends on its own shows that the copy's listener is taken off.
  const wait = new SharedWait(() => Promise.resolve());
  const stop = new AbortController();
  await wait.join(stop.signal);
  expect(getEventListeners(stop.signal, 'abort').length).toBe(0);
});
