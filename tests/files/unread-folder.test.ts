/** A folder to read that the file system refused, in words: "not found" only for a path that is not there. */
import { unreadFolder, unreadFolderReason } from '../../src/files/unread-folder';

const refusal = (code?: string): Error => Object.assign(new Error(`${code ?? 'no code'}: refused`), code === undefined ? {} : { code });

test.each([
  ['ENOENT', 'no such folder'],
  ['ENOTDIR', 'no such folder: a part of its path is a file, not a folder (ENOTDIR)'],
  ['EACCES', 'cannot be read: permission denied (EACCES)'],
  ['EPERM', 'cannot be read: permission denied (EPERM)'],
  ['EIO', 'cannot be read (EIO)'],
])('%s: %s', (code, said) => {
  expect(unreadFolderReason(refusal(code), 'no such folder')).toBe(said);
});

test('an error without a system code is said to have none, not as a folder not found', () => {
  expect(unreadFolderReason(refusal(), 'not found')).toBe('cannot be read (no system error code)');
});

test("the reason comes with the file system's code, for the error's `code`; none when the error has none", () => {
  expect(unreadFolder(refusal('EACCES'), 'no such folder')).toEqual({ reason: 'cannot be read: permission denied (EACCES)', code: 'EACCES' });
  expect(unreadFolder(refusal(), 'not found')).toEqual({ reason: 'cannot be read (no system error code)' });
});
