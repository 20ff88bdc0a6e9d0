/** What a synchronous call that must refuse its input threw, for tests that assert the refusal's words. */
import { ConformanceError, UsageError } from '../../src/model/errors';

/**
 * The message `run` threw, which must be a `kind`; `returned` fails the test when it returned
 * instead (the input was taken where it should have been refused).
 */
export function thrownMessage(run: () => unknown, kind: abstract new (...args: never[]) => Error, returned: string): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return (error as Error).message;
  }
  throw new Error(returned);
}

/**
 * Each named mistake in a test (a matcher's misuse) throws the library's UsageError, a
 * ConformanceError of exit code 2, its message led by `prefix` (the matcher's name): the name
 * in the first assertion says which mistake did not.
 */
export function expectUsageMistakes(mistakes: readonly (readonly [string, () => void])[], prefix: RegExp): void {
  for (const [what, mistake] of mistakes) {
    let thrown: unknown;
    try {
      mistake();
    } catch (error) {
      thrown = error;
    }
    expect([what, thrown instanceof UsageError, thrown instanceof ConformanceError]).toEqual([what, true, true]);
    expect(thrown).toMatchObject({ name: 'UsageError', exitCode: 2 });
    expect((thrown as Error).message).toMatch(prefix);
  }
}
