/** The run's busy time given back to a deadline, driven by a busy clock the test sets: no wall clock read. */
import { MAX_GRACE_TIMEOUTS, stallGrace } from '../../src/transport/stall-grace';

/** A busy clock the test moves by hand (ms of the loop's active time). */
function fakeBusy(start = 5_000): { clock: () => number; advance(ms: number): void } {
  let now = start;
  return { clock: () => now, advance: (ms) => void (now += ms) };
}

test('an idle run (the loop busy a few ms while it waited) judges at the first deadline: a silent target times out when it did before', () => {
  const busy = fakeBusy();
  const grace = stallGrace(1000, busy.clock);
  busy.advance(3);
  expect(grace.more()).toBeUndefined();
});

test('the busy time since the request began is given back when the deadline fires, then only what the loop was busy since', () => {
  const busy = fakeBusy();
  const grace = stallGrace(1000, busy.clock);
  busy.advance(650); // another answer judged meanwhile
  expect(grace.more()).toBe(650);
  busy.advance(200); // busy again during the 650 ms given
  expect(grace.more()).toBe(200);
  busy.advance(10); // quiet: the deadline is judged
  expect(grace.more()).toBeUndefined();
});

test('busy time before the request began is not its own', () => {
  const busy = fakeBusy();
  busy.advance(5_000);
  const grace = stallGrace(1000, busy.clock);
  expect(grace.more()).toBeUndefined();
});

test(`bounded: never more than ${MAX_GRACE_TIMEOUTS} deadline(s) in all, however busy the run stays`, () => {
  const busy = fakeBusy();
  const grace = stallGrace(300, busy.clock);
  let given = 0;
  let fired = 0;
  // A loop that stays busy the whole time: each grace is given and used up, until the bound.
  for (let more = (busy.advance(300), grace.more()); more !== undefined && fired < 1000; more = grace.more()) {
    given += more;
    fired += 1;
    busy.advance(more);
  }
  expect(given).toBe(300 * MAX_GRACE_TIMEOUTS);
  expect(fired).toBeLessThan(1000);
  expect(grace.more()).toBeUndefined();
});

test('a tiny deadline still gets whole milliseconds, and at least one', () => {
  const busy = fakeBusy();
  const grace = stallGrace(1, busy.clock);
  busy.advance(0.4);
  expect(grace.more()).toBeUndefined();
  busy.advance(5);
  expect(grace.more()).toBe(1);
});
