import { measureRun, median } from '../../src/bench/peak-rss';

test('a run measured from inside its own process: peak RSS, exit code, reports size', async () => {
  // A real (short) run against the embedded server: it must have written its reports, so a
  // wrapper that loads the CLI without running it cannot pass for a measurement.
  const figures = await measureRun(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1'], {}, 60_000);
  expect(figures.exitCode).toBe(0);
  // Node alone is tens of MiB; Jest and a run add more: a figure in KiB, read from the child's exit hook.
  expect(figures.peakRssKib).toBeGreaterThan(40 * 1024);
  expect(figures.reportsBytes).toBeGreaterThan(10 * 1024);
});

test('median of odd and even counts', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
});
