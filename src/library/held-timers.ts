/**
 * Whether the caller's fake timers would hold a run still. A run from code waits on real time
 * (setImmediate between its steps, setTimeout for every deadline), on the globals of the realm it
 * is called from: inside a user's Jest test, the test file's.
 */

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The timers of the caller's realm that fake timers hold still, of those a run cannot do without.
 * Called from a user's own Jest test, the run (and the Jest it starts) runs on that test file's
 * globals: after `jest.useFakeTimers()` no setImmediate of the run fires unless the test advances
 * the clock, so the run hung, silently, until the test's timeout, and Jest never exited; with
 * setTimeout held, no deadline fires, and a target that stops answering holds the run forever.
 * (Faked alone, nextTick, queueMicrotask and setInterval do not stop a run.) Modern fake timers
 * (@sinonjs/fake-timers) mark each method they replace with its `clock`, which advances on its
 * own only in an automatic tick mode (`advanceTimers`); Jest's legacy ones are mock functions
 * around its own `_fake…` implementations (a plain `jest.spyOn(global, 'setTimeout')` calls
 * through, and is no reason to refuse).
 */
export function heldTimers(): string[] {
  const timers: Record<string, unknown> = { setTimeout: globalThis.setTimeout, setImmediate: globalThis.setImmediate };
  return Object.entries(timers)
    .filter(([, timer]) => isHeld(timer))
    .map(([name]) => name);
}

function isHeld(timer: unknown): boolean {
  if (typeof timer !== 'function') return false;
  const { clock, _isMockFunction: isMock, getMockImplementation } = timer as { clock?: unknown; _isMockFunction?: unknown; getMockImplementation?: unknown };
  if (isObject(clock)) {
    // @sinonjs/fake-timers 15 keeps a tick mode ('manual' unless told to advance); older ones an interval when they advance.
    const mode = isObject(clock['tickMode']) ? clock['tickMode']['mode'] : undefined;
    return mode === undefined ? clock['attachedInterval'] === undefined : mode === 'manual';
  }
  if (isMock !== true || typeof getMockImplementation !== 'function') return false;
  const implementation: unknown = (getMockImplementation as () => unknown).call(timer);
  return typeof implementation === 'function' && /^bound _fake/.test(implementation.name);
}
