import { deriveFigures } from '../../src/history/derive-figures';
import { renderHistoryTerminal } from '../../src/history/history-terminal';
import { logCommandGuard } from '../../src/text/plain-text';
import { night } from './fixtures';

test('what `history` prints has no line a CI runner takes for a workflow command, whatever the store holds', () => {
  // A store is a file anyone with the workspace may have written: its target names the block.
  const target = 'https://x.example/ ##[set-output name=level]full \u202eevil';
  // Guarded as the command's stdout guards it.
  const out = logCommandGuard()(renderHistoryTerminal(deriveFigures([night(1, '.F', { target }), night(2, '..', { target })], { store: 'h', target, window: 10 })));
  expect(out.split('\n').filter((line) => /^\s*::/.test(line) || line.includes('##['))).toEqual([]);
  expect(out).not.toMatch(/\p{Cf}/u);
  expect(out).toContain('##\\u005bset-output name=level]full \\u202eevil');
});
