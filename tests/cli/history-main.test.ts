/**
 * The history command's refusals of its store carry the store as `path`, with the file system's
 * `code` when it refused, as the reads beneath it do; the line printed stays as documented
 * (tests/history/history-cli.test.ts runs the CLI itself).
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyCommand } from '../../src/cli/history-main';
import { UsageError } from '../../src/model/errors';
import { requireBuilt } from '../support/in-child';
import { scratchDir } from '../support/scratch-dir';
import { modesRefuse, refusalAsUnprivileged, removeUnprivilegedScratch, unprivilegedScratch } from '../support/unprivileged';

async function refusal(store: string, cwd: string): Promise<UsageError> {
  const error: unknown = await historyCommand(['--history', store], {}, cwd).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

test('a store that does not exist, or is a link to nothing: the store as path, and ENOENT', async () => {
  const cwd = scratchDir('zvc-history-main-');
  const missing = join(cwd, 'history.jsonl');
  expect(await refusal('history.jsonl', cwd)).toMatchObject({ message: `history store ${missing} does not exist (a run with --history history.jsonl creates it)`, path: missing, code: 'ENOENT' });
  symlinkSync(join(cwd, 'gone.jsonl'), join(cwd, 'link.jsonl'));
  expect(await refusal('link.jsonl', cwd)).toMatchObject({ path: join(cwd, 'link.jsonl'), code: 'ENOENT' });
});

test('a store under a file (ENOTDIR): said not to exist because of that file, with that code, not a bare system error', async () => {
  const cwd = scratchDir('zvc-history-main-');
  writeFileSync(join(cwd, 'plain'), 'x');
  const store = join(cwd, 'plain', 'history.jsonl');
  // Not "a run with --history creates it": a run refuses to append there (a part of its folder is a file).
  expect(await refusal(store, cwd)).toMatchObject({ message: `history store ${store} does not exist: a part of its path is a file, not a folder (ENOTDIR)`, path: store, code: 'ENOTDIR' });
});

(modesRefuse ? test : test.skip)('a store under a folder without search permission (a real EACCES, as a user the modes refuse): a history store line with EACCES, not "does not exist", not a bare system error', () => {
  const cwd = unprivilegedScratch('zvc-history-main-eacces-');
  try {
    mkdirSync(join(cwd, 'locked'));
    const store = join(cwd, 'locked', 'history.jsonl');
    writeFileSync(store, '');
    chmodSync(join(cwd, 'locked'), 0o600);
    const call = `${requireBuilt('cli/history-main.js')}.historyCommand(['--history', ${JSON.stringify(store)}], {}, ${JSON.stringify(cwd)})`;
    expect(refusalAsUnprivileged(call, cwd)).toEqual({ name: 'UsageError', message: `history store ${store}: permission denied`, path: store, code: 'EACCES', exitCode: 2 });
  } finally {
    removeUnprivilegedScratch(cwd);
  }
});

// The store's path is the user's, but these lines go to a terminal and a CI log as a run's history
// lines do (run-history.ts shownFile): a newline or a bidi override in a folder name is shown escaped.
test('"holds no runs yet" and "pruned" quote a store path holding a newline, an escape and a bidi override escaped', async () => {
  const cwd = scratchDir('zvc-history-main-inert-');
  const dir = join(cwd, 'a\npruned x: \u001b[2Jforged \u202eevil');
  mkdirSync(dir);
  const store = join(dir, 'history.jsonl');
  writeFileSync(store, '');
  const shown = join(cwd, 'a\\npruned x: \\u001b[2Jforged \\u202eevil', 'history.jsonl');
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    expect(await historyCommand(['--history', store], {}, cwd)).toBe(0);
    expect(await historyCommand(['--history', store, '--prune-keep', '1'], {}, cwd)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  expect(written[0]).toBe(`${shown} holds no runs yet\n`);
  expect(written[1]).toMatch(new RegExp(`^pruned ${shown.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}: removed`));
  expect(written.join('')).not.toMatch(/[\u001b\u202e]/u);
  expect(written.join('').split('\n')).toHaveLength(3);
});
