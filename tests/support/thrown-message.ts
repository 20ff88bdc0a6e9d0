/** What a synchronous call that must refuse its input threw, for tests that assert the refusal's words. */

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
