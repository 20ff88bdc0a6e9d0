/** Exchange durations from hrtime readings, to 0.1 ms: exact tenths, rounded half up, never binary-fraction noise. */
import { elapsedMs } from '../../src/transport/elapsed-ms';

test.each([
  [0n, 40_449_999n, 40.4],
  [0n, 40_450_000n, 40.5],
  [1_000_000_000n, 1_000_049_999n, 0],
  [5n, 300_000_005n, 300],
  [0n, 123_456_789_012n, 123456.8],
])('from %p ns to %p ns is %p ms', (started, ended, ms) => {
  expect(elapsedMs(started, ended)).toBe(ms);
});
