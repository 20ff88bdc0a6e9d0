import { deriveFigures } from '../../src/history/derive-figures';
import { renderHistoryTerminal } from '../../src/history/history-terminal';
import { logCommandGuard } from '../../src/text/plain-text';
import { night, TARGET } from './fixtures';

test('what `history` prints has no line a CI runner takes for a workflow command, whatever the store holds', () => {
  // A store is a file anyone with the workspace may have written: its target names the block.
  const target = 'https://x.example/ ##[set-output name=level]full \u202eevil';
  // Guarded as the command's stdout guards it.
  const out = logCommandGuard()(renderHistoryTerminal(deriveFigures([night(1, '.F', { target }), night(2, '..', { target })], { store: 'h', target, window: 10 })));
  expect(out.split('\n').filter((line) => /^\s*::/.test(line) || line.includes('##['))).toEqual([]);
  expect(out).not.toMatch(/\p{Cf}/u);
  expect(out).toContain('##\\u005bset-output name=level]full \\u202eevil');
});

test('cases no run of the window judged (skipped every night) are one line naming the first five, not a row of "s" each; a case judged once keeps its row', () => {
  const out = renderHistoryTerminal(deriveFigures([night(1, '.Fsssssss'), night(2, '..ssssss-'), night(3, '.Fsssss.s')], { store: 'h', target: TARGET, window: 10 }));
  const rows = out.split('\n').filter((line) => /^ {2}\S+ {2}op\//.test(line));
  expect(rows.map((line) => line.trim().split(/\s+/)[1])).toEqual(['op/a:', 'op/b:', 'op/h:']);
  expect(out).toContain('  6 cases judged in no run of the window (skipped or absent every night): op/c, op/d, op/e, op/f, op/g and 1 more\n');
  expect(out).not.toMatch(/^ {2}sss {2}op\/c/m);
});
