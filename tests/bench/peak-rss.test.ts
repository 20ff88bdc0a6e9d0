import { measureRun, median } from '../../src/bench/peak-rss';

test('a run measured from inside its own process: peak RSS, exit code, reports size', async () => {
  // --version: a whole CLI start-up without a run, so no reports.
  const figures = await measureRun(['--version'], {}, 20_000);
  expect(figures.exitCode).toBe(0);
  // Node alone is tens of MiB: a figure in KiB, read from the child's exit hook.
  expect(figures.peakRssKib).toBeGreaterThan(10 * 1024);
  expect(figures.reportsBytes).toBe(0);
});

test('median of odd and even counts', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
});
