import { measureRun, median, mediansOf } from '../../src/bench/peak-rss';

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

test('medians of measurements made one after another, each its own (a hostile target for each run)', async () => {
  const made: number[] = [];
  const figures = await mediansOf(3, () => {
    made.push(made.length);
    const n = made.length;
    return Promise.resolve({ peakRssKib: 100 * n, wallMs: 10 * n, reportsBytes: n, exitCode: n === 2 ? 1 : 0 });
  });
  expect(made).toEqual([0, 1, 2]);
  expect(figures).toEqual({ peakRssKib: 200, wallMs: 20, reportsBytes: 2, exitCode: 0, exitCodes: [0, 1, 0] });
});
