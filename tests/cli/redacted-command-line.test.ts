/**
 * The process title that hides a key: the command as it was given, each key's value replaced by a
 * marker never longer than it (the title overwrites argv's own memory, and Linux cuts it there).
 */
import { redactedCommandLine } from '../../src/cli/redacted-command-line';

const KEY = 'zv_test_PROCLISTED0123456789abcdef';

test.each([
  [['node', 'dist/cli/zavu-conformance-main.js', 'mock', '--api-key', KEY, '--port', '0'], 'node dist/cli/zavu-conformance-main.js mock --api-key [REDACTED] --port 0'],
  [['node', 'x.js', `--api-key=${KEY}`, '--host', '127.0.0.1'], 'node x.js --api-key=[REDACTED] --host 127.0.0.1'],
  // A key given without its flag (a positional, another flag's value) is hidden where it stands.
  [['node', 'x.js', 'run', `--base-url=https://h/?k=${KEY}`], 'node x.js run --base-url=https://h/?k=[REDACTED]'],
])('%j reads %j', (words, title) => {
  expect(redactedCommandLine(words, [KEY])).toBe(title);
});

test('a short key (a mock\'s "k", "sync") is replaced where it is the value, never inside flag names or other words, and by a marker no longer than it', () => {
  expect(redactedCommandLine(['node', 'x.js', 'mock', '--api-key=k', '--host', '127.0.0.1'], ['k'])).toBe('node x.js mock --api-key=* --host 127.0.0.1');
  expect(redactedCommandLine(['node', 'x.js', 'run', '--api-key', 'sync', '--operation', 'getWhatsAppSyncStatus', '--reports', 'sync'], ['sync'])).toBe('node x.js run --api-key * --operation getWhatsAppSyncStatus --reports *');
});

test('several keys are each hidden, and the title is never longer than the command line it replaces', () => {
  const words = ['node', 'x.js', 'run', '--api-key', 'a', `--api-key=${KEY}`, 'zv_live_OTHERKEY12345678', '--port', '4010'];
  const title = redactedCommandLine(words, ['a', KEY, 'zv_live_OTHERKEY12345678']);
  expect(title).toBe('node x.js run --api-key * --api-key=[REDACTED] [REDACTED] --port 4010');
  expect(title.length).toBeLessThanOrEqual(words.join(' ').length);
});
