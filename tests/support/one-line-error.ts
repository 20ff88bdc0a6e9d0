/** How every CLI of the project fails: one line on stderr saying what and where, never a stack trace. */

/** Exactly one line on stderr (a trailing newline allowed), matching `pattern`, and no stack frame anywhere. */
export function expectOneLineError(stderr: string, pattern: RegExp): void {
  expect(stderr.replace(/\n$/, '').split('\n')).toEqual([expect.stringMatching(pattern)]);
  expect(stderr).not.toMatch(/^\s+at /m);
}
