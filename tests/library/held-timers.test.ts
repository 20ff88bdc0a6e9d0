/** Which fake timers hold a run still: what runConformance refuses to start under (its end-to-end test is in library.test.ts). */
import { heldTimers } from '../../src/library/held-timers';

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

test('real timers, and a spy that calls through, hold nothing', () => {
  expect(heldTimers()).toEqual([]);
  jest.spyOn(globalThis, 'setTimeout');
  expect(heldTimers()).toEqual([]);
});

test("Jest's modern fake timers hold setTimeout and setImmediate; told to advance by themselves, they hold nothing", () => {
  jest.useFakeTimers();
  expect(heldTimers()).toEqual(['setTimeout', 'setImmediate']);
  jest.useRealTimers();
  jest.useFakeTimers({ advanceTimers: true });
  expect(heldTimers()).toEqual([]);
});

test('faking only what a run can do without holds nothing; faking setImmediate alone holds it', () => {
  jest.useFakeTimers({ doNotFake: ['setTimeout', 'setImmediate'] });
  expect(heldTimers()).toEqual([]);
  jest.useRealTimers();
  jest.useFakeTimers({ doNotFake: ['setTimeout'] });
  expect(heldTimers()).toEqual(['setImmediate']);
});

test("Jest's legacy fake timers hold both", () => {
  jest.useFakeTimers({ legacyFakeTimers: true });
  expect(heldTimers()).toEqual(['setTimeout', 'setImmediate']);
});
