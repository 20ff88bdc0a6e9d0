/**
 * What the views derive after a prune is only what the store still holds. A case failing on the
 * store's oldest kept run may have failed before it (a prune removed those runs, or the store began
 * then): its "failing since" said a date the store no longer held as the streak's start. It now
 * says "or earlier", in every view; a streak the store sees begin after a pass names its start.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveFigures } from '../../src/history/derive-figures';
import { historySection } from '../../src/report/html-history';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { TARGET, night, storeText } from './fixtures';

function history(args: string[]) {
  return runCli('zavu-conformance-main.js', ['history', ...args]);
}

test('a streak the store sees begin names its first run; one reaching the oldest run held is "or earlier"', () => {
  const options = { store: 'h', target: TARGET, window: 10 };
  expect(deriveFigures([night(1, '.'), night(2, 'F'), night(3, 'F')], options).cases[0]?.failingSince).toEqual({ startedAt: night(2, '').run.startedAt, runs: 2 });
  expect(deriveFigures([night(2, 'F'), night(3, 'F')], options).cases[0]?.failingSince).toEqual({ startedAt: night(2, '').run.startedAt, runs: 2, atLeast: true });
  // A skip at the oldest run neither breaks nor starts a streak: what it hid is unknown too.
  expect(deriveFigures([night(1, 's'), night(2, 'F')], options).cases[0]?.failingSince).toEqual({ startedAt: night(2, '').run.startedAt, runs: 1, atLeast: true });
  // The page's "failing since" column says it as the text views do.
  expect(historySection(deriveFigures([night(2, 'F'), night(3, 'F')], options))).toContain('>2026-11-02 or earlier (2 runs)</td>');
  expect(historySection(deriveFigures([night(1, '.'), night(2, 'F'), night(3, 'F')], options))).toContain('>2026-11-02 (2 runs)</td>');
});

test('after a prune, `history` says "failing since <the oldest run kept> or earlier", not a start it no longer holds; no "(new contract)" is made up', async () => {
  const file = join(scratchDir('zvc-pruned-streak-'), 'history.jsonl');
  const edited = night(3, 'FF');
  // Night 3 judged under another spec: the mark is the change from night 2, which the prune removes.
  writeFileSync(file, storeText([night(1, '..'), night(2, 'F.'), { ...edited, run: { ...edited.run, specSha256: 'b'.repeat(64) } }, { ...night(4, 'FF'), run: { ...night(4, 'FF').run, specSha256: 'b'.repeat(64) } }]));
  const whole = await history(['--history', file]);
  expect(whole.stdout).toContain('op/a: failing since 2026-11-02 (3 runs)');
  expect(whole.stdout).toContain('(new contract)');
  const pruned = await history(['--history', file, '--prune-before', '2026-11-03']);
  expect(pruned.code).toBe(0);
  for (const format of ['text', 'md']) {
    const view = await history(['--history', file, '--format', format]);
    expect(view.stdout).toContain('failing since 2026-11-03 or earlier (2 runs)');
    expect(view.stdout).not.toMatch(/failing since 2026-11-0\d \(/);
    expect(view.stdout).not.toContain('(new contract)');
  }
});
