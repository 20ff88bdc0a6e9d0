/**
 * asFileSystemError: which rejections become a FileSystemError. Only Node's own refusal of a file
 * (no class of the suite's): an error the run already classed keeps its class and exit code, even
 * when its `code` is one a file system also gives (a firewall's `connect EPERM`, a socket's EACCES).
 */
import { asFileSystemError } from '../../src/library/file-system-rejection';
import { FileSystemError, UnreachableError, UsageError } from '../../src/model/errors';

test('a raw refusal of the disk becomes a FileSystemError with its message, code and path', () => {
  const raw = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: '/r/conformance.json' });
  expect(asFileSystemError(raw)).toMatchObject({ name: 'FileSystemError', exitCode: 2, code: 'ENOSPC', path: '/r/conformance.json', message: raw.message });
  expect(asFileSystemError(raw)).toBeInstanceOf(FileSystemError);
});

test('an unreachable target whose connect failed with EPERM or EACCES stays an UnreachableError (exit 3)', () => {
  for (const code of ['EPERM', 'EACCES']) {
    const unreachable = new UnreachableError(`target http://10.0.0.1:8080 is unreachable (other: ${code}: connect ${code} 10.0.0.1:8080)`, code);
    expect(asFileSystemError(unreachable)).toBe(unreachable);
  }
});

test('any other class of the suite carrying such a code is left as it is', () => {
  const usage = Object.assign(new UsageError('a setting refused'), { code: 'EACCES' });
  expect(asFileSystemError(usage)).toBe(usage);
});

test('a refused rename names the file it was to replace (dest), as the NOT RUN line does, not the temp file', () => {
  const renamed = Object.assign(new Error("EPERM: operation not permitted, rename '/r/.summary.md.1.ab.tmp' -> '/r/summary.md'"), { code: 'EPERM', path: '/r/.summary.md.1.ab.tmp', dest: '/r/summary.md' });
  expect(asFileSystemError(renamed)).toMatchObject({ name: 'FileSystemError', code: 'EPERM', path: '/r/summary.md' });
});
